// What both reconciliations (HubSpot search and Thena sweep) share: a checkpoint that says from
// when to look and, while a run is under way, which run it is, so an interrupted run resumes.
import type { Direction, ObjectType } from '../model.ts';
import { openStream, type EngineDeps, type StreamContext } from './context.ts';

export interface ScheduledRunState {
  /** Changes at or after this time (minus the lookback) are looked at by the next run. */
  since: number;
  /** The run in progress, if any: when it started and its id. */
  runStart?: number;
  runId?: string;
}

export interface ScheduledRun<S extends ScheduledRunState> {
  ctx: StreamContext;
  saved: S;
  runStart: number;
  runId: string;
}

/** The first run after a backfill starts from the backfill, not from the epoch. */
export async function seedScheduledRun(
  deps: EngineDeps,
  installationId: string,
  key: string,
  since: number,
): Promise<void> {
  if ((await deps.store.checkpoints.get<ScheduledRunState>(installationId, key)) === undefined)
    await deps.store.checkpoints.put(installationId, key, { since });
}

/**
 * Opens a scheduled run of one stream: none while a backfill or a manual sync runs (it reads
 * everything anyway) or while the object is not synced; otherwise the run an interrupted one left
 * in the checkpoint, or a new one.
 */
export async function openScheduledRun<S extends ScheduledRunState>(
  deps: EngineDeps,
  stream: { installationId: string; objectType: ObjectType },
  key: string,
  direction: Direction,
): Promise<ScheduledRun<S> | null> {
  const { installationId, objectType } = stream;
  const active = await deps.store.runs.active(installationId, objectType, 'hubspot_to_thena');
  if (active.some((r) => r.trigger !== 'schedule')) return null;
  const ctx = await openStream(deps, installationId, objectType);
  if (!ctx.enabled) return null;
  const saved =
    (await deps.store.checkpoints.get<S>(installationId, key)) ?? ({ since: deps.clock.now() } as S);
  const runStart = saved.runStart ?? deps.clock.now();
  const runId =
    saved.runId ??
    (await deps.store.runs.create({ installationId, objectType, direction, trigger: 'schedule' })).id;
  await deps.store.runs.markRunning(runId);
  return { ctx, saved, runStart, runId };
}
