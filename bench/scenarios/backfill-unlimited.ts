// 2. The same backfill with rate limits and latency off: how fast the engine itself is, end to end
// into the Thena emulator (target >= 5,000 records/s on two cores), and a CPU profile of the
// service over the backfill, summarised by area and function.
import { join } from 'node:path';
import { measureBackfill, runSummary } from '../lib/backfill.ts';
import { benchSettings, MAPPED_FIELDS } from '../lib/fields.ts';
import { printSummary, summarise, topAreas } from '../lib/profile.ts';
import { info, rate, under } from '../lib/report.ts';
import { startStack } from '../lib/stack.ts';
import { sizeOf, type Scenario } from './types.ts';

const NAME = 'backfill-unlimited';

/**
 * "Limits off" as the engine can see it: the `off` profile sends no X-HubSpot-RateLimit headers,
 * and without them the engine keeps the public app's pacing (110 per 10 s). A limit no run can
 * reach, announced in the headers, lets the budget open up as it does for higher tiers.
 */
export const UNLIMITED = {
  name: 'unlimited',
  max: 1_000_000_000,
  intervalMs: 10_000,
  searchPerSecond: null,
  daily: null,
};
export const ENGINE_TARGET = 5_000;

export const backfillUnlimited: Scenario = {
  name: NAME,
  summary: 'backfill with limits and latency off: records/s (target 5,000/s) and a CPU profile',
  async run(ctx) {
    const contacts = sizeOf(ctx, 100_000, 10_000);
    const companies = Math.round(contacts / 5);
    const stack = await startStack({
      label: NAME,
      dialect: ctx.dialect,
      ...(ctx.root === undefined ? {} : { root: ctx.root }),
      hubspot: { rateLimit: UNLIMITED },
    });
    try {
      const profile = join(ctx.artifacts, `${NAME}.cpuprofile`);
      const result = await measureBackfill(stack, {
        contacts,
        companies,
        settings: benchSettings(),
        timeoutMs: 30 * 60_000,
        profile,
      });
      const summary = summarise(profile);
      ctx.log(printSummary(summary).replaceAll('\n', '\n  '));
      const failed = result.runs.contacts.failed + result.runs.companies.failed;
      return {
        settings: {
          dialect: ctx.dialect,
          contacts,
          companies,
          mappedFields: MAPPED_FIELDS,
          hubspot: UNLIMITED,
        },
        figures: [
          rate(NAME, 'records/s', result.recordsPerSecond, 'rec/s', ENGINE_TARGET, 1, {
            boundLabel: 'target',
            note: `${result.records} records in ${result.seconds.toFixed(1)} s`,
          }),
          info(
            NAME,
            'service busy (profile)',
            Math.round((100 * summary.busyMs) / summary.wallMs),
            '% of a core',
            topAreas(summary),
          ),
          info(
            NAME,
            'emulators CPU',
            Math.round(
              (100 * (result.emulators.hubspot.cpuSeconds + result.emulators.thena.cpuSeconds)) /
                result.seconds,
            ),
            '% of a core',
            `HubSpot ${result.emulators.hubspot.cpuSeconds.toFixed(1)} s, Thena ${result.emulators.thena.cpuSeconds.toFixed(1)} s`,
          ),
          info(NAME, 'machine CPU busy', result.machineBusyPct, '% (200 = 2 cores)'),
          info(NAME, 'peak RSS (service)', Math.round(result.service.peakRssMb), 'MB'),
          under(NAME, 'records failed', failed, '', 0, {}, true),
        ],
        details: {
          runs: { companies: runSummary(result.runs.companies), contacts: runSummary(result.runs.contacts) },
          calls: result.calls,
          service: result.service,
          emulators: result.emulators,
          thena: result.thena,
          profile: summary,
        },
      };
    } finally {
      await stack.close();
    }
  },
};
