// The domain's nouns, shared by the core, the store and the adapters.

export type ObjectType = 'contacts' | 'companies';
export const OBJECT_TYPES: readonly ObjectType[] = ['contacts', 'companies'];

export type Direction = 'hubspot_to_thena' | 'thena_to_hubspot';

export type InstallationStatus = 'pending' | 'connected' | 'needs_reconnect' | 'uninstalled';

export interface Installation {
  id: string;
  orgId: string;
  portalId: string | null;
  status: InstallationStatus;
  statusReason: string | null;
  thenaInstallationId: string | null;
  /** The Thena user id our app's bot acts as: events with this actor are our own echo. */
  thenaBotId: string | null;
  hubspotScopes: string[];
  createdAt: number;
  updatedAt: number;
}

/** A stored link between one HubSpot record and one Thena record. */
export interface RecordLink {
  id: number;
  objectType: ObjectType;
  hubspotId: string;
  thenaId: string;
  /** Mapped values as of the last sync (the merge base for two-way changes). */
  syncedValues: Record<string, unknown> | null;
  hubspotFingerprint: string | null;
  thenaFingerprint: string | null;
  hubspotModifiedAt: number | null;
  thenaModifiedAt: number | null;
  hubspotDeletedAt: number | null;
  /** Set when the Thena record was deleted: the sync does not bring it back. */
  thenaDeletedAt: number | null;
  /**
   * Values the sync was about to write (recorded before writing, cleared with the next link
   * write). A write that landed but whose commit failed is then recognised as ours, not as an
   * edit made on that side.
   */
  pendingValues: PendingValues | null;
  createdAt: number;
  updatedAt: number;
}

export type LinkWrite = Omit<
  RecordLink,
  'id' | 'createdAt' | 'updatedAt' | 'thenaDeletedAt' | 'pendingValues'
> & {
  thenaDeletedAt?: number | null;
};

export interface PendingValues {
  hubspot?: Record<string, unknown>;
  thena?: Record<string, unknown>;
}

export type RunTrigger =
  'install' | 'manual' | 'fields_changed' | 'schedule' | 'webhook' | 'reconnect' | 'retry';
export type RunState = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

export interface RunCounts {
  seen: number;
  created: number;
  updated: number;
  unchanged: number;
  excluded: number;
  failed: number;
}

export const ZERO_COUNTS: RunCounts = {
  seen: 0,
  created: 0,
  updated: 0,
  unchanged: 0,
  excluded: 0,
  failed: 0,
};

export interface SyncRun extends RunCounts {
  id: string;
  installationId: string;
  objectType: ObjectType;
  direction: Direction;
  trigger: RunTrigger;
  state: RunState;
  totalEstimate: number | null;
  error: string | null;
  createdAt: number;
  startedAt: number | null;
  finishedAt: number | null;
  updatedAt: number;
}

export type AuditStatus = 'SUCCESS' | 'FAILED' | 'SKIPPED';

export interface AuditEntryInput {
  runId: string | null;
  direction: Direction;
  objectType: ObjectType;
  hubspotId: string | null;
  thenaId: string | null;
  /** What was done or attempted: create, update, delete, link, exclude, conflict, connection, ... */
  action: string;
  status: AuditStatus;
  errorCode?: string | null;
  message?: string | null;
  details?: unknown;
  durationMs?: number | null;
}

export interface AuditEntry extends Required<Omit<AuditEntryInput, 'details'>> {
  id: number;
  installationId: string;
  at: number;
  details: unknown;
}

export interface AuditQuery {
  status?: AuditStatus;
  objectType?: ObjectType;
  direction?: Direction;
  since?: number;
  /** Entries with an id below this one (newest first paging). */
  before?: number;
  limit: number;
}

export interface StoredConfig<S> {
  version: number;
  enabled: boolean;
  settings: S;
  createdAt: number;
}
