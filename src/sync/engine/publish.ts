// Tells Thena what was synced (`hubspot.contact.synced` / `hubspot.company.synced`), off the hot
// path: a job per committed batch, retried on failure. Consumers dedupe on `eventId`.
import { createHash } from 'node:crypto';
import { loadInstallation, type EngineDeps } from './context.ts';
import type { SyncedEvent } from './batch-result.ts';
import { mapLimit } from './concurrency.ts';
import { JOB } from './streams.ts';

const PUBLISH_CONCURRENCY = 8;

export interface PublishPayload {
  installationId: string;
  events: SyncedEvent[];
}

/** At most this many records in one published event. */
const RECORDS_PER_EVENT = 100;

export function eventName(objectType: SyncedEvent['objectType']): string {
  return `hubspot.${objectType === 'contacts' ? 'contact' : 'company'}.synced`;
}

/**
 * Records synced together (one object, one direction) travel in one event: Thena takes one event
 * per call, and a backfill of a hundred thousand records must not cost a hundred thousand calls.
 * A real-time change makes an event of one record. Each record carries both ids, the action, the
 * fields written and the time.
 */
export function groupEvents(events: readonly SyncedEvent[]): SyncedEvent[][] {
  const groups = new Map<string, SyncedEvent[][]>();
  for (const event of events) {
    const key = `${event.objectType}|${event.direction}`;
    const chunks = groups.get(key) ?? [[]];
    if (chunks.at(-1)!.length === RECORDS_PER_EVENT) chunks.push([]);
    chunks.at(-1)!.push(event);
    groups.set(key, chunks);
  }
  return [...groups.values()].flat();
}

export function eventPayload(
  records: readonly SyncedEvent[],
  context: { orgId: string; portalId: string | null },
): Record<string, unknown> {
  const first = records[0]!;
  const eventId = createHash('sha256')
    .update(
      records
        .map((r) => [r.objectType, r.direction, r.action, r.hubspotId, r.thenaId, r.syncedAt].join('|'))
        .join('\n'),
    )
    .digest('hex')
    .slice(0, 32);
  return {
    eventId,
    object: first.objectType === 'contacts' ? 'contact' : 'company',
    direction: first.direction,
    orgId: context.orgId,
    hubspotPortalId: context.portalId,
    syncedAt: new Date(first.syncedAt).toISOString(),
    count: records.length,
    records: records.map((r) => ({
      hubspotId: r.hubspotId,
      thenaId: r.thenaId,
      action: r.action,
      fields: r.fields,
      syncedAt: new Date(r.syncedAt).toISOString(),
    })),
  };
}

export async function runPublish(deps: EngineDeps, payload: PublishPayload): Promise<void> {
  const installation = await loadInstallation(deps, payload.installationId);
  const { thena } = await deps.connect(installation);
  const context = { orgId: installation.orgId, portalId: installation.portalId };
  const groups = groupEvents(payload.events);
  const failed: SyncedEvent[] = [];
  let firstError: unknown;
  await mapLimit(groups, PUBLISH_CONCURRENCY, async (records) => {
    try {
      await thena.publish(eventName(records[0]!.objectType), eventPayload(records, context));
    } catch (err) {
      failed.push(...records);
      firstError ??= err;
    }
  });
  if (failed.length === 0) return;
  // Nothing got through (Thena is down): the job retries with its backoff.
  if (failed.length === payload.events.length) throw firstError;
  // Retry only what failed, so a few failing calls cannot keep the others from being published.
  await deps.jobs.enqueue({
    kind: JOB.publishEvents,
    payload: { installationId: payload.installationId, events: failed } satisfies PublishPayload,
    installationId: payload.installationId,
    maxAttempts: 12,
  });
}
