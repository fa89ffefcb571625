// HubSpot -> Thena for a batch of HubSpot records (a backfill page, a webhook batch, a
// reconciliation window): filter, convert, skip what did not change, match or create what has no
// link, merge the rest, write both sides. Returns what to commit; remote writes are done.
import type { HubSpotRecord } from '../hubspot-port.ts';
import { fromHubSpot, type FieldMapping } from '../mapping.ts';
import { fingerprint } from '../values.ts';
import { AuditTrail } from './audit.ts';
import { emptyResult, type BatchResult } from './batch-result.ts';
import { accountsField, ACCOUNTS_FIELD, companiesOf } from './companies.ts';
import type { StreamContext } from './context.ts';
import { matchOrCreate, type Unlinked } from './matching.ts';
import { syncPairs, type Pair, type Trails } from './pair.ts';

export interface InboundOptions {
  runId: string | null;
  /** Sync even records whose HubSpot values did not change since the last sync (retries). */
  force?: boolean;
}

export function syncFields(ctx: StreamContext): FieldMapping[] {
  return ctx.objectType === 'contacts'
    ? [...ctx.plan.fields, accountsField(ctx.plan.settings.conflictPolicy)]
    : ctx.plan.fields;
}

export function trailsFor(ctx: StreamContext, result: BatchResult, runId: string | null): Trails {
  return {
    toThena: new AuditTrail(result, runId, ctx.objectType, 'hubspot_to_thena'),
    toHubSpot: new AuditTrail(result, runId, ctx.objectType, 'thena_to_hubspot'),
  };
}

export async function syncHubSpotRecords(
  ctx: StreamContext,
  records: readonly HubSpotRecord[],
  options: InboundOptions,
): Promise<BatchResult> {
  const result: BatchResult = { ...emptyResult(), objectType: ctx.objectType };
  const trails = trailsFor(ctx, result, options.runId);
  const fields = syncFields(ctx);
  const { store } = ctx.deps;
  const links = await store.links.byHubSpotIds(
    ctx.installation.id,
    ctx.objectType,
    records.map((r) => r.id),
  );
  const wanted = records.filter((record) => {
    result.counts.seen++;
    const matches = ctx.plan.matches(record.properties);
    if (!matches)
      trails.toThena.excluded(
        { hubspotId: record.id, thenaId: links.get(record.id)?.thenaId ?? null },
        'does not match the filters',
      );
    return matches;
  });
  const companies = ctx.objectType === 'contacts' ? await companiesOf(ctx, wanted) : undefined;
  const changed: (Unlinked & { linkThenaId: string | null; base: Pair['base']; pending: Pair['pending'] })[] =
    [];
  for (const record of wanted) {
    const link = links.get(record.id);
    const ids = { hubspotId: record.id, thenaId: link?.thenaId ?? null };
    // Deleted in Thena: the sync does not bring it back.
    if (link?.thenaDeletedAt != null) {
      result.counts.unchanged++;
      continue;
    }
    const conversion = fromHubSpot(ctx.plan, record);
    if (!conversion.ok) {
      const message = conversion.problems.map((p) => p.message).join('; ');
      trails.toThena.failed(ids, link ? 'update' : 'create', 'invalid_value', message, {
        problems: conversion.problems,
      });
      continue;
    }
    const hubspot = conversion.values;
    const contactCompanies = companies?.get(record.id);
    if (contactCompanies !== undefined) hubspot[ACCOUNTS_FIELD] = [...contactCompanies.thenaIds];
    if (link !== undefined && !options.force && link.hubspotFingerprint === fingerprint(hubspot)) {
      result.counts.unchanged++;
      continue;
    }
    changed.push({
      record,
      hubspot,
      companies: contactCompanies,
      linkThenaId: link?.thenaId ?? null,
      base: (link?.syncedValues as Pair['base']) ?? null,
      pending: link?.pendingValues ?? null,
    });
  }
  const linkedIds = changed.flatMap((c) => (c.linkThenaId === null ? [] : [c.linkThenaId]));
  const thenaById = new Map((await ctx.thena.get(ctx.objectType, linkedIds)).map((r) => [r.id, r]));
  const pairs: Pair[] = [];
  const unlinked: Unlinked[] = [];
  for (const item of changed) {
    const thena = item.linkThenaId === null ? undefined : thenaById.get(item.linkThenaId);
    if (thena !== undefined)
      pairs.push({
        record: item.record,
        hubspot: item.hubspot,
        companies: item.companies,
        thena,
        base: item.base,
        pending: item.pending,
      });
    else if (item.linkThenaId === null) unlinked.push(item);
    else {
      // The Thena record was deleted without us hearing of it: remember, and leave it deleted.
      const ids = { hubspotId: item.record.id, thenaId: item.linkThenaId };
      trails.toThena.skipped(ids, 'delete', 'the Thena record was deleted; it is not created again');
      await store.links.markThenaDeleted(
        ctx.installation.id,
        ctx.objectType,
        item.linkThenaId,
        ctx.deps.clock.now(),
      );
    }
  }
  pairs.push(...(await matchOrCreate(ctx, fields, unlinked, result, trails)));
  await syncPairs(ctx, fields, pairs, result, trails);
  return result;
}
