// HubSpot's rate limits: a rolling window per (app, portal) with the X-HubSpot-RateLimit-*
// headers on every non-search answer, a per-second limit on search per portal (no headers), and
// an optional daily limit for private-app tokens (the Daily headers, which OAuth calls never get).
import type { EmulatorClock } from './clock.ts';
import { HubSpotError } from './errors.ts';
import type { RateLimitProfile } from './options.ts';

export interface RateDecision {
  headers: Record<string, string>;
  error?: HubSpotError;
}

export type RatePolicy = 'TEN_SECONDLY_ROLLING' | 'SECONDLY' | 'DAILY';

export function rateLimitError(policy: RatePolicy, groupName?: string): HubSpotError {
  const message =
    policy === 'TEN_SECONDLY_ROLLING'
      ? 'You have reached your ten_secondly_rolling limit.'
      : policy === 'SECONDLY'
        ? 'You have reached your secondly limit.'
        : 'You have reached your daily limit.';
  return new HubSpotError(429, {
    message,
    // `errorType` is what HubSpot sends; `category` keeps the body valid against the spec's Error.
    category: 'RATE_LIMITS',
    extra: {
      errorType: 'RATE_LIMIT',
      policyName: policy,
      ...(groupName ? { groupName } : {}),
      requestId: crypto.randomUUID(),
    },
  });
}

export class RateLimiter {
  private readonly windows = new Map<string, number[]>();
  private readonly searches = new Map<number, number[]>();
  private readonly daily = new Map<string, { day: number; count: number }>();
  readonly counters = { tenSecondly: 0, secondly: 0, daily: 0 };

  constructor(
    private readonly clock: EmulatorClock,
    public profile: RateLimitProfile,
  ) {}

  /** Counts an API call of `appId` in `portalId`; returns the headers and, past a limit, the 429. */
  check(appId: number, portalId: number, privateApp: boolean): RateDecision {
    const now = this.clock.now();
    const headers: Record<string, string> = {};
    const { max, intervalMs, daily } = this.profile;
    const key = `${appId}:${portalId}`;
    if (privateApp && daily !== null) {
      const day = Math.floor(now / 86_400_000);
      const used = this.daily.get(key);
      const count = used && used.day === day ? used.count : 0;
      headers['X-HubSpot-RateLimit-Daily'] = String(daily);
      if (count >= daily) {
        headers['X-HubSpot-RateLimit-Daily-Remaining'] = '0';
        this.counters.daily++;
        return { headers, error: rateLimitError('DAILY') };
      }
      this.daily.set(key, { day, count: count + 1 });
      headers['X-HubSpot-RateLimit-Daily-Remaining'] = String(daily - count - 1);
    }
    if (max === null) return { headers };
    const window = this.prune(this.windows, key, now, intervalMs);
    headers['X-HubSpot-RateLimit-Interval-Milliseconds'] = String(intervalMs);
    headers['X-HubSpot-RateLimit-Max'] = String(max);
    if (window.length >= max) {
      headers['X-HubSpot-RateLimit-Remaining'] = '0';
      this.counters.tenSecondly++;
      const kind = privateApp ? 'private_app' : 'oauth_app';
      return {
        headers,
        error: rateLimitError(
          'TEN_SECONDLY_ROLLING',
          `publicapi:${kind}-api-calls-ten-secondly:${appId}:${portalId}`,
        ),
      };
    }
    window.push(now);
    headers['X-HubSpot-RateLimit-Remaining'] = String(max - window.length);
    return { headers };
  }

  /** Counts a search call in `portalId` (searches have their own budget and send no headers). */
  checkSearch(portalId: number): HubSpotError | undefined {
    const perSecond = this.profile.searchPerSecond;
    if (perSecond === null) return undefined;
    const now = this.clock.now();
    const window = this.prune(this.searches, portalId, now, 1000);
    if (window.length >= perSecond) {
      this.counters.secondly++;
      return rateLimitError('SECONDLY');
    }
    window.push(now);
    return undefined;
  }

  reset(): void {
    this.windows.clear();
    this.searches.clear();
    this.daily.clear();
    this.counters.tenSecondly = 0;
    this.counters.secondly = 0;
    this.counters.daily = 0;
  }

  /** Keeps the calls inside (now - interval, now]; a clock moved backwards forgets later ones. */
  private prune<K>(map: Map<K, number[]>, key: K, now: number, intervalMs: number): number[] {
    const kept = (map.get(key) ?? []).filter((t) => t > now - intervalMs && t <= now);
    map.set(key, kept);
    return kept;
  }
}
