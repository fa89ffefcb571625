// Webhook delivery. Events wait per (app, portal) for a short batching window, leave in arrays of
// at most 100, and are POSTed to the app's target URL with at most `maxConcurrentRequests`
// requests in flight per (app, portal). A failed attempt (connection error, timeout, any 4xx/5xx)
// is retried up to 10 times on a schedule of the emulator's clock, `attemptNumber` counting up.
// Test faults can drop, duplicate, shuffle or delay batches.
import type { EmulatorClock } from '../clock.ts';
import type { WebhookSettingsOptions } from '../options.ts';
import type { AppRegistry } from '../state/apps.ts';
import type { Stats } from '../stats.ts';
import { deliver, type DeliveryOutcome } from './delivery.ts';
import type { WebhookEvent } from './events.ts';
import { ClockScheduler } from './scheduler.ts';
import { signedHeaders } from './signature.ts';

interface Batch {
  id: number;
  appId: number;
  portalId: number;
  events: WebhookEvent[];
  /** 0 on the first attempt; the events carry it. */
  attemptNumber: number;
  /** A copy sent by the duplicate fault (never duplicated again). */
  copy?: boolean;
}

interface Queue {
  appId: number;
  portalId: number;
  pending: WebhookEvent[];
  timer: NodeJS.Timeout | undefined;
  ready: Batch[];
  inflight: number;
}

export interface DispatcherDeps {
  clock: EmulatorClock;
  apps: AppRegistry;
  stats: Stats;
  options: () => WebhookSettingsOptions;
  random: () => number;
}

export class WebhookDispatcher {
  private readonly queues = new Map<string, Queue>();
  private readonly retries: ClockScheduler;
  private readonly abort = new AbortController();
  private nextBatchId = 1;
  private waiters: Array<() => void> = [];
  private stopped = false;

  constructor(private readonly deps: DispatcherDeps) {
    this.retries = new ClockScheduler(deps.clock);
  }

  enqueue(appId: number, portalId: number, events: WebhookEvent[]): void {
    if (this.stopped || events.length === 0) return;
    const queue = this.queue(appId, portalId);
    queue.pending.push(...events);
    this.deps.stats.webhooks.eventsQueued += events.length;
    const { maxBatchSize, batchWindowMs } = this.deps.options();
    while (queue.pending.length >= maxBatchSize) this.cut(queue, maxBatchSize);
    if (queue.pending.length > 0 && !queue.timer) {
      queue.timer = setTimeout(() => {
        queue.timer = undefined;
        this.cut(queue, maxBatchSize);
      }, batchWindowMs);
    }
    this.pump(queue);
  }

  /** Resolves when nothing is waiting or in flight (retries scheduled later count only if asked). */
  idle(includeRetries = false): Promise<void> {
    if (this.isIdle(includeRetries)) return Promise.resolve();
    return new Promise((resolve) => {
      const check = (): void => {
        if (this.isIdle(includeRetries)) resolve();
        else this.waiters.push(check);
      };
      this.waiters.push(check);
    });
  }

  pendingCounts(): {
    pendingEvents: number;
    readyBatches: number;
    inflight: number;
    scheduledRetries: number;
  } {
    let pendingEvents = 0;
    let readyBatches = 0;
    let inflight = 0;
    for (const queue of this.queues.values()) {
      pendingEvents += queue.pending.length;
      readyBatches += queue.ready.length;
      inflight += queue.inflight;
    }
    return { pendingEvents, readyBatches, inflight, scheduledRetries: this.retries.size };
  }

  /** Forgets everything queued or scheduled (reset). In-flight requests finish on their own. */
  clear(): void {
    for (const queue of this.queues.values()) if (queue.timer) clearTimeout(queue.timer);
    this.queues.clear();
    this.retries.clear();
    this.notify();
  }

  stop(): void {
    this.stopped = true;
    this.clear();
    this.retries.stop();
    this.abort.abort();
  }

  private isIdle(includeRetries: boolean): boolean {
    const counts = this.pendingCounts();
    return (
      counts.pendingEvents === 0 &&
      counts.readyBatches === 0 &&
      counts.inflight === 0 &&
      (!includeRetries || counts.scheduledRetries === 0)
    );
  }

  private notify(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const waiter of waiters) waiter();
  }

  private queue(appId: number, portalId: number): Queue {
    const key = `${appId}:${portalId}`;
    let queue = this.queues.get(key);
    if (!queue) {
      queue = { appId, portalId, pending: [], timer: undefined, ready: [], inflight: 0 };
      this.queues.set(key, queue);
    }
    return queue;
  }

  private cut(queue: Queue, size: number): void {
    if (queue.pending.length === 0) return;
    const events = queue.pending.splice(0, size);
    if (queue.pending.length === 0 && queue.timer) {
      clearTimeout(queue.timer);
      queue.timer = undefined;
    }
    const batch: Batch = {
      id: this.nextBatchId++,
      appId: queue.appId,
      portalId: queue.portalId,
      events,
      attemptNumber: 0,
    };
    const { faults } = this.deps.options();
    if (this.deps.random() < faults.dropProbability) {
      this.deps.stats.webhooks.dropped++;
      this.notify();
      return;
    }
    if (this.deps.random() < faults.shuffleProbability) shuffle(batch.events, this.deps.random);
    queue.ready.push(batch);
    this.pump(queue);
  }

  private pump(queue: Queue): void {
    const app = this.deps.apps.get(queue.appId);
    const limit = Math.max(1, app?.settings?.maxConcurrentRequests ?? 10);
    while (queue.ready.length > 0 && queue.inflight < limit) {
      const batch = queue.ready.shift() as Batch;
      queue.inflight++;
      void this.attempt(queue, batch).finally(() => {
        queue.inflight--;
        this.pump(queue);
        this.notify();
      });
    }
    this.notify();
  }

  private async attempt(queue: Queue, batch: Batch): Promise<void> {
    const { faults } = this.deps.options();
    const wait =
      faults.delayMs + (faults.jitterMs > 0 ? Math.floor(this.deps.random() * faults.jitterMs) : 0);
    if (wait > 0) await sleep(wait);
    const app = this.deps.apps.get(batch.appId);
    const url = app?.settings?.targetUrl;
    if (!app || !url || this.stopped) {
      this.deps.stats.webhooks.dropped++;
      return;
    }
    const body = JSON.stringify(
      batch.events.map((event) => ({ ...event, attemptNumber: batch.attemptNumber })),
    );
    const headers = signedHeaders(app.clientSecret, url, body, this.deps.clock.now());
    const started = Date.now();
    const result = await deliver(url, body, headers, this.deps.options().timeoutMs, this.abort.signal);
    this.log(batch, url, result, started);
    if (result.outcome === 'success') {
      if (!batch.copy && this.deps.random() < faults.duplicateProbability) {
        this.deps.stats.webhooks.duplicated++;
        queue.ready.push({ ...batch, copy: true });
      }
      return;
    }
    this.scheduleRetry(queue, batch, result);
  }

  private scheduleRetry(queue: Queue, batch: Batch, result: DeliveryOutcome): void {
    if (this.stopped) return;
    const { retryDelaysMs, retryJitter } = this.deps.options();
    const delay = retryDelaysMs[batch.attemptNumber];
    if (delay === undefined) {
      this.deps.stats.webhooks.gaveUp++;
      return;
    }
    const jitter = 1 + (this.deps.random() * 2 - 1) * retryJitter;
    const retryAfter = result.outcome === 'http_error' ? (result.retryAfterMs ?? 0) : 0;
    const dueAt = this.deps.clock.now() + Math.max(retryAfter, Math.round(delay * jitter));
    this.deps.stats.webhooks.retriesScheduled++;
    this.retries.schedule(dueAt, () => {
      queue.ready.push({ ...batch, attemptNumber: batch.attemptNumber + 1 });
      this.pump(queue);
    });
  }

  private log(batch: Batch, url: string, result: DeliveryOutcome, started: number): void {
    this.deps.stats.recordDelivery({
      batchId: batch.id,
      appId: batch.appId,
      portalId: batch.portalId,
      attemptNumber: batch.attemptNumber,
      url,
      eventCount: batch.events.length,
      outcome: result.outcome === 'http_error' ? `http_${result.status}` : result.outcome,
      ...('status' in result ? { status: result.status } : {}),
      at: this.deps.clock.now(),
      durationMs: Date.now() - started,
    });
  }
}

function shuffle<T>(items: T[], random: () => number): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
