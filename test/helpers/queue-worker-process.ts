// A worker in its own process, for the queue's multi-process and crash tests (and its benchmark). It records each
// run of a job in the `job_effects` table, so the parent can tell what ran, where and how often.
import { sql } from 'kysely';
import { openConnection, type StoreTarget } from '../../src/store/dialect.ts';
import { Queue } from '../../src/queue/queue.ts';
import { Worker } from '../../src/queue/worker.ts';
import { systemClock } from '../../src/sync/clock.ts';

const target = JSON.parse(process.env.QUEUE_TEST_TARGET ?? '') as StoreTarget;
const workerId = process.env.QUEUE_TEST_WORKER ?? `p${process.pid}`;
const leaseMs = Number(process.env.QUEUE_TEST_LEASE_MS ?? 30_000);
const concurrency = Number(process.env.QUEUE_TEST_CONCURRENCY ?? 4);

const connection = openConnection(target);
const queue = new Queue(connection.db, { clock: systemClock, capabilities: connection.capabilities });

async function record(jobId: number, event: string): Promise<void> {
  await sql`insert into job_effects (job_id, worker_id, event) values (${jobId}, ${workerId}, ${event})`.execute(
    connection.db,
  );
}

const worker = new Worker(
  queue,
  {
    noop: async () => undefined,
    effect: async (_payload, { job }) => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      await record(job.id, 'ran');
    },
    // Hangs on its first attempt (until the process is killed), finishes on the next.
    slow: async (_payload, { job }) => {
      await record(job.id, `started:${job.attempts}`);
      if (job.attempts === 1) await new Promise(() => undefined);
      await record(job.id, 'finished');
    },
  },
  { id: workerId, concurrency, leaseMs, pollIntervalMs: 20, maintenanceIntervalMs: 100 },
);

worker.start();
process.stdout.write('ready\n');
process.on('SIGTERM', () => {
  void worker
    .stop(5_000)
    .then(() => connection.close())
    .then(() => process.exit(0));
});
