// 8. Queue throughput: no-op jobs per second drained by one and by two worker processes (each runs
// 8 jobs at a time), on SQLite and PostgreSQL. Jobs are enqueued while the workers already poll.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { openConnection, type DialectName, type StoreTarget } from '../../src/store/dialect.ts';
import { migrateToLatest } from '../../src/store/migrate.ts';
import { Queue } from '../../src/queue/queue.ts';
import { systemClock } from '../../src/sync/clock.ts';
import { ROOT } from '../lib/processes.ts';
import { info } from '../lib/report.ts';
import { freshDatabase } from '../lib/stack.ts';
import { sizeOf, type Scenario } from './types.ts';

const NAME = 'queue';
const SCRIPT = join(ROOT, 'test/helpers/queue-worker-process.ts');

function startWorker(target: StoreTarget, id: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT], {
    cwd: ROOT,
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

async function measure(dialect: DialectName, workers: number, jobs: number): Promise<number> {
  const { target, cleanup } = await freshDatabase(dialect);
  const connection = openConnection(target);
  await migrateToLatest(connection);
  const queue = new Queue(connection.db, { clock: systemClock, capabilities: connection.capabilities });
  const children = await Promise.all(Array.from({ length: workers }, (_, i) => startWorker(target, `w${i}`)));
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

export const queue: Scenario = {
  name: NAME,
  summary: 'no-op jobs/s drained by 1 and 2 worker processes, SQLite and PostgreSQL',
  async run(ctx) {
    const jobs = sizeOf(ctx, 5_000, 1_000);
    const figures = [];
    for (const dialect of ['sqlite', 'postgres'] as const) {
      for (const workers of [1, 2]) {
        const perSecond = await measure(dialect, workers, jobs);
        figures.push(
          info(NAME, `${dialect}, ${workers} worker${workers > 1 ? 's' : ''}`, perSecond, 'jobs/s'),
        );
      }
    }
    return { settings: { jobs, concurrencyPerWorker: 8 }, figures };
  },
};
