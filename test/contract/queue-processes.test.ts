// Workers in separate processes sharing one database: thousands of jobs drained with none lost
// and none run twice, and a worker killed with SIGKILL whose job runs again after its lease.
import { spawn, type ChildProcess } from 'node:child_process';
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS, openTestDatabase, type TestDatabase } from '../helpers/db.ts';

const SCRIPT = new URL('../helpers/queue-worker-process.ts', import.meta.url).pathname;
const JOBS = 2000;

describe.each(DIALECTS)('queue workers in separate processes on %s', (dialect) => {
  let t: TestDatabase;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    t = await openTestDatabase(dialect);
    await sql`create table job_effects (job_id bigint not null, worker_id text not null, event text not null)`.execute(
      t.connection.db,
    );
  });
  beforeEach(async () => {
    await sql`delete from job_effects`.execute(t.connection.db);
    await t.connection.db.deleteFrom('jobs').execute();
  });
  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    await t.close();
  });

  function startWorker(id: string, env: Record<string, string> = {}): Promise<ChildProcess> {
    const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT], {
      env: {
        ...process.env,
        QUEUE_TEST_TARGET: JSON.stringify(t.target),
        QUEUE_TEST_WORKER: id,
        ...env,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    children.push(child);
    return new Promise((resolve, reject) => {
      child.stdout?.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('ready')) resolve(child);
      });
      child.once('exit', (code) => reject(new Error(`worker ${id} exited early with ${code}`)));
    });
  }

  async function stopWorker(child: ChildProcess): Promise<void> {
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }

  async function effects(): Promise<{ job_id: number; worker_id: string; event: string }[]> {
    const result = await sql<{
      job_id: number;
      worker_id: string;
      event: string;
    }>`select job_id, worker_id, event from job_effects order by job_id`.execute(t.connection.db);
    return result.rows.map((r) => ({ ...r, job_id: Number(r.job_id) }));
  }

  async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
    const end = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > end) throw new Error('condition not met in time');
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async function countState(state: string): Promise<number> {
    const row = await t.connection.db
      .selectFrom('jobs')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('state', '=', state)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  it(`drains ${JOBS} jobs with two workers: each job runs exactly once`, async () => {
    const workers = await Promise.all([startWorker('p1'), startWorker('p2')]);
    await t.store.transaction(async (tx) => {
      for (let i = 0; i < JOBS; i++) await t.queue.enqueue({ kind: 'effect', payload: i }, tx.db);
    });
    await waitFor(async () => (await countState('completed')) === JOBS, 90_000);
    await Promise.all(workers.map(stopWorker));

    const ran = await effects();
    expect(ran).toHaveLength(JOBS);
    expect(new Set(ran.map((e) => e.job_id)).size).toBe(JOBS);
    const byWorker = new Map<string, number>();
    for (const e of ran) byWorker.set(e.worker_id, (byWorker.get(e.worker_id) ?? 0) + 1);
    expect([...byWorker.keys()].sort()).toEqual(['p1', 'p2']);
    expect(await countState('pending')).toBe(0);
    expect(await countState('active')).toBe(0);
  }, 120_000);

  it('runs again, after its lease, the job of a worker killed with SIGKILL', async () => {
    const { id } = await t.queue.enqueue({ kind: 'slow' });
    const doomed = await startWorker('doomed', { QUEUE_TEST_LEASE_MS: '1000' });
    await waitFor(async () => (await effects()).some((e) => e.event === 'started:1'), 20_000);
    const killed = new Promise((resolve) => doomed.once('exit', resolve));
    doomed.kill('SIGKILL');
    await killed;

    const rescuer = await startWorker('rescuer', { QUEUE_TEST_LEASE_MS: '1000' });
    await waitFor(async () => (await t.queue.get(id))?.state === 'completed', 20_000);
    await stopWorker(rescuer);

    expect((await effects()).map((e) => `${e.worker_id} ${e.event}`)).toEqual([
      'doomed started:1',
      'rescuer started:2',
      'rescuer finished',
    ]);
    expect(await t.queue.get(id)).toMatchObject({ state: 'completed', attempts: 2 });
  }, 60_000);
});
