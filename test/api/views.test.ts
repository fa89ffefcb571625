// Pure pieces of the API: run progress and ETA, CSV cells, the HubSpot total cache.
import { describe, expect, it } from 'vitest';
import { csvCell, csvRow } from '../../src/sync/app/api-csv.ts';
import { HubSpotTotals } from '../../src/sync/app/api-hubspot-totals.ts';
import { runEtaSeconds, runProgress } from '../../src/sync/app/api-run-view.ts';
import { ManualClock } from '../../src/sync/clock.ts';
import type { SyncRun } from '../../src/sync/model.ts';

const run = (changes: Partial<SyncRun>): SyncRun => ({
  id: 'r',
  installationId: 'i',
  objectType: 'contacts',
  direction: 'hubspot_to_thena',
  trigger: 'manual',
  state: 'running',
  totalEstimate: 1_000,
  seen: 250,
  created: 0,
  updated: 0,
  unchanged: 0,
  excluded: 0,
  failed: 0,
  error: null,
  createdAt: 0,
  startedAt: 10_000,
  finishedAt: null,
  updatedAt: 0,
  ...changes,
});

describe('run progress and ETA', () => {
  it('is seen / total while running, 1 once succeeded, unknown without a total', () => {
    expect(runProgress(run({}))).toBe(0.25);
    expect(runProgress(run({ seen: 1_200 }))).toBe(1);
    expect(runProgress(run({ state: 'succeeded', totalEstimate: null }))).toBe(1);
    expect(runProgress(run({ totalEstimate: null }))).toBeNull();
    expect(runProgress(run({ state: 'failed', totalEstimate: 0 }))).toBeNull();
  });

  it('extrapolates the pace so far', () => {
    // 250 records in 20 s: 750 left take 60 s.
    expect(runEtaSeconds(run({}), 30_000)).toBe(60);
    expect(runEtaSeconds(run({ seen: 0 }), 30_000)).toBeNull();
    expect(runEtaSeconds(run({ state: 'queued', startedAt: null }), 30_000)).toBeNull();
    expect(runEtaSeconds(run({ state: 'succeeded' }), 30_000)).toBeNull();
  });
});

describe('CSV cells', () => {
  it('quotes separators, quotes and line breaks', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(null)).toBe('');
    expect(csvRow(['a', 1, null])).toBe('a,1,\r\n');
  });

  it('defuses text a spreadsheet would run as a formula, but not numbers', () => {
    expect(csvCell('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(csvCell('@cmd')).toBe("'@cmd");
    expect(csvCell('+1 (555) 0100')).toBe("'+1 (555) 0100");
    expect(csvCell('-42')).toBe('-42');
    expect(csvCell(-42)).toBe('-42');
  });
});

describe('HubSpot totals', () => {
  const never = () => new Promise<void>(() => undefined);

  it('reuses a count for its lifetime, then asks again', async () => {
    const clock = new ManualClock(0);
    const totals = new HubSpotTotals(clock, never, { ttlMs: 30_000, failureTtlMs: 5_000, timeoutMs: 1 });
    let calls = 0;
    const count = async () => ++calls * 10;
    expect(await totals.get('k', count)).toBe(10);
    clock.advance(29_000);
    expect(await totals.get('k', count)).toBe(10);
    clock.advance(2_000);
    expect(await totals.get('k', count)).toBe(20);
  });

  it('answers null when HubSpot fails or is too slow, and the last count when one is known', async () => {
    const clock = new ManualClock(0);
    const options = { ttlMs: 1_000, failureTtlMs: 1_000, timeoutMs: 1 };
    const hangs = () => new Promise<number>(() => undefined);
    // The timeout passes when the test says so.
    let timeout: () => void = () => undefined;
    const sleep = () => new Promise<void>((resolve) => (timeout = resolve));
    const totals = new HubSpotTotals(clock, sleep, options);
    expect(await totals.get('down', () => Promise.reject(new Error('down')))).toBeNull();
    const first = totals.get('slow', hangs);
    timeout();
    expect(await first).toBeNull();
    expect(await totals.get('k', async () => 7)).toBe(7);
    clock.advance(2_000);
    const later = totals.get('k', hangs);
    timeout();
    expect(await later).toBe(7);
  });
});
