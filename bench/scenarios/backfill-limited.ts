// 1. Backfill at HubSpot's public-app limit: 110 requests per 10 s with 150 ms per call. The
// physical bound is 110 / 10 s x 100 records per page = 1,100 records/s; we aim at >= 95% of it,
// with no 429 and no call beyond the list pages and a few probes.
import { measureBackfill, runSummary } from '../lib/backfill.ts';
import { benchSettings, MAPPED_FIELDS } from '../lib/fields.ts';
import { info, rate, under, type Figure } from '../lib/report.ts';
import { startStack } from '../lib/stack.ts';
import { sizeOf, type Scenario } from './types.ts';

export const PUBLIC_BOUND = (110 / 10) * 100;
export const LATENCY_MS = 150;
const NAME = 'backfill-limited';

export const backfillLimited: Scenario = {
  name: NAME,
  summary: 'backfill under the public rate limit with 150 ms latency: ratio to 1,100 records/s',
  async run(ctx) {
    const contacts = sizeOf(ctx, 100_000, 10_000);
    const companies = Math.round(contacts / 5);
    const settings = {
      dialect: ctx.dialect,
      contacts,
      companies,
      mappedFields: MAPPED_FIELDS,
      hubspot: { rateLimit: 'public', latencyMs: LATENCY_MS },
    };
    const stack = await startStack({
      label: NAME,
      dialect: ctx.dialect,
      ...(ctx.root === undefined ? {} : { root: ctx.root }),
      hubspot: { rateLimit: 'public', latencyMs: LATENCY_MS },
    });
    try {
      const result = await measureBackfill(stack, {
        contacts,
        companies,
        settings: benchSettings(),
        timeoutMs: 30 * 60_000,
      });
      // The least a backfill can do: every list page, and the property list of each object.
      const minimum = Math.ceil(contacts / 100) + Math.ceil(companies / 100) + 2;
      const failed = result.runs.contacts.failed + result.runs.companies.failed;
      const figures: Figure[] = [
        rate(NAME, 'records/s', result.recordsPerSecond, 'rec/s', PUBLIC_BOUND, 0.95, {
          boundLabel: '110 req/10 s x 100',
          note: `${result.records} records in ${result.seconds.toFixed(1)} s`,
        }),
        {
          scenario: NAME,
          name: 'HubSpot calls (budgeted)',
          value: result.calls.api,
          unit: 'calls',
          bound: minimum,
          boundLabel: 'pages + 2 property reads',
          ratio: result.calls.api / minimum,
          target: 'ratio <= 1.02',
          pass: result.calls.api / minimum <= 1.02,
          note: `+ ${result.calls.search} searches (own budget)`,
        },
        under(NAME, '429s received', result.calls.rateLimited, '', 0, {}, true),
        info(NAME, 'peak RSS (service)', Math.round(result.service.peakRssMb), 'MB'),
        info(
          NAME,
          'service CPU',
          Math.round((100 * result.service.cpuSeconds) / result.seconds),
          '% of a core',
          `${result.service.cpuSeconds.toFixed(1)} CPU-s over the whole process life`,
        ),
        info(NAME, 'machine CPU busy', result.machineBusyPct, '% (200 = 2 cores)'),
        under(NAME, 'records failed', failed, '', 0, {}, true),
      ];
      return {
        settings,
        figures,
        details: {
          recordsPerSecond: result.recordsPerSecond,
          runs: { companies: runSummary(result.runs.companies), contacts: runSummary(result.runs.contacts) },
          calls: result.calls,
          ourCalls: result.ourCalls,
          service: result.service,
          emulators: result.emulators,
          thena: result.thena,
        },
      };
    } finally {
      await stack.close();
    }
  },
};
