// Reconciliation: a recurring search for records modified since the last run (with a lookback for
// HubSpot's late indexing), walked in hs_object_id order, each query starting past the last id so
// the 10,000-result cap never bites. It catches the changes whose webhooks never came; its cursor
// never passes the run's start.
import type { HubSpotRecord } from '../hubspot-port.ts';
import type { ObjectType } from '../model.ts';
import { commitBatch } from './commit.ts';
import { openStream, type EngineDeps, type StreamContext } from './context.ts';
import { syncHubSpotRecords } from './inbound.ts';
import { reconcileCheckpoint } from './streams.ts';

export interface ReconcilePayload {
  installationId: string;
  objectType: ObjectType;
}

interface ReconcileState {
  /** Changes at or after this time (minus the lookback) are looked at next run. */
  since: number;
  /** The run in progress, if any: where it started and how far it got. */
  runStart?: number;
  runId?: string;
  idAbove?: string;
}

const SEARCH_PAGE = 200;
const RETRY_FAILED = 100;

/** The first reconciliation after a backfill starts from the backfill, not from the epoch. */
export async function startReconciliationFrom(
  deps: EngineDeps,
  installationId: string,
  objectType: ObjectType,
  since: number,
): Promise<void> {
  const key = reconcileCheckpoint(objectType);
  const saved = await deps.store.checkpoints.get<ReconcileState>(installationId, key);
  if (saved === undefined) await deps.store.checkpoints.put(installationId, key, { since });
}

async function retryFailed(ctx: StreamContext, runId: string): Promise<void> {
  const { store } = ctx.deps;
  const ids = await store.audit.failedRecordIds(
    ctx.installation.id,
    ctx.objectType,
    'hubspot_to_thena',
    RETRY_FAILED,
  );
  if (ids.length === 0) return;
  const records: HubSpotRecord[] = (
    await ctx.hubspot.batchRead(ctx.objectType, ids, ctx.plan.fetchProperties)
  ).records;
  const result = await syncHubSpotRecords(ctx, records, { runId, force: true });
  await commitBatch(ctx.deps, ctx.installation.id, runId, result);
}

export async function runReconcile(
  deps: EngineDeps,
  payload: ReconcilePayload,
  signal: AbortSignal,
): Promise<void> {
  const { installationId, objectType } = payload;
  const key = reconcileCheckpoint(objectType);
  const active = await deps.store.runs.active(installationId, objectType, 'hubspot_to_thena');
  // A backfill in progress reads everything anyway.
  if (active.some((r) => r.trigger !== 'schedule')) return;
  const ctx = await openStream(deps, installationId, objectType);
  if (!ctx.enabled) return;
  const saved = (await deps.store.checkpoints.get<ReconcileState>(installationId, key)) ?? {
    since: deps.clock.now(),
  };
  const runStart = saved.runStart ?? deps.clock.now();
  const runId =
    saved.runId ??
    (
      await deps.store.runs.create({
        installationId,
        objectType,
        direction: 'hubspot_to_thena',
        trigger: 'schedule',
      })
    ).id;
  await deps.store.runs.markRunning(runId);
  const state: ReconcileState = { ...saved, runStart, runId };
  const modifiedSince = saved.since - deps.options.reconcileLookbackMs;
  for (;;) {
    if (signal.aborted) return;
    // Every query starts past the last id seen: no offset ever nears the 10,000-result cap, and a
    // restarted run resumes from its last committed page.
    const page = await ctx.hubspot.search(objectType, {
      modifiedSince,
      ...(state.idAbove === undefined ? {} : { idAbove: state.idAbove }),
      properties: ctx.plan.fetchProperties,
      limit: SEARCH_PAGE,
      after: '0',
      sort: 'id_ascending',
    });
    const result = await syncHubSpotRecords(ctx, page.records, { runId });
    const lastId = page.records.at(-1)?.id;
    const finished = page.nextAfter === undefined || lastId === undefined;
    if (lastId !== undefined) state.idAbove = lastId;
    const progress: ReconcileState = finished ? { since: runStart } : { ...state };
    await commitBatch(deps, installationId, runId, result, (unit) =>
      unit.store.checkpoints.put(installationId, key, progress),
    );
    if (finished) break;
  }
  await retryFailed(ctx, runId);
  await deps.store.runs.finish(runId, 'succeeded');
}
