// When and how long to wait before trying a Thena request again: exponential backoff with full
// jitter, unless Thena said when (Retry-After, or X-RateLimit-Reset in Unix seconds).

export interface ThenaRetryOptions {
  /** Attempts in all, the first included (default 5). */
  maxAttempts?: number;
  /** Backoff base: the first retry waits up to this long (default 250 ms). */
  baseDelayMs?: number;
  /** Backoff cap (default 20 s). */
  maxDelayMs?: number;
  /** One attempt's time limit, body included (default 30 s). */
  timeoutMs?: number;
  /** A server-requested wait longer than this is not slept through: the error goes to the caller (default 60 s). */
  maxRetryAfterMs?: number;
}

export type RetryPolicy = Required<ThenaRetryOptions>;

export function retryPolicy(options: ThenaRetryOptions = {}): RetryPolicy {
  return {
    maxAttempts: options.maxAttempts ?? 5,
    baseDelayMs: options.baseDelayMs ?? 250,
    maxDelayMs: options.maxDelayMs ?? 20_000,
    timeoutMs: options.timeoutMs ?? 30_000,
    maxRetryAfterMs: options.maxRetryAfterMs ?? 60_000,
  };
}

/** Full jitter: uniformly between 0 and the capped exponential step for this attempt (1-based). */
export function backoffDelay(policy: RetryPolicy, attempt: number, random: () => number): number {
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.floor(random() * step);
}

/** Milliseconds until Thena allows another request, from the answer's headers, if it said. */
export function serverRequestedWait(headers: Headers, nowMs: number): number | undefined {
  const retryAfter = headers.get('retry-after');
  if (retryAfter !== null && retryAfter.trim() !== '') {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
    const date = Date.parse(retryAfter);
    if (Number.isFinite(date)) return Math.max(0, date - nowMs);
  }
  const reset = Number(headers.get('x-ratelimit-reset') ?? NaN);
  if (!Number.isFinite(reset) || reset <= 0) return undefined;
  // Documented as Unix seconds; tolerate milliseconds and "seconds from now" too.
  if (reset > 1e12) return Math.max(0, reset - nowMs);
  if (reset > 1e9) return Math.max(0, reset * 1000 - nowMs);
  return reset * 1000;
}
