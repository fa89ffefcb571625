// Backfill: every HubSpot record of one object, page by page, in parallel windows of
// hs_object_id so that enough requests are in flight to use the whole budget. A checkpoint is
// committed with every page, so a crashed or restarted run resumes where it stopped.
import { AppError } from '../errors.ts';
import type { ObjectType, RunTrigger, SyncRun } from '../model.ts';
import { commitBatch } from './commit.ts';
import { cursorAt, learnCursor, type CursorFormat } from './cursor.ts';
import { openStream, type EngineDeps, type StreamContext } from './context.ts';
import { syncHubSpotRecords } from './inbound.ts';
import { backfillCheckpoint, JOB, streamKey } from './streams.ts';

export interface BackfillPayload {
  installationId: string;
  objectType: ObjectType;
  runId: string;
  /** Objects to backfill after this one (companies first, so contacts find their accounts). */
  then?: ObjectType[];
}

interface Window {
  /** First id of the window (null: from the start). */
  lo: number | null;
  /** First id past the window (null: to the end). */
  hi: number | null;
  after?: string | undefined;
  done: boolean;
}

interface Checkpoint {
  runId: string;
  windows: Window[];
  /** How HubSpot's list cursor names an id (learnt on the first page); false: it does not. */
  idCursor: CursorFormat | false | null;
}

/** Starts a backfill unless one of this object is already waiting or running; returns its run. */
export async function startBackfill(
  deps: EngineDeps,
  installationId: string,
  objectType: ObjectType,
  trigger: RunTrigger,
  then: ObjectType[] = [],
): Promise<SyncRun> {
  const active = await deps.store.runs.active(installationId, objectType, 'hubspot_to_thena');
  const running = active.find((r) => r.trigger !== 'schedule' && r.trigger !== 'webhook');
  if (running !== undefined) return running;
  return deps.transact(async ({ store, jobs }) => {
    const run = await store.runs.create({
      installationId,
      objectType,
      direction: 'hubspot_to_thena',
      trigger,
    });
    await jobs.enqueue({
      kind: JOB.backfill,
      payload: { installationId, objectType, runId: run.id, then } satisfies BackfillPayload,
      serialKey: streamKey(installationId, objectType),
      installationId,
    });
    return run;
  });
}

async function planWindows(ctx: StreamContext, runId: string): Promise<Checkpoint> {
  const probe = { properties: ['hs_object_id'], limit: 1 } as const;
  const first = await ctx.hubspot.search(ctx.objectType, { ...probe, sort: 'id_ascending' });
  await ctx.deps.store.runs.setEstimate(runId, first.total);
  const min = Number(first.records[0]?.id);
  if (first.total === 0 || !Number.isFinite(min)) return { runId, windows: [], idCursor: null };
  const last = await ctx.hubspot.search(ctx.objectType, { ...probe, sort: 'id_descending' });
  const max = Number(last.records[0]?.id ?? min);
  const { pageSize, backfillWindows } = ctx.deps.options;
  const count = first.total < pageSize * backfillWindows * 2 ? 1 : backfillWindows;
  const span = max + 1 - min;
  const bounds = Array.from({ length: count + 1 }, (_, i) =>
    i === count ? null : min + Math.floor((span * i) / count),
  );
  const windows = bounds
    .slice(0, count)
    .map((lo, i) => ({ lo: i === 0 ? null : lo, hi: bounds[i + 1] ?? null, done: false }));
  return { runId, windows, idCursor: count === 1 ? false : null };
}

class Mutex {
  #tail: Promise<void> = Promise.resolve();
  run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.#tail.then(work);
    this.#tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }
}

async function runWindow(
  ctx: StreamContext,
  state: Checkpoint,
  index: number,
  /** Epoch ms after which the window stops taking new pages (the job yields); 0 for one page. */
  deadline: number,
  mutex: Mutex,
  signal: AbortSignal,
): Promise<void> {
  const { deps, objectType } = ctx;
  const window = state.windows[index]!;
  const inst = ctx.installation.id;
  for (
    let pages = 0;
    !window.done && !signal.aborted && (pages === 0 || deps.clock.now() < deadline);
    pages++
  ) {
    const format = state.idCursor;
    if (index > 0 && (format === null || format === false)) return;
    const after = window.after ?? (window.lo === null || !format ? undefined : cursorAt(format, window.lo));
    const page = await ctx.hubspot.listPage(objectType, {
      ...(after === undefined ? {} : { after }),
      limit: deps.options.pageSize,
      properties: ctx.plan.fetchProperties,
      withCompanies: objectType === 'contacts',
    });
    if (index === 0 && state.idCursor === null) {
      state.idCursor = learnCursor(page.nextAfter, page.records.at(-1)?.id) ?? false;
      // Without an id cursor the other windows cannot start: the first one covers everything.
      if (state.idCursor === false) {
        window.hi = null;
        state.windows = [window];
      }
    }
    const inWindow = page.records.filter(
      (r) =>
        (window.lo === null || Number(r.id) >= window.lo) && (window.hi === null || Number(r.id) < window.hi),
    );
    const passedEnd = window.hi !== null && page.records.some((r) => Number(r.id) >= window.hi!);
    const result = await syncHubSpotRecords(ctx, inWindow, { runId: state.runId });
    window.after = page.nextAfter;
    window.done = page.nextAfter === undefined || (passedEnd && window.hi !== null);
    await mutex.run(() =>
      commitBatch(deps, inst, state.runId, result, (unit) =>
        unit.store.checkpoints.put(inst, backfillCheckpoint(objectType), state),
      ),
    );
  }
}

export async function runBackfill(
  deps: EngineDeps,
  payload: BackfillPayload,
  signal: AbortSignal,
): Promise<void> {
  const { installationId, objectType, runId } = payload;
  const run = await deps.store.runs.get(installationId, runId);
  if (run === undefined || run.state === 'cancelled' || run.state === 'succeeded' || run.state === 'failed')
    return;
  const ctx = await openStream(deps, installationId, objectType);
  if (!ctx.enabled) {
    await deps.store.runs.finish(runId, 'cancelled', `${objectType} sync is turned off`);
    return;
  }
  if (ctx.plan.missing.length > 0)
    deps.logger.warn(
      { installationId, objectType, missing: ctx.plan.missing },
      'selected properties no longer exist in HubSpot',
    );
  await deps.store.runs.markRunning(runId);
  const saved = await deps.store.checkpoints.get<Checkpoint>(installationId, backfillCheckpoint(objectType));
  const state = saved?.runId === runId ? saved : await planWindows(ctx, runId);
  const mutex = new Mutex();
  const deadline = deps.clock.now() + deps.options.backfillSliceMs;
  // The first window runs alone until it knows whether the others can start from an id.
  if (state.idCursor === null && state.windows[0] !== undefined)
    await runWindow(ctx, state, 0, 0, mutex, signal);
  await Promise.all(state.windows.map((_, index) => runWindow(ctx, state, index, deadline, mutex, signal)));
  if (signal.aborted)
    throw new AppError(
      'worker_stopping',
      'the worker is stopping; the backfill resumes from its checkpoint',
      { retryable: true },
    );
  if (state.windows.some((w) => !w.done)) {
    await deps.jobs.enqueue({
      kind: JOB.backfill,
      payload,
      serialKey: streamKey(installationId, objectType),
      installationId,
    });
    return;
  }
  await deps.transact(async ({ store }) => {
    await store.checkpoints.delete(installationId, backfillCheckpoint(objectType));
    await store.runs.finish(runId, 'succeeded');
  });
  const [next, ...rest] = payload.then ?? [];
  if (next !== undefined) await startBackfill(deps, installationId, next, run.trigger, rest);
}
