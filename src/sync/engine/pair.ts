// Syncing one HubSpot record with its Thena record: merge both sides against the last agreed
// values, write the Thena patch, queue the HubSpot patch, and describe the new link.
import { isAppError } from '../errors.ts';
import type { HubSpotRecord, HubSpotWrite } from '../hubspot-port.ts';
import {
  fromThena,
  toHubSpotProperties,
  toThenaWrite,
  type CanonicalValues,
  type FieldMapping,
} from '../mapping.ts';
import { mergeRecord, type MergeResult } from '../merge.ts';
import type { Direction, LinkWrite, PendingValues } from '../model.ts';
import type { ThenaRecord } from '../thena-port.ts';
import type { ThenaValue } from '../thena-fields.ts';
import { fingerprint, valuesEqual } from '../values.ts';
import type { AuditTrail } from './audit.ts';
import type { BatchResult, SyncedEvent } from './batch-result.ts';
import { ACCOUNTS_FIELD, associationChanges, type ContactCompanies } from './companies.ts';
import { mapLimit } from './concurrency.ts';
import type { StreamContext } from './context.ts';
import { withoutStandIns } from './placeholders.ts';

export interface Pair {
  record: HubSpotRecord;
  /** The HubSpot side in canonical form (with the contact's companies). */
  hubspot: CanonicalValues;
  companies: ContactCompanies | undefined;
  thena: ThenaRecord;
  base: CanonicalValues | null;
  /** What the last sync was about to write, if it may not have recorded the outcome. */
  pending?: PendingValues | null | undefined;
}

/** A HubSpot write the batch sends at the end, and the link to store once it is known to have worked. */
export interface PendingHubSpotWrite {
  write: HubSpotWrite;
  pair: Pair;
  link: LinkWrite;
  hubspotAfter: CanonicalValues;
  fields: string[];
}

/** The audit trails of both directions: Thena writes and HubSpot writes are logged apart. */
export interface Trails {
  toThena: AuditTrail;
  toHubSpot: AuditTrail;
}

export function thenaSide(ctx: StreamContext, pair: Pick<Pair, 'thena' | 'hubspot'>): CanonicalValues {
  const values = fromThena(ctx.plan, pair.thena);
  if (ctx.objectType === 'contacts') values[ACCOUNTS_FIELD] = pair.thena.accountIds;
  return withoutStandIns(ctx.objectType, values, pair.hubspot);
}

/**
 * The base, corrected for writes we made but could not record: a side holding exactly what we
 * were about to write to it holds our write, not an edit made there since the last sync.
 */
function effectiveBase(
  fields: readonly FieldMapping[],
  pair: Pair,
  thena: CanonicalValues,
): CanonicalValues | null {
  if (pair.base === null || !pair.pending) return pair.base;
  const base = { ...pair.base };
  const types = new Map(fields.map((f) => [f.property.name, f.fieldType]));
  const adopt = (written: Record<string, unknown> | undefined, side: CanonicalValues): void => {
    for (const [field, value] of Object.entries(written ?? {})) {
      const type = types.get(field);
      const ours = value as ThenaValue;
      if (type !== undefined && valuesEqual(side[field] ?? null, ours, type)) base[field] = ours;
    }
  };
  adopt(pair.pending.hubspot, pair.hubspot);
  adopt(pair.pending.thena, thena);
  return base;
}

export function mergeFields(ctx: StreamContext, fields: readonly FieldMapping[], pair: Pair): MergeResult {
  const thena = thenaSide(ctx, pair);
  return mergeRecord({
    fields,
    base: effectiveBase(fields, pair, thena),
    hubspot: pair.hubspot,
    thena,
    hubspotModifiedAt: pair.record.updatedAt,
    thenaModifiedAt: pair.thena.updatedAt,
    blankOverwrites: ctx.plan.settings.blankOverwrites,
  });
}

function withoutAccounts(values: CanonicalValues): CanonicalValues {
  const { [ACCOUNTS_FIELD]: _accounts, ...rest } = values;
  return rest;
}

export interface PairPlan {
  pair: Pair;
  merge: MergeResult;
}

/**
 * Syncs linked or matched pairs: merge each, record what is about to be written (so a write whose
 * commit fails is still known as ours), write the Thena side record by record and the HubSpot
 * side in one batch.
 */
export async function syncPairs(
  ctx: StreamContext,
  fields: readonly FieldMapping[],
  pairs: readonly Pair[],
  result: BatchResult,
  trails: Trails,
): Promise<void> {
  const plans: PairPlan[] = pairs.map((pair) => ({ pair, merge: mergeFields(ctx, fields, pair) }));
  const intents = plans.flatMap(({ pair, merge }) => {
    const writes = Object.keys(merge.toThena).length + Object.keys(merge.toHubSpot).length;
    return pair.base === null || writes === 0
      ? []
      : [{ hubspotId: pair.record.id, pending: { hubspot: merge.toHubSpot, thena: merge.toThena } }];
  });
  if (intents.length > 0)
    await ctx.deps.store.links.recordPending(ctx.installation.id, ctx.objectType, intents);
  const pending = await mapLimit(plans, ctx.deps.options.thenaConcurrency, (plan) =>
    applyPair(ctx, plan, result, trails),
  );
  await flushHubSpotWrites(
    ctx,
    pending.filter((p): p is PendingHubSpotWrite => p !== null),
    result,
    trails.toHubSpot,
  );
}

/** Writes the Thena side of a planned pair; returns the HubSpot write it still needs, if any. */
async function applyPair(
  ctx: StreamContext,
  { pair, merge }: PairPlan,
  result: BatchResult,
  trails: Trails,
): Promise<PendingHubSpotWrite | null> {
  const ids = { hubspotId: pair.record.id, thenaId: pair.thena.id };
  const thenaBefore = thenaSide(ctx, pair);
  const audit = trails.toThena;
  for (const conflict of merge.conflicts) {
    (conflict.winner === 'hubspot' ? trails.toThena : trails.toHubSpot).conflict(
      ids,
      conflict,
      `${conflict.field}: both sides changed; ${conflict.winner === 'hubspot' ? 'HubSpot' : 'Thena'} value kept (${conflict.reason === 'policy' ? conflict.policy : conflict.reason})`,
    );
  }
  const thenaFields = Object.keys(merge.toThena);
  let thenaAfter = thenaBefore;
  if (thenaFields.length > 0) {
    const write = toThenaWrite(ctx.plan, pair.record.id, withoutAccounts(merge.toThena));
    if (ACCOUNTS_FIELD in merge.toThena) write.accountIds = pair.companies?.thenaIds ?? [];
    const started = ctx.deps.clock.now();
    try {
      await ctx.thena.update(ctx.objectType, pair.thena.id, write);
    } catch (err) {
      if (!isAppError(err) || err.retryable) throw err;
      audit.failed(ids, 'update', err.code, `Thena refused the update: ${err.message}`, err.details);
      return null;
    }
    thenaAfter = { ...thenaBefore, ...merge.toThena };
    audit.updated(ids, thenaFields, ctx.deps.clock.now() - started, unlinkedNote(pair));
    result.events.push(event(ctx, pair, 'updated', thenaFields, 'hubspot_to_thena'));
  }
  const link: LinkWrite = {
    objectType: ctx.objectType,
    hubspotId: pair.record.id,
    thenaId: pair.thena.id,
    syncedValues: merge.merged,
    hubspotFingerprint: fingerprint(pair.hubspot),
    thenaFingerprint: fingerprint(thenaAfter),
    hubspotModifiedAt: pair.record.updatedAt,
    thenaModifiedAt: pair.thena.updatedAt,
    hubspotDeletedAt: null,
  };
  const hubspotFields = Object.keys(merge.toHubSpot);
  if (hubspotFields.length === 0) {
    if (thenaFields.length === 0) result.counts.unchanged++;
    result.links.push(link);
    return null;
  }
  return pendingHubSpot(ctx, pair, merge, link, trails.toHubSpot);
}

async function pendingHubSpot(
  ctx: StreamContext,
  pair: Pair,
  merge: MergeResult,
  link: LinkWrite,
  audit: AuditTrail,
): Promise<PendingHubSpotWrite | null> {
  const converted = toHubSpotProperties(ctx.plan, withoutAccounts(merge.toHubSpot));
  if (!converted.ok) {
    audit.failed(
      { hubspotId: pair.record.id, thenaId: pair.thena.id },
      'update',
      'invalid_value',
      converted.problems.map((p) => p.message).join('; '),
      { problems: converted.problems },
    );
    return null;
  }
  if (ACCOUNTS_FIELD in merge.toHubSpot && pair.companies !== undefined) {
    const wanted = (merge.toHubSpot[ACCOUNTS_FIELD] as string[] | null) ?? [];
    const changes = await associationChanges(ctx, pair.record.id, pair.companies.associations, wanted);
    if (changes.add.length > 0) await ctx.hubspot.associate(changes.add);
    if (changes.remove.length > 0) await ctx.hubspot.dissociate(changes.remove);
  }
  return {
    write: { ref: pair.record.id, id: pair.record.id, properties: converted.properties },
    pair,
    link,
    hubspotAfter: { ...pair.hubspot, ...merge.toHubSpot },
    fields: Object.keys(merge.toHubSpot),
  };
}

function unlinkedNote(pair: Pair): Record<string, unknown> {
  const unlinked = pair.companies?.unlinked ?? [];
  return unlinked.length === 0 ? {} : { companiesNotSynced: unlinked };
}

export function event(
  ctx: StreamContext,
  pair: { record: HubSpotRecord; thena: { id: string } },
  action: 'created' | 'updated',
  fields: string[],
  direction: Direction,
): SyncedEvent {
  return {
    objectType: ctx.objectType,
    direction,
    action,
    hubspotId: pair.record.id,
    thenaId: pair.thena.id,
    fields,
    syncedAt: ctx.deps.clock.now(),
  };
}

/** Sends the HubSpot patches of a batch in one batch call; stores each link once its write is known. */
export async function flushHubSpotWrites(
  ctx: StreamContext,
  pending: readonly PendingHubSpotWrite[],
  result: BatchResult,
  audit: AuditTrail,
): Promise<void> {
  if (pending.length === 0) return;
  const outcomes = await ctx.hubspot.write(
    ctx.objectType,
    pending.map((p) => p.write),
  );
  for (const [index, outcome] of outcomes.entries()) {
    const item = pending[index]!;
    const ids = { hubspotId: item.pair.record.id, thenaId: item.pair.thena.id };
    if (outcome.ok) {
      result.links.push({ ...item.link, hubspotFingerprint: fingerprint(item.hubspotAfter) });
      audit.updated(ids, item.fields, null);
      result.events.push(event(ctx, item.pair, 'updated', item.fields, 'thena_to_hubspot'));
    } else {
      if (outcome.retryable)
        throw new Error(`HubSpot did not confirm the update of ${outcome.ref}: ${outcome.message}`);
      audit.failed(ids, 'update', outcome.code, `HubSpot refused the update: ${outcome.message}`);
      // The Thena side was written: keep the link, with the HubSpot side still as it was.
      result.links.push(item.link);
    }
  }
}
