// Reconciliation: a recurring search for records modified since the last run (with a lookback for
// HubSpot's late indexing), walked in hs_object_id order, each query starting past the last id so
// the 10,000-result cap never bites. It catches the changes whose webhooks never came; its cursor
// never passes the run's start.
import type { HubSpotRecord } from '../hubspot-port.ts';
import type { ObjectType } from '../model.ts';
import { commitBatch } from './commit.ts';
import type { EngineDeps, StreamContext } from './context.ts';
import { syncHubSpotRecords } from './inbound.ts';
import { openScheduledRun, seedScheduledRun, type ScheduledRunState } from './scheduled-run.ts';
import { reconcileCheckpoint } from './streams.ts';

export interface ReconcilePayload {
  installationId: string;
  objectType: ObjectType;
}

interface ReconcileState extends ScheduledRunState {
  /** How far the run in progress got. */
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
  await seedScheduledRun(deps, installationId, reconcileCheckpoint(objectType), since);
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
  const run = await openScheduledRun<ReconcileState>(deps, payload, key, 'hubspot_to_thena');
  if (run === null) return;
  const { ctx, saved, runStart, runId } = run;
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
