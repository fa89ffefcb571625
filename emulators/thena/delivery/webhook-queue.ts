// Delivers signed webhooks with retries, bounded concurrency and optional chaos (reordering,
// duplicates, drops). Every delivery is kept as a record that tests can list and wait on.
import type { EmulatorClock } from '../clock.ts';
import type { IdGenerator } from '../ids.ts';
import type { DeliverySettings } from './settings.ts';
import { postWebhook } from './post-webhook.ts';

export type DeliveryKind = 'installation' | 'platform';
export type DeliveryStatus =
  'queued' | 'in_flight' | 'retrying' | 'delivered' | 'failed' | 'dropped' | 'no_url';

export interface DeliveryRecord {
  id: string;
  kind: DeliveryKind;
  orgId: string;
  eventId: string;
  eventType: string;
  url: string | null;
  body: string;
  status: DeliveryStatus;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: number;
  deliveredAt: number | null;
  /** Set on the extra copy sent when duplication is switched on. */
  duplicateOf: string | null;
}

export interface DeliveryCounts {
  enqueued: number;
  delivered: number;
  failed: number;
  dropped: number;
  duplicated: number;
  noUrl: number;
  attempts: number;
  pending: number;
}

interface QueueDeps {
  settings: () => DeliverySettings;
  secret: () => string;
  clock: EmulatorClock;
  ids: IdGenerator;
  random: () => number;
}

const MAX_KEPT = 20_000;

export class WebhookQueue {
  readonly #deps: QueueDeps;
  #records: DeliveryRecord[] = [];
  #ready: DeliveryRecord[] = [];
  readonly #timers = new Set<NodeJS.Timeout>();
  #active = 0;
  #paused = false;
  #pumpScheduled = false;
  #idleWaiters: (() => void)[] = [];
  #abort = new AbortController();
  #counts = WebhookQueue.#zero();

  constructor(deps: QueueDeps) {
    this.#deps = deps;
  }

  static #zero(): Omit<DeliveryCounts, 'pending'> {
    return { enqueued: 0, delivered: 0, failed: 0, dropped: 0, duplicated: 0, noUrl: 0, attempts: 0 };
  }

  enqueue(
    input: Pick<DeliveryRecord, 'kind' | 'orgId' | 'eventId' | 'eventType' | 'body'> & {
      url: string | undefined;
    },
  ) {
    const record: DeliveryRecord = {
      ...input,
      id: this.#deps.ids.uuid(),
      url: input.url ?? null,
      status: 'queued',
      attempts: 0,
      lastStatusCode: null,
      lastError: null,
      createdAt: this.#deps.clock.now(),
      deliveredAt: null,
      duplicateOf: null,
    };
    this.#keep(record);
    this.#counts.enqueued += 1;
    if (record.url === null) {
      record.status = 'no_url';
      this.#counts.noUrl += 1;
    } else if (this.#deps.random() < this.#deps.settings().dropProbability) {
      record.status = 'dropped';
      this.#counts.dropped += 1;
    } else this.#schedule(record);
    return record;
  }

  list(): DeliveryRecord[] {
    return [...this.#records];
  }

  counts(): DeliveryCounts {
    return { ...this.#counts, pending: this.#ready.length + this.#active + this.#timers.size };
  }

  pause(): void {
    this.#paused = true;
  }

  resume(): void {
    this.#paused = false;
    this.#pumpSoon();
  }

  isIdle(): boolean {
    return this.#ready.length === 0 && this.#active === 0 && this.#timers.size === 0;
  }

  /** Resolves true once nothing is queued, in flight or waiting to retry; false on timeout. */
  waitForIdle(timeoutMs: number): Promise<boolean> {
    if (this.isIdle()) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.#idleWaiters.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }

  /** Forgets every record and stops pending work (used by reset and close). */
  clear(): void {
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    this.#abort.abort();
    this.#abort = new AbortController();
    this.#records = [];
    this.#ready = [];
    this.#counts = WebhookQueue.#zero();
    this.#notifyIfIdle();
  }

  #keep(record: DeliveryRecord): void {
    this.#records.push(record);
    if (this.#records.length > MAX_KEPT * 1.5) this.#records = this.#records.slice(-MAX_KEPT);
  }

  #schedule(record: DeliveryRecord): void {
    this.#ready.push(record);
    this.#pumpSoon();
  }

  // Batching the pump onto the next macrotask lets a burst of events queue up together, which
  // is what makes `reorder` observable.
  #pumpSoon(): void {
    if (this.#pumpScheduled) return;
    this.#pumpScheduled = true;
    setImmediate(() => {
      this.#pumpScheduled = false;
      this.#pump();
    });
  }

  #pump(): void {
    const settings = this.#deps.settings();
    while (!this.#paused && this.#active < Math.max(1, settings.concurrency) && this.#ready.length > 0) {
      const index = settings.reorder ? Math.floor(this.#deps.random() * this.#ready.length) : 0;
      const [record] = this.#ready.splice(index, 1);
      if (record) void this.#attempt(record);
    }
    this.#notifyIfIdle();
  }

  async #attempt(record: DeliveryRecord): Promise<void> {
    this.#active += 1;
    record.status = 'in_flight';
    record.attempts += 1;
    this.#counts.attempts += 1;
    const signal = this.#abort.signal;
    const outcome = await postWebhook(record, {
      secret: this.#deps.secret(),
      timestampSeconds: Math.floor(this.#deps.clock.now() / 1000),
      timeoutMs: this.#deps.settings().timeoutMs,
      closing: signal,
    });
    this.#active -= 1;
    if (signal.aborted && outcome.error === 'aborted') return this.#notifyIfIdle();
    record.lastStatusCode = outcome.statusCode;
    record.lastError = outcome.error;
    if (outcome.statusCode !== null && outcome.statusCode >= 200 && outcome.statusCode < 300)
      this.#delivered(record);
    else this.#failedAttempt(record);
    this.#pumpSoon();
  }

  #delivered(record: DeliveryRecord): void {
    record.status = 'delivered';
    record.deliveredAt = this.#deps.clock.now();
    this.#counts.delivered += 1;
    if (record.duplicateOf === null && this.#deps.random() < this.#deps.settings().duplicateProbability) {
      const copy: DeliveryRecord = { ...record, id: this.#deps.ids.uuid(), status: 'queued', attempts: 0 };
      copy.duplicateOf = record.id;
      copy.deliveredAt = null;
      this.#keep(copy);
      this.#counts.duplicated += 1;
      this.#schedule(copy);
    }
  }

  #failedAttempt(record: DeliveryRecord): void {
    const wait = this.#deps.settings().retryScheduleMs[record.attempts - 1];
    if (wait === undefined) {
      record.status = 'failed';
      this.#counts.failed += 1;
      return;
    }
    record.status = 'retrying';
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      this.#schedule(record);
    }, wait);
    this.#timers.add(timer);
  }

  #notifyIfIdle(): void {
    if (!this.isIdle() || this.#idleWaiters.length === 0) return;
    const waiters = this.#idleWaiters;
    this.#idleWaiters = [];
    for (const wake of waiters) wake();
  }
}
