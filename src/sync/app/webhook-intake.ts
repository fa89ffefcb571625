// The HubSpot webhook route's work: verify, parse, store each event once in the inbox and wake the
// stream's job, all in one transaction; then answer. Nothing is enqueued for a refused delivery.
import { enqueueWebhookJob, isEcho, type InboxEvent } from '../engine/webhooks.ts';
import type { EngineDeps } from '../engine/context.ts';
import { AppError } from '../errors.ts';
import type { HubSpotWebhookEvent, WebhookCodec } from '../hubspot-port.ts';
import type { Installation, ObjectType } from '../model.ts';
import type { InboxItemInput } from '../store-port.ts';

export interface DeliveryRequest {
  method: string;
  /** The exact URL HubSpot called (the service's public URL and the request path). */
  url: string;
  rawBody: string;
  signature: string | undefined;
  timestamp: string | undefined;
}

export interface DeliveryOutcome {
  accepted: number;
  duplicates: number;
  ignored: number;
  /** Events about our own writes, dropped here: storing them would only be undone by the job. */
  echoes: number;
}

/**
 * A property change or creation our app made is known without storing it. Deletions and merges
 * are kept even when ours: the job's bookkeeping of them is cheap and they are rare.
 */
function droppableEcho(event: InboxEvent, appId: string | null): boolean {
  return (event.change === 'propertyChange' || event.change === 'creation') && isEcho(event, appId);
}

/** Which stream an event belongs to and which record it is about. */
export function route(event: HubSpotWebhookEvent): { objectType: ObjectType; objectId: string } | null {
  if (event.change === 'associationChange') {
    const type = event.associationType ?? '';
    // Only contact <-> company links are synced; they live on the contact.
    if (type.startsWith('CONTACT_TO_COMPANY') && event.fromObjectId)
      return { objectType: 'contacts', objectId: event.fromObjectId };
    if (type.startsWith('COMPANY_TO_CONTACT') && event.toObjectId)
      return { objectType: 'contacts', objectId: event.toObjectId };
    return null;
  }
  return { objectType: event.object === 'contact' ? 'contacts' : 'companies', objectId: event.objectId };
}

function inboxEvent(event: HubSpotWebhookEvent, objectId: string): InboxEvent {
  const kept: InboxEvent = { objectId, change: event.change, occurredAt: event.occurredAt };
  if (event.changeSource !== undefined) kept.changeSource = event.changeSource;
  if (event.sourceId !== undefined) kept.sourceId = event.sourceId;
  if (event.appId !== undefined) kept.appId = event.appId;
  if (event.primaryObjectId !== undefined) kept.primaryObjectId = event.primaryObjectId;
  if (event.mergedObjectIds !== undefined) kept.mergedObjectIds = event.mergedObjectIds;
  if (event.newObjectId !== undefined) kept.newObjectId = event.newObjectId;
  return kept;
}

export class WebhookIntake {
  constructor(
    private readonly engine: EngineDeps,
    private readonly codec: WebhookCodec,
  ) {}

  async receive(request: DeliveryRequest): Promise<DeliveryOutcome> {
    const verdict = this.codec.verify({ ...request, now: this.engine.clock.now() });
    if (!verdict.ok)
      throw new AppError('invalid_signature', `webhook refused: ${verdict.reason}`, { httpStatus: 401 });
    const parsed = this.codec.parse(request.rawBody);
    if (!parsed.ok)
      throw new AppError('invalid_webhook', `webhook refused: ${parsed.reason}`, { httpStatus: 400 });
    const installations = new Map<string, Installation[]>();
    for (const portalId of new Set(parsed.events.map((e) => e.portalId))) {
      installations.set(portalId, await this.engine.store.installations.listByPortal(portalId));
    }
    const items: InboxItemInput[] = [];
    let ignored = parsed.ignored;
    let echoes = 0;
    for (const event of parsed.events) {
      const target = route(event);
      const owners = (installations.get(event.portalId) ?? []).filter((i) => i.status !== 'uninstalled');
      if (target === null || owners.length === 0) {
        ignored++;
        continue;
      }
      const kept = inboxEvent(event, target.objectId);
      if (droppableEcho(kept, this.engine.options.hubspotAppId)) {
        echoes++;
        continue;
      }
      for (const owner of owners) {
        items.push({
          installationId: owner.id,
          source: 'hubspot',
          dedupeKey: `${owner.id}:${this.codec.dedupeKey(event)}`,
          objectType: target.objectType,
          payload: kept,
        });
      }
    }
    if (items.length === 0 && echoes === 0 && parsed.events.length > 0) {
      throw new AppError(
        'unknown_portal',
        `no installation is connected to HubSpot portal ${[...installations.keys()].join(', ')}`,
        { httpStatus: 404 },
      );
    }
    const added = await this.engine.transact(async ({ store, jobs }) => {
      const fresh = await store.inbox.add(items);
      const streams = new Set(fresh.map((i) => `${i.installationId}|${i.objectType}`));
      for (const stream of streams) {
        const [installationId, objectType] = stream.split('|') as [string, ObjectType];
        await enqueueWebhookJob(jobs, installationId, objectType);
      }
      return fresh.length;
    });
    return { accepted: added, duplicates: items.length - added, ignored, echoes };
  }
}
