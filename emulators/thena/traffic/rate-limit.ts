// Fixed-window rate limiting per API key, off by default. Thena documents the headers
// (X-RateLimit-Limit/-Remaining/-Reset in Unix seconds) and the 429, not the numbers.

export interface RateLimitSettings {
  enabled: boolean;
  /** Requests allowed per key in one window. */
  limit: number;
  windowMs: number;
}

export const DEFAULT_RATE_LIMIT: RateLimitSettings = { enabled: false, limit: 100, windowMs: 10_000 };

export interface RateLimitDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Unix seconds at which the window resets. */
  resetSeconds: number;
  retryAfterSeconds: number;
}

export class RateLimiter {
  #windows = new Map<string, { start: number; count: number }>();

  take(key: string, nowMs: number, settings: RateLimitSettings): RateLimitDecision {
    const start = Math.floor(nowMs / settings.windowMs) * settings.windowMs;
    let window = this.#windows.get(key);
    if (!window || window.start !== start) {
      window = { start, count: 0 };
      this.#windows.set(key, window);
    }
    window.count += 1;
    const resetMs = start + settings.windowMs;
    return {
      allowed: window.count <= settings.limit,
      limit: settings.limit,
      remaining: Math.max(0, settings.limit - window.count),
      resetSeconds: Math.ceil(resetMs / 1000),
      retryAfterSeconds: Math.max(1, Math.ceil((resetMs - nowMs) / 1000)),
    };
  }

  clear(): void {
    this.#windows = new Map();
  }
}
