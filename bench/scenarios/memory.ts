// 5. A backfill of 1,000,000 contacts with limits off: the service's resident memory at 10%, 50%
// and 100% of the contacts seen (100k, 500k, 1M at full size) must stay under 256 MB and must not
// grow with the portal's size.
import { measureBackfill, runSummary } from '../lib/backfill.ts';
import { benchSettings } from '../lib/fields.ts';
import { info, under, type Figure } from '../lib/report.ts';
import { startStack } from '../lib/stack.ts';
import { UNLIMITED } from './backfill-unlimited.ts';
import { sizeOf, type Scenario } from './types.ts';

const NAME = 'memory';

const mb = (usage: NodeJS.MemoryUsage) =>
  Object.fromEntries(Object.entries(usage).map(([k, v]) => [k, Math.round(v / 2 ** 20)]));
const LIMIT_MB = 256;

export const memory: Scenario = {
  name: NAME,
  summary: 'backfill of 1,000,000 contacts, limits off: RSS < 256 MB at 100k, 500k, 1M seen',
  async run(ctx) {
    const contacts = sizeOf(ctx, 1_000_000, 100_000);
    const marks = [0.1, 0.5, 1].map((f) => Math.round(f * contacts));
    const companies = Math.round(contacts / 100);
    const stack = await startStack({
      label: NAME,
      dialect: ctx.dialect,
      ...(ctx.root === undefined ? {} : { root: ctx.root }),
      hubspot: { rateLimit: UNLIMITED },
    });
    try {
      const at = new Map<number, number>();
      const heap = new Map<number, NodeJS.MemoryUsage>();
      const result = await measureBackfill(stack, {
        contacts,
        companies,
        settings: benchSettings(),
        timeoutMs: 4 * 60 * 60_000,
        onProgress: (seen, usage) => {
          for (const mark of marks) {
            if (seen < mark || at.has(mark)) continue;
            at.set(mark, usage.rssMb);
            void stack.service?.api.memory().then((m) => heap.set(mark, m));
          }
        },
      });
      // The last mark is reached as the run finishes, which the progress poll may not see.
      if (!at.has(contacts)) at.set(contacts, result.service.rssMb);
      const rss = marks.map((m) => at.get(m) ?? Number.NaN);
      const growth = rss[2]! / rss[0]!;
      const figures: Figure[] = [
        ...marks.map((mark, i) =>
          under(NAME, `RSS at ${mark.toLocaleString('en-US')} seen`, rss[i]!, 'MB', LIMIT_MB),
        ),
        under(NAME, 'peak RSS (service)', result.service.peakRssMb, 'MB', LIMIT_MB),
        under(
          NAME,
          `RSS growth ${marks[0]!.toLocaleString('en-US')} -> ${contacts.toLocaleString('en-US')}`,
          growth,
          'x',
          1.25,
          {
            note: 'not growing with the portal: <= 1.25x',
          },
          true,
        ),
        info(
          NAME,
          'records/s',
          result.recordsPerSecond,
          'rec/s',
          `${result.records} records in ${result.seconds.toFixed(0)} s`,
        ),
      ];
      return {
        settings: { dialect: ctx.dialect, contacts, companies, hubspot: UNLIMITED, limitMb: LIMIT_MB },
        figures,
        details: {
          rssAt: Object.fromEntries(marks.map((m, i) => [m, rss[i]])),
          heapAt: Object.fromEntries([...heap].map(([m, u]) => [m, mb(u)])),
          runs: { companies: runSummary(result.runs.companies), contacts: runSummary(result.runs.contacts) },
          service: result.service,
          emulators: result.emulators,
        },
      };
    } finally {
      await stack.close();
    }
  },
};
