import { describe, expect, it } from 'vitest';
import { ManualClock } from '../sync/clock.ts';
import type { RateLimitPort } from '../sync/ports.ts';
import { apiInterval, RequestBudget, searchInterval } from './budget.ts';

function memoryRates(clock: ManualClock): RateLimitPort {
  const next = new Map<string, number>();
  return {
    reserve: async (key, interval) => {
      const start = Math.max(clock.now(), next.get(key) ?? 0);
      next.set(key, start + Math.ceil(interval));
      return start;
    },
    holdUntil: async (key, until) => void next.set(key, Math.max(next.get(key) ?? 0, until)),
  };
}

/** The most requests any window of `windowMs` holds, given start times. */
function busiestWindow(starts: number[], windowMs: number): number {
  let most = 0;
  for (const start of starts)
    most = Math.max(most, starts.filter((s) => s >= start && s < start + windowMs).length);
  return most;
}

describe('RequestBudget', () => {
  it('spaces calls so no rolling window exceeds the limit, and uses nearly all of it', async () => {
    const clock = new ManualClock(0);
    const starts: number[] = [];
    const budget = new RequestBudget(
      memoryRates(clock),
      'p',
      { perTenSeconds: 110, searchPerSecond: 5 },
      clock,
      async (ms) => clock.advance(ms),
    );
    for (let i = 0; i < 400; i++) {
      await budget.take('api');
      starts.push(clock.now());
    }
    const busiest = busiestWindow(starts, 10_000);
    expect(busiest).toBeLessThanOrEqual(110);
    expect(busiest).toBeGreaterThanOrEqual(105);
  });

  it('gives a call that wakes late a fresh slot, so event-loop stalls never crowd a window', async () => {
    // Twelve callers share the budget, as a backfill's windows do; timers run on a virtual
    // event loop that stalls for 400 ms every 40 wake-ups, after which every timer that came due
    // meanwhile fires at once.
    const clock = new ManualClock(0);
    const timers: { at: number; resolve: () => void }[] = [];
    const sleep = (ms: number) =>
      new Promise<void>((resolve) => timers.push({ at: clock.now() + ms, resolve }));
    const budget = new RequestBudget(
      memoryRates(clock),
      'p',
      { perTenSeconds: 110, searchPerSecond: 5 },
      clock,
      sleep,
    );
    const sent: number[] = [];
    const caller = async () => {
      while (sent.length < 1_500) {
        await budget.take('api');
        sent.push(clock.now());
      }
    };
    const callers = Promise.all(Array.from({ length: 12 }, caller));
    let done = false;
    void callers.then(() => (done = true));
    for (let wakes = 1; !done; wakes++) {
      await new Promise((resolve) => setImmediate(resolve));
      timers.sort((a, b) => a.at - b.at);
      const next = timers.shift();
      if (next === undefined) continue;
      clock.set(Math.max(clock.now(), next.at) + (wakes % 40 === 0 ? 400 : 0));
      next.resolve();
    }
    expect(busiestWindow(sent, 10_000)).toBeLessThanOrEqual(109);
    // Stalls cost slots, not much of the budget.
    expect(sent.length / (sent.at(-1)! / 10_000)).toBeGreaterThan(95);
  });

  it('keeps search to its own per-second limit', () => {
    expect(1000 / searchInterval(5)).toBeLessThanOrEqual(5);
    expect(10_000 / apiInterval(110)).toBeLessThanOrEqual(110);
  });

  it('pauses everyone after a 429 and after HubSpot says the window is spent', async () => {
    const clock = new ManualClock(0);
    const rates = memoryRates(clock);
    const budget = new RequestBudget(
      rates,
      'p',
      { perTenSeconds: 110, searchPerSecond: 5 },
      clock,
      async (ms) => clock.advance(ms),
    );
    await budget.backOff('api', 2_000);
    await budget.take('api');
    expect(clock.now()).toBe(2_000);
    await budget.observe({ 'x-hubspot-ratelimit-remaining': '0' });
    await budget.take('api');
    expect(clock.now()).toBe(3_000);
  });

  it('learns a different limit from HubSpot’s headers', async () => {
    const clock = new ManualClock(0);
    const budget = new RequestBudget(
      memoryRates(clock),
      'p',
      { perTenSeconds: 110, searchPerSecond: 5 },
      clock,
      async (ms) => clock.advance(ms),
    );
    await budget.observe({
      'x-hubspot-ratelimit-max': '190',
      'x-hubspot-ratelimit-interval-milliseconds': '10000',
    });
    const starts: number[] = [];
    for (let i = 0; i < 300; i++) {
      await budget.take('api');
      starts.push(clock.now());
    }
    expect(busiestWindow(starts, 10_000)).toBeGreaterThan(150);
    expect(busiestWindow(starts, 10_000)).toBeLessThanOrEqual(190);
  });
});
