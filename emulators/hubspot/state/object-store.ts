// All records of one object type in one portal, in id order: seeded blocks (generated on read)
// interleaved with records created through the API. Written records live in `records`; a seeded
// record is copied there ("materialised") the first time it is written.
import type { ObjectTypeInfo } from '../crm/object-types.ts';
import type { SeedSegment } from '../seed/segment.ts';
import { StoredRecord, type RecordView } from './records.ts';

/** Namespaces of the unique-value index: contacts' emails (primary and additional) share one. */
export const EMAIL_NAMESPACE = 'email';

export class ObjectStore {
  readonly records = new Map<number, StoredRecord>();
  private readonly segments: SeedSegment[] = [];
  /** Ids handed out by creates, ascending; never inside a seeded block. */
  private readonly createdIds: number[] = [];
  /** Seeded ids that no longer exist (purged or merged) and were never materialised. */
  private readonly gone = new Set<number>();
  readonly mergedInto = new Map<number, number>();
  private readonly archivedIds = new Set<number>();
  private readonly unique = new Map<string, Map<string, number>>();
  private nextIdValue: number;
  private nextOrdinal = 0;
  /** Indexes a seeded record's unique values when it is first copied into storage. */
  onMaterialize: ((record: StoredRecord) => void) | undefined = undefined;

  constructor(
    readonly type: ObjectTypeInfo,
    firstId: number,
  ) {
    this.nextIdValue = firstId;
  }

  get nextId(): number {
    return this.nextIdValue;
  }

  allocateId(): number {
    const id = this.nextIdValue++;
    this.createdIds.push(id);
    return id;
  }

  /** Ordinal of the next seeded record of this type, so seeded emails never repeat. */
  reserveOrdinals(count: number): number {
    const first = this.nextOrdinal;
    this.nextOrdinal += count;
    return first;
  }

  addSegment(segment: SeedSegment): void {
    if (segment.baseId !== this.nextIdValue) throw new Error('a seeded block must start at the next free id');
    this.segments.push(segment);
    this.nextIdValue = segment.endId;
  }

  segmentList(): readonly SeedSegment[] {
    return this.segments;
  }

  segmentOf(id: number): SeedSegment | undefined {
    let lo = 0;
    let hi = this.segments.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const segment = this.segments[mid] as SeedSegment;
      if (id < segment.baseId) hi = mid - 1;
      else if (id >= segment.endId) lo = mid + 1;
      else return segment;
    }
    return undefined;
  }

  /** A record that exists (archived or not); undefined when unknown, purged or merged away. */
  find(id: number): RecordView | undefined {
    const stored = this.records.get(id);
    if (stored) return stored;
    if (this.gone.has(id)) return undefined;
    return this.segmentOf(id)?.view(id);
  }

  /** The stored copy of a record, materialising a seeded one first. */
  materialize(id: number): StoredRecord | undefined {
    const stored = this.records.get(id);
    if (stored) return stored;
    const view = this.find(id);
    if (!view) return undefined;
    const record = StoredRecord.from(view);
    this.records.set(id, record);
    this.onMaterialize?.(record);
    return record;
  }

  insert(record: StoredRecord): void {
    this.records.set(record.id, record);
  }

  /** Follows merges: the id of the record that absorbed `id`, or `id` itself. */
  resolve(id: number): number {
    let current = id;
    for (let hops = 0; hops < 100; hops++) {
      const next = this.mergedInto.get(current);
      if (next === undefined) return current;
      current = next;
    }
    return current;
  }

  /** Removes a record for good (GDPR delete, or the losing side of a merge). */
  remove(id: number, mergedInto?: number): void {
    this.records.delete(id);
    this.archivedIds.delete(id);
    if (this.segmentOf(id)) this.gone.add(id);
    if (mergedInto !== undefined) this.mergedInto.set(id, mergedInto);
  }

  markArchived(record: StoredRecord, archived: boolean, at: number): void {
    record.archived = archived;
    record.archivedAt = archived ? at : undefined;
    if (archived) this.archivedIds.add(record.id);
    else this.archivedIds.delete(record.id);
  }

  archivedIdList(): number[] {
    return [...this.archivedIds].sort((a, b) => a - b);
  }

  /**
   * Visits every existing record with from <= id <= to in id order (archived ones included);
   * the visitor returns false to stop early.
   */
  scan(fromId: number, toId: number, visit: (record: RecordView) => boolean | void): void {
    let ci = lowerBound(this.createdIds, fromId);
    const emitCreated = (limit: number): boolean => {
      while (ci < this.createdIds.length) {
        const id = this.createdIds[ci] as number;
        if (id >= limit || id > toId) return true;
        ci++;
        const record = this.records.get(id);
        if (record && visit(record) === false) return false;
      }
      return true;
    };
    for (const segment of this.segments) {
      if (segment.endId <= fromId) continue;
      if (!emitCreated(segment.baseId)) return;
      if (segment.baseId > toId) return;
      const end = Math.min(segment.endId - 1, toId);
      for (let id = Math.max(segment.baseId, fromId); id <= end; id++) {
        if (this.gone.has(id)) continue;
        const record = this.records.get(id) ?? segment.view(id);
        if (visit(record) === false) return;
      }
    }
    emitCreated(Number.POSITIVE_INFINITY);
  }

  /** Records written since seeding (created, or seeded and later written), in id order. */
  storedIds(): number[] {
    return [...this.records.keys()].sort((a, b) => a - b);
  }

  // ---- unique values (contact emails, custom unique properties) ----

  indexUnique(namespace: string, value: string, id: number): void {
    let index = this.unique.get(namespace);
    if (!index) {
      index = new Map();
      this.unique.set(namespace, index);
    }
    index.set(value, id);
  }

  unindexUnique(namespace: string, value: string, id: number): void {
    const index = this.unique.get(namespace);
    if (index?.get(value) === id) index.delete(value);
  }

  /**
   * The live (non-archived) record holding `value` in a unique namespace: first the index of
   * written records, then the seeded blocks (whose values are found by inverting their formulas).
   */
  findUnique(namespace: string, property: string, value: string): RecordView | undefined {
    const id = this.unique.get(namespace)?.get(value);
    if (id !== undefined) {
      const record = this.records.get(id);
      if (record && !record.archived) return record;
    }
    for (const segment of this.segments) {
      const index = segment.locate(property, value);
      if (index === undefined) continue;
      const seededId = segment.baseId + index;
      // A written copy is authoritative: its value may have changed since seeding.
      if (this.records.has(seededId) || this.gone.has(seededId)) continue;
      return segment.view(seededId);
    }
    return undefined;
  }

  /** Record counts, for stats. */
  counts(): { live: number; archived: number } {
    let seeded = 0;
    for (const segment of this.segments) seeded += segment.spec.count;
    let seededStored = 0;
    for (const id of this.records.keys()) if (this.segmentOf(id)) seededStored++;
    const created = this.records.size - seededStored;
    const total = seeded - this.goneSeeded() + created;
    return { live: total - this.archivedIds.size, archived: this.archivedIds.size };
  }

  private goneSeeded(): number {
    return this.gone.size;
  }
}

function lowerBound(list: readonly number[], value: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((list[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
