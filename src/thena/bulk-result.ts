// Reads bulk-create answers: the documented `{ total, created, skipped }`, plus the created
// records and skipped items when the server includes them, and merges batches into one result.
import { badResponse } from './errors.ts';
import { isJson, list, numeric, text, unwrap } from './read.ts';
import type { ThenaBulkResult, ThenaBulkSkip } from './types.ts';

function skips(raw: unknown, keyNames: string[], idNames: string[], offset: number): ThenaBulkSkip[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((item: unknown) => {
    if (!isJson(item)) return [];
    const index = numeric(item, 'index');
    return [
      { index: (index ?? 0) + offset, key: text(item, ...keyNames), existingId: text(item, ...idNames) },
    ];
  });
}

export function readBulkResult<T>(
  body: unknown,
  operation: string,
  recordsKey: 'accounts' | 'contacts',
  toRecord: (raw: unknown, operation: string) => T,
  offset: number,
): ThenaBulkResult<T> {
  const inner = unwrap(body);
  if (!isJson(inner)) throw badResponse(operation, 'a bulk result that is not an object');
  const createdList = Array.isArray(inner.created) ? inner.created : list(inner, recordsKey);
  const records = createdList?.map((raw) => toRecord(raw, operation)) ?? null;
  const created = numeric(inner, 'created') ?? records?.length ?? 0;
  const skipped = numeric(inner, 'skipped') ?? 0;
  const skippedRaw = recordsKey === 'contacts' ? inner.skippedContacts : inner.skippedAccounts;
  return {
    total: numeric(inner, 'total') ?? created + skipped,
    created,
    skipped,
    records,
    skippedItems: skips(
      skippedRaw ?? inner.skippedItems,
      ['email', 'primaryDomain', 'key'],
      ['existingContactId', 'existingAccountId', 'existingId'],
      offset,
    ),
  };
}

export function mergeBulkResults<T>(results: ThenaBulkResult<T>[]): ThenaBulkResult<T> {
  const merged: ThenaBulkResult<T> = { total: 0, created: 0, skipped: 0, records: [], skippedItems: [] };
  for (const result of results) {
    merged.total += result.total;
    merged.created += result.created;
    merged.skipped += result.skipped;
    merged.records = merged.records && result.records ? [...merged.records, ...result.records] : null;
    merged.skippedItems.push(...result.skippedItems);
  }
  return merged;
}
