// Thena -> HubSpot: Thena's events about contacts and accounts wait in the inbox; a job per object
// stream reads the current Thena records (events are hints), skips our own echoes, and syncs each
// with its HubSpot record through the same two-way merge as the inbound flow. Unlinked records
// are matched in HubSpot (email, domain) or created there.
import type { ThenaChange, ThenaEventJobPayload } from '../app/thena-intake.ts';
import { writesToHubSpot } from '../field-config.ts';
import type { HubSpotRecord } from '../hubspot-port.ts';
import {
  fromHubSpot,
  fromThena,
  toHubSpotProperties,
  type CanonicalValues,
  type FieldMapping,
} from '../mapping.ts';
import type { ObjectType, RecordLink } from '../model.ts';
import type { JobsPort } from '../store-port.ts';
import type { ThenaRecord } from '../thena-port.ts';
import { fingerprint, normalizeDomain, normalizeEmail } from '../values.ts';
import { AuditTrail, noteRetried } from './audit.ts';
import { emptyResult, mergeResults, type BatchResult } from './batch-result.ts';
import { commitBatch } from './commit.ts';
import { ACCOUNTS_FIELD, associationChanges, companiesOf } from './companies.ts';
import { mapLimit } from './concurrency.ts';
import { openStream, type EngineDeps, type StreamContext } from './context.ts';
import { syncFields, trailsFor } from './inbound.ts';
import { event, syncPairs, thenaSide, type Pair, type Trails } from './pair.ts';
import { enqueueInboxJob, JOB } from './streams.ts';

const BATCH = 500;
const CHUNKS_AT_ONCE = 4;

export interface RetryThenaPayload {
  installationId: string;
  objectType: ObjectType;
  thenaIds: string[];
}

interface ChangePlan {
  sync: string[];
  deletions: Map<string, number>;
  echoes: number;
}

/** The latest event per record decides; a record only our bot touched is our own echo. */
export function planChanges(changes: readonly ThenaChange[], botId: string | null): ChangePlan {
  const byRecord = new Map<string, ThenaChange[]>();
  for (const change of changes)
    byRecord.set(change.recordId, [...(byRecord.get(change.recordId) ?? []), change]);
  const plan: ChangePlan = { sync: [], deletions: new Map(), echoes: 0 };
  for (const [recordId, list] of byRecord) {
    const latest = [...list].sort((a, b) => a.occurredAt - b.occurredAt).at(-1)!;
    if (latest.action === 'deleted') plan.deletions.set(recordId, latest.occurredAt);
    else if (botId !== null && list.every((c) => c.actorId === botId)) plan.echoes += list.length;
    else plan.sync.push(recordId);
  }
  return plan;
}

async function applyThenaDeletions(
  ctx: StreamContext,
  deletions: ReadonlyMap<string, number>,
  result: BatchResult,
): Promise<void> {
  if (deletions.size === 0) return;
  const { store } = ctx.deps;
  const audit = new AuditTrail(result, null, ctx.objectType, 'thena_to_hubspot');
  const links = await store.links.byThenaIds(ctx.installation.id, ctx.objectType, [...deletions.keys()]);
  const remove = ctx.plan.settings.deletion.thenaToHubSpot === 'delete';
  for (const [thenaId, at] of deletions) {
    const link = links.get(thenaId);
    if (link === undefined || link.thenaDeletedAt !== null) continue;
    const ids = { hubspotId: link.hubspotId, thenaId };
    if (remove && link.hubspotDeletedAt === null) {
      await ctx.hubspot.archive(ctx.objectType, [link.hubspotId]);
      await store.links.markHubSpotDeleted(ctx.installation.id, ctx.objectType, link.hubspotId, at);
      audit.deleted(ids, 'deleted in Thena; deleted in HubSpot as the deletion policy says');
    } else {
      audit.skipped(ids, 'delete', 'deleted in Thena; the HubSpot record is kept (deletion policy: keep)');
    }
    await store.links.markThenaDeleted(ctx.installation.id, ctx.objectType, thenaId, at);
  }
}

function thenaValues(ctx: StreamContext, record: ThenaRecord): CanonicalValues {
  const values = fromThena(ctx.plan, record);
  if (ctx.objectType === 'contacts') values[ACCOUNTS_FIELD] = record.accountIds;
  return values;
}

/** Thena records whose mapped values are still those of the last sync: our echo, or no change. */
export function thenaUnchanged(ctx: StreamContext, record: ThenaRecord, link: RecordLink): boolean {
  const agreed = (link.syncedValues ?? {}) as CanonicalValues;
  return link.thenaFingerprint === fingerprint(thenaSide(ctx, { thena: record, hubspot: agreed }));
}

interface Matched {
  pairs: Pair[];
  creates: ThenaRecord[];
}

/** Whether a Thena contact's companies differ from those of the last sync. */
function accountsMoved(record: ThenaRecord, link: RecordLink): boolean {
  const agreed = (link.syncedValues as CanonicalValues | null)?.[ACCOUNTS_FIELD];
  if (!Array.isArray(agreed)) return true;
  return fingerprint({ a: [...record.accountIds] }) !== fingerprint({ a: agreed });
}

async function matchInHubSpot(
  ctx: StreamContext,
  records: readonly ThenaRecord[],
  trails: Trails,
  result: BatchResult,
): Promise<Matched> {
  const keyProperty = ctx.objectType === 'contacts' ? 'email' : 'domain';
  const keyOf = (record: ThenaRecord): string | null =>
    ctx.objectType === 'contacts'
      ? normalizeEmail(record.fields.email as string | null)
      : normalizeDomain(record.fields.primaryDomain as string | null);
  const keyed: { record: ThenaRecord; key: string }[] = [];
  for (const record of records) {
    const key = keyOf(record);
    if (key === null)
      trails.toHubSpot.unsyncable(
        { hubspotId: null, thenaId: record.id },
        `missing_${keyProperty}`,
        `the Thena record has no ${keyProperty}`,
      );
    else keyed.push({ record, key });
  }
  const found = await ctx.hubspot.findByProperty(
    ctx.objectType,
    keyProperty,
    keyed.map((k) => k.key),
    ctx.plan.fetchProperties,
  );
  const byKey = new Map<string, HubSpotRecord[]>();
  for (const record of found) {
    const key =
      ctx.objectType === 'contacts'
        ? normalizeEmail(record.properties.email)
        : normalizeDomain(record.properties.domain);
    if (key !== null) byKey.set(key, [...(byKey.get(key) ?? []), record]);
  }
  const taken = await ctx.deps.store.links.byHubSpotIds(
    ctx.installation.id,
    ctx.objectType,
    found.map((r) => r.id),
  );
  const matched: Matched = { pairs: [], creates: [] };
  const candidates = keyed.map((k) => ({ ...k, matches: byKey.get(k.key) ?? [] }));
  const companies =
    ctx.objectType === 'contacts'
      ? await companiesOf(
          ctx,
          candidates.flatMap((c) => c.matches),
        )
      : undefined;
  for (const { record, key, matches } of candidates) {
    const ids = { hubspotId: null, thenaId: record.id };
    if (matches.length > 1) {
      trails.toHubSpot.failed(
        ids,
        'link',
        'ambiguous_match',
        `${matches.length} HubSpot records have the ${keyProperty} ${key}; link one by hand`,
        { candidates: matches.map((m) => m.id) },
      );
      continue;
    }
    const hubspot = matches[0];
    if (hubspot === undefined) {
      matched.creates.push(record);
      continue;
    }
    const other = taken.get(hubspot.id);
    if (other !== undefined && other.thenaId !== record.id && other.thenaDeletedAt === null) {
      trails.toHubSpot.failed(
        { hubspotId: hubspot.id, thenaId: record.id },
        'link',
        'already_linked',
        `the matching HubSpot record is already linked to Thena record ${other.thenaId}`,
        { otherThenaId: other.thenaId },
      );
      continue;
    }
    const conversion = fromHubSpot(ctx.plan, hubspot);
    if (!conversion.ok) {
      trails.toHubSpot.failed(
        { hubspotId: hubspot.id, thenaId: record.id },
        'link',
        'invalid_value',
        conversion.problems.map((p) => p.message).join('; '),
      );
      continue;
    }
    const contactCompanies = companies?.get(hubspot.id);
    if (contactCompanies !== undefined) conversion.values[ACCOUNTS_FIELD] = [...contactCompanies.thenaIds];
    trails.toHubSpot.linked({ hubspotId: hubspot.id, thenaId: record.id }, keyProperty);
    if (other !== undefined && other.thenaId !== record.id)
      result.unlinks.push({ objectType: ctx.objectType, hubspotId: other.hubspotId });
    matched.pairs.push({
      record: hubspot,
      hubspot: conversion.values,
      companies: contactCompanies,
      thena: record,
      base: null,
    });
  }
  return matched;
}

async function createInHubSpot(
  ctx: StreamContext,
  fields: readonly FieldMapping[],
  records: readonly ThenaRecord[],
  result: BatchResult,
  trails: Trails,
): Promise<void> {
  const prepared = records.flatMap((record) => {
    const all = thenaValues(ctx, record);
    const values: CanonicalValues = {};
    for (const field of fields) {
      const name = field.property.name;
      const value = all[name] ?? null;
      if (name !== ACCOUNTS_FIELD && writesToHubSpot(field.direction) && value !== null) values[name] = value;
    }
    const converted = toHubSpotProperties(ctx.plan, values);
    if (!converted.ok) {
      trails.toHubSpot.failed(
        { hubspotId: null, thenaId: record.id },
        'create',
        'invalid_value',
        converted.problems.map((p) => p.message).join('; '),
        { problems: converted.problems },
      );
      return [];
    }
    const email = ctx.objectType === 'contacts' ? normalizeEmail(record.fields.email as string | null) : null;
    return [
      {
        record,
        all,
        write: { ref: record.id, properties: converted.properties, ...(email === null ? {} : { email }) },
      },
    ];
  });
  if (prepared.length === 0) return;
  const started = ctx.deps.clock.now();
  const outcomes = await ctx.hubspot.write(
    ctx.objectType,
    prepared.map((p) => p.write),
  );
  const duration = ctx.deps.clock.now() - started;
  for (const [index, outcome] of outcomes.entries()) {
    const { record, all } = prepared[index]!;
    if (!outcome.ok) {
      if (outcome.retryable)
        throw new Error(`HubSpot did not confirm the creation of ${outcome.ref}: ${outcome.message}`);
      trails.toHubSpot.failed(
        { hubspotId: null, thenaId: record.id },
        'create',
        outcome.code,
        `HubSpot refused the record: ${outcome.message}`,
      );
      continue;
    }
    if (ctx.objectType === 'contacts' && record.accountIds.length > 0) {
      const changes = await associationChanges(ctx, outcome.id, [], record.accountIds);
      if (changes.add.length > 0) await ctx.hubspot.associate(changes.add);
    }
    const ids = { hubspotId: outcome.id, thenaId: record.id };
    const written = Object.keys(prepared[index]!.write.properties);
    trails.toHubSpot.created(ids, written, duration);
    result.links.push({
      objectType: ctx.objectType,
      hubspotId: outcome.id,
      thenaId: record.id,
      syncedValues: all,
      hubspotFingerprint: fingerprint(all),
      thenaFingerprint: fingerprint(all),
      hubspotModifiedAt: outcome.record.updatedAt,
      thenaModifiedAt: record.updatedAt,
      hubspotDeletedAt: null,
    });
    result.events.push(
      event(ctx, { record: outcome.record, thena: record }, 'created', written, 'thena_to_hubspot'),
    );
  }
}

/** Syncs Thena records (by id) with HubSpot. `force` ignores "unchanged since the last sync". */
export async function syncThenaRecords(
  ctx: StreamContext,
  thenaIds: readonly string[],
  options: { runId: string | null; force?: boolean },
): Promise<BatchResult> {
  const result: BatchResult = { ...emptyResult(), objectType: ctx.objectType };
  if (thenaIds.length === 0) return result;
  const trails = trailsFor(ctx, result, options.runId);
  const fields = syncFields(ctx);
  const { store } = ctx.deps;
  const records = await ctx.thena.get(ctx.objectType, thenaIds);
  const links = await store.links.byThenaIds(
    ctx.installation.id,
    ctx.objectType,
    records.map((r) => r.id),
  );
  const linked: { record: ThenaRecord; link: RecordLink }[] = [];
  const unlinked: ThenaRecord[] = [];
  for (const record of records) {
    result.counts.seen++;
    const link = links.get(record.id);
    if (link === undefined) unlinked.push(record);
    else if (link.hubspotDeletedAt !== null) {
      trails.toHubSpot.skipped(
        { hubspotId: link.hubspotId, thenaId: record.id },
        'update',
        'the HubSpot record was deleted; it is not created again',
      );
    } else if (!options.force && thenaUnchanged(ctx, record, link)) result.counts.unchanged++;
    else linked.push({ record, link });
  }
  const read = await ctx.hubspot.batchRead(
    ctx.objectType,
    linked.map((l) => l.link.hubspotId),
    ctx.plan.fetchProperties,
  );
  const hubspotById = new Map(read.records.map((r) => [r.id, r]));
  // A contact's HubSpot companies matter only when its Thena companies moved since the last sync:
  // otherwise the merge keeps them as they were agreed, and the read would cost a call per batch.
  const moved = new Set(linked.filter((l) => accountsMoved(l.record, l.link)).map((l) => l.link.hubspotId));
  const companies =
    ctx.objectType === 'contacts'
      ? await companiesOf(
          ctx,
          read.records.filter((r) => moved.has(r.id)),
        )
      : undefined;
  const pairs: Pair[] = [];
  for (const { record, link } of linked) {
    const hubspot = hubspotById.get(link.hubspotId);
    const ids = { hubspotId: link.hubspotId, thenaId: record.id };
    if (hubspot === undefined) {
      trails.toHubSpot.skipped(ids, 'update', 'the HubSpot record no longer exists');
      await store.links.markHubSpotDeleted(
        ctx.installation.id,
        ctx.objectType,
        link.hubspotId,
        ctx.deps.clock.now(),
      );
      continue;
    }
    const conversion = fromHubSpot(ctx.plan, hubspot);
    if (!conversion.ok) {
      trails.toHubSpot.failed(
        ids,
        'update',
        'invalid_value',
        conversion.problems.map((p) => p.message).join('; '),
        { problems: conversion.problems },
      );
      continue;
    }
    const contactCompanies = companies?.get(hubspot.id);
    const base = link.syncedValues as CanonicalValues | null;
    if (contactCompanies !== undefined) conversion.values[ACCOUNTS_FIELD] = [...contactCompanies.thenaIds];
    else if (ctx.objectType === 'contacts') conversion.values[ACCOUNTS_FIELD] = base?.[ACCOUNTS_FIELD] ?? [];
    pairs.push({
      record: hubspot,
      hubspot: conversion.values,
      companies: contactCompanies,
      thena: record,
      base,
      pending: link.pendingValues,
    });
  }
  const matched = await matchInHubSpot(ctx, unlinked, trails, result);
  pairs.push(...matched.pairs);
  await createInHubSpot(ctx, fields, matched.creates, result, trails);
  await syncPairs(ctx, fields, pairs, result, trails);
  return result;
}

export async function enqueueThenaEventsJob(
  jobs: JobsPort,
  installationId: string,
  objectType: ObjectType,
): Promise<void> {
  await enqueueInboxJob(jobs, JOB.thenaEvents, installationId, objectType);
}

export async function runThenaEvents(deps: EngineDeps, payload: ThenaEventJobPayload): Promise<void> {
  const { installationId, objectType } = payload;
  const items = await deps.store.inbox.pending(installationId, 'thena', objectType, BATCH);
  if (items.length === 0) return;
  const ctx = await openStream(deps, installationId, objectType);
  const result = emptyResult();
  if (ctx.enabled) {
    const plan = planChanges(
      items.map((i) => i.payload as ThenaChange),
      ctx.installation.thenaBotId,
    );
    await applyThenaDeletions(ctx, plan.deletions, result);
    result.counts.unchanged += plan.echoes;
    // Chunks of one HubSpot batch each, a few at a time: every chunk waits on its own read and
    // write round trips, so one at a time would leave most of the request budget unused.
    const chunks: string[][] = [];
    for (let i = 0; i < plan.sync.length; i += 100) chunks.push(plan.sync.slice(i, i + 100));
    const synced = await mapLimit(chunks, CHUNKS_AT_ONCE, (ids) =>
      syncThenaRecords(ctx, ids, { runId: null }),
    );
    for (const chunk of synced) mergeResults(result, chunk);
  }
  await commitBatch(deps, installationId, null, result, (unit) =>
    unit.store.inbox.markProcessed(items.map((i) => i.id)),
  );
  deps.observer?.onInboxProcessed(
    'thena',
    items.map((i) => deps.clock.now() - i.receivedAt),
  );
  if (items.length === BATCH) await enqueueThenaEventsJob(deps.jobs, installationId, objectType);
}

export async function retryThenaRecords(deps: EngineDeps, payload: RetryThenaPayload): Promise<void> {
  const ctx = await openStream(deps, payload.installationId, payload.objectType);
  const result = await syncThenaRecords(ctx, payload.thenaIds, { runId: null, force: true });
  noteRetried(result, ctx.objectType, 'thena_to_hubspot', payload.thenaIds);
  await commitBatch(deps, payload.installationId, null, result);
}
