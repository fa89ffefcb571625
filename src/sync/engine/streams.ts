// Names shared by the flows: job kinds, the serial key of a stream, checkpoint names.
import type { ObjectType } from '../model.ts';
import type { JobsPort } from '../store-port.ts';

export const JOB = {
  backfill: 'backfill',
  webhooks: 'hubspot-webhooks',
  reconcile: 'reconcile',
  reconcileThena: 'reconcile-thena',
  retryRecords: 'retry-records',
  retryThenaRecords: 'retry-thena-records',
  publishEvents: 'publish-events',
  thenaEvents: 'thena-events',
  prune: 'prune',
} as const;

/**
 * Jobs writing one object of one installation share this serial key: a backfill page, a webhook
 * batch and a reconciliation never interleave their writes to the same records.
 */
export function streamKey(installationId: string, objectType: ObjectType): string {
  return `sync:${installationId}:${objectType}`;
}

export const backfillCheckpoint = (objectType: ObjectType): string => `backfill:${objectType}`;
export const reconcileCheckpoint = (objectType: ObjectType): string => `reconcile:${objectType}`;
export const reconcileSchedule = (installationId: string, objectType: ObjectType): string =>
  `reconcile:${installationId}:${objectType}`;
export const thenaReconcileCheckpoint = (objectType: ObjectType): string => `reconcile-thena:${objectType}`;
export const thenaReconcileSchedule = (installationId: string, objectType: ObjectType): string =>
  `reconcile-thena:${installationId}:${objectType}`;

/**
 * The job that drains one stream's inbox: at most one waits at a time (later events coalesce
 * into it) and it runs in the stream's order.
 */
export async function enqueueInboxJob(
  jobs: JobsPort,
  kind: typeof JOB.webhooks | typeof JOB.thenaEvents,
  installationId: string,
  objectType: ObjectType,
): Promise<void> {
  await jobs.enqueue({
    kind,
    payload: { installationId, objectType },
    dedupeKey: `${kind}:${installationId}:${objectType}`,
    serialKey: streamKey(installationId, objectType),
    installationId,
  });
}
