// Row types of every table, snake_case as stored. Times are epoch milliseconds (bigint columns
// read back as numbers on both dialects); JSON is kept as text so both dialects behave alike.
import type { Generated, Insertable, Selectable } from 'kysely';

export interface InstallationsTable {
  id: string;
  org_id: string;
  portal_id: string | null;
  /** pending (awaiting HubSpot authorization) | connected | needs_reconnect | uninstalled */
  status: string;
  status_reason: string | null;
  thena_installation_id: string | null;
  thena_bot_id: string | null;
  hubspot_scopes: string | null;
  created_at: number;
  updated_at: number;
}

export interface CredentialsTable {
  installation_id: string;
  /** hubspot | thena */
  kind: string;
  /** AES-256-GCM sealed JSON of the secret fields (tokens). */
  sealed: string;
  expires_at: number | null;
  /** Bumped on every write, so a refresh can compare-and-set. */
  version: number;
  /** Lease taken by the process refreshing the token (single flight across processes). */
  refresh_lease_until: number | null;
  updated_at: number;
}

export interface SyncConfigsTable {
  installation_id: string;
  object_type: string;
  version: number;
  enabled: number;
  settings: string;
  created_at: number;
}

export interface RecordLinksTable {
  id: Generated<number>;
  installation_id: string;
  object_type: string;
  hubspot_id: string;
  thena_id: string;
  /** Mapped values as of the last successful sync in either direction (the merge base). */
  synced_values: string | null;
  hubspot_fingerprint: string | null;
  thena_fingerprint: string | null;
  hubspot_modified_at: number | null;
  thena_modified_at: number | null;
  hubspot_deleted_at: number | null;
  thena_deleted_at: number | null;
  /** Values about to be written to either side, recorded before the write (see RecordLink). */
  pending_values: string | null;
  created_at: number;
  updated_at: number;
}

export interface CustomFieldMapTable {
  installation_id: string;
  object_type: string;
  hubspot_property: string;
  thena_field_id: string;
  thena_field_type: string;
  created_at: number;
}

export interface CheckpointsTable {
  installation_id: string;
  stream: string;
  value: string;
  updated_at: number;
}

export interface SyncRunsTable {
  id: string;
  installation_id: string;
  object_type: string;
  direction: string;
  trigger: string;
  /** queued | running | succeeded | failed | cancelled */
  state: string;
  total_estimate: number | null;
  seen: number;
  created: number;
  updated: number;
  unchanged: number;
  excluded: number;
  failed: number;
  error: string | null;
  created_at: number;
  started_at: number | null;
  finished_at: number | null;
  updated_at: number;
}

export interface AuditLogTable {
  id: Generated<number>;
  installation_id: string;
  run_id: string | null;
  at: number;
  direction: string;
  object_type: string;
  hubspot_id: string | null;
  thena_id: string | null;
  action: string;
  /** SUCCESS | FAILED | SKIPPED */
  status: string;
  error_code: string | null;
  message: string | null;
  details: string | null;
  duration_ms: number | null;
}

export interface WebhookInboxTable {
  id: Generated<number>;
  installation_id: string;
  /** hubspot | thena */
  source: string;
  dedupe_key: string;
  object_type: string | null;
  payload: string;
  received_at: number;
  processed_at: number | null;
}

export interface JobsTable {
  id: Generated<number>;
  kind: string;
  payload: string;
  /** pending | active | completed | dead | cancelled */
  state: string;
  priority: number;
  run_at: number;
  attempts: number;
  max_attempts: number;
  dedupe_key: string | null;
  serial_key: string | null;
  installation_id: string | null;
  lease_expires_at: number | null;
  locked_by: string | null;
  last_error: string | null;
  created_at: number;
  updated_at: number;
  finished_at: number | null;
}

export interface JobSchedulesTable {
  name: string;
  kind: string;
  payload: string;
  every_ms: number;
  next_run_at: number;
  installation_id: string | null;
  serial_key: string | null;
  created_at: number;
}

export interface RateLimitsTable {
  key: string;
  /** Earliest time the next request under this key may start (GCRA's theoretical arrival time). */
  next_at: number;
  updated_at: number;
}

export interface OauthStatesTable {
  state_hash: string;
  org_id: string;
  expires_at: number;
  used_at: number | null;
  created_at: number;
}

export interface ApiTokensTable {
  id: string;
  token_hash: string;
  org_id: string;
  label: string | null;
  created_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
}

export interface Database {
  rate_limits: RateLimitsTable;
  oauth_states: OauthStatesTable;
  api_tokens: ApiTokensTable;
  installations: InstallationsTable;
  credentials: CredentialsTable;
  sync_configs: SyncConfigsTable;
  record_links: RecordLinksTable;
  custom_field_map: CustomFieldMapTable;
  checkpoints: CheckpointsTable;
  sync_runs: SyncRunsTable;
  audit_log: AuditLogTable;
  webhook_inbox: WebhookInboxTable;
  jobs: JobsTable;
  job_schedules: JobSchedulesTable;
}

export type InstallationRow = Selectable<InstallationsTable>;
export type RecordLinkRow = Selectable<RecordLinksTable>;
export type SyncRunRow = Selectable<SyncRunsTable>;
export type AuditRow = Selectable<AuditLogTable>;
export type NewAuditRow = Insertable<AuditLogTable>;
export type JobRow = Selectable<JobsTable>;
export type InboxRow = Selectable<WebhookInboxTable>;
