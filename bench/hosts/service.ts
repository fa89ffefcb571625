// Our service in a process of its own, as `thena-hubspot serve` runs it (HTTP server and embedded
// worker), plus what a benchmark needs: engine options (JSON in BENCH_ENGINE), a count of HubSpot
// calls as the caller saw them, and a CPU profile taken on demand with the inspector.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { readConfig } from '../../src/config.ts';
import { createLogger } from '../../src/logging.ts';
import { createServer, openRuntime, startWorker } from '../../src/main.ts';
import type { EngineOptions } from '../../src/sync/engine/context.ts';
import { serveRpc } from '../lib/rpc.ts';

const config = readConfig(process.env);
const engine = JSON.parse(process.env.BENCH_ENGINE ?? '{}') as Partial<EngineOptions>;
const calls: Record<string, number> = {};
const runtime = await openRuntime(config, {
  logger: createLogger({ level: config.logLevel, destination: process.stderr }),
  engine,
  onHubSpotCall: (report) => {
    const key = `${report.operation} ${report.status}`;
    calls[key] = (calls[key] ?? 0) + 1;
  },
});
// Diagnostics only (never in reported runs): BENCH_SKIP_JOBS=kind,kind turns those jobs into
// no-ops, to measure what they cost the rest of the engine.
for (const kind of (process.env.BENCH_SKIP_JOBS ?? '').split(',').filter(Boolean)) {
  runtime.handlers[kind] = async () => undefined;
}
const server = await createServer(runtime);
await server.listen({ host: config.host, port: config.port });
const worker = config.embeddedWorker ? startWorker(runtime) : undefined;

let profiler: Session | undefined;

const handlers = {
  hubspotCalls: () => ({ ...calls }),
  memory: () => process.memoryUsage(),
  async profileStart(samplingIntervalUs = 1000) {
    profiler = new Session();
    profiler.connect();
    await profiler.post('Profiler.enable');
    await profiler.post('Profiler.setSamplingInterval', { interval: samplingIntervalUs });
    await profiler.post('Profiler.start');
  },
  async profileStop(path: string) {
    if (profiler === undefined) throw new Error('no profile running');
    const { profile } = await profiler.post('Profiler.stop');
    writeFileSync(path, JSON.stringify(profile));
    profiler.disconnect();
    profiler = undefined;
  },
};

const stop = (): void => {
  void (async () => {
    await server.close();
    await worker?.stop(2_000);
    await runtime.close();
    process.exit(0);
  })();
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);

export type ServiceHost = typeof handlers;
serveRpc(handlers, { url: `http://${config.host}:${config.port}` });
