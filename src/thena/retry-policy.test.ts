import { describe, expect, it } from 'vitest';
import { backoffDelay, retryPolicy, serverRequestedWait } from './retry-policy.ts';

const NOW = Date.UTC(2026, 0, 1, 12, 0, 0);

describe('serverRequestedWait', () => {
  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(serverRequestedWait(new Headers({ 'retry-after': '3' }), NOW)).toBe(3000);
    const date = new Date(NOW + 7000).toUTCString();
    expect(serverRequestedWait(new Headers({ 'retry-after': date }), NOW)).toBe(7000);
  });

  it('reads X-RateLimit-Reset as Unix seconds, tolerating milliseconds and relative seconds', () => {
    const resetSeconds = String(NOW / 1000 + 12);
    expect(serverRequestedWait(new Headers({ 'x-ratelimit-reset': resetSeconds }), NOW)).toBe(12_000);
    expect(serverRequestedWait(new Headers({ 'x-ratelimit-reset': String(NOW + 500) }), NOW)).toBe(500);
    expect(serverRequestedWait(new Headers({ 'x-ratelimit-reset': '4' }), NOW)).toBe(4000);
  });

  it('prefers Retry-After, never goes negative, and is undefined when the server said nothing', () => {
    const both = new Headers({ 'retry-after': '1', 'x-ratelimit-reset': String(NOW / 1000 + 30) });
    expect(serverRequestedWait(both, NOW)).toBe(1000);
    expect(serverRequestedWait(new Headers({ 'x-ratelimit-reset': String(NOW / 1000 - 5) }), NOW)).toBe(0);
    expect(serverRequestedWait(new Headers(), NOW)).toBeUndefined();
  });
});

describe('backoffDelay', () => {
  it('grows exponentially up to the cap, with full jitter', () => {
    const policy = retryPolicy({ baseDelayMs: 100, maxDelayMs: 1000 });
    const top = () => 0.999_999;
    expect(backoffDelay(policy, 1, top)).toBe(99);
    expect(backoffDelay(policy, 3, top)).toBe(399);
    expect(backoffDelay(policy, 10, top)).toBe(999);
    expect(backoffDelay(policy, 3, () => 0)).toBe(0);
  });
});
