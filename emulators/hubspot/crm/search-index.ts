// HubSpot's search index lags behind writes ("a few moments"). With `searchIndexDelayMs` set, a
// stored record keeps the versions search may still see; search reads the newest version whose
// time has come, so a record just created is not found and a record just updated is found with
// its old values until the delay has passed.
import { StoredRecord, type RecordView, type SearchVersion } from '../state/records.ts';

/** Remembers what search saw before a write, the first time a delay applies to this record. */
export function beforeWrite(record: StoredRecord, delayMs: number, isNew: boolean): void {
  if (delayMs <= 0 || record.searchVersions || isNew) return;
  record.searchVersions = [
    { visibleAt: Number.NEGATIVE_INFINITY, archived: record.archived, values: record.snapshot() },
  ];
}

export function afterWrite(record: StoredRecord, delayMs: number, now: number): void {
  if (delayMs <= 0) {
    record.searchVersions = undefined;
    return;
  }
  const versions = record.searchVersions ?? [];
  versions.push({ visibleAt: now + delayMs, archived: record.archived, values: record.snapshot() });
  record.searchVersions = prune(versions, now);
}

function prune(versions: SearchVersion[], now: number): SearchVersion[] {
  let lastVisible = -1;
  versions.forEach((version, index) => {
    if (version.visibleAt <= now) lastVisible = index;
  });
  return lastVisible > 0 ? versions.slice(lastVisible) : versions;
}

/** What search sees of a record now; undefined when it is not indexed yet. */
export function searchView(record: RecordView, now: number): RecordView | undefined {
  if (!(record instanceof StoredRecord) || !record.searchVersions) return record;
  let visible: SearchVersion | undefined;
  for (const version of record.searchVersions) if (version.visibleAt <= now) visible = version;
  if (!visible) return undefined;
  return new IndexedView(record, visible);
}

class IndexedView implements RecordView {
  constructor(
    private readonly record: StoredRecord,
    private readonly version: SearchVersion,
  ) {}

  get id(): number {
    return this.record.id;
  }

  get createdAt(): number {
    return this.record.createdAt;
  }

  get updatedAt(): number {
    const indexed = this.version.values.get('hs_lastmodifieddate');
    return indexed ? Date.parse(indexed) : this.record.updatedAt;
  }

  get archived(): boolean {
    return this.version.archived;
  }

  get archivedAt(): number | undefined {
    return this.version.archived ? this.record.archivedAt : undefined;
  }

  value(name: string): string | undefined {
    return this.version.values.get(name);
  }

  history(name: string): ReturnType<RecordView['history']> {
    return this.record.history(name);
  }

  propertyNames(): string[] {
    return [...this.version.values.keys()];
  }
}
