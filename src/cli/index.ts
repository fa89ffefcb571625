// `thena-hubspot <command>`: the product's command line (npm scripts run it in the checkout).
import { pino } from 'pino';
import {
  ConfigError,
  loadDotEnv,
  isUnconfigured,
  productionProblems,
  readConfig,
  type Config,
} from '../config.ts';
import { runDemo } from './demo.ts';
import type { Runtime } from '../main.ts';
import { ADMIN_COMMANDS, isHelp, runAdminCommand } from './admin.ts';
import { consoleIo } from './io.ts';

const USAGE = `Usage: thena-hubspot <command>

Commands:
  start     the production service when configured, otherwise the demo
  demo      the demo: local HubSpot and Thena emulators, the service on SQLite, a signed-in page
  serve     the HTTP service (with embedded workers unless EMBEDDED_WORKER=false)
  worker    a job worker only (several may share one PostgreSQL database)
  migrate   apply database migrations and exit
${Object.entries(ADMIN_COMMANDS)
  .map(([name, command]) => `  ${name.padEnd(8)}  ${command.summary}`)
  .join('\n')}

\`thena-hubspot <command> --help\` tells more about a command.
`;

type Command = (config: Config, args: string[]) => Promise<void>;

// Loaded when a command needs it: the whole service takes seconds to load, --help should not.
const loadMain = () => import('../main.ts');

function onShutdown(stop: () => Promise<void>): void {
  let stopping = false;
  const handler = (signal: string): void => {
    if (stopping) {
      // A second signal while the graceful stop hangs: leave now (held jobs return after their lease).
      console.error(`${signal} received again: exiting without waiting`);
      process.exit(1);
    }
    stopping = true;
    console.error(`${signal} received: shutting down`);
    stop()
      .then(() => process.exit(0))
      .catch((err: unknown) => {
        console.error(err);
        process.exit(1);
      });
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
}

const migrate: Command = async (config) => {
  const { openRuntime } = await loadMain();
  const runtime = await openRuntime(config);
  await runtime.close();
  console.log('Database is up to date.');
};

async function serveRuntime(runtime: Runtime): Promise<void> {
  const { config } = runtime;
  const { createServer, startWorker } = await loadMain();
  const server = await createServer(runtime);
  const worker = config.embeddedWorker ? startWorker(runtime) : undefined;
  const address = await server.listen({ host: config.host, port: config.port });
  runtime.logger.info({ address, embeddedWorker: worker !== undefined }, 'thena-hubspot is listening');
  onShutdown(async () => {
    await server.close();
    await worker?.stop();
    await runtime.close();
  });
}

const serve: Command = async (config) => {
  const { openRuntime } = await loadMain();
  await serveRuntime(await openRuntime(config));
};

const worker: Command = async (config) => {
  const { openRuntime, startWorker } = await loadMain();
  const runtime = await openRuntime(config);
  const running = startWorker(runtime);
  runtime.logger.info({ worker: running.id }, 'worker started');
  onShutdown(async () => {
    await running.stop();
    await runtime.close();
  });
};

/** The operator's commands: the database directly, logs only for warnings (on stderr). */
const admin =
  (name: string): Command =>
  async (config, args) => {
    const { openRuntime } = await loadMain();
    const runtime = await openRuntime(config, { logger: pino({ level: 'warn' }, pino.destination(2)) });
    let code: number;
    try {
      code = await runAdminCommand(runtime.services.api, name, args, consoleIo);
    } finally {
      await runtime.close();
    }
    process.exit(code);
  };

const demo: Command = async (config) => runDemo(config, onShutdown);

/** The production service when it is configured; with nothing configured, the demo. */
const start: Command = async (config, args) => {
  const missing = productionProblems(config);
  if (isUnconfigured()) return demo(config, args);
  if (missing.length > 0) {
    console.error(
      `Not configured for production; set these (or none of them, for the demo):\n  ${missing.join('\n  ')}`,
    );
    process.exit(2);
  }
  return serve(config, args);
};

const commands: Record<string, Command> = {
  migrate,
  serve,
  worker,
  start,
  demo,
  ...Object.fromEntries(Object.keys(ADMIN_COMMANDS).map((name) => [name, admin(name)])),
};

async function main(argv: string[]): Promise<void> {
  const [name, ...args] = argv;
  const command = name === undefined ? undefined : commands[name];
  if (command === undefined) {
    console.error(USAGE);
    process.exit(name === undefined || name === 'help' || name === '--help' ? 0 : 2);
  }
  const help = name === undefined ? undefined : ADMIN_COMMANDS[name]?.help;
  if (help !== undefined && isHelp(args)) {
    console.log(help);
    process.exit(0);
  }
  loadDotEnv();
  let config: Config;
  try {
    config = readConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  await command(config, args);
}

main(process.argv.slice(2)).catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
