// 4. Thena -> HubSpot: 20,000 contact edits made by a user in Thena, under HubSpot's public profile
// with 150 ms per call. The bound is HubSpot's batch write: 110 requests per 10 s x 100 records =
// 1,100 records/s; measured from the first edit to the last HubSpot record holding its new value.
import { join } from 'node:path';
import { callsBetween, measureBackfill } from '../lib/backfill.ts';
import { benchSettings } from '../lib/fields.ts';
import { printSummary, summarise, topAreas } from '../lib/profile.ts';
import { info, rate, under } from '../lib/report.ts';
import { sleep, startStack } from '../lib/stack.ts';
import { LATENCY_MS, PUBLIC_BOUND } from './backfill-limited.ts';
import { sizeOf, type Scenario } from './types.ts';

const NAME = 'reverse-writes';

export const reverseWrites: Scenario = {
  name: NAME,
  summary: '20,000 Thena contact edits -> HubSpot, public profile: ratio to 1,100 records/s',
  async run(ctx) {
    const edits = sizeOf(ctx, 20_000, 3_000);
    const stack = await startStack({
      label: NAME,
      dialect: ctx.dialect,
      ...(ctx.root === undefined ? {} : { root: ctx.root }),
      hubspot: { rateLimit: 'public', latencyMs: LATENCY_MS },
      // Thena's delivery concurrency is not documented; at the emulator's default (4) its own
      // deliveries, not our writes, would set the pace.
      thena: { delivery: { concurrency: 16 } },
    });
    try {
      // Enough contacts that `edits` of them have an email, hence a Thena record.
      const installed = await measureBackfill(stack, {
        contacts: Math.ceil(edits * 1.06),
        companies: Math.ceil(edits / 10),
        settings: benchSettings(),
        timeoutMs: 20 * 60_000,
      });
      await stack.settle(300_000);
      const before = (await stack.hubspot.api.stats()).requests;
      const cpuBefore = stack.service!.usage().cpuSeconds;
      const profile = join(ctx.artifacts, `${NAME}.cpuprofile`);
      await stack.service!.api.profileStart();
      const made = await stack.thena.api.editContacts(installed.orgId, edits, 'lastName');
      await stack.hubspot.api.expect(installed.portalId, made.edits, 'lastname');
      let written = { done: 0, last: 0 };
      let stalled = 0;
      while (written.done < made.edits.length && stalled < 40) {
        await sleep(500);
        const now = await stack.hubspot.api.written();
        stalled = now.done === written.done ? stalled + 1 : 0;
        written = now;
      }
      await stack.service!.api.profileStop(profile);
      const summary = summarise(profile);
      ctx.log(printSummary(summary).replaceAll('\n', '\n  '));
      const seconds = (written.last - made.started) / 1000;
      const delivered = await stack.thena.api.deliveredSince(made.started);
      const calls = callsBetween(before, (await stack.hubspot.api.stats()).requests);
      const cpu = stack.service!.usage().cpuSeconds - cpuBefore;
      return {
        settings: {
          dialect: ctx.dialect,
          edits,
          hubspot: { rateLimit: 'public', latencyMs: LATENCY_MS },
          thenaDeliveryConcurrency: 16,
        },
        figures: [
          rate(NAME, 'records/s', written.done / seconds, 'rec/s', PUBLIC_BOUND, 0.95, {
            boundLabel: 'batch-write bound',
            note: `${written.done} of ${made.edits.length} written in ${seconds.toFixed(1)} s`,
          }),
          info(
            NAME,
            'HubSpot calls per 100 records',
            (100 * calls.api) / Math.max(1, written.done),
            'calls',
            Object.entries(calls.byRoute)
              .map(
                ([route, s]) =>
                  `${route.split(' ')[1]?.replace('/crm/', '')} ${Object.values(s).reduce((a, b) => a + b, 0)}`,
              )
              .join(', '),
          ),
          info(
            NAME,
            'Thena events delivered to us',
            delivered.delivered / ((delivered.lastDeliveredAt - made.started) / 1000),
            'events/s',
            `${delivered.delivered} of ${delivered.created} in ${((delivered.lastDeliveredAt - made.started) / 1000).toFixed(1)} s (echoes included)`,
          ),
          under(NAME, '429s received', calls.rateLimited, '', 0, {}, true),
          info(NAME, 'service CPU', Math.round((100 * cpu) / seconds), '% of a core', topAreas(summary)),
          under(NAME, 'edits not written', made.edits.length - written.done, '', 0, {}, true),
        ],
        details: {
          made: { count: made.edits.length, editSeconds: (made.finished - made.started) / 1000 },
          thenaEvents: { ...delivered, seconds: (delivered.lastDeliveredAt - made.started) / 1000 },
          calls,
          profile: summary,
        },
      };
    } finally {
      await stack.close();
    }
  },
};
