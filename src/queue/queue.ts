// A durable job queue in the product's own database. Jobs are rows: enqueued in the caller's
// transaction, claimed with a lease, retried with backoff, kept when dead for inspection.
import { EventEmitter } from 'node:events';
import { sql, type Kysely } from 'kysely';
import { isUniqueViolation, type Capabilities } from '../store/dialect.ts';
import { fromJson, toJson } from '../store/json.ts';
import type { Database, JobRow } from '../store/schema.ts';
import type { Clock } from '../sync/clock.ts';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff.ts';
import type { EnqueueResult, Job, JobInput, JobState, ScheduleInput } from './types.ts';

export interface QueueOptions {
  clock: Clock;
  capabilities: Capabilities;
  backoff?: BackoffPolicy;
  random?: () => number;
  defaultMaxAttempts?: number;
}

const PENDING = sql.lit('pending');

export function toJob(row: JobRow): Job {
  return {
    id: row.id,
    kind: row.kind,
    payload: fromJson(row.payload),
    state: row.state as JobState,
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
    dedupeKey: row.dedupe_key,
    serialKey: row.serial_key,
    installationId: row.installation_id,
    runAt: row.run_at,
    lastError: row.last_error,
    createdAt: row.created_at,
    finishedAt: row.finished_at,
  };
}

export class Queue {
  /** Emits `enqueued` so in-process workers wake at once instead of waiting for their next poll. */
  readonly events = new EventEmitter();
  readonly #clock: Clock;
  readonly #capabilities: Capabilities;
  readonly #backoff: BackoffPolicy;
  readonly #random: () => number;
  readonly #defaultMaxAttempts: number;

  constructor(
    readonly db: Kysely<Database>,
    options: QueueOptions,
  ) {
    this.#clock = options.clock;
    this.#capabilities = options.capabilities;
    this.#backoff = options.backoff ?? DEFAULT_BACKOFF;
    this.#random = options.random ?? Math.random;
    this.#defaultMaxAttempts = options.defaultMaxAttempts ?? 8;
  }

  get clock(): Clock {
    return this.#clock;
  }

  /**
   * Adds a job. Pass the caller's transaction as `db` so the job commits (or rolls back) with
   * the state it follows.
   */
  async enqueue(input: JobInput, db: Kysely<Database> = this.db): Promise<EnqueueResult> {
    // Two rounds at most: the pending job we coalesce into may be claimed by another process
    // between the insert and the update (PostgreSQL, READ COMMITTED); then the insert succeeds.
    for (let round = 1; ; round++) {
      const inserted = await this.#insert(input, db);
      if (inserted !== undefined) {
        this.#notify(db);
        return { id: inserted, coalesced: false };
      }
      const coalesced = await this.#coalesce(input, db);
      if (coalesced !== undefined) return { id: coalesced, coalesced: true };
      if (round >= 3) throw new Error(`could not enqueue ${input.kind}: its pending twin kept moving`);
    }
  }

  async #insert(input: JobInput, db: Kysely<Database>): Promise<number | undefined> {
    const now = this.#clock.now();
    const inserted = await db
      .insertInto('jobs')
      .values({
        kind: input.kind,
        payload: toJson(input.payload),
        state: 'pending',
        priority: input.priority ?? 0,
        run_at: input.runAt ?? now,
        attempts: 0,
        max_attempts: input.maxAttempts ?? this.#defaultMaxAttempts,
        dedupe_key: input.dedupeKey ?? null,
        serial_key: input.serialKey ?? null,
        installation_id: input.installationId ?? null,
        lease_expires_at: null,
        locked_by: null,
        last_error: null,
        created_at: now,
        updated_at: now,
        finished_at: null,
      })
      .onConflict((oc) => oc.column('dedupe_key').where(sql.ref('state'), '=', PENDING).doNothing())
      .returning('id')
      .executeTakeFirst();
    return inserted?.id;
  }

  /** Folds the request into the pending job with its key; it runs no later than the new one asked. */
  async #coalesce(input: JobInput, db: Kysely<Database>): Promise<number | undefined> {
    const now = this.#clock.now();
    const runAt = input.runAt ?? now;
    const existing = await db
      .updateTable('jobs')
      .set((eb) => ({
        run_at: eb.case().when('run_at', '>', runAt).then(runAt).else(eb.ref('run_at')).end(),
        updated_at: now,
      }))
      .where('dedupe_key', '=', input.dedupeKey ?? null)
      // A literal, so that the planner may use the partial index of pending keys.
      .where(sql.ref('state'), '=', PENDING)
      .returning('id')
      .executeTakeFirst();
    return existing?.id;
  }

  #notify(db: Kysely<Database>): void {
    // A job enqueued in a transaction is visible only after commit; a worker woken early finds
    // nothing and polls again shortly, so waking is only ever an optimisation.
    if (!db.isTransaction) this.events.emit('enqueued');
    else setTimeout(() => this.events.emit('enqueued'), 5).unref();
  }

  /** Claims up to `limit` runnable jobs for `workerId`, each leased for `leaseMs`. */
  async claim(workerId: string, limit: number, leaseMs: number, kinds?: readonly string[]): Promise<Job[]> {
    const now = this.#clock.now();
    let candidates = this.db
      .selectFrom('jobs as j')
      .select('j.id')
      .where('j.state', '=', 'pending')
      .where('j.run_at', '<=', now)
      .where((eb) =>
        eb.or([
          eb('j.serial_key', 'is', null),
          eb.and([
            // Serial keys: nothing of the same key running, and this job is the oldest waiting.
            eb.not(
              eb.exists(
                eb
                  .selectFrom('jobs as a')
                  .select('a.id')
                  .whereRef('a.serial_key', '=', 'j.serial_key')
                  .where('a.state', '=', 'active'),
              ),
            ),
            eb.not(
              eb.exists(
                eb
                  .selectFrom('jobs as p')
                  .select('p.id')
                  .whereRef('p.serial_key', '=', 'j.serial_key')
                  .where('p.state', '=', 'pending')
                  .whereRef('p.id', '<', 'j.id'),
              ),
            ),
          ]),
        ]),
      )
      .orderBy('j.priority', 'desc')
      .orderBy('j.run_at')
      .orderBy('j.id')
      .limit(limit);
    if (kinds !== undefined) candidates = candidates.where('j.kind', 'in', [...kinds]);
    if (this.#capabilities.skipLocked) candidates = candidates.forUpdate().skipLocked();

    const rows = await this.db
      .updateTable('jobs')
      .set((eb) => ({
        state: 'active',
        attempts: eb('attempts', '+', 1),
        lease_expires_at: now + leaseMs,
        locked_by: workerId,
        updated_at: now,
      }))
      .where('id', 'in', candidates)
      .where('state', '=', 'pending')
      .returningAll()
      .execute();
    return rows.map(toJob).sort((a, b) => a.id - b.id);
  }

  /** Extends the lease of a job this worker holds; false when it no longer holds it. */
  async heartbeat(jobId: number, workerId: string, leaseMs: number): Promise<boolean> {
    const now = this.#clock.now();
    const result = await this.db
      .updateTable('jobs')
      .set({ lease_expires_at: now + leaseMs, updated_at: now })
      .where('id', '=', jobId)
      .where('locked_by', '=', workerId)
      .where('state', '=', 'active')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Marks a held job done; false when the lease was lost (another worker may have it now). */
  async complete(jobId: number, workerId: string): Promise<boolean> {
    const now = this.#clock.now();
    const result = await this.db
      .updateTable('jobs')
      .set({ state: 'completed', finished_at: now, lease_expires_at: null, updated_at: now })
      .where('id', '=', jobId)
      .where('locked_by', '=', workerId)
      .where('state', '=', 'active')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /**
   * Records a failure: retried after a backoff (or `retryAfterMs`) while attempts remain and the
   * error is retryable, dead otherwise.
   */
  async fail(
    job: Job,
    workerId: string,
    error: { message: string; retryable: boolean; retryAfterMs?: number | undefined },
  ): Promise<'retry' | 'dead' | 'superseded' | 'lost'> {
    const exhausted = job.attempts >= job.maxAttempts;
    if (!error.retryable || exhausted) {
      const reason = exhausted && error.retryable ? `gave up after ${job.attempts} attempts: ` : '';
      const dead = await this.#finish(job.id, workerId, 'dead', `${reason}${error.message}`);
      return dead ? 'dead' : 'lost';
    }
    const delay = error.retryAfterMs ?? backoffDelay(job.attempts, this.#backoff, this.#random);
    const outcome = await this.#reschedule(job, workerId, delay, error.message, false);
    return outcome === 'rescheduled' ? 'retry' : outcome;
  }

  /** Puts a held job back to run after `delayMs` without spending an attempt (e.g. after a 429). */
  async retryLater(job: Job, workerId: string, delayMs: number, reason: string): Promise<boolean> {
    return (await this.#reschedule(job, workerId, delayMs, reason, true)) !== 'lost';
  }

  /** Gives a held job back untouched, e.g. on shutdown. */
  async release(job: Job, workerId: string): Promise<boolean> {
    return (await this.#reschedule(job, workerId, 0, job.lastError ?? 'released', true)) !== 'lost';
  }

  async #finish(jobId: number, workerId: string, state: JobState, message: string): Promise<boolean> {
    const now = this.#clock.now();
    const result = await this.db
      .updateTable('jobs')
      .set({ state, last_error: message, finished_at: now, lease_expires_at: null, updated_at: now })
      .where('id', '=', jobId)
      .where('locked_by', '=', workerId)
      .where('state', '=', 'active')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async #reschedule(
    job: Job,
    workerId: string,
    delayMs: number,
    message: string,
    refund: boolean,
  ): Promise<'rescheduled' | 'superseded' | 'lost'> {
    const now = this.#clock.now();
    try {
      const result = await this.db
        .updateTable('jobs')
        .set((eb) => ({
          state: 'pending',
          run_at: now + delayMs,
          attempts: refund ? eb('attempts', '-', 1) : eb.ref('attempts'),
          last_error: message,
          lease_expires_at: null,
          locked_by: null,
          updated_at: now,
        }))
        .where('id', '=', job.id)
        .where('locked_by', '=', workerId)
        .where('state', '=', 'active')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1 ? 'rescheduled' : 'lost';
    } catch (err) {
      // A newer job with the same dedupe key is already pending: it does this job's work.
      if (!isUniqueViolation(err)) throw err;
      const cancelled = await this.#finish(
        job.id,
        workerId,
        'cancelled',
        `superseded by a newer pending job: ${message}`,
      );
      return cancelled ? 'superseded' : 'lost';
    }
  }

  /**
   * Returns to the queue the jobs whose worker stopped renewing its lease (a crashed process),
   * or buries them when their attempts are spent. Safe to call from every worker.
   */
  async recoverExpiredLeases(): Promise<number> {
    const now = this.#clock.now();
    const expired = await this.db
      .selectFrom('jobs')
      .selectAll()
      .where('state', '=', 'active')
      .where('lease_expires_at', '<', now)
      .limit(100)
      .execute();
    let recovered = 0;
    for (const row of expired) {
      const job = toJob(row);
      const holder = row.locked_by ?? '';
      const message = `lease expired: worker ${holder} stopped responding`;
      const outcome =
        job.attempts >= job.maxAttempts
          ? await this.#finish(job.id, holder, 'dead', `gave up after ${job.attempts} attempts: ${message}`)
          : (await this.#reschedule(job, holder, 0, message, false)) !== 'lost';
      if (outcome) recovered++;
    }
    return recovered;
  }

  /** Creates or updates a recurring job (e.g. reconciliation every 15 minutes). */
  async schedule(input: ScheduleInput, db: Kysely<Database> = this.db): Promise<void> {
    const now = this.#clock.now();
    const values = {
      kind: input.kind,
      payload: toJson(input.payload),
      every_ms: input.everyMs,
      installation_id: input.installationId ?? null,
      serial_key: input.serialKey ?? null,
    };
    await db
      .insertInto('job_schedules')
      .values({
        name: input.name,
        next_run_at: input.firstRunAt ?? now + input.everyMs,
        created_at: now,
        ...values,
      })
      .onConflict((oc) => oc.column('name').doUpdateSet(values))
      .execute();
  }

  async unschedule(name: string, db: Kysely<Database> = this.db): Promise<void> {
    await db.deleteFrom('job_schedules').where('name', '=', name).execute();
  }

  async unscheduleInstallation(installationId: string, db: Kysely<Database> = this.db): Promise<void> {
    await db.deleteFrom('job_schedules').where('installation_id', '=', installationId).execute();
  }

  /** Enqueues the recurring jobs that are due. Each period is taken by exactly one caller. */
  async enqueueDueSchedules(): Promise<number> {
    const now = this.#clock.now();
    const due = await this.db
      .selectFrom('job_schedules')
      .selectAll()
      .where('next_run_at', '<=', now)
      .execute();
    let enqueued = 0;
    for (const schedule of due) {
      await this.db.transaction().execute(async (trx) => {
        const taken = await trx
          .updateTable('job_schedules')
          .set({ next_run_at: now + schedule.every_ms })
          .where('name', '=', schedule.name)
          .where('next_run_at', '=', schedule.next_run_at)
          .executeTakeFirst();
        if (Number(taken.numUpdatedRows) !== 1) return;
        await this.enqueue(
          {
            kind: schedule.kind,
            payload: fromJson(schedule.payload),
            dedupeKey: `schedule:${schedule.name}`,
            ...(schedule.serial_key === null ? {} : { serialKey: schedule.serial_key }),
            ...(schedule.installation_id === null ? {} : { installationId: schedule.installation_id }),
          },
          trx,
        );
        enqueued++;
      });
    }
    return enqueued;
  }

  /** Stops an installation's waiting jobs (e.g. it needs reconnecting or was uninstalled). */
  async cancelForInstallation(
    installationId: string,
    reason: string,
    db: Kysely<Database> = this.db,
  ): Promise<number> {
    const now = this.#clock.now();
    const result = await db
      .updateTable('jobs')
      .set({ state: 'cancelled', last_error: reason, finished_at: now, updated_at: now })
      .where('installation_id', '=', installationId)
      .where('state', '=', 'pending')
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  /** Puts a dead job back in line, with fresh attempts (manual retry). */
  async retryDead(jobId: number): Promise<boolean> {
    const now = this.#clock.now();
    try {
      const result = await this.db
        .updateTable('jobs')
        .set({ state: 'pending', attempts: 0, run_at: now, finished_at: null, updated_at: now })
        .where('id', '=', jobId)
        .where('state', '=', 'dead')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    } catch (err) {
      if (isUniqueViolation(err)) return false;
      throw err;
    }
  }

  async get(jobId: number): Promise<Job | undefined> {
    const row = await this.db.selectFrom('jobs').selectAll().where('id', '=', jobId).executeTakeFirst();
    return row && toJob(row);
  }

  async list(filter: {
    state?: JobState;
    kind?: string;
    installationId?: string;
    limit?: number;
  }): Promise<Job[]> {
    let q = this.db.selectFrom('jobs').selectAll();
    if (filter.state !== undefined) q = q.where('state', '=', filter.state);
    if (filter.kind !== undefined) q = q.where('kind', '=', filter.kind);
    if (filter.installationId !== undefined) q = q.where('installation_id', '=', filter.installationId);
    const rows = await q
      .orderBy('id', 'desc')
      .limit(filter.limit ?? 100)
      .execute();
    return rows.map(toJob);
  }

  /** Jobs by state, and how long the oldest runnable one has waited (for metrics). */
  async depth(): Promise<{ byState: Record<string, number>; oldestPendingAgeMs: number }> {
    const now = this.#clock.now();
    const rows = await this.db
      .selectFrom('jobs')
      .select(['state', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('state')
      .execute();
    const oldest = await this.db
      .selectFrom('jobs')
      .select((eb) => eb.fn.min('run_at').as('run_at'))
      .where('state', '=', 'pending')
      .where('run_at', '<=', now)
      .executeTakeFirst();
    const byState: Record<string, number> = {};
    for (const row of rows) byState[row.state] = Number(row.n);
    const oldestRunAt = oldest?.run_at === null || oldest?.run_at === undefined ? now : Number(oldest.run_at);
    return { byState, oldestPendingAgeMs: now - oldestRunAt };
  }

  /** Deletes completed and cancelled jobs finished before `before`. Dead jobs stay for inspection. */
  async pruneFinished(before: number): Promise<number> {
    const result = await this.db
      .deleteFrom('jobs')
      .where('state', 'in', ['completed', 'cancelled'])
      .where('finished_at', '<', before)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
