// The queue does not grow without end: every webhook batch, backfill page and published event
// leaves a finished job row (the soak counts about 700 a minute at 4 changes a second). The daily
// prune job removes completed and cancelled jobs after two days; dead jobs stay for inspection.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOB } from '../../src/sync/engine/streams.ts';
import { startScenario, type Scenario } from './scenario.ts';

const DAY = 24 * 60 * 60_000;

describe('finished jobs', () => {
  let s: Scenario;
  beforeAll(async () => {
    s = await startScenario({
      seed: { contacts: 10, companies: 2 },
      backgroundWorker: false,
      waitForBackfill: false,
    });
    await s.stack.drain();
  }, 60_000);
  afterAll(async () => s?.stack.close());

  it('are pruned by the daily prune job after two days, except dead ones', async () => {
    const db = s.stack.runtime.store.db;
    const byState = async () =>
      Object.fromEntries(
        (
          await db
            .selectFrom('jobs')
            .select(['state', (eb) => eb.fn.countAll<number>().as('n')])
            .groupBy('state')
            .execute()
        ).map((r) => [r.state, Number(r.n)]),
      );
    const finished = (await byState()).completed ?? 0;
    expect(finished).toBeGreaterThan(3);
    // Some of them finished three days ago; one job died then.
    const old = await db.selectFrom('jobs').select('id').where('state', '=', 'completed').limit(3).execute();
    await db
      .updateTable('jobs')
      .set({ finished_at: Date.now() - 3 * DAY })
      .where(
        'id',
        'in',
        old.map((j) => j.id),
      )
      .execute();
    await db
      .updateTable('jobs')
      .set({ state: 'dead', finished_at: Date.now() - 3 * DAY })
      .where('id', '=', old[0]!.id)
      .execute();

    await s.stack.runtime.queue.enqueue({ kind: JOB.prune, payload: {} });
    await s.stack.drain();
    const after = await byState();
    // The two old completed ones are gone; the prune job itself and the recent ones stay.
    expect(after.completed).toBe(finished - 3 + 1);
    expect(after.dead).toBe(1);
  });
});
