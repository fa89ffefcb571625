// `POST /crm/v3/objects/{type}/search`: limits, candidate planning, evaluation, sort and paging.
// The product reconciles with `lastmodifieddate GTE x` inside `hs_object_id` windows sorted by id,
// so ranges on hs_object_id only visit that window, and a lower bound on a last-modified date
// newer than a seeded block's seeding time skips the block's untouched records entirely.
import { validationError } from '../../errors.ts';
import { text } from '../../http/params.ts';
import { parseInstant } from '../../properties/dates.ts';
import type { Portal } from '../../state/portal.ts';
import type { RecordView } from '../../state/records.ts';
import type { ObjectTypeInfo } from '../object-types.ts';
import { searchView } from '../search-index.ts';
import { compileFilter, tokens, type CompiledFilter, type FilterInput } from './filters.ts';

export interface SearchLimits {
  maxFilterGroups: number;
  maxFiltersPerGroup: number;
  maxFilters: number;
  maxResults: number;
  maxLimit: number;
  maxQueryLength: number;
}

export interface SearchRequest {
  filterGroups: CompiledFilter[][];
  query: string | undefined;
  sort: { propertyName: string; descending: boolean } | undefined;
  properties: string[] | undefined;
  limit: number;
  after: number;
}

export interface SearchResult {
  total: number;
  records: RecordView[];
  nextAfter: number | undefined;
}

export function parseSearchRequest(
  portal: Portal,
  type: ObjectTypeInfo,
  body: Record<string, unknown>,
  limits: SearchLimits,
): SearchRequest {
  if (typeof body.query === 'string' && body.query.length > limits.maxQueryLength) {
    throw validationError(
      `There was a problem with the request. The query is limited to ${limits.maxQueryLength} characters.`,
    );
  }
  const groups = Array.isArray(body.filterGroups) ? (body.filterGroups as Array<{ filters?: unknown }>) : [];
  if (groups.length > limits.maxFilterGroups) {
    throw validationError(
      `There was a problem with the request. The maximum number of filterGroups is ${limits.maxFilterGroups}; you provided ${groups.length}.`,
    );
  }
  let total = 0;
  const filterGroups = groups.map((group) => {
    const filters = Array.isArray(group?.filters) ? (group.filters as FilterInput[]) : [];
    if (filters.length > limits.maxFiltersPerGroup) {
      throw validationError(
        `There was a problem with the request. The maximum number of filters in a filterGroup is ${limits.maxFiltersPerGroup}; you provided ${filters.length}.`,
      );
    }
    total += filters.length;
    return filters.map((filter) => compileFilter(portal, type, filter ?? {}));
  });
  if (total > limits.maxFilters) {
    throw validationError(
      `There was a problem with the request. The maximum number of filters across all filterGroups is ${limits.maxFilters}; you provided ${total}.`,
    );
  }
  const limit = body.limit === undefined || body.limit === null ? 10 : Number(body.limit);
  if (!Number.isInteger(limit) || limit < 0) throw validationError(`limit must be a non-negative integer.`);
  if (limit > limits.maxLimit)
    throw validationError(`limit must be less than or equal to ${limits.maxLimit}.`);
  const afterRaw =
    body.after === undefined || body.after === null || body.after === '' ? '0' : text(body.after);
  if (!/^\d+$/.test(afterRaw)) {
    throw validationError(
      `There was a problem with the request. 'after' must be an integer, got "${afterRaw}".`,
    );
  }
  const after = Number(afterRaw);
  if (after >= limits.maxResults) {
    throw validationError(
      `There was a problem with the request. Paging is limited to the first ${limits.maxResults} results; 'after' was ${after}.`,
    );
  }
  const query = typeof body.query === 'string' && body.query.trim() !== '' ? body.query : undefined;
  return {
    filterGroups: filterGroups.filter((group) => group.length > 0),
    query,
    sort: parseSort(portal, type, body.sorts),
    properties: Array.isArray(body.properties)
      ? body.properties.filter((p): p is string => typeof p === 'string')
      : undefined,
    limit,
    after,
  };
}

function parseSort(
  portal: Portal,
  type: ObjectTypeInfo,
  raw: unknown,
): { propertyName: string; descending: boolean } | undefined {
  if (!Array.isArray(raw) || raw.length === 0) return undefined;
  // Only the first sort rule is applied, as in HubSpot. The spec types sorts as strings
  // ("createdate", "-createdate"); the docs send objects ({propertyName, direction}).
  const first: unknown = raw[0];
  let propertyName: string;
  let descending = false;
  if (typeof first === 'string') {
    descending = first.startsWith('-');
    propertyName = descending ? first.slice(1) : first;
  } else if (first && typeof first === 'object') {
    const sort = first as { propertyName?: unknown; direction?: unknown };
    propertyName = typeof sort.propertyName === 'string' ? sort.propertyName : '';
    descending = sort.direction === 'DESCENDING';
  } else {
    throw validationError('There was a problem with the request. Invalid sort.');
  }
  if (!portal.properties(type).get(propertyName)) {
    throw validationError(
      `There was a problem with the request. Cannot sort on unknown property "${propertyName}".`,
    );
  }
  return { propertyName, descending };
}

export function runSearch(
  portal: Portal,
  type: ObjectTypeInfo,
  request: SearchRequest,
  now: number,
  maxResults: number,
): SearchResult {
  const matches = (record: RecordView): boolean =>
    (request.filterGroups.length === 0 ||
      request.filterGroups.some((group) => group.every((f) => f.test(record)))) &&
    (request.query === undefined || matchesQuery(type, record, request.query));
  const byId =
    request.sort === undefined || (request.sort.propertyName === 'hs_object_id' && !request.sort.descending);
  const window = { start: request.after, end: Math.min(request.after + request.limit, maxResults) };
  const page: RecordView[] = [];
  const all: RecordView[] = [];
  let total = 0;
  visitCandidates(portal, type, request.filterGroups, now, (record) => {
    if (!matches(record)) return;
    if (byId) {
      if (total >= window.start && total < window.end) page.push(record);
    } else {
      all.push(record);
    }
    total++;
  });
  let records = page;
  if (!byId && request.sort) {
    all.sort(comparator(portal, type, request.sort.propertyName, request.sort.descending));
    records = all.slice(window.start, window.end);
  }
  const nextAfter = request.after + records.length;
  return { total, records, nextAfter: nextAfter < total && records.length > 0 ? nextAfter : undefined };
}

/** Calls `visit` with the search view of every live, indexed record that could match. */
function visitCandidates(
  portal: Portal,
  type: ObjectTypeInfo,
  groups: CompiledFilter[][],
  now: number,
  visit: (record: RecordView) => void,
): void {
  const store = portal.store(type);
  const emit = (record: RecordView): void => {
    const indexed = searchView(record, now);
    if (indexed && !indexed.archived) visit(indexed);
  };
  const pinned = groups.length > 0 && groups.every((group) => group.some((f) => f.ids !== undefined));
  if (pinned) {
    const ids = new Set<number>();
    for (const group of groups)
      for (const id of group.find((f) => f.ids !== undefined)?.ids ?? []) ids.add(id);
    for (const id of [...ids].sort((a, b) => a - b)) {
      const record = store.find(id);
      if (record) emit(record);
    }
    return;
  }
  const [low, high] = idHull(groups);
  if (groups.length > 0 && groups.every((group) => excludesUntouchedSeeds(group, store.segmentList()))) {
    for (const id of store.storedIds()) {
      if (id < low || id > high) continue;
      const record = store.records.get(id);
      if (record) emit(record);
    }
    return;
  }
  store.scan(low, high, emit);
}

function idHull(groups: CompiledFilter[][]): [number, number] {
  if (groups.length === 0) return [0, Number.POSITIVE_INFINITY];
  let low = Number.POSITIVE_INFINITY;
  let high = Number.NEGATIVE_INFINITY;
  for (const group of groups) {
    let groupLow = 0;
    let groupHigh = Number.POSITIVE_INFINITY;
    for (const filter of group) {
      if (filter.idLow !== undefined) groupLow = Math.max(groupLow, filter.idLow);
      if (filter.idHigh !== undefined) groupHigh = Math.min(groupHigh, filter.idHigh);
    }
    low = Math.min(low, groupLow);
    high = Math.max(high, groupHigh);
  }
  return [low, high];
}

/** True when a group needs a date newer than every seeded block's seeding: only written records can match. */
function excludesUntouchedSeeds(
  group: CompiledFilter[],
  segments: ReadonlyArray<{ maxModifiedAt: number }>,
): boolean {
  const newest = Math.max(Number.NEGATIVE_INFINITY, ...segments.map((s) => s.maxModifiedAt));
  return group.some((filter) => filter.instantLow !== undefined && filter.instantLow.atLeast > newest);
}

function matchesQuery(type: ObjectTypeInfo, record: RecordView, query: string): boolean {
  const words = query
    .toLowerCase()
    .split(/\s+/)
    .filter((w) => w.length > 0);
  const values = type.queryProperties
    .map((name) => record.value(name))
    .filter((v): v is string => v !== undefined)
    .map((v) => v.toLowerCase());
  const valueTokens = values.flatMap((v) => tokens(v));
  return words.every(
    (word) => values.some((v) => v.startsWith(word)) || valueTokens.some((t) => t.startsWith(word)),
  );
}

function comparator(
  portal: Portal,
  type: ObjectTypeInfo,
  propertyName: string,
  descending: boolean,
): (a: RecordView, b: RecordView) => number {
  const def = portal.properties(type).get(propertyName);
  const numeric = def?.type === 'number';
  const instant = def?.type === 'date' || def?.type === 'datetime';
  const key = (record: RecordView): number | string | undefined => {
    const value = record.value(propertyName);
    if (value === undefined) return undefined;
    if (numeric) return Number(value);
    if (instant) return parseInstant(value);
    return value.toLowerCase();
  };
  return (a, b) => {
    const ka = key(a);
    const kb = key(b);
    // Records without a value sort last in either direction.
    if (ka === undefined || kb === undefined) {
      if (ka === kb) return a.id - b.id;
      return ka === undefined ? 1 : -1;
    }
    const order = ka < kb ? -1 : ka > kb ? 1 : 0;
    return order === 0 ? a.id - b.id : descending ? -order : order;
  };
}
