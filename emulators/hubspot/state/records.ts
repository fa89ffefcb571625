// One CRM record as the emulator keeps it once it has been written: every property's history
// (newest first), from which the current value is read. Seeded records that were never written
// are not stored at all; `RecordView` lets both kinds be read the same way.

/** Who made a change, as HubSpot reports it in `propertiesWithHistory` and webhooks. */
export interface ChangeSource {
  sourceType: string;
  sourceId?: string;
  updatedByUserId?: number;
}

export interface HistoryEntry {
  value: string;
  timestamp: number;
  source: ChangeSource;
}

/** The read side of a record, stored or generated. */
export interface RecordView {
  readonly id: number;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly archived: boolean;
  readonly archivedAt: number | undefined;
  /** The current value; undefined when the property has no value (never the empty string). */
  value(name: string): string | undefined;
  history(name: string): readonly HistoryEntry[];
  propertyNames(): string[];
}

/** What search sees of a record while the index lags behind writes (see `searchIndexDelayMs`). */
export interface SearchVersion {
  visibleAt: number;
  archived: boolean;
  values: ReadonlyMap<string, string>;
}

const MAX_HISTORY = 50;

export class StoredRecord implements RecordView {
  archived = false;
  archivedAt: number | undefined = undefined;
  readonly props = new Map<string, HistoryEntry[]>();
  /** Only kept while an indexing delay is configured. */
  searchVersions: SearchVersion[] | undefined = undefined;

  constructor(
    readonly id: number,
    public createdAt: number,
    public updatedAt: number,
  ) {}

  value(name: string): string | undefined {
    const current = this.props.get(name)?.[0]?.value;
    return current === undefined || current === '' ? undefined : current;
  }

  history(name: string): readonly HistoryEntry[] {
    return this.props.get(name) ?? [];
  }

  propertyNames(): string[] {
    return [...this.props.keys()].filter((name) => this.value(name) !== undefined);
  }

  /** Records a new value; `keepHistory: false` replaces the history (server-kept timestamps). */
  set(name: string, value: string, timestamp: number, source: ChangeSource, keepHistory = true): void {
    const entry: HistoryEntry = { value, timestamp, source };
    const history = this.props.get(name);
    if (!history || !keepHistory) {
      this.props.set(name, [entry]);
      return;
    }
    history.unshift(entry);
    if (history.length > MAX_HISTORY) history.length = MAX_HISTORY;
  }

  snapshot(): Map<string, string> {
    const values = new Map<string, string>();
    for (const name of this.props.keys()) {
      const value = this.value(name);
      if (value !== undefined) values.set(name, value);
    }
    return values;
  }

  /** Copies a generated record so it can be written. */
  static from(view: RecordView): StoredRecord {
    const record = new StoredRecord(view.id, view.createdAt, view.updatedAt);
    for (const name of view.propertyNames()) record.props.set(name, [...view.history(name)]);
    record.archived = view.archived;
    record.archivedAt = view.archivedAt;
    return record;
  }
}
