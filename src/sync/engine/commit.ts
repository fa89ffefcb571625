// Commits what a batch produced in one transaction: links, audit, run counts, the job that
// publishes the "synced" events, and whatever progress the caller records with it (a checkpoint,
// processed inbox items). A crash before the commit leaves the batch to be done again; the writes
// already made remotely are then found by matching, not duplicated.
import type { UnitOfWork } from '../store-port.ts';
import type { BatchResult } from './batch-result.ts';
import type { EngineDeps } from './context.ts';
import { JOB } from './streams.ts';

export async function commitBatch(
  deps: EngineDeps,
  installationId: string,
  runId: string | null,
  result: BatchResult,
  progress?: (unit: UnitOfWork) => Promise<void>,
): Promise<void> {
  await deps.transact(async (unit) => {
    const { store, jobs } = unit;
    for (const { objectType, hubspotId } of result.unlinks) {
      await store.links.deleteByHubSpotId(installationId, objectType, hubspotId);
    }
    await store.links.upsertMany(installationId, result.links);
    if (result.audit.length > 0) await store.audit.append(installationId, result.audit);
    if (runId !== null) await store.runs.addCounts(runId, result.counts);
    if (result.events.length > 0) {
      await jobs.enqueue({
        kind: JOB.publishEvents,
        payload: { installationId, events: result.events },
        installationId,
        maxAttempts: 12,
      });
    }
    await progress?.(unit);
  });
  deps.observer?.onBatch(result);
}
