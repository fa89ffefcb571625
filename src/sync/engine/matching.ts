// A HubSpot record with no link finds its Thena record: a contact by email (Thena keeps emails
// unique, so creating reveals an existing one), a company by normalised primary domain. A match
// already linked to another live record, or more than one candidate, fails the record with the
// candidates named: never guessed.
import { isAppError } from '../errors.ts';
import type { HubSpotRecord } from '../hubspot-port.ts';
import { toThenaWrite, type CanonicalValues, type FieldMapping } from '../mapping.ts';
import { mergeRecord } from '../merge.ts';
import type { RecordLink } from '../model.ts';
import type { ThenaRecord } from '../thena-port.ts';
import { fingerprint, normalizeDomain, normalizeEmail } from '../values.ts';
import type { BatchResult } from './batch-result.ts';
import { ACCOUNTS_FIELD, type ContactCompanies } from './companies.ts';
import type { StreamContext } from './context.ts';
import { event, thenaSide, type Pair, type Trails } from './pair.ts';
import { withRequiredFields } from './placeholders.ts';

export interface Unlinked {
  record: HubSpotRecord;
  hubspot: CanonicalValues;
  companies: ContactCompanies | undefined;
}

function matchKey(ctx: StreamContext, candidate: Unlinked): string | null {
  return ctx.objectType === 'contacts'
    ? normalizeEmail(candidate.hubspot.email as string | null)
    : normalizeDomain(candidate.hubspot.domain as string | null);
}

/** Whether `thenaId` may be linked to `hubspotId`: free, or held by a record HubSpot deleted. */
function available(link: RecordLink | undefined, hubspotId: string): boolean {
  return link === undefined || link.hubspotId === hubspotId || link.hubspotDeletedAt !== null;
}

/**
 * Links what can be matched and creates the rest in Thena. Returns the pairs of records that
 * existed on both sides (to be merged like any linked pair, with no base yet).
 */
export async function matchOrCreate(
  ctx: StreamContext,
  fields: readonly FieldMapping[],
  candidates: readonly Unlinked[],
  result: BatchResult,
  trails: Trails,
): Promise<Pair[]> {
  const audit = trails.toThena;
  const keyed: { candidate: Unlinked; key: string }[] = [];
  for (const candidate of candidates) {
    const key = matchKey(ctx, candidate);
    const ids = { hubspotId: candidate.record.id, thenaId: null };
    if (key === null) {
      // Not an error to retry: the record cannot exist in Thena until it has the key Thena needs.
      const [code, what] =
        ctx.objectType === 'contacts' ? ['missing_email', 'no email'] : ['missing_domain', 'no domain'];
      audit.unsyncable(
        ids,
        code,
        `the HubSpot record has ${what}, which Thena requires to match or create it`,
      );
    } else keyed.push({ candidate, key });
  }
  const pairs: Pair[] = [];
  let creates = keyed;
  if (ctx.objectType === 'companies') {
    creates = [];
    const found = await ctx.thena.findAccountsByDomain([...new Set(keyed.map((k) => k.key))]);
    const seen = new Set<string>();
    for (const item of keyed) {
      const matches = found.get(item.key) ?? [];
      const ids = { hubspotId: item.candidate.record.id, thenaId: null };
      if (matches.length > 1) {
        audit.failed(
          ids,
          'link',
          'ambiguous_match',
          `${matches.length} Thena accounts have the domain ${item.key}; link one by hand`,
          { candidates: matches.map((m) => m.id), domain: item.key },
        );
      } else if (matches.length === 1) {
        pairs.push({ ...item.candidate, thena: matches[0]!, base: null });
      } else if (seen.has(item.key)) {
        audit.failed(
          ids,
          'create',
          'duplicate_domain',
          `another HubSpot company in this batch has the domain ${item.key}; it was synced first`,
          { domain: item.key },
        );
      } else {
        seen.add(item.key);
        creates.push(item);
      }
    }
  }
  pairs.push(...(await create(ctx, fields, creates, result, trails)));
  return keepAvailable(ctx, pairs, result, trails);
}

async function keepAvailable(
  ctx: StreamContext,
  pairs: Pair[],
  result: BatchResult,
  trails: Trails,
): Promise<Pair[]> {
  const taken = await ctx.deps.store.links.byThenaIds(
    ctx.installation.id,
    ctx.objectType,
    pairs.map((p) => p.thena.id),
  );
  return pairs.filter((pair) => {
    const link = taken.get(pair.thena.id);
    if (available(link, pair.record.id)) {
      // A link left by a record HubSpot deleted gives way to the live one.
      if (link !== undefined && link.hubspotId !== pair.record.id) {
        result.unlinks.push({ objectType: ctx.objectType, hubspotId: link.hubspotId });
      }
      trails.toThena.linked(
        { hubspotId: pair.record.id, thenaId: pair.thena.id },
        ctx.objectType === 'contacts' ? 'email' : 'domain',
      );
      return true;
    }
    trails.toThena.failed(
      { hubspotId: pair.record.id, thenaId: pair.thena.id },
      'link',
      'already_linked',
      `the matching Thena record is already linked to HubSpot record ${link!.hubspotId}`,
      { otherHubSpotId: link!.hubspotId },
    );
    return false;
  });
}

async function create(
  ctx: StreamContext,
  fields: readonly FieldMapping[],
  items: readonly { candidate: Unlinked }[],
  result: BatchResult,
  trails: Trails,
): Promise<Pair[]> {
  if (items.length === 0) return [];
  const merges = items.map(({ candidate }) =>
    mergeRecord({
      fields,
      base: null,
      hubspot: candidate.hubspot,
      thena: null,
      hubspotModifiedAt: candidate.record.updatedAt,
      thenaModifiedAt: null,
      blankOverwrites: false,
    }),
  );
  const writes = items.map(({ candidate }, index) => {
    const { [ACCOUNTS_FIELD]: _accounts, ...values } = merges[index]!.toThena;
    const write = withRequiredFields(
      ctx.objectType,
      toThenaWrite(ctx.plan, candidate.record.id, values),
      candidate.hubspot,
    );
    return ctx.objectType === 'contacts'
      ? { ...write, accountIds: candidate.companies?.thenaIds ?? [] }
      : write;
  });
  const started = ctx.deps.clock.now();
  const outcomes = await ctx.thena.create(ctx.objectType, writes);
  const duration = ctx.deps.clock.now() - started;
  const existing: { candidate: Unlinked; id: string }[] = [];
  for (const [index, outcome] of outcomes.entries()) {
    const { candidate } = items[index]!;
    const ids = { hubspotId: candidate.record.id, thenaId: null };
    if (!outcome.ok) {
      if (outcome.retryable)
        throw new Error(`Thena could not create ${candidate.record.id}: ${outcome.message}`);
      trails.toThena.failed(ids, 'create', outcome.code, `Thena refused the record: ${outcome.message}`);
    } else if (!outcome.created) {
      existing.push({ candidate, id: outcome.existingId });
    } else {
      recordCreated(ctx, candidate, outcome.record, merges[index]!.merged, result, trails, duration);
    }
  }
  return existingPairs(ctx, existing, trails);
}

function recordCreated(
  ctx: StreamContext,
  candidate: Unlinked,
  thena: ThenaRecord,
  merged: CanonicalValues,
  result: BatchResult,
  trails: Trails,
  durationMs: number,
): void {
  const fields = Object.keys(merged).filter((name) => merged[name] !== null);
  const note =
    (candidate.companies?.unlinked.length ?? 0) > 0
      ? { companiesNotSynced: candidate.companies?.unlinked }
      : {};
  trails.toThena.created({ hubspotId: candidate.record.id, thenaId: thena.id }, fields, durationMs, note);
  result.links.push({
    objectType: ctx.objectType,
    hubspotId: candidate.record.id,
    thenaId: thena.id,
    syncedValues: merged,
    hubspotFingerprint: fingerprint(candidate.hubspot),
    thenaFingerprint: fingerprint(thenaSide(ctx, { thena, hubspot: candidate.hubspot })),
    hubspotModifiedAt: candidate.record.updatedAt,
    thenaModifiedAt: thena.updatedAt,
    hubspotDeletedAt: null,
  });
  result.events.push(event(ctx, { record: candidate.record, thena }, 'created', fields, 'hubspot_to_thena'));
}

async function existingPairs(
  ctx: StreamContext,
  existing: { candidate: Unlinked; id: string }[],
  trails: Trails,
): Promise<Pair[]> {
  if (existing.length === 0) return [];
  let records: ThenaRecord[];
  try {
    records = await ctx.thena.get(
      ctx.objectType,
      existing.map((e) => e.id),
    );
  } catch (err) {
    if (isAppError(err) && !err.retryable) {
      for (const e of existing)
        trails.toThena.failed(
          { hubspotId: e.candidate.record.id, thenaId: e.id },
          'link',
          err.code,
          err.message,
        );
      return [];
    }
    throw err;
  }
  const byId = new Map(records.map((r) => [r.id, r]));
  return existing.flatMap(({ candidate, id }) => {
    const thena = byId.get(id);
    return thena === undefined ? [] : [{ ...candidate, thena, base: null }];
  });
}
