// The soak (`npm run soak -- --minutes 10`): the service runs as its own process (as deployed) on
// both emulators, a seeded portal backfilled, then users change records on both sides at a steady
// rate for the whole run: edits, creates, company and account edits. Every few seconds the soak
// samples the service's memory (after a full GC, from a probe preloaded into it), the queue depth,
// the inbox backlog and the tables' sizes. At the end it lets the service catch up and checks:
//   - consistency: HubSpot and Thena hold the same records, linked one to one, values equal, and
//     every change made during the run is on both sides (test/faults/consistency.ts);
//   - flat memory: the post-GC heap and the RSS do not grow, as a least-squares slope over the run
//     after a warm-up, within the thresholds printed;
//   - no growing queue: runnable jobs and unprocessed inbox items do not grow, and are none at all
//     once the changes stop.
// It prints a summary and exits non-zero when any of that fails.
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { writeCounts, settle } from '../helpers/settle.ts';
import { checkConsistency } from '../faults/consistency.ts';
import { Changes } from '../faults/scenario.ts';
import { startService } from '../faults/service.ts';

const { values: args } = parseArgs({
  options: {
    minutes: { type: 'string', default: '10' },
    rate: { type: 'string', default: '4' },
    contacts: { type: 'string', default: '2000' },
    companies: { type: 'string', default: '200' },
    postgres: { type: 'boolean', default: false },
    'sample-seconds': { type: 'string', default: '5' },
  },
});

const MINUTES = Number(args.minutes);
const RATE = Number(args.rate);
const SAMPLE_MS = Number(args['sample-seconds']) * 1000;
/** The first part of the change phase is warm-up (caches, JIT, pools): not in the slopes. */
const WARM_UP = Math.min(120_000, (MINUTES * 60_000) / 5);

/** Growth allowed after the warm-up, per minute. */
const LIMITS = {
  heapMBPerMin: 1,
  rssMBPerMin: 2,
  pendingJobsPerMin: 2,
  inboxBacklogPerMin: 5,
  /** Runnable jobs waiting at any sample (a backlog the workers never catch up with). */
  maxPendingJobs: 200,
};

interface Sample {
  at: number;
  heapUsed: number;
  rss: number;
  pending: number;
  active: number;
  oldestPendingMs: number;
  inbox: number;
  jobRows: number;
  auditRows: number;
  links: number;
}

const MB = 1024 * 1024;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const log = (message: string) => console.log(`[soak ${new Date().toISOString().slice(11, 19)}] ${message}`);

/** Least-squares slope of y over x, per minute of x (x in ms). */
function slopePerMinute(points: { x: number; y: number }[]): number {
  if (points.length < 2) return 0;
  const n = points.length;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  const sxx = points.reduce((s, p) => s + (p.x - mx) ** 2, 0);
  const sxy = points.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0);
  return sxx === 0 ? 0 : (sxy / sxx) * 60_000;
}

async function main(): Promise<number> {
  if (![MINUTES, RATE, SAMPLE_MS].every((v) => Number.isFinite(v) && v > 0)) {
    console.error(
      'usage: npm run soak -- [--minutes 10] [--rate 4] [--contacts 2000] [--companies 200] [--postgres]',
    );
    return 2;
  }
  if (args.postgres && !process.env.TEST_POSTGRES_URL) {
    console.error('--postgres needs TEST_POSTGRES_URL (e.g. postgres://postgres@127.0.0.1:5432/test)');
    return 2;
  }
  let memory: { at: number; heapUsed: number; rss: number } | undefined;
  log(
    `starting: ${MINUTES} min at ${RATE} changes/s on ${args.postgres ? 'PostgreSQL' : 'SQLite'}, ` +
      `portal of ${args.contacts} contacts and ${args.companies} companies`,
  );
  const service = await startService({
    dialect: args.postgres ? 'postgres' : 'sqlite',
    seed: { contacts: Number(args.contacts), companies: Number(args.companies) },
    nodeArgs: ['--expose-gc', '--import', fileURLToPath(new URL('./memory-probe.ts', import.meta.url))],
    env: { SOAK_SAMPLE_MS: '2000' },
    onMessage: (message) => {
      const m = message as { kind?: string; at: number; heapUsed: number; rss: number };
      if (m.kind === 'memory') memory = { at: m.at, heapUsed: m.heapUsed, rss: m.rss };
    },
  });
  try {
    const { stack, observer, scenario } = service;
    const db = observer.store.db;
    const count = async (table: 'jobs' | 'audit_log' | 'record_links') =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const sample = async (): Promise<Sample> => {
      const depth = await observer.queue.depth();
      const due = await db
        .selectFrom('jobs')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('state', '=', 'pending')
        .where('run_at', '<=', Date.now())
        .executeTakeFirstOrThrow();
      const inbox = await db
        .selectFrom('webhook_inbox')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('processed_at', 'is', null)
        .executeTakeFirstOrThrow();
      return {
        at: Date.now(),
        heapUsed: memory?.heapUsed ?? 0,
        rss: memory?.rss ?? 0,
        pending: Number(due.n),
        active: depth.byState.active ?? 0,
        oldestPendingMs: depth.oldestPendingAgeMs,
        inbox: Number(inbox.n),
        jobRows: await count('jobs'),
        auditRows: await count('audit_log'),
        links: await count('record_links'),
      };
    };

    const backfillStart = Date.now();
    await settle(stack, 20 * 60_000);
    log(
      `backfill done in ${((Date.now() - backfillStart) / 1000).toFixed(1)} s (${await count('record_links')} links)`,
    );
    const changes = await new Changes(scenario, 2026).prepare();
    const writesBefore = writeCounts(stack);

    // The change phase: one change every 1/RATE s, on schedule (no drift), sampling as it goes.
    const samples: Sample[] = [];
    const start = Date.now();
    const end = start + MINUTES * 60_000;
    let made = 0;
    let failedChanges = 0;
    let nextSample = start;
    let nextReport = start + 60_000;
    while (Date.now() < end) {
      const due = start + (made + failedChanges) * (1000 / RATE);
      if (Date.now() >= due) {
        try {
          changes.one();
          made++;
        } catch (err) {
          failedChanges++;
          if (failedChanges <= 5) log(`a change could not be made: ${(err as Error).message}`);
        }
        continue;
      }
      if (Date.now() >= nextSample) {
        samples.push(await sample());
        nextSample += SAMPLE_MS;
      }
      if (Date.now() >= nextReport) {
        const last = samples.at(-1)!;
        log(
          `${Math.round((Date.now() - start) / 60_000)} min: ${made} changes, heap ${(last.heapUsed / MB).toFixed(1)} MB, ` +
            `rss ${(last.rss / MB).toFixed(1)} MB, runnable jobs ${last.pending}, inbox backlog ${last.inbox}`,
        );
        nextReport += 60_000;
      }
      await sleep(Math.max(1, Math.min(due, nextSample) - Date.now()));
    }
    log(`changes stopped (${made} made, ${failedChanges} could not be made); letting the service catch up`);
    const caughtUp = Date.now();
    await settle(stack, 10 * 60_000);
    const catchUpMs = Date.now() - caughtUp;
    const final = await sample();
    const writes = writeCounts(stack);
    const report = await checkConsistency(stack, scenario);
    const lost = await changes.unlanded();

    // Figures.
    const steady = samples.filter((s) => s.at - start >= WARM_UP && s.heapUsed > 0);
    const series = (pick: (s: Sample) => number) => steady.map((s) => ({ x: s.at, y: pick(s) }));
    const figures = {
      heapMBPerMin: slopePerMinute(series((s) => s.heapUsed / MB)),
      rssMBPerMin: slopePerMinute(series((s) => s.rss / MB)),
      pendingJobsPerMin: slopePerMinute(series((s) => s.pending)),
      inboxBacklogPerMin: slopePerMinute(series((s) => s.inbox)),
      jobRowsPerMin: slopePerMinute(series((s) => s.jobRows)),
      auditRowsPerMin: slopePerMinute(series((s) => s.auditRows)),
    };
    const maxPending = Math.max(...samples.map((s) => s.pending));
    const maxInbox = Math.max(...samples.map((s) => s.inbox));
    const maxOldest = Math.max(...samples.map((s) => s.oldestPendingMs));
    const first = steady[0];
    const last = steady.at(-1);

    const failures: string[] = [];
    if (report.problems.length > 0) failures.push(`${report.problems.length} consistency problems`);
    if (lost.length > 0) failures.push(`${lost.length} changes lost or reverted`);
    if (steady.length < 5) failures.push('too few memory samples after the warm-up to judge growth');
    if (figures.heapMBPerMin > LIMITS.heapMBPerMin) failures.push('heap grows');
    if (figures.rssMBPerMin > LIMITS.rssMBPerMin) failures.push('RSS grows');
    if (figures.pendingJobsPerMin > LIMITS.pendingJobsPerMin) failures.push('runnable jobs pile up');
    if (figures.inboxBacklogPerMin > LIMITS.inboxBacklogPerMin) failures.push('the inbox backlog grows');
    if (maxPending > LIMITS.maxPendingJobs) failures.push(`${maxPending} runnable jobs waited at once`);
    if (final.pending > 0 || final.inbox > 0) failures.push('work left after catching up');

    const row = (name: string, value: string, limit = '') =>
      console.log(`  ${name.padEnd(44)} ${value.padStart(14)}  ${limit}`);
    console.log('\nSoak summary');
    row('duration of the change phase', `${MINUTES} min`);
    row('changes made (rate)', `${made} (${(made / (MINUTES * 60)).toFixed(2)}/s)`);
    row('  by side: HubSpot / Thena', `${changes.made.hubspot} / ${changes.made.thena}`);
    row(
      'writes: to HubSpot / to Thena',
      `${writes.hubspot - writesBefore.hubspot} / ${writes.thena - writesBefore.thena}`,
    );
    row('catch-up after the changes stopped', `${(catchUpMs / 1000).toFixed(1)} s`);
    row('records checked: contacts / companies', `${report.contacts} / ${report.companies}`);
    row('links / values compared', `${report.links} / ${report.values}`);
    row('changes checked on both sides', String(changes.expectations));
    row('consistency problems', String(report.problems.length), '(must be 0)');
    row('changes lost or reverted', String(lost.length), '(must be 0)');
    row('samples (every s) / after warm-up', `${samples.length} (${SAMPLE_MS / 1000}) / ${steady.length}`);
    row(
      'heap after GC: first -> last (MB)',
      first && last ? `${(first.heapUsed / MB).toFixed(1)} -> ${(last.heapUsed / MB).toFixed(1)}` : '-',
    );
    row('heap slope (MB/min)', figures.heapMBPerMin.toFixed(3), `(limit ${LIMITS.heapMBPerMin})`);
    row(
      'RSS: first -> last (MB)',
      first && last ? `${(first.rss / MB).toFixed(1)} -> ${(last.rss / MB).toFixed(1)}` : '-',
    );
    row('RSS slope (MB/min)', figures.rssMBPerMin.toFixed(3), `(limit ${LIMITS.rssMBPerMin})`);
    row(
      'runnable jobs: max / slope per min',
      `${maxPending} / ${figures.pendingJobsPerMin.toFixed(3)}`,
      `(limits ${LIMITS.maxPendingJobs} / ${LIMITS.pendingJobsPerMin})`,
    );
    row('oldest runnable job, max wait', `${(maxOldest / 1000).toFixed(1)} s`);
    row(
      'inbox backlog: max / slope per min',
      `${maxInbox} / ${figures.inboxBacklogPerMin.toFixed(3)}`,
      `(limit ${LIMITS.inboxBacklogPerMin}/min)`,
    );
    row('after catching up: runnable jobs / inbox', `${final.pending} / ${final.inbox}`, '(must be 0 / 0)');
    row(
      'jobs table rows (slope per min)',
      `${final.jobRows} (${figures.jobRowsPerMin.toFixed(1)})`,
      '(finished jobs kept)',
    );
    row('audit rows (slope per min)', `${final.auditRows} (${figures.auditRowsPerMin.toFixed(1)})`);
    for (const problem of [...report.problems, ...lost].slice(0, 20)) console.log(`  ! ${problem}`);
    console.log(failures.length === 0 ? '\nPASS' : `\nFAIL: ${failures.join('; ')}`);
    return failures.length === 0 ? 0 : 1;
  } finally {
    await service.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
