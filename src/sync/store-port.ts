// What the engine needs from the database and the job queue. The store and queue implement it;
// the core only knows these shapes.
import type {
  AuditEntry,
  AuditEntryInput,
  AuditQuery,
  Direction,
  Installation,
  InstallationStatus,
  LinkWrite,
  ObjectType,
  PendingValues,
  RecordLink,
  RunCounts,
  RunState,
  RunTrigger,
  StoredConfig,
  SyncRun,
} from './model.ts';

export interface InboxItemInput {
  installationId: string;
  source: 'hubspot' | 'thena';
  dedupeKey: string;
  objectType: ObjectType | null;
  payload: unknown;
}

export interface InboxItem {
  id: number;
  installationId: string;
  source: 'hubspot' | 'thena';
  objectType: ObjectType | null;
  payload: unknown;
  receivedAt: number;
}

export interface CustomFieldMapping {
  hubspotProperty: string;
  thenaFieldId: string;
  thenaFieldType: string;
}

export interface StorePort {
  installations: {
    getById(id: string): Promise<Installation | undefined>;
    getByOrg(orgId: string): Promise<Installation | undefined>;
    listByPortal(portalId: string): Promise<Installation[]>;
    setStatus(id: string, status: InstallationStatus, reason?: string | null): Promise<void>;
    list(): Promise<Installation[]>;
    recordThenaInstall(input: {
      orgId: string;
      thenaInstallationId: string | null;
      thenaBotId: string | null;
    }): Promise<Installation>;
    connectHubSpot(id: string, portalId: string, scopes: string[]): Promise<void>;
  };
  configs: {
    current<S>(installationId: string, objectType: ObjectType): Promise<StoredConfig<S> | undefined>;
  };
  links: {
    byHubSpotIds(
      installationId: string,
      objectType: ObjectType,
      ids: readonly string[],
    ): Promise<Map<string, RecordLink>>;
    byThenaIds(
      installationId: string,
      objectType: ObjectType,
      ids: readonly string[],
    ): Promise<Map<string, RecordLink>>;
    upsert(installationId: string, link: LinkWrite): Promise<void>;
    upsertMany(installationId: string, links: readonly LinkWrite[]): Promise<void>;
    recordPending(
      installationId: string,
      objectType: ObjectType,
      intents: readonly { hubspotId: string; pending: PendingValues }[],
    ): Promise<void>;
    rekeyHubSpot(installationId: string, objectType: ObjectType, fromId: string, toId: string): Promise<void>;
    markHubSpotDeleted(
      installationId: string,
      objectType: ObjectType,
      hubspotId: string,
      at: number | null,
    ): Promise<void>;
    markThenaDeleted(
      installationId: string,
      objectType: ObjectType,
      thenaId: string,
      at: number | null,
    ): Promise<void>;
    deleteByHubSpotId(installationId: string, objectType: ObjectType, hubspotId: string): Promise<void>;
    count(installationId: string, objectType: ObjectType): Promise<number>;
  };
  customFields: {
    list(installationId: string, objectType: ObjectType): Promise<CustomFieldMapping[]>;
    put(installationId: string, objectType: ObjectType, mapping: CustomFieldMapping): Promise<void>;
  };
  checkpoints: {
    get<T>(installationId: string, stream: string): Promise<T | undefined>;
    put(installationId: string, stream: string, value: unknown): Promise<void>;
    delete(installationId: string, stream: string): Promise<void>;
  };
  runs: {
    create(input: {
      installationId: string;
      objectType: ObjectType;
      direction: Direction;
      trigger: RunTrigger;
    }): Promise<SyncRun>;
    get(installationId: string, runId: string): Promise<SyncRun | undefined>;
    markRunning(runId: string): Promise<void>;
    setEstimate(runId: string, total: number | null): Promise<void>;
    addCounts(runId: string, delta: Partial<RunCounts>): Promise<void>;
    finish(
      runId: string,
      state: Exclude<RunState, 'queued' | 'running'>,
      error?: string | null,
    ): Promise<void>;
    recent(installationId: string, objectType: ObjectType, limit: number): Promise<SyncRun[]>;
    active(installationId: string, objectType: ObjectType, direction: Direction): Promise<SyncRun[]>;
    cancelActive(installationId: string, reason: string): Promise<number>;
  };
  audit: {
    append(installationId: string, entries: readonly AuditEntryInput[]): Promise<void>;
    list(installationId: string, query: AuditQuery): Promise<AuditEntry[]>;
    get(installationId: string, id: number): Promise<AuditEntry | undefined>;
    failedRecordIds(
      installationId: string,
      objectType: ObjectType,
      direction: Direction,
      limit: number,
    ): Promise<string[]>;
    prune(before: number): Promise<number>;
  };
  inbox: {
    add(items: readonly InboxItemInput[]): Promise<InboxItemInput[]>;
    pending(
      installationId: string,
      source: 'hubspot' | 'thena',
      objectType: ObjectType | null,
      limit: number,
    ): Promise<InboxItem[]>;
    markProcessed(ids: readonly number[]): Promise<void>;
    prune(before: number): Promise<number>;
  };
}

export interface JobRequest {
  kind: string;
  payload: unknown;
  dedupeKey?: string;
  serialKey?: string;
  installationId?: string;
  runAt?: number;
  maxAttempts?: number;
  priority?: number;
}

export interface JobsPort {
  enqueue(job: JobRequest): Promise<void>;
  cancelForInstallation(installationId: string, reason: string): Promise<number>;
  schedule(input: {
    name: string;
    kind: string;
    payload: unknown;
    everyMs: number;
    installationId?: string;
    serialKey?: string;
    firstRunAt?: number;
  }): Promise<void>;
  unscheduleInstallation(installationId: string): Promise<void>;
}

/** The store and the queue bound to one transaction: all of it commits, or none. */
export interface UnitOfWork {
  store: StorePort;
  jobs: JobsPort;
}

export type Transact = <T>(work: (unit: UnitOfWork) => Promise<T>) => Promise<T>;
