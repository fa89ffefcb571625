// The audit log: an entry per record created, updated, excluded or failed, newest first.
import type { Kysely } from 'kysely';
import type { Clock } from '../sync/clock.ts';
import type {
  AuditEntry,
  AuditEntryInput,
  AuditQuery,
  AuditStatus,
  Direction,
  ObjectType,
} from '../sync/model.ts';
import { fromJson, toJson } from './json.ts';
import type { AuditRow, Database, NewAuditRow } from './schema.ts';

const INSERT_CHUNK = 200;

function toEntry(row: AuditRow): AuditEntry {
  return {
    id: row.id,
    installationId: row.installation_id,
    runId: row.run_id,
    at: row.at,
    direction: row.direction as Direction,
    objectType: row.object_type as ObjectType,
    hubspotId: row.hubspot_id,
    thenaId: row.thena_id,
    action: row.action,
    status: row.status as AuditStatus,
    errorCode: row.error_code,
    message: row.message,
    details: fromJson(row.details),
    durationMs: row.duration_ms,
  };
}

export class AuditStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  async append(installationId: string, entries: readonly AuditEntryInput[]): Promise<void> {
    const at = this.clock.now();
    const rows: NewAuditRow[] = entries.map((e) => ({
      installation_id: installationId,
      run_id: e.runId,
      at,
      direction: e.direction,
      object_type: e.objectType,
      hubspot_id: e.hubspotId,
      thena_id: e.thenaId,
      action: e.action,
      status: e.status,
      error_code: e.errorCode ?? null,
      message: e.message ?? null,
      details: e.details === undefined ? null : toJson(e.details),
      duration_ms: e.durationMs ?? null,
    }));
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
      await this.db
        .insertInto('audit_log')
        .values(rows.slice(i, i + INSERT_CHUNK))
        .execute();
    }
  }

  async list(installationId: string, query: AuditQuery): Promise<AuditEntry[]> {
    let q = this.db.selectFrom('audit_log').selectAll().where('installation_id', '=', installationId);
    if (query.status !== undefined) q = q.where('status', '=', query.status);
    if (query.objectType !== undefined) q = q.where('object_type', '=', query.objectType);
    if (query.direction !== undefined) q = q.where('direction', '=', query.direction);
    if (query.since !== undefined) q = q.where('at', '>=', query.since);
    if (query.before !== undefined) q = q.where('id', '<', query.before);
    const rows = await q.orderBy('id', 'desc').limit(query.limit).execute();
    return rows.map(toEntry);
  }

  async get(installationId: string, id: number): Promise<AuditEntry | undefined> {
    const row = await this.db
      .selectFrom('audit_log')
      .selectAll()
      .where('installation_id', '=', installationId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row && toEntry(row);
  }

  /** Records whose latest entry failed: what the admin sees as "failed" and what a rerun retries. */
  async failedRecordIds(
    installationId: string,
    objectType: ObjectType,
    direction: Direction,
    limit: number,
  ): Promise<string[]> {
    const idColumn = direction === 'hubspot_to_thena' ? 'hubspot_id' : 'thena_id';
    const rows = await this.db
      .selectFrom('audit_log as a')
      .select(`a.${idColumn} as record_id`)
      .where('a.installation_id', '=', installationId)
      .where('a.object_type', '=', objectType)
      .where('a.direction', '=', direction)
      .where('a.status', '=', 'FAILED')
      .where(`a.${idColumn}`, 'is not', null)
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('audit_log as b')
              .select('b.id')
              .whereRef('b.installation_id', '=', 'a.installation_id')
              .whereRef('b.object_type', '=', 'a.object_type')
              .whereRef(`b.${idColumn}`, '=', `a.${idColumn}`)
              .whereRef('b.id', '>', 'a.id')
              .where('b.status', '=', 'SUCCESS'),
          ),
        ),
      )
      .groupBy(`a.${idColumn}`)
      .limit(limit)
      .execute();
    return rows.map((r) => r.record_id).filter((id): id is string => id !== null);
  }

  /**
   * Records whose latest entry (in either direction) is FAILED: the status page's "failed". One
   * pass over the object's entries, grouped by record, so it costs the same however many failed.
   */
  async countFailedRecords(installationId: string, objectType: ObjectType): Promise<number> {
    let total = 0;
    for (const idColumn of ['hubspot_id', 'thena_id'] as const) {
      const direction: Direction = idColumn === 'hubspot_id' ? 'hubspot_to_thena' : 'thena_to_hubspot';
      const latest = this.db
        .selectFrom('audit_log')
        .select((eb) => [
          eb.fn.max('id').as('last_id'),
          eb.fn.max(eb.case().when('status', '=', 'FAILED').then(eb.ref('id')).end()).as('last_failed_id'),
        ])
        .where('installation_id', '=', installationId)
        .where('object_type', '=', objectType)
        .where('direction', '=', direction)
        .where(idColumn, 'is not', null)
        .groupBy(idColumn)
        .as('latest');
      const row = await this.db
        .selectFrom(latest)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .whereRef('latest.last_id', '=', 'latest.last_failed_id')
        .executeTakeFirstOrThrow();
      total += Number(row.n);
    }
    return total;
  }

  /** Deletes entries older than `before`; returns how many. */
  async prune(before: number): Promise<number> {
    const result = await this.db.deleteFrom('audit_log').where('at', '<', before).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
