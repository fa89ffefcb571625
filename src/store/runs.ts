// Sync runs: one row per backfill, reconciliation or batch of events, with live counts.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Clock } from '../sync/clock.ts';
import type { Direction, ObjectType, RunCounts, RunState, RunTrigger, SyncRun } from '../sync/model.ts';
import type { Database, SyncRunRow } from './schema.ts';

function toRun(row: SyncRunRow): SyncRun {
  return {
    id: row.id,
    installationId: row.installation_id,
    objectType: row.object_type as ObjectType,
    direction: row.direction as Direction,
    trigger: row.trigger as RunTrigger,
    state: row.state as RunState,
    totalEstimate: row.total_estimate,
    seen: row.seen,
    created: row.created,
    updated: row.updated,
    unchanged: row.unchanged,
    excluded: row.excluded,
    failed: row.failed,
    error: row.error,
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    updatedAt: row.updated_at,
  };
}

const COUNT_COLUMNS = ['seen', 'created', 'updated', 'unchanged', 'excluded', 'failed'] as const;

export class RunStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  async create(input: {
    installationId: string;
    objectType: ObjectType;
    direction: Direction;
    trigger: RunTrigger;
  }): Promise<SyncRun> {
    const now = this.clock.now();
    const row: SyncRunRow = {
      id: randomUUID(),
      installation_id: input.installationId,
      object_type: input.objectType,
      direction: input.direction,
      trigger: input.trigger,
      state: 'queued',
      total_estimate: null,
      seen: 0,
      created: 0,
      updated: 0,
      unchanged: 0,
      excluded: 0,
      failed: 0,
      error: null,
      created_at: now,
      started_at: null,
      finished_at: null,
      updated_at: now,
    };
    await this.db.insertInto('sync_runs').values(row).execute();
    return toRun(row);
  }

  async get(installationId: string, runId: string): Promise<SyncRun | undefined> {
    const row = await this.db
      .selectFrom('sync_runs')
      .selectAll()
      .where('installation_id', '=', installationId)
      .where('id', '=', runId)
      .executeTakeFirst();
    return row && toRun(row);
  }

  async markRunning(runId: string): Promise<void> {
    const now = this.clock.now();
    await this.db
      .updateTable('sync_runs')
      .set((eb) => ({
        state: 'running',
        started_at: eb.fn.coalesce('started_at', eb.val(now)),
        updated_at: now,
      }))
      .where('id', '=', runId)
      .where('state', 'in', ['queued', 'running'])
      .execute();
  }

  async setEstimate(runId: string, total: number | null): Promise<void> {
    await this.db
      .updateTable('sync_runs')
      .set({ total_estimate: total, updated_at: this.clock.now() })
      .where('id', '=', runId)
      .execute();
  }

  /** Adds to the counts atomically, so several workers can report on one run. */
  async addCounts(runId: string, delta: Partial<RunCounts>): Promise<void> {
    const entries = COUNT_COLUMNS.filter((c) => (delta[c] ?? 0) !== 0);
    if (entries.length === 0) return;
    await this.db
      .updateTable('sync_runs')
      .set((eb) => {
        const set: Record<string, unknown> = { updated_at: this.clock.now() };
        for (const column of entries) set[column] = eb(column, '+', delta[column] ?? 0);
        return set;
      })
      .where('id', '=', runId)
      .execute();
  }

  async finish(
    runId: string,
    state: Exclude<RunState, 'queued' | 'running'>,
    error: string | null = null,
  ): Promise<void> {
    const now = this.clock.now();
    await this.db
      .updateTable('sync_runs')
      .set({ state, error, finished_at: now, updated_at: now })
      .where('id', '=', runId)
      .where('state', 'in', ['queued', 'running'])
      .execute();
  }

  async recent(installationId: string, objectType: ObjectType, limit: number): Promise<SyncRun[]> {
    const rows = await this.db
      .selectFrom('sync_runs')
      .selectAll()
      .where('installation_id', '=', installationId)
      .where('object_type', '=', objectType)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map(toRun);
  }

  /** Runs still queued or running, e.g. to refuse starting a second backfill of one stream. */
  async active(installationId: string, objectType: ObjectType, direction: Direction): Promise<SyncRun[]> {
    const rows = await this.db
      .selectFrom('sync_runs')
      .selectAll()
      .where('installation_id', '=', installationId)
      .where('object_type', '=', objectType)
      .where('direction', '=', direction)
      .where('state', 'in', ['queued', 'running'])
      .orderBy('created_at')
      .execute();
    return rows.map(toRun);
  }

  /** The newest succeeded run started by one of `triggers` (the last full sync, for the status page). */
  async lastSucceeded(
    installationId: string,
    objectType: ObjectType,
    direction: Direction,
    triggers: readonly RunTrigger[],
  ): Promise<SyncRun | undefined> {
    const row = await this.db
      .selectFrom('sync_runs')
      .selectAll()
      .where('installation_id', '=', installationId)
      .where('object_type', '=', objectType)
      .where('direction', '=', direction)
      .where('trigger', 'in', [...triggers])
      .where('state', '=', 'succeeded')
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row && toRun(row);
  }

  async cancelActive(installationId: string, reason: string): Promise<number> {
    const now = this.clock.now();
    const result = await this.db
      .updateTable('sync_runs')
      .set({ state: 'cancelled', error: reason, finished_at: now, updated_at: now })
      .where('installation_id', '=', installationId)
      .where('state', 'in', ['queued', 'running'])
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }
}
