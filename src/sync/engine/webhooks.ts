// Real-time HubSpot -> Thena: webhook events wait in the inbox; one job per object stream takes
// them in batches, treats them as hints (current values are read back, never trusted from the
// event), handles merges and deletions, and skips the echo of our own writes.
import type { CompanyAssociation, HubSpotRecord } from '../hubspot-port.ts';
import type { CanonicalValues } from '../mapping.ts';
import type { ObjectType } from '../model.ts';
import type { JobRequest, JobsPort } from '../store-port.ts';
import { AuditTrail } from './audit.ts';
import { emptyResult, mergeResults, type BatchResult } from './batch-result.ts';
import { commitBatch } from './commit.ts';
import { ACCOUNTS_FIELD } from './companies.ts';
import { openStream, type EngineDeps, type StreamContext } from './context.ts';
import { syncHubSpotRecords } from './inbound.ts';
import { enqueueInboxJob, JOB, streamKey } from './streams.ts';

/** What the webhook route keeps of an event (see src/hubspot/webhooks.ts). */
export interface InboxEvent {
  /** The record the event is about (for association changes: the contact). */
  objectId: string;
  change: string;
  occurredAt: number;
  changeSource?: string;
  sourceId?: string;
  appId?: string;
  primaryObjectId?: string;
  mergedObjectIds?: string[];
  newObjectId?: string;
}

export interface WebhookJobPayload {
  installationId: string;
  objectType: ObjectType;
}

const BATCH = 500;

export async function enqueueWebhookJob(
  jobs: JobsPort,
  installationId: string,
  objectType: ObjectType,
): Promise<void> {
  await enqueueInboxJob(jobs, JOB.webhooks, installationId, objectType);
}

interface EventPlan {
  fetch: Set<string>;
  deletions: Map<string, number>;
  merges: InboxEvent[];
  echoes: number;
}

/** Our own writes come back as events whose source is our app: nothing to do for them. */
export function isEcho(event: InboxEvent, appId: string | null): boolean {
  if (appId === null) return false;
  return event.changeSource === 'INTEGRATION' && (event.sourceId === appId || event.appId === appId);
}

export function planEvents(events: readonly InboxEvent[], appId: string | null): EventPlan {
  const byObject = new Map<string, InboxEvent[]>();
  const plan: EventPlan = { fetch: new Set(), deletions: new Map(), merges: [], echoes: 0 };
  for (const event of events) {
    if (event.change === 'merge') plan.merges.push(event);
    else byObject.set(event.objectId, [...(byObject.get(event.objectId) ?? []), event]);
  }
  for (const [objectId, list] of byObject) {
    // Events arrive out of order: the latest one says whether the record still exists.
    const latest = [...list].sort((a, b) => a.occurredAt - b.occurredAt).at(-1)!;
    if (latest.change === 'deletion' || latest.change === 'privacyDeletion')
      plan.deletions.set(objectId, latest.occurredAt);
    else if (list.every((e) => isEcho(e, appId))) plan.echoes += list.length;
    else plan.fetch.add(objectId);
  }
  for (const merge of plan.merges)
    plan.fetch.add(merge.newObjectId ?? merge.primaryObjectId ?? merge.objectId);
  return plan;
}

async function applyMerges(
  ctx: StreamContext,
  merges: readonly InboxEvent[],
  result: BatchResult,
): Promise<void> {
  const { store } = ctx.deps;
  const inst = ctx.installation.id;
  const audit = new AuditTrail(result, null, ctx.objectType, 'hubspot_to_thena');
  for (const merge of merges) {
    const survivor = merge.newObjectId ?? merge.primaryObjectId ?? merge.objectId;
    const absorbed = [...(merge.mergedObjectIds ?? []), merge.primaryObjectId ?? merge.objectId].filter(
      (id) => id !== survivor,
    );
    const links = await store.links.byHubSpotIds(inst, ctx.objectType, [survivor, ...absorbed]);
    for (const id of absorbed) {
      const link = links.get(id);
      if (link === undefined) continue;
      const kept = links.get(survivor);
      if (kept === undefined) {
        await store.links.rekeyHubSpot(inst, ctx.objectType, id, survivor);
        links.set(survivor, { ...link, hubspotId: survivor });
        audit.skipped(
          { hubspotId: survivor, thenaId: link.thenaId },
          'merge',
          `HubSpot merged ${id} into ${survivor}; the Thena record follows the survivor`,
        );
      } else if (kept.thenaId !== link.thenaId) {
        await store.links.markHubSpotDeleted(inst, ctx.objectType, id, merge.occurredAt);
        audit.failed(
          { hubspotId: survivor, thenaId: kept.thenaId },
          'merge',
          'duplicate_after_merge',
          `HubSpot merged ${id} into ${survivor}, but both were synced: Thena records ${link.thenaId} and ${kept.thenaId} now stand for one HubSpot record; merge them in Thena`,
          { mergedHubSpotId: id, thenaIds: [kept.thenaId, link.thenaId] },
        );
      }
    }
  }
}

async function applyDeletions(
  ctx: StreamContext,
  deletions: ReadonlyMap<string, number>,
  result: BatchResult,
): Promise<void> {
  if (deletions.size === 0) return;
  const { store } = ctx.deps;
  const inst = ctx.installation.id;
  const audit = new AuditTrail(result, null, ctx.objectType, 'hubspot_to_thena');
  const links = await store.links.byHubSpotIds(inst, ctx.objectType, [...deletions.keys()]);
  const remove = ctx.plan.settings.deletion.hubspotToThena === 'delete';
  for (const [hubspotId, at] of deletions) {
    const link = links.get(hubspotId);
    if (link === undefined || link.hubspotDeletedAt !== null) continue;
    const ids = { hubspotId, thenaId: link.thenaId };
    if (remove) {
      await ctx.thena.delete(ctx.objectType, link.thenaId);
      audit.deleted(ids, 'deleted in HubSpot; deleted in Thena as the deletion policy says');
    } else {
      audit.skipped(ids, 'delete', 'deleted in HubSpot; the Thena record is kept (deletion policy: keep)');
    }
    await store.links.markHubSpotDeleted(inst, ctx.objectType, hubspotId, at);
  }
}

/**
 * The companies agreed at the last sync, as HubSpot associations (primary first), for contacts
 * whose events say nothing about their companies: reading them from HubSpot again would cost a
 * call (and a pacing interval) on the way from a property change to Thena. An association change
 * comes with its own event, which does read them.
 */
async function agreedCompanies(
  ctx: StreamContext,
  contactIds: readonly string[],
): Promise<Map<string, CompanyAssociation[]>> {
  const out = new Map<string, CompanyAssociation[]>();
  if (contactIds.length === 0) return out;
  const inst = ctx.installation.id;
  const links = await ctx.deps.store.links.byHubSpotIds(inst, 'contacts', contactIds);
  const agreed = new Map<string, string[]>();
  for (const [id, link] of links) {
    const accounts = (link.syncedValues as CanonicalValues | null)?.[ACCOUNTS_FIELD];
    if (Array.isArray(accounts)) agreed.set(id, accounts.map(String));
  }
  const accountIds = [...new Set([...agreed.values()].flat())];
  const companies = await ctx.deps.store.links.byThenaIds(inst, 'companies', accountIds);
  for (const [id, accounts] of agreed) {
    const ids = accounts.map((account) => companies.get(account)?.hubspotId);
    if (ids.some((companyId) => companyId === undefined)) continue;
    out.set(
      id,
      ids.map((companyId, index) => ({ companyId: companyId!, primary: index === 0 })),
    );
  }
  return out;
}

async function fetchRecords(
  ctx: StreamContext,
  ids: readonly string[],
  propertyOnly: ReadonlySet<string>,
): Promise<HubSpotRecord[]> {
  const records: HubSpotRecord[] = [];
  const contacts = ctx.objectType === 'contacts';
  for (let i = 0; i < ids.length; i += 100) {
    const chunk = ids.slice(i, i + 100);
    const assumed = contacts
      ? await agreedCompanies(
          ctx,
          chunk.filter((id) => propertyOnly.has(id)),
        )
      : new Map();
    const unknown = contacts ? chunk.filter((id) => !assumed.has(id)) : [];
    // The companies still to read go beside the record read, not after it.
    const [read, companies] = await Promise.all([
      ctx.hubspot.batchRead(ctx.objectType, chunk, ctx.plan.fetchProperties),
      unknown.length > 0 ? ctx.hubspot.companiesOfContacts(unknown) : undefined,
    ]);
    for (const record of read.records) {
      // A merged-away id reads back as its survivor, whose companies were not asked for.
      const inline =
        (assumed.get(record.id) as CompanyAssociation[] | undefined) ?? companies?.get(record.id);
      records.push(inline === undefined ? record : { ...record, companies: inline });
    }
  }
  // A merged-away id reads back as its survivor: sync each record once.
  return [...new Map(records.map((r) => [r.id, r])).values()];
}

/**
 * Contacts may have been synced before their new company existed in Thena (the two streams run
 * apart): once the company is there, its contacts are synced again to pick up the account.
 */
async function contactsOfNewCompanies(ctx: StreamContext, result: BatchResult): Promise<JobRequest[]> {
  const created = result.events.filter((e) => e.action === 'created' && e.direction === 'hubspot_to_thena');
  if (created.length === 0) return [];
  const contacts = await ctx.hubspot.contactsOfCompanies(created.map((e) => e.hubspotId));
  const ids = [...new Set([...contacts.values()].flat())];
  const installationId = ctx.installation.id;
  const jobs: JobRequest[] = [];
  for (let i = 0; i < ids.length; i += 100) {
    jobs.push({
      kind: JOB.retryRecords,
      payload: { installationId, objectType: 'contacts', hubspotIds: ids.slice(i, i + 100) },
      serialKey: streamKey(installationId, 'contacts'),
      installationId,
    });
  }
  return jobs;
}

export async function runWebhookBatch(deps: EngineDeps, payload: WebhookJobPayload): Promise<void> {
  const { installationId, objectType } = payload;
  const items = await deps.store.inbox.pending(installationId, 'hubspot', objectType, BATCH);
  if (items.length === 0) return;
  const ctx = await openStream(deps, installationId, objectType);
  const done = items.map((i) => i.id);
  const result = emptyResult();
  if (ctx.enabled) {
    const plan = planEvents(
      items.map((i) => i.payload as InboxEvent),
      deps.options.hubspotAppId,
    );
    await applyMerges(ctx, plan.merges, result);
    await applyDeletions(ctx, plan.deletions, result);
    result.counts.unchanged += plan.echoes;
    const events = items.map((i) => i.payload as InboxEvent);
    // Records touched by anything but a property change (association, creation, merge...) read
    // their companies from HubSpot; a merge moves associations to its survivor.
    const other = new Set(
      events
        .filter((e) => e.change !== 'propertyChange')
        .flatMap((e) => [e.objectId, e.newObjectId ?? e.primaryObjectId ?? e.objectId]),
    );
    const propertyOnly = new Set([...plan.fetch].filter((id) => !other.has(id)));
    const records = await fetchRecords(ctx, [...plan.fetch], propertyOnly);
    mergeResults(result, await syncHubSpotRecords(ctx, records, { runId: null }));
  }
  const followUps = objectType === 'companies' ? await contactsOfNewCompanies(ctx, result) : [];
  await commitBatch(deps, installationId, null, result, async (unit) => {
    await unit.store.inbox.markProcessed(done);
    for (const job of followUps) await unit.jobs.enqueue(job);
  });
  deps.observer?.onInboxProcessed(
    'hubspot',
    items.map((i) => deps.clock.now() - i.receivedAt),
  );
  if (items.length === BATCH) await enqueueWebhookJob(deps.jobs, installationId, objectType);
}
