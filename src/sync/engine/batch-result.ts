// What syncing a batch of records produced: counts, audit entries, links to store and events to
// publish. Remote writes are done by then; this is what the caller commits in one transaction.
import type { AuditEntryInput, Direction, LinkWrite, ObjectType, RunCounts } from '../model.ts';
import { ZERO_COUNTS } from '../model.ts';

export interface SyncedEvent {
  objectType: ObjectType;
  direction: Direction;
  action: 'created' | 'updated';
  hubspotId: string;
  thenaId: string;
  fields: string[];
  syncedAt: number;
}

export interface BatchResult {
  objectType?: ObjectType;
  counts: RunCounts;
  audit: AuditEntryInput[];
  links: LinkWrite[];
  /** Links to forget: held by a record HubSpot deleted, given to a live one. */
  unlinks: { objectType: ObjectType; hubspotId: string }[];
  events: SyncedEvent[];
}

export function emptyResult(): BatchResult {
  return { counts: { ...ZERO_COUNTS }, audit: [], links: [], unlinks: [], events: [] };
}

export function addCounts(into: RunCounts, from: Partial<RunCounts>): void {
  for (const key of Object.keys(from) as (keyof RunCounts)[]) into[key] += from[key] ?? 0;
}

export function mergeResults(into: BatchResult, from: BatchResult): void {
  if (from.objectType !== undefined) into.objectType = from.objectType;
  addCounts(into.counts, from.counts);
  into.audit.push(...from.audit);
  into.links.push(...from.links);
  into.unlinks.push(...from.unlinks);
  into.events.push(...from.events);
}
