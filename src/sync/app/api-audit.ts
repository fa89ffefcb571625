// The audit log through the API: pages (newest first), a CSV export read page by page so a large
// log never sits in memory, and the retry of one entry's record.
import type { EngineDeps } from '../engine/context.ts';
import type { RetryRecordsPayload } from '../engine/jobs.ts';
import type { RetryThenaPayload } from '../engine/outbound.ts';
import { JOB, streamKey } from '../engine/streams.ts';
import { AppError } from '../errors.ts';
import type { AuditEntry, AuditQuery } from '../model.ts';
import type { JobRequest } from '../store-port.ts';
import { assertConnected, requireInstallation } from './api-access.ts';
import { csvRow } from './api-csv.ts';
import {
  isoTime,
  type AuditEntryView,
  type AuditFilter,
  type AuditPageView,
  type RetryView,
} from './api-views.ts';

export const DEFAULT_AUDIT_PAGE = 50;
const EXPORT_PAGE = 500;

const CSV_COLUMNS = [
  'id',
  'at',
  'object',
  'direction',
  'status',
  'action',
  'hubspot_id',
  'thena_id',
  'run_id',
  'error_code',
  'message',
  'duration_ms',
  'details',
] as const;

export class AuditService {
  constructor(private readonly engine: EngineDeps) {}

  async page(orgId: string, filter: AuditFilter): Promise<AuditPageView> {
    const installation = await requireInstallation(this.engine, orgId);
    const limit = filter.limit ?? DEFAULT_AUDIT_PAGE;
    const entries = await this.engine.store.audit.list(installation.id, queryOf(filter, limit));
    const last = entries.at(-1);
    return {
      entries: entries.map(entryView),
      nextCursor: entries.length === limit && last !== undefined ? String(last.id) : null,
    };
  }

  /** Every entry the filter selects, as CSV lines; the org is checked before the first line. */
  async csv(orgId: string, filter: AuditFilter): Promise<AsyncIterable<string>> {
    const installation = await requireInstallation(this.engine, orgId);
    const { store } = this.engine;
    return (async function* lines() {
      yield csvRow(CSV_COLUMNS);
      let query = queryOf(filter, EXPORT_PAGE);
      for (;;) {
        const entries = await store.audit.list(installation.id, query);
        for (const e of entries) yield csvRow(csvCells(e));
        const last = entries.at(-1);
        if (entries.length < EXPORT_PAGE || last === undefined) return;
        query = { ...query, before: last.id };
      }
    })();
  }

  /** Queues the record of entry `id` to be synced again, the way its entry went. */
  async retry(orgId: string, id: number): Promise<RetryView> {
    const installation = await requireInstallation(this.engine, orgId);
    const entry = await this.engine.store.audit.get(installation.id, id);
    if (entry === undefined) {
      throw new AppError('audit_entry_not_found', `no audit entry ${id} in organization ${orgId}`, {
        httpStatus: 404,
      });
    }
    const toThena = entry.direction === 'hubspot_to_thena';
    const recordId = toThena ? entry.hubspotId : entry.thenaId;
    if (recordId === null) {
      const message = `audit entry ${id} is not about one record, so there is nothing to retry`;
      throw new AppError('nothing_to_retry', message, { httpStatus: 409 });
    }
    assertConnected(installation);
    await this.engine.jobs.enqueue(retryJob(installation.id, entry, recordId));
    const side = toThena ? 'HubSpot' : 'Thena';
    return { queued: true, message: `The ${side} record ${recordId} will be synced again shortly.` };
  }
}

/** The engine's retry of one record, in the direction its entry went, in the object's stream. */
function retryJob(installationId: string, entry: AuditEntry, recordId: string): JobRequest {
  const { objectType } = entry;
  const toThena = entry.direction === 'hubspot_to_thena';
  const payload: RetryRecordsPayload | RetryThenaPayload = toThena
    ? { installationId, objectType, hubspotIds: [recordId] }
    : { installationId, objectType, thenaIds: [recordId] };
  return {
    kind: toThena ? JOB.retryRecords : JOB.retryThenaRecords,
    payload,
    // Pressing retry twice before the job runs queues it once.
    dedupeKey: `api-retry:${installationId}:${entry.direction}:${objectType}:${recordId}`,
    serialKey: streamKey(installationId, objectType),
    installationId,
  };
}

function queryOf(filter: AuditFilter, limit: number): AuditQuery {
  return {
    limit,
    ...(filter.status === undefined ? {} : { status: filter.status }),
    ...(filter.object === undefined ? {} : { objectType: filter.object }),
    ...(filter.direction === undefined ? {} : { direction: filter.direction }),
    ...(filter.since === undefined ? {} : { since: Date.parse(filter.since) }),
    ...(filter.cursor === undefined ? {} : { before: Number(filter.cursor) }),
  };
}

export function entryView(e: AuditEntry): AuditEntryView {
  return {
    id: e.id,
    at: isoTime(e.at),
    runId: e.runId,
    direction: e.direction,
    object: e.objectType,
    hubspotId: e.hubspotId,
    thenaId: e.thenaId,
    action: e.action,
    status: e.status,
    errorCode: e.errorCode,
    message: e.message,
    details: e.details ?? null,
    durationMs: e.durationMs,
  };
}

function csvCells(e: AuditEntry): (string | number | null)[] {
  const details = e.details === null || e.details === undefined ? null : JSON.stringify(e.details);
  return [
    e.id,
    isoTime(e.at),
    e.objectType,
    e.direction,
    e.status,
    e.action,
    e.hubspotId,
    e.thenaId,
    e.runId,
    e.errorCode,
    e.message,
    e.durationMs,
    details,
  ];
}
