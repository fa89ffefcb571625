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
import type { Direction, LinkWrite } from '../model.ts';
import type { ThenaRecord } from '../thena-port.ts';
import { fingerprint } from '../values.ts';
import type { AuditTrail } from './audit.ts';
import type { BatchResult, SyncedEvent } from './batch-result.ts';
import { ACCOUNTS_FIELD, associationChanges, type ContactCompanies } from './companies.ts';
import type { StreamContext } from './context.ts';
import { withoutStandIns } from './placeholders.ts';

export interface Pair {
  record: HubSpotRecord;
  /** The HubSpot side in canonical form (with the contact's companies). */
  hubspot: CanonicalValues;
  companies: ContactCompanies | undefined;
  thena: ThenaRecord;
  base: CanonicalValues | null;
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

export function mergeFields(ctx: StreamContext, fields: readonly FieldMapping[], pair: Pair): MergeResult {
  return mergeRecord({
    fields,
    base: pair.base,
    hubspot: pair.hubspot,
    thena: thenaSide(ctx, pair),
    hubspotModifiedAt: pair.record.updatedAt,
    thenaModifiedAt: pair.thena.updatedAt,
    blankOverwrites: ctx.plan.settings.blankOverwrites,
  });
}

function withoutAccounts(values: CanonicalValues): CanonicalValues {
  const { [ACCOUNTS_FIELD]: _accounts, ...rest } = values;
  return rest;
}

/** Writes the Thena side of a pair; returns the HubSpot write it still needs, if any. */
export async function syncPair(
  ctx: StreamContext,
  fields: readonly FieldMapping[],
  pair: Pair,
  result: BatchResult,
  trails: Trails,
): Promise<PendingHubSpotWrite | null> {
  const ids = { hubspotId: pair.record.id, thenaId: pair.thena.id };
  const merge = mergeFields(ctx, fields, pair);
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
