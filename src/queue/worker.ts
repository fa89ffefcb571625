// A worker: an async loop that claims jobs, runs their handlers with a renewed lease, and
// records the outcome. It knows no SQL; the queue does. Several workers (in one process or
// many) can share one queue.
import { randomUUID } from 'node:crypto';
import { errorMessage, isAppError } from '../sync/errors.ts';
import { silentLogger, type Logger } from '../sync/logger.ts';
import type { Queue } from './queue.ts';
import type { Job, JobHandler } from './types.ts';

export interface WorkerOptions {
  id?: string;
  /** Jobs run at the same time by this worker. */
  concurrency?: number;
  leaseMs?: number;
  pollIntervalMs?: number;
  maintenanceIntervalMs?: number;
  /** Only claim these kinds (default: every kind with a handler). */
  kinds?: string[];
  logger?: Logger;
}

export class Worker {
  readonly id: string;
  readonly #queue: Queue;
  readonly #handlers: Record<string, JobHandler>;
  readonly #concurrency: number;
  readonly #leaseMs: number;
  readonly #pollIntervalMs: number;
  readonly #maintenanceIntervalMs: number;
  readonly #kinds: string[];
  readonly #log: Logger;
  readonly #inflight = new Map<number, { job: Job; controller: AbortController; done: Promise<void> }>();
  #running = false;
  #loop: Promise<void> | undefined;
  #wake: (() => void) | undefined;
  #lastMaintenance = 0;
  readonly #onEnqueued = (): void => this.#wake?.();

  constructor(queue: Queue, handlers: Record<string, JobHandler>, options: WorkerOptions = {}) {
    this.id = options.id ?? `worker-${process.pid}-${randomUUID().slice(0, 8)}`;
    this.#queue = queue;
    this.#handlers = handlers;
    this.#concurrency = options.concurrency ?? 4;
    this.#leaseMs = options.leaseMs ?? 30_000;
    this.#pollIntervalMs = options.pollIntervalMs ?? 250;
    this.#maintenanceIntervalMs = options.maintenanceIntervalMs ?? 1_000;
    this.#kinds = options.kinds ?? Object.keys(handlers);
    this.#log = (options.logger ?? silentLogger).child({ worker: this.id });
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#queue.events.on('enqueued', this.#onEnqueued);
    this.#loop = this.#run();
  }

  /**
   * Stops claiming, lets running jobs finish for up to `timeoutMs`, then aborts and releases the
   * rest so another worker picks them up at once.
   */
  async stop(timeoutMs = 10_000): Promise<void> {
    if (!this.#running) return;
    this.#running = false;
    this.#queue.events.off('enqueued', this.#onEnqueued);
    this.#wake?.();
    await this.#loop;
    const finished = Promise.all([...this.#inflight.values()].map((r) => r.done));
    const timedOut = await Promise.race([
      finished.then(() => false),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(true), timeoutMs).unref()),
    ]);
    if (!timedOut) return;
    for (const { job, controller } of this.#inflight.values()) {
      controller.abort();
      await this.#queue.release(job, this.id).catch(() => false);
    }
  }

  /** Processes jobs until none is runnable and none is running (tests and one-shot commands). */
  async drain(): Promise<void> {
    for (;;) {
      await this.#maintain(true);
      const jobs = await this.#claim();
      if (jobs.length === 0 && this.#inflight.size === 0) return;
      await Promise.race([...this.#inflight.values()].map((r) => r.done));
    }
  }

  get busy(): number {
    return this.#inflight.size;
  }

  async #run(): Promise<void> {
    while (this.#running) {
      try {
        await this.#maintain(false);
        const free = this.#concurrency - this.#inflight.size;
        const jobs = free > 0 ? await this.#claim() : [];
        if (jobs.length > 0 && jobs.length === free) continue;
      } catch (err) {
        this.#log.error({ err: errorMessage(err) }, 'worker loop failed; retrying');
      }
      await this.#sleep(this.#pollIntervalMs);
    }
  }

  async #claim(): Promise<Job[]> {
    const free = this.#concurrency - this.#inflight.size;
    if (free <= 0) return [];
    const jobs = await this.#queue.claim(this.id, free, this.#leaseMs, this.#kinds);
    for (const job of jobs) this.#start(job);
    return jobs;
  }

  async #maintain(force: boolean): Promise<void> {
    const now = Date.now();
    if (!force && now - this.#lastMaintenance < this.#maintenanceIntervalMs) return;
    this.#lastMaintenance = now;
    const recovered = await this.#queue.recoverExpiredLeases();
    if (recovered > 0) this.#log.warn({ recovered }, 'recovered jobs of a worker that stopped responding');
    await this.#queue.enqueueDueSchedules();
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.#wake = done;
    });
  }

  #start(job: Job): void {
    const controller = new AbortController();
    const done = this.#execute(job, controller)
      .catch((err: unknown) => {
        // Recording the outcome failed (the database went away): the job's lease runs out and
        // recoverExpiredLeases hands it out again. Never an unhandled rejection, which ends the process.
        this.#log.error(
          { job: job.id, kind: job.kind, err: errorMessage(err) },
          'could not record a job outcome',
        );
      })
      .finally(() => {
        this.#inflight.delete(job.id);
        this.#wake?.();
      });
    this.#inflight.set(job.id, { job, controller, done });
  }

  async #execute(job: Job, controller: AbortController): Promise<void> {
    const handler = this.#handlers[job.kind];
    const log = this.#log.child({ job: job.id, kind: job.kind, attempt: job.attempts });
    if (handler === undefined) {
      await this.#queue.fail(job, this.id, {
        message: `no handler for job kind ${job.kind}`,
        retryable: false,
      });
      return;
    }
    const heartbeat = async (): Promise<void> => {
      if (!(await this.#queue.heartbeat(job.id, this.id, this.#leaseMs))) controller.abort();
    };
    const timer = setInterval(() => void heartbeat().catch(() => undefined), this.#leaseMs / 3);
    try {
      const result = await handler(job.payload, { job, signal: controller.signal, heartbeat });
      if (controller.signal.aborted && !this.#running) return; // released by stop()
      if (result && typeof result.retryInMs === 'number') {
        await this.#queue.retryLater(job, this.id, result.retryInMs, result.reason ?? 'asked to run later');
      } else if (!(await this.#queue.complete(job.id, this.id))) {
        log.warn({}, 'job finished after its lease was lost');
      }
    } catch (err) {
      const retryable = isAppError(err) ? err.retryable : true;
      const retryAfterMs = isAppError(err) ? err.retryAfterMs : undefined;
      const outcome = await this.#queue.fail(job, this.id, {
        message: errorMessage(err),
        retryable,
        retryAfterMs,
      });
      const code = isAppError(err) ? err.code : 'unexpected_error';
      log[outcome === 'dead' ? 'error' : 'warn']({ code, err: errorMessage(err), outcome }, 'job failed');
    } finally {
      clearInterval(timer);
    }
  }
}
