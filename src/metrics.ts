// Prometheus metrics: records synced, HubSpot calls and 429s, queue depth and age, webhook lag.
// Counters are fed by the engine's observer and the HubSpot caller; gauges are read on scrape.
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { CallReport } from './hubspot/caller.ts';
import type { Queue } from './queue/queue.ts';
import type { EngineObserver } from './sync/engine/context.ts';

export interface Metrics {
  registry: Registry;
  observer: EngineObserver;
  onHubSpotCall(report: CallReport): void;
  render(): Promise<string>;
}

export function createMetrics(queue: Queue): Metrics {
  const registry = new Registry();
  const records = new Counter({
    name: 'thena_hubspot_records_total',
    help: 'Records handled, by object, direction and audit status (SUCCESS, FAILED, SKIPPED)',
    labelNames: ['object', 'direction', 'status', 'action'],
    registers: [registry],
  });
  const unchanged = new Counter({
    name: 'thena_hubspot_records_unchanged_total',
    help: 'Records seen with nothing to write (including the echo of our own writes)',
    labelNames: ['object'],
    registers: [registry],
  });
  const calls = new Counter({
    name: 'thena_hubspot_hubspot_calls_total',
    help: 'HubSpot API calls by budget (api, search) and status',
    labelNames: ['kind', 'status'],
    registers: [registry],
  });
  const rateLimited = new Counter({
    name: 'thena_hubspot_hubspot_429_total',
    help: 'HubSpot calls answered 429',
    labelNames: ['kind'],
    registers: [registry],
  });
  const webhookLag = new Histogram({
    name: 'thena_hubspot_webhook_lag_seconds',
    help: 'Time from receiving a webhook or event to processing it',
    labelNames: ['source'],
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 15, 60, 300],
    registers: [registry],
  });
  const depth = new Gauge({
    name: 'thena_hubspot_queue_jobs',
    help: 'Jobs by state',
    labelNames: ['state'],
    registers: [registry],
  });
  const age = new Gauge({
    name: 'thena_hubspot_queue_oldest_runnable_seconds',
    help: 'Age of the oldest runnable job',
    registers: [registry],
  });

  return {
    registry,
    observer: {
      onBatch(result) {
        for (const entry of result.audit) {
          records.inc({
            object: entry.objectType,
            direction: entry.direction,
            status: entry.status,
            action: entry.action,
          });
        }
        if (result.counts.unchanged > 0)
          unchanged.inc({ object: result.objectType ?? 'unknown' }, result.counts.unchanged);
      },
      onInboxProcessed(source, lagsMs) {
        for (const lag of lagsMs) webhookLag.observe({ source }, lag / 1000);
      },
    },
    onHubSpotCall(report) {
      calls.inc({ kind: report.kind, status: String(report.status) });
      if (report.status === 429) rateLimited.inc({ kind: report.kind });
    },
    async render() {
      const { byState, oldestPendingAgeMs } = await queue.depth();
      depth.reset();
      for (const [state, count] of Object.entries(byState)) depth.set({ state }, count);
      age.set(oldestPendingAgeMs / 1000);
      return registry.metrics();
    },
  };
}
