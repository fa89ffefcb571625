// `sync --org <org> --object <object> [--wait]`: starts a full sync; with --wait, a progress bar
// until the run ends (exit code 0 when it succeeded, 1 otherwise).
import type { RunView } from '../../sync/app/api-views.ts';
import { HELP, OBJECTS, oneOf, parseOptions, required, type OptionSpec } from '../args.ts';
import type { AdminCommand, CommandContext } from '../command.ts';
import { progressLine, summaryLine } from '../progress.ts';

const options: OptionSpec = {
  ...HELP,
  org: { type: 'string' },
  object: { type: 'string' },
  wait: { type: 'boolean' },
};

const FINISHED = new Set(['succeeded', 'failed', 'cancelled']);
/** After this long still queued, say that a worker must be running. */
const WORKER_HINT_AFTER_MS = 10_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function follow({ api, io, pollMs }: CommandContext, org: string, runId: string): Promise<RunView> {
  const startedAt = Date.now();
  let hinted = false;
  let lastLine = '';
  let lastPrinted = 0;
  for (;;) {
    const run = await api.sync.run(org, runId);
    if (FINISHED.has(run.state)) {
      if (io.status !== undefined) io.status(`${progressLine(run)}\n`);
      return run;
    }
    const line = progressLine(run);
    if (io.status !== undefined) io.status(line);
    else if (line !== lastLine && Date.now() - lastPrinted >= 2_000) {
      // Not a terminal (a log, a CI job): a line now and then instead of a redrawn bar.
      io.err(line);
      lastPrinted = Date.now();
    }
    lastLine = line;
    if (!hinted && run.state === 'queued' && Date.now() - startedAt > WORKER_HINT_AFTER_MS) {
      hinted = true;
      io.err('\nThe run is still queued: is a server (`thena-hubspot serve`) or a worker running?');
    }
    await sleep(pollMs);
  }
}

export const sync: AdminCommand = {
  summary: 'start a full sync of one object (--wait: follow it to the end)',
  help: `Usage: thena-hubspot sync --org <org> --object contacts|companies [--wait]

Starts a full HubSpot -> Thena sync of the object (or joins the one already running) and prints
its run id. With --wait, shows a progress bar on stderr until the run ends; the exit code is 0
when it succeeded and 1 when it failed or was cancelled. The run itself is done by the service's
workers (\`serve\` or \`worker\`), which must be running.`,
  options,
  async run(context) {
    const { values } = parseOptions(context.args, options);
    const org = required(values, 'org');
    const object = oneOf(required(values, 'object'), 'object', OBJECTS)!;
    const { runId } = await context.api.sync.start(org, object);
    context.io.out(runId);
    if (values.wait !== true) return 0;
    const run = await follow(context, org, runId);
    context.io.err(summaryLine(run));
    return run.state === 'succeeded' ? 0 : 1;
  },
};
