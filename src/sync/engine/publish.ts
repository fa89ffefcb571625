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

export function eventName(event: SyncedEvent): string {
  return `hubspot.${event.objectType === 'contacts' ? 'contact' : 'company'}.synced`;
}

export function eventPayload(
  event: SyncedEvent,
  context: { orgId: string; portalId: string | null },
): Record<string, unknown> {
  const eventId = createHash('sha256')
    .update(
      [event.objectType, event.direction, event.action, event.hubspotId, event.thenaId, event.syncedAt].join(
        '|',
      ),
    )
    .digest('hex')
    .slice(0, 32);
  return {
    eventId,
    object: event.objectType === 'contacts' ? 'contact' : 'company',
    action: event.action,
    direction: event.direction,
    hubspotId: event.hubspotId,
    thenaId: event.thenaId,
    hubspotPortalId: context.portalId,
    orgId: context.orgId,
    fields: event.fields,
    syncedAt: new Date(event.syncedAt).toISOString(),
  };
}

export async function runPublish(deps: EngineDeps, payload: PublishPayload): Promise<void> {
  const installation = await loadInstallation(deps, payload.installationId);
  const { thena } = await deps.connect(installation);
  // Thena takes one event per call; a few at a time keeps a page's events from queueing up.
  const context = { orgId: installation.orgId, portalId: installation.portalId };
  const failed: SyncedEvent[] = [];
  let firstError: unknown;
  await mapLimit(payload.events, PUBLISH_CONCURRENCY, async (event) => {
    try {
      await thena.publish(eventName(event), eventPayload(event, context));
    } catch (err) {
      failed.push(event);
      firstError ??= err;
    }
  });
  if (failed.length === 0) return;
  // Nothing got through (Thena is down): the job retries with its backoff.
  if (failed.length === payload.events.length) throw firstError;
  // Retry only what failed: retrying the whole batch would need every call of one attempt to
  // succeed, which a batch of a hundred events under a few percent of failures never does.
  await deps.jobs.enqueue({
    kind: JOB.publishEvents,
    payload: { installationId: payload.installationId, events: failed } satisfies PublishPayload,
    installationId: payload.installationId,
    maxAttempts: 12,
  });
}
