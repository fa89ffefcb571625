// Audit entries for the inbound and outbound flows, in one wording.
import type { AuditEntryInput, Direction, ObjectType } from '../model.ts';
import type { BatchResult } from './batch-result.ts';

interface RecordIds {
  hubspotId: string | null;
  thenaId: string | null;
}

export class AuditTrail {
  constructor(
    private readonly result: BatchResult,
    private readonly runId: string | null,
    private readonly objectType: ObjectType,
    private readonly direction: Direction,
  ) {}

  #entry(
    ids: RecordIds,
    rest: Omit<AuditEntryInput, 'runId' | 'objectType' | 'direction' | 'hubspotId' | 'thenaId'>,
  ): void {
    this.result.audit.push({
      runId: this.runId,
      objectType: this.objectType,
      direction: this.direction,
      ...ids,
      ...rest,
    });
  }

  created(
    ids: RecordIds,
    fields: string[],
    durationMs: number | null,
    details: Record<string, unknown> = {},
  ): void {
    this.result.counts.created++;
    this.#entry(ids, {
      action: 'create',
      status: 'SUCCESS',
      message: `created with ${fields.length} fields`,
      details: { fields, ...details },
      durationMs,
    });
  }

  updated(
    ids: RecordIds,
    fields: string[],
    durationMs: number | null,
    details: Record<string, unknown> = {},
  ): void {
    this.result.counts.updated++;
    this.#entry(ids, {
      action: 'update',
      status: 'SUCCESS',
      message: `updated ${fields.join(', ')}`,
      details: { fields, ...details },
      durationMs,
    });
  }

  linked(ids: RecordIds, matchedBy: string): void {
    this.#entry(ids, {
      action: 'link',
      status: 'SUCCESS',
      message: `matched an existing record by ${matchedBy}`,
      details: { matchedBy },
    });
  }

  deleted(ids: RecordIds, message: string): void {
    this.#entry(ids, { action: 'delete', status: 'SUCCESS', message });
  }

  excluded(ids: RecordIds, reason: string): void {
    this.result.counts.excluded++;
    this.#entry(ids, { action: 'exclude', status: 'SKIPPED', message: reason });
  }

  /** A record Thena cannot hold as it is (no email, no domain): skipped and counted as excluded. */
  unsyncable(ids: RecordIds, code: string, message: string): void {
    this.result.counts.excluded++;
    this.#entry(ids, { action: 'create', status: 'SKIPPED', errorCode: code, message });
  }

  skipped(ids: RecordIds, action: string, message: string, details?: unknown): void {
    this.#entry(ids, { action, status: 'SKIPPED', message, ...(details === undefined ? {} : { details }) });
  }

  failed(ids: RecordIds, action: string, code: string, message: string, details?: unknown): void {
    this.result.counts.failed++;
    this.#entry(ids, {
      action,
      status: 'FAILED',
      errorCode: code,
      message,
      ...(details === undefined ? {} : { details }),
    });
  }

  conflict(ids: RecordIds, details: unknown, message: string): void {
    this.#entry(ids, { action: 'conflict', status: 'SUCCESS', message, details });
  }
}

/**
 * A retried record that needed no write still gets an entry: the latest entry of a record is what
 * counts it as failed, and a retry that found it in sync clears that.
 */
export function noteRetried(
  result: BatchResult,
  objectType: ObjectType,
  direction: Direction,
  ids: readonly string[],
): void {
  const side = direction === 'hubspot_to_thena' ? 'hubspotId' : 'thenaId';
  const mentioned = new Set(result.audit.map((entry) => entry[side]));
  for (const id of ids) {
    if (mentioned.has(id)) continue;
    result.audit.push({
      runId: null,
      direction,
      objectType,
      hubspotId: side === 'hubspotId' ? id : null,
      thenaId: side === 'thenaId' ? id : null,
      action: 'retry',
      status: 'SUCCESS',
      message: 'retried: the record is in sync',
    });
  }
}
