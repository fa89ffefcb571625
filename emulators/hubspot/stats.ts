// Counters for `GET /_emulator/stats`: requests by route and status, 429s sent, faults injected,
// webhook deliveries and their outcomes (plus the last deliveries, for debugging a test).
export interface DeliveryLogEntry {
  batchId: number;
  appId: number;
  portalId: number;
  attemptNumber: number;
  url: string;
  eventCount: number;
  outcome: string;
  status?: number;
  at: number;
  durationMs: number;
}

export interface WebhookCounters {
  attempts: number;
  delivered: number;
  failed: number;
  retriesScheduled: number;
  gaveUp: number;
  dropped: number;
  duplicated: number;
  eventsQueued: number;
  eventsDelivered: number;
  byOutcome: Record<string, number>;
}

const LOG_SIZE = 500;

export class Stats {
  private readonly requests = new Map<string, Map<number, number>>();
  webhooks: WebhookCounters = emptyWebhooks();
  private deliveries: DeliveryLogEntry[] = [];
  startedAt = Date.now();

  recordRequest(route: string, status: number): void {
    let byStatus = this.requests.get(route);
    if (!byStatus) {
      byStatus = new Map();
      this.requests.set(route, byStatus);
    }
    byStatus.set(status, (byStatus.get(status) ?? 0) + 1);
  }

  recordDelivery(entry: DeliveryLogEntry): void {
    this.webhooks.attempts++;
    this.webhooks.byOutcome[entry.outcome] = (this.webhooks.byOutcome[entry.outcome] ?? 0) + 1;
    if (entry.outcome === 'success') {
      this.webhooks.delivered++;
      this.webhooks.eventsDelivered += entry.eventCount;
    } else {
      this.webhooks.failed++;
    }
    this.deliveries.push(entry);
    if (this.deliveries.length > LOG_SIZE) this.deliveries = this.deliveries.slice(-LOG_SIZE);
  }

  recentDeliveries(): DeliveryLogEntry[] {
    return [...this.deliveries];
  }

  requestsJson(): {
    byRoute: Record<string, Record<string, number>>;
    total: number;
    byStatus: Record<string, number>;
  } {
    const byRoute: Record<string, Record<string, number>> = {};
    const byStatus: Record<string, number> = {};
    let total = 0;
    for (const [route, statuses] of this.requests) {
      byRoute[route] = {};
      for (const [status, count] of statuses) {
        byRoute[route][String(status)] = count;
        byStatus[String(status)] = (byStatus[String(status)] ?? 0) + count;
        total += count;
      }
    }
    return { byRoute, total, byStatus };
  }

  reset(): void {
    this.requests.clear();
    this.webhooks = emptyWebhooks();
    this.deliveries = [];
    this.startedAt = Date.now();
  }
}

function emptyWebhooks(): WebhookCounters {
  return {
    attempts: 0,
    delivered: 0,
    failed: 0,
    retriesScheduled: 0,
    gaveUp: 0,
    dropped: 0,
    duplicated: 0,
    eventsQueued: 0,
    eventsDelivered: 0,
    byOutcome: {},
  };
}
