// Thena-side reconciliation: Thena may give up delivering an event (its retries end within
// minutes), so a recurring sweep reads Thena's records and syncs those changed since the last
// sweep whose values differ from what was last agreed. Thena has no "changed since" filter: the
// sweep reads every page, compares in memory, and only fetches again what changed.
import type { ObjectType } from '../model.ts';
import { emptyResult, mergeResults } from './batch-result.ts';
import { commitBatch } from './commit.ts';
import { openStream, type EngineDeps } from './context.ts';
import { syncThenaRecords, thenaUnchanged } from './outbound.ts';
import { thenaReconcileCheckpoint } from './streams.ts';

export interface ThenaReconcilePayload {
  installationId: string;
  objectType: ObjectType;
}

interface SweepState {
  /** Records updated at or after this time (minus the lookback) are looked at. */
  since: number;
  runStart?: number;
  runId?: string;
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
  const key = thenaReconcileCheckpoint(objectType);
  if ((await deps.store.checkpoints.get<SweepState>(installationId, key)) === undefined) {
    await deps.store.checkpoints.put(installationId, key, { since });
  }
}

export async function runThenaReconcile(
  deps: EngineDeps,
  payload: ThenaReconcilePayload,
  signal: AbortSignal,
): Promise<void> {
  const { installationId, objectType } = payload;
  const key = thenaReconcileCheckpoint(objectType);
  const active = await deps.store.runs.active(installationId, objectType, 'hubspot_to_thena');
  // A backfill writes Thena as it goes: sweeping meanwhile would only chase its writes.
  if (active.some((r) => r.trigger !== 'schedule')) return;
  const ctx = await openStream(deps, installationId, objectType);
  if (!ctx.enabled) return;
  const saved = (await deps.store.checkpoints.get<SweepState>(installationId, key)) ?? {
    since: deps.clock.now(),
  };
  const runStart = saved.runStart ?? deps.clock.now();
  const runId =
    saved.runId ??
    (
      await deps.store.runs.create({
        installationId,
        objectType,
        direction: 'thena_to_hubspot',
        trigger: 'schedule',
      })
    ).id;
  await deps.store.runs.markRunning(runId);
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
