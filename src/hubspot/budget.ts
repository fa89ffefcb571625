// Stays under HubSpot's limits by design: every call takes a paced slot from a budget shared,
// through the store, by every process serving the portal. Slots are spaced so that no rolling
// window ever holds more than the limit (minus headroom for network jitter).
import type { Clock } from '../sync/clock.ts';
import type { RateLimitPort, Sleep } from '../sync/ports.ts';

export type BudgetKind = 'api' | 'search';

export interface BudgetLimits {
  /** Requests per rolling 10 s for this app and portal (public apps: 110). */
  perTenSeconds: number;
  /** CRM search requests per second for the portal (5). */
  searchPerSecond: number;
}

export const PUBLIC_APP_LIMITS: BudgetLimits = { perTenSeconds: 110, searchPerSecond: 5 };

const TEN_SECONDS = 10_000;
/** Later than this after its slot, a call takes a new one (see `take`). */
const STALE_SLOT_MS = 150;
const MAX_SLOT_ATTEMPTS = 3;

/** Spacing that keeps any closed 10 s window at or below `limit - headroom` requests. */
export function apiInterval(limit: number): number {
  const headroom = limit > 20 ? 3 : 1;
  return TEN_SECONDS / Math.max(1, limit - headroom);
}

export function searchInterval(perSecond: number): number {
  return 1000 / Math.max(0.5, perSecond - 0.5);
}

export class RequestBudget {
  #apiInterval: number;
  readonly #searchInterval: number;

  constructor(
    private readonly port: RateLimitPort,
    /** Identifies the budget: HubSpot counts per app and portal. */
    private readonly scope: string,
    limits: BudgetLimits,
    private readonly clock: Clock,
    private readonly sleep: Sleep,
  ) {
    this.#apiInterval = apiInterval(limits.perTenSeconds);
    this.#searchInterval = searchInterval(limits.searchPerSecond);
  }

  #key(kind: BudgetKind): string {
    return `hubspot:${kind}:${this.scope}`;
  }

  /**
   * Waits for this call's slot. A call that wakes long after its slot (a busy event loop) takes a
   * fresh one: sent late, it would land in the same rolling window as the calls after it, and a
   * few such stalls add up to more than the window's limit.
   */
  async take(kind: BudgetKind): Promise<void> {
    const interval = kind === 'api' ? this.#apiInterval : this.#searchInterval;
    for (let attempt = 1; ; attempt++) {
      const start = await this.port.reserve(this.#key(kind), interval);
      const wait = start - this.clock.now();
      if (wait > 0) await this.sleep(wait);
      // A slow store (not a late wake-up) must not keep a call from ever going out.
      if (this.clock.now() - start <= STALE_SLOT_MS || attempt === MAX_SLOT_ATTEMPTS) return;
    }
  }

  /**
   * Learns from HubSpot's rate-limit headers: the portal's real limit (private-app tiers differ),
   * and an almost spent window (another process or a burst) that calls for a pause.
   */
  async observe(headers: Record<string, string> | undefined): Promise<void> {
    if (headers === undefined) return;
    const max = Number(headers['x-hubspot-ratelimit-max']);
    const interval = Number(headers['x-hubspot-ratelimit-interval-milliseconds']);
    if (Number.isFinite(max) && max > 0 && interval === TEN_SECONDS) this.#apiInterval = apiInterval(max);
    const remaining = Number(headers['x-hubspot-ratelimit-remaining']);
    if (
      headers['x-hubspot-ratelimit-remaining'] !== undefined &&
      Number.isFinite(remaining) &&
      remaining <= 1
    ) {
      await this.port.holdUntil(this.#key('api'), this.clock.now() + 1000);
    }
  }

  /** After a 429: nobody sharing this budget calls again before `ms` from now. */
  async backOff(kind: BudgetKind, ms: number): Promise<void> {
    await this.port.holdUntil(this.#key(kind), this.clock.now() + ms);
  }
}
