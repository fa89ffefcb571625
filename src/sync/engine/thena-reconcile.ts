// Thena-side reconciliation: Thena may give up delivering an event (its retries end within
// minutes), so a recurring sweep reads Thena's records and syncs those changed since the last
// sweep whose values differ from what was last agreed. Thena has no "changed since" filter: the
// sweep reads every page, compares in memory, and only fetches again what changed.
import type { ObjectType } from '../model.ts';
import { emptyResult, mergeResults } from './batch-result.ts';
import { commitBatch } from './commit.ts';
import type { EngineDeps } from './context.ts';
import { syncThenaRecords, thenaUnchanged } from './outbound.ts';
import { openScheduledRun, seedScheduledRun, type ScheduledRunState } from './scheduled-run.ts';
import { thenaReconcileCheckpoint } from './streams.ts';

export interface ThenaReconcilePayload {
  installationId: string;
  objectType: ObjectType;
}

interface SweepState extends ScheduledRunState {
  /** The next page to read, when a sweep was interrupted. */
  page?: number;
}

const PAGE = 100;

export async function startThenaReconciliationFrom(
  deps: EngineDeps,
  installationId: string,
  objectType: ObjectType,
  since: number,
): Promise<void> {
  await seedScheduledRun(deps, installationId, thenaReconcileCheckpoint(objectType), since);
}

export async function runThenaReconcile(
  deps: EngineDeps,
  payload: ThenaReconcilePayload,
  signal: AbortSignal,
): Promise<void> {
  const { installationId, objectType } = payload;
  const key = thenaReconcileCheckpoint(objectType);
  // Also skipped during a backfill: it writes Thena as it goes, a sweep would only chase its writes.
  const run = await openScheduledRun<SweepState>(deps, payload, key, 'thena_to_hubspot');
  if (run === null) return;
  const { ctx, saved, runStart, runId } = run;
  const changedSince = saved.since - deps.options.reconcileLookbackMs;
  for (let page = saved.page ?? 1; ; page++) {
    if (signal.aborted) return;
    const records = await ctx.thena.list(objectType, page, PAGE);
    const recent = records.filter((r) => r.updatedAt === null || r.updatedAt >= changedSince);
    const links = await deps.store.links.byThenaIds(
      installationId,
      objectType,
      recent.map((r) => r.id),
    );
    const stale = recent.filter((record) => {
      const link = links.get(record.id);
      return (
        link === undefined ||
        (link.thenaDeletedAt === null && link.hubspotDeletedAt === null && !thenaUnchanged(ctx, record, link))
      );
    });
    const result = emptyResult();
    result.counts.seen += records.length - stale.length;
    result.counts.unchanged += records.length - stale.length;
    if (stale.length > 0)
      mergeResults(
        result,
        await syncThenaRecords(
          ctx,
          stale.map((r) => r.id),
          { runId },
        ),
      );
    const finished = records.length < PAGE;
    const progress: SweepState = finished
      ? { since: runStart }
      : { since: saved.since, runStart, runId, page: page + 1 };
    await commitBatch(deps, installationId, runId, result, (unit) =>
      unit.store.checkpoints.put(installationId, key, progress),
    );
    if (finished) break;
  }
  await deps.store.runs.finish(runId, 'succeeded');
}
