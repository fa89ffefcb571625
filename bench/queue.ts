// Queue throughput: jobs per second drained by one and by two worker processes, on SQLite and
// (when BENCH_POSTGRES_URL or TEST_POSTGRES_URL is set) PostgreSQL. Figures from one run.
import { spawn, type ChildProcess } from 'node:child_process';
import { createTestTarget } from '../test/helpers/db.ts';
import { openConnection, type DialectName, type StoreTarget } from '../src/store/dialect.ts';
import { migrateToLatest } from '../src/store/migrate.ts';
import { Queue } from '../src/queue/queue.ts';
import { systemClock } from '../src/sync/clock.ts';

const SCRIPT = new URL('../test/helpers/queue-worker-process.ts', import.meta.url).pathname;
const jobs = Number(process.argv.find((a) => a.startsWith('--size='))?.slice(7) ?? 5000);
const postgresUrl = process.env.BENCH_POSTGRES_URL ?? process.env.TEST_POSTGRES_URL;
if (postgresUrl) process.env.TEST_POSTGRES_URL = postgresUrl;

function startWorker(target: StoreTarget, id: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT], {
    env: {
      ...process.env,
      QUEUE_TEST_TARGET: JSON.stringify(target),
      QUEUE_TEST_WORKER: id,
      QUEUE_TEST_CONCURRENCY: '8',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve) =>
    child.stdout?.on('data', (d: Buffer) => d.toString().includes('ready') && resolve(child)),
  );
}

async function measure(dialect: DialectName, workers: number): Promise<number> {
  const { target, cleanup } = await createTestTarget(dialect);
  const connection = openConnection(target);
  await migrateToLatest(connection);
  const queue = new Queue(connection.db, { clock: systemClock, capabilities: connection.capabilities });
  const children = await Promise.all(Array.from({ length: workers }, (_, i) => startWorker(target, `w${i}`)));
  // Jobs are enqueued while the workers already poll: the clock starts with the first job.
  const started = performance.now();
  await connection.db.transaction().execute(async (trx) => {
    for (let i = 0; i < jobs; i++) await queue.enqueue({ kind: 'noop', payload: i }, trx);
  });
  for (;;) {
    const row = await connection.db
      .selectFrom('jobs')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('state', '=', 'completed')
      .executeTakeFirstOrThrow();
    if (Number(row.n) === jobs) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  const seconds = (performance.now() - started) / 1000;
  for (const child of children) child.kill('SIGKILL');
  await connection.close();
  await cleanup();
  return jobs / seconds;
}

const dialects: DialectName[] = postgresUrl ? ['sqlite', 'postgres'] : ['sqlite'];
const rows: { dialect: string; workers: number; jobsPerSecond: number }[] = [];
for (const dialect of dialects) {
  for (const workers of [1, 2]) {
    rows.push({ dialect, workers, jobsPerSecond: Math.round(await measure(dialect, workers)) });
  }
}
console.log(`queue throughput, ${jobs} no-op jobs, each worker process runs 8 at a time`);
console.table(rows);
if (!postgresUrl) console.log('PostgreSQL not measured: set BENCH_POSTGRES_URL or TEST_POSTGRES_URL.');
