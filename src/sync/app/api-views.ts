// The API's answers as plain data. They mirror the schemas of src/contracts/api.ts (which the
// core may not import); the routes serialise them through those schemas, and the compiler checks
// that the two agree where the routes hand one to the other.
import type { FieldDirection } from '../field-config.ts';
import type { AuditStatus, Direction, InstallationStatus, ObjectType, RunState } from '../model.ts';
import type { ConfigDraft } from './api-draft.ts';

export interface ConnectionView {
  orgId: string;
  status: InstallationStatus;
  statusReason: string | null;
  portalId: string | null;
  scopes: string[];
  installUrl: string;
}

export interface OrgSummaryView {
  orgId: string;
  status: InstallationStatus;
  portalId: string | null;
}

export interface ThenaTargetView {
  kind: 'standard' | 'custom';
  name: string;
  fieldType: string;
  fieldId: string | null;
}

export interface FieldView {
  name: string;
  label: string;
  type: string;
  fieldType: string;
  group: string;
  description: string;
  locked: boolean;
  selected: boolean;
  direction: FieldDirection;
  allowedDirections: FieldDirection[];
  readOnly: boolean;
  custom: boolean;
  options: { label: string; value: string }[];
  operators: string[];
  thena: ThenaTargetView;
}

export interface ConfigView extends ConfigDraft {
  version: number;
  updatedAt: string | null;
}

export interface PreviewView {
  total: number;
  scanned: number;
  matching: number;
  complete: boolean;
  sample: { hubspotId: string; values: Record<string, string | null>; problems: string[] }[];
}

export interface RunView {
  id: string;
  direction: Direction;
  trigger: string;
  state: RunState;
  total: number | null;
  seen: number;
  created: number;
  updated: number;
  unchanged: number;
  excluded: number;
  failed: number;
  progress: number | null;
  etaSeconds: number | null;
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface ObjectStatusView {
  object: ObjectType;
  enabled: boolean;
  connection: InstallationStatus;
  hubspotTotal: number | null;
  synced: number;
  failed: number;
  excluded: number;
  lastRun: RunView | null;
  recentRuns: RunView[];
}

export interface AuditEntryView {
  id: number;
  at: string;
  runId: string | null;
  direction: Direction;
  object: ObjectType;
  hubspotId: string | null;
  thenaId: string | null;
  action: string;
  status: AuditStatus;
  errorCode: string | null;
  message: string | null;
  details: unknown;
  durationMs: number | null;
}

export interface AuditPageView {
  entries: AuditEntryView[];
  nextCursor: string | null;
}

export interface AuditFilter {
  status?: AuditStatus;
  object?: ObjectType;
  direction?: Direction;
  /** ISO time: entries at or after it. */
  since?: string;
  /** An entry id: entries older than it. */
  cursor?: string;
  limit?: number;
}

export interface RetryView {
  queued: boolean;
  message: string;
}

export const isoTime = (ms: number): string => new Date(ms).toISOString();
export const isoOrNull = (ms: number | null): string | null => (ms === null ? null : isoTime(ms));
