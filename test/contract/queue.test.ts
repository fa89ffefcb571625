// The queue's contract, the same tests on every dialect. Time is a ManualClock: retries,
// backoff, leases and schedules are checked by moving the clock, not by sleeping.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Worker } from '../../src/queue/worker.ts';
import { AppError } from '../../src/sync/errors.ts';
import { DIALECTS, openTestDatabase, type TestDatabase } from '../helpers/db.ts';

const LEASE = 30_000;

describe.each(DIALECTS)('queue on %s', (dialect) => {
  let t: TestDatabase;

  beforeAll(async () => {
    t = await openTestDatabase(dialect);
  });
  afterAll(async () => t.close());
  afterEach(async () => {
    await t.connection.db.deleteFrom('jobs').execute();
    await t.connection.db.deleteFrom('job_schedules').execute();
  });

  it('hands a job to one worker, which completes it', async () => {
    const { id } = await t.queue.enqueue({ kind: 'k', payload: { n: 1 } });
    const [job] = await t.queue.claim('w1', 10, LEASE);
    expect(job).toMatchObject({ id, kind: 'k', payload: { n: 1 }, attempts: 1, state: 'active' });
    expect(await t.queue.claim('w2', 10, LEASE)).toEqual([]);
    expect(await t.queue.complete(id, 'w2')).toBe(false); // not its job
    expect(await t.queue.complete(id, 'w1')).toBe(true);
    expect((await t.queue.get(id))?.state).toBe('completed');
  });

  it('leaves no job behind when the enqueuing transaction rolls back', async () => {
    await expect(
      t.store.transaction(async (tx) => {
        await t.queue.enqueue({ kind: 'k' }, tx.db);
        await tx.checkpoints.put('none', 'x', 1).catch(() => undefined);
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    expect(await t.queue.list({})).toEqual([]);
    await t.store.transaction(async (tx) => t.queue.enqueue({ kind: 'k' }, tx.db));
    expect(await t.queue.list({})).toHaveLength(1);
  });

  it('coalesces enqueues with one dedupe key while a job is pending, not once it runs', async () => {
    const first = await t.queue.enqueue({ kind: 'k', dedupeKey: 'portal-1', runAt: t.clock.now() + 5000 });
    const second = await t.queue.enqueue({ kind: 'k', dedupeKey: 'portal-1' });
    expect(second).toEqual({ id: first.id, coalesced: true });
    // the merged job runs no later than the most urgent request
    expect((await t.queue.claim('w', 10, LEASE)).map((j) => j.id)).toEqual([first.id]);
    const third = await t.queue.enqueue({ kind: 'k', dedupeKey: 'portal-1' });
    expect(third.coalesced).toBe(false);
  });

  it('runs jobs of one serial key one at a time, in order', async () => {
    const a1 = await t.queue.enqueue({ kind: 'k', serialKey: 'a' });
    const a2 = await t.queue.enqueue({ kind: 'k', serialKey: 'a' });
    const b1 = await t.queue.enqueue({ kind: 'k', serialKey: 'b' });
    const free = await t.queue.enqueue({ kind: 'k' });
    const first = await t.queue.claim('w', 10, LEASE);
    expect(first.map((j) => j.id)).toEqual([a1.id, b1.id, free.id]);
    expect(await t.queue.claim('w', 10, LEASE)).toEqual([]);
    await t.queue.complete(a1.id, 'w');
    expect((await t.queue.claim('w', 10, LEASE)).map((j) => j.id)).toEqual([a2.id]);
  });

  it('keeps a stream in order while its head waits for a retry', async () => {
    const head = await t.queue.enqueue({ kind: 'k', serialKey: 's' });
    const next = await t.queue.enqueue({ kind: 'k', serialKey: 's' });
    const [job] = await t.queue.claim('w', 1, LEASE);
    await t.queue.fail(job!, 'w', { message: 'timeout', retryable: true });
    expect(await t.queue.claim('w', 10, LEASE)).toEqual([]);
    t.clock.advance(1000);
    expect((await t.queue.claim('w', 10, LEASE)).map((j) => j.id)).toEqual([head.id]);
    await t.queue.complete(head.id, 'w');
    expect((await t.queue.claim('w', 10, LEASE)).map((j) => j.id)).toEqual([next.id]);
  });

  it('does not run a delayed job before its time', async () => {
    await t.queue.enqueue({ kind: 'k', runAt: t.clock.now() + 60_000 });
    expect(await t.queue.claim('w', 10, LEASE)).toEqual([]);
    t.clock.advance(60_000);
    expect(await t.queue.claim('w', 10, LEASE)).toHaveLength(1);
  });

  it('retries with exponential backoff, then keeps the job dead for inspection and manual retry', async () => {
    const { id } = await t.queue.enqueue({ kind: 'k', maxAttempts: 3 });
    const delays: number[] = [];
    for (let attempt = 1; attempt <= 3; attempt++) {
      const [job] = await t.queue.claim('w', 1, LEASE);
      expect(job?.attempts).toBe(attempt);
      const outcome = await t.queue.fail(job!, 'w', { message: `boom ${attempt}`, retryable: true });
      const after = await t.queue.get(id);
      if (attempt < 3) {
        expect(outcome).toBe('retry');
        delays.push(after!.runAt - t.clock.now());
        expect(await t.queue.claim('w', 1, LEASE)).toEqual([]); // not before the backoff
        t.clock.set(after!.runAt);
      } else {
        expect(outcome).toBe('dead');
        expect(after).toMatchObject({ state: 'dead', lastError: 'gave up after 3 attempts: boom 3' });
      }
    }
    expect(delays).toEqual([1000, 2000]); // random() = 1 in tests: the full step
    expect(await t.queue.list({ state: 'dead' })).toHaveLength(1);
    expect(await t.queue.retryDead(id)).toBe(true);
    expect((await t.queue.claim('w', 1, LEASE))[0]).toMatchObject({ id, attempts: 1 });
  });

  it('buries a permanent failure at once, and honours a server-given retry delay', async () => {
    const permanent = await t.queue.enqueue({ kind: 'k' });
    const [p] = await t.queue.claim('w', 1, LEASE);
    expect(await t.queue.fail(p!, 'w', { message: 'bad input', retryable: false })).toBe('dead');
    expect((await t.queue.get(permanent.id))?.state).toBe('dead');

    const limited = await t.queue.enqueue({ kind: 'k' });
    const [l] = await t.queue.claim('w', 1, LEASE);
    await t.queue.fail(l!, 'w', { message: '429', retryable: true, retryAfterMs: 7_000 });
    expect((await t.queue.get(limited.id))?.runAt).toBe(t.clock.now() + 7_000);
  });

  it('lets a job ask to run later without spending an attempt', async () => {
    const { id } = await t.queue.enqueue({ kind: 'k', maxAttempts: 1 });
    const [job] = await t.queue.claim('w', 1, LEASE);
    expect(await t.queue.retryLater(job!, 'w', 10_000, 'rate limited')).toBe(true);
    t.clock.advance(10_000);
    const [again] = await t.queue.claim('w', 1, LEASE);
    expect(again).toMatchObject({ id, attempts: 1, lastError: 'rate limited' });
  });

  it('gives the job of a worker that stopped responding to another after its lease', async () => {
    const { id } = await t.queue.enqueue({ kind: 'k' });
    await t.queue.claim('dead-worker', 1, 1_000);
    t.clock.advance(999);
    expect(await t.queue.recoverExpiredLeases()).toBe(0);
    t.clock.advance(2);
    expect(await t.queue.recoverExpiredLeases()).toBe(1);
    const [job] = await t.queue.claim('live-worker', 1, LEASE);
    expect(job).toMatchObject({ id, attempts: 2 });
    expect(await t.queue.complete(id, 'dead-worker')).toBe(false);
    expect(await t.queue.complete(id, 'live-worker')).toBe(true);
  });

  it('keeps a lease alive with heartbeats', async () => {
    const { id } = await t.queue.enqueue({ kind: 'k' });
    await t.queue.claim('w', 1, 1_000);
    t.clock.advance(900);
    expect(await t.queue.heartbeat(id, 'w', 1_000)).toBe(true);
    t.clock.advance(900);
    expect(await t.queue.recoverExpiredLeases()).toBe(0);
    expect(await t.queue.heartbeat(id, 'other', 1_000)).toBe(false);
  });

  it('drops a retry that a newer pending job with the same dedupe key already covers', async () => {
    const old = await t.queue.enqueue({ kind: 'k', dedupeKey: 'd' });
    const [job] = await t.queue.claim('w', 1, LEASE);
    const newer = await t.queue.enqueue({ kind: 'k', dedupeKey: 'd' });
    expect(await t.queue.fail(job!, 'w', { message: 'boom', retryable: true })).toBe('superseded');
    expect((await t.queue.get(old.id))?.state).toBe('cancelled');
    expect((await t.queue.get(newer.id))?.state).toBe('pending');
  });

  it('enqueues a recurring job once per period, whoever asks', async () => {
    await t.queue.schedule({
      name: 'reconcile:1',
      kind: 'reconcile',
      payload: { i: 1 },
      everyMs: 15 * 60_000,
      installationId: 'i1',
    });
    expect(await t.queue.enqueueDueSchedules()).toBe(0);
    t.clock.advance(15 * 60_000);
    const [a, b] = await Promise.all([t.queue.enqueueDueSchedules(), t.queue.enqueueDueSchedules()]);
    expect(a + b).toBe(1);
    const jobs = await t.queue.list({ kind: 'reconcile' });
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({
      payload: { i: 1 },
      installationId: 'i1',
      dedupeKey: 'schedule:reconcile:1',
    });
    t.clock.advance(15 * 60_000);
    await t.queue.enqueueDueSchedules(); // previous run still pending: coalesces
    expect(await t.queue.list({ kind: 'reconcile' })).toHaveLength(1);
    await t.queue.unscheduleInstallation('i1');
    t.clock.advance(15 * 60_000);
    expect(await t.queue.enqueueDueSchedules()).toBe(0);
  });

  it("cancels an installation's waiting jobs and no one else's", async () => {
    await t.queue.enqueue({ kind: 'k', installationId: 'i1' });
    await t.queue.enqueue({ kind: 'k', installationId: 'i2' });
    expect(await t.queue.cancelForInstallation('i1', 'needs reconnect')).toBe(1);
    expect((await t.queue.claim('w', 10, LEASE)).map((j) => j.installationId)).toEqual(['i2']);
  });

  it('reports depth and prunes finished jobs but keeps dead ones', async () => {
    const done = await t.queue.enqueue({ kind: 'k' });
    const dead = await t.queue.enqueue({ kind: 'k' });
    await t.queue.enqueue({ kind: 'k', runAt: t.clock.now() + 1000 });
    const claimed = await t.queue.claim('w', 2, LEASE);
    await t.queue.complete(done.id, 'w');
    await t.queue.fail(
      claimed.find((j) => j.id === dead.id)!,
      'w',
      { message: 'x', retryable: false },
    );
    expect((await t.queue.depth()).byState).toEqual({ completed: 1, dead: 1, pending: 1 });
    t.clock.advance(2000);
    expect((await t.queue.depth()).oldestPendingAgeMs).toBe(1000);
    expect(await t.queue.pruneFinished(t.clock.now())).toBe(1);
    expect((await t.queue.depth()).byState).toEqual({ dead: 1, pending: 1 });
  });

  it('never hands one job to two concurrent claimers', async () => {
    for (let i = 0; i < 200; i++) await t.queue.enqueue({ kind: 'k', payload: i });
    const batches = await Promise.all(Array.from({ length: 8 }, (_, w) => claimAll(`w${w}`)));
    const ids = batches.flat();
    expect(ids).toHaveLength(200);
    expect(new Set(ids).size).toBe(200);

    async function claimAll(worker: string): Promise<number[]> {
      const mine: number[] = [];
      for (;;) {
        const jobs = await t.queue.claim(worker, 7, LEASE);
        if (jobs.length === 0) return mine;
        mine.push(...jobs.map((j) => j.id));
      }
    }
  });

  describe('worker loop', () => {
    it('runs handlers, retries a failing one, and drains the queue', async () => {
      const seen: number[] = [];
      let failures = 0;
      const worker = new Worker(
        t.queue,
        {
          add: async (payload) => {
            seen.push(payload as number);
          },
          flaky: async () => {
            if (failures++ === 0)
              throw new AppError('remote_down', 'remote is down', { retryable: true, retryAfterMs: 0 });
          },
          broken: async () => {
            throw new AppError('bad_input', 'bad input', { retryable: false });
          },
        },
        { concurrency: 3 },
      );
      for (let i = 0; i < 10; i++) await t.queue.enqueue({ kind: 'add', payload: i });
      const flaky = await t.queue.enqueue({ kind: 'flaky' });
      const broken = await t.queue.enqueue({ kind: 'broken' });
      const orphan = await t.queue.enqueue({ kind: 'unknown-kind' });
      await worker.drain();
      expect(seen.sort((x, y) => x - y)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
      expect(await t.queue.get(flaky.id)).toMatchObject({ state: 'completed', attempts: 2 });
      expect(await t.queue.get(broken.id)).toMatchObject({ state: 'dead', lastError: 'bad input' });
      expect((await t.queue.get(orphan.id))?.state).toBe('pending'); // not its kind: left for another worker
    });

    it('stops gracefully: finishes quick jobs, releases those that outlive the timeout', async () => {
      let release: () => void = () => undefined;
      const blocked = new Promise<void>((resolve) => (release = resolve));
      const worker = new Worker(t.queue, { slow: () => blocked }, { concurrency: 1, pollIntervalMs: 10 });
      const { id } = await t.queue.enqueue({ kind: 'slow' });
      worker.start();
      await waitFor(async () => (await t.queue.get(id))?.state === 'active');
      await worker.stop(50);
      const job = await t.queue.get(id);
      expect(job).toMatchObject({ state: 'pending', attempts: 0 });
      release();
    });
  });
});

async function waitFor(check: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
