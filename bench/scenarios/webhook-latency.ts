// 3. Real-time: 100 property changes per second for 60 s, made "as a user" in HubSpot on contacts
// already synced; the time from each change to the Thena record holding it (p50/p95/p99), and
// that every changed contact ends with its last value. HubSpot batches webhooks over 20 ms. Run
// twice: with 150 ms per HubSpot call (as in backfill-limited: the engine reads every changed
// record back, so one call is part of the latency), and with no latency (the engine's own part).
import type { Change } from '../hosts/hubspot.ts';
import type { Observation } from '../hosts/thena.ts';
import { callsBetween, measureBackfill } from '../lib/backfill.ts';
import { benchSettings } from '../lib/fields.ts';
import { info, quantile, under, type Figure } from '../lib/report.ts';
import { startStack, type BenchStack } from '../lib/stack.ts';
import { LATENCY_MS } from './backfill-limited.ts';
import type { Scenario } from './types.ts';

const NAME = 'webhook-latency';
const POOL = 1_000;
const PER_SECOND = 100;

interface Variant {
  label: string;
  latencyMs: number;
}

/** Each change's latency: until Thena first showed it (or a later value of the same contact). */
export function latencies(
  changes: readonly Change[],
  emailOf: ReadonlyMap<number, string>,
  observations: readonly Observation[],
  prefix: string,
): { samples: number[]; unseen: number } {
  const seq = (value: string | null) =>
    value?.startsWith(prefix) ? Number(value.slice(prefix.length)) : Number.NEGATIVE_INFINITY;
  const byEmail = new Map<string, Observation[]>();
  for (const o of observations) byEmail.set(o.email, [...(byEmail.get(o.email) ?? []), o]);
  const samples: number[] = [];
  let unseen = 0;
  changes.forEach((change, i) => {
    const seen = byEmail.get(emailOf.get(change.id) ?? '')?.find((o) => seq(o.value) >= i);
    if (seen === undefined) unseen++;
    else samples.push(seen.updatedAt - change.at);
  });
  return { samples, unseen };
}

async function drive(
  stack: BenchStack,
  ctx: { orgId: string; portalId: number },
  variant: Variant,
  seconds: number,
) {
  await stack.hubspot.api.settings({ latencyMs: variant.latencyMs });
  const ids = Array.from({ length: POOL * 1.1 }, (_, i) => 101 + i);
  const emails = await stack.hubspot.api.emails(ctx.portalId, ids);
  // Contacts without an email never reach Thena: leave them out of the pool.
  const pool = ids.filter((_, i) => emails[i] !== null).slice(0, POOL);
  const emailOf = new Map(ids.map((id, i) => [id, emails[i]!] as const));
  const watched = await stack.thena.api.watch(
    ctx.orgId,
    pool.map((id) => emailOf.get(id)!),
    'lastName',
    2,
  );
  const before = (await stack.hubspot.api.stats()).requests;
  const prefix = `${variant.label}-`;
  const changes = await stack.hubspot.api.drive(ctx.portalId, pool, 'lastname', PER_SECOND, seconds, prefix);
  await stack.settle(60_000);
  const observations = await stack.thena.api.observations();
  const calls = callsBetween(before, (await stack.hubspot.api.stats()).requests);
  const { samples, unseen } = latencies(changes, emailOf, observations, prefix);
  // No event lost: every contact ends with the value of its last change.
  const last = new Map(changes.map((c) => [emailOf.get(c.id)!, c] as const));
  const final = await stack.thena.api.values(ctx.orgId, [...last.keys()], 'lastName');
  const wrong = [...last.values()].filter((c, i) => final[i] !== c.value).length;
  return { changes: changes.length, samples, unseen, wrong, calls, watched };
}

export const webhookLatency: Scenario = {
  name: NAME,
  summary: '100 HubSpot changes/s for 60 s: p50/p95/p99 to Thena (p50 < 200 ms, p99 < 1 s), none lost',
  async run(ctx) {
    const seconds = ctx.size ?? (ctx.quick ? 10 : 60);
    const variants: Variant[] = [
      { label: `latency-${LATENCY_MS}ms`, latencyMs: LATENCY_MS },
      { label: 'latency-0ms', latencyMs: 0 },
    ];
    const stack = await startStack({
      label: NAME,
      dialect: ctx.dialect,
      ...(ctx.root === undefined ? {} : { root: ctx.root }),
      hubspot: { rateLimit: 'public', latencyMs: 0, webhooks: { batchWindowMs: 20 } },
    });
    try {
      const installed = await measureBackfill(stack, {
        contacts: 2_000,
        companies: 400,
        settings: benchSettings(),
        timeoutMs: 5 * 60_000,
      });
      await stack.settle(120_000);
      const figures: Figure[] = [];
      const details: Record<string, unknown> = {};
      for (const variant of variants) {
        const r = await drive(stack, installed, variant, seconds);
        const name = (what: string) => `${what} (${variant.label})`;
        const lost = r.unseen + r.wrong;
        figures.push(
          under(NAME, name('p50'), quantile(r.samples, 0.5), 'ms', 200),
          info(NAME, name('p95'), quantile(r.samples, 0.95), 'ms'),
          under(NAME, name('p99'), quantile(r.samples, 0.99), 'ms', 1000),
          under(NAME, name('changes lost'), lost, '', 0, { note: `of ${r.changes} changes` }, true),
        );
        details[variant.label] = {
          changes: r.changes,
          measured: r.samples.length,
          unseen: r.unseen,
          wrongFinalValue: r.wrong,
          max: Math.max(...r.samples),
          mean: r.samples.reduce((a, b) => a + b, 0) / Math.max(1, r.samples.length),
          calls: r.calls,
          watched: r.watched,
        };
      }
      return {
        settings: {
          seconds,
          perSecond: PER_SECOND,
          pool: POOL,
          batchWindowMs: 20,
          rateLimit: 'public',
          variants,
        },
        figures,
        details,
      };
    } finally {
      await stack.close();
    }
  },
};
