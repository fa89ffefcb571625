// 6. Eight portals backfilled at once on PostgreSQL by 1, 2 and 4 `thena-hubspot worker` processes
// (the server runs with EMBEDDED_WORKER=false). Each portal has its own public-app budget, so
// the bound is 1,100 records/s per portal; the request budgets kept in the database must hold
// across processes: no 429 at all.
import { callsBetween } from '../lib/backfill.ts';
import { benchSettings } from '../lib/fields.ts';
import { cpuOfCommand, machineBusy, machineCpu, startCli, type Proc } from '../lib/processes.ts';
import { info, quantile, rate, under, type Figure } from '../lib/report.ts';
import { startStack, type BenchStack } from '../lib/stack.ts';
import { LATENCY_MS, PUBLIC_BOUND } from './backfill-limited.ts';
import { sizeOf, type Context, type Scenario } from './types.ts';

const NAME = 'scale-out';
const PORTALS = 8;
const WORKERS = [1, 2, 4];

async function finished(stack: BenchStack, installationIds: string[], timeoutMs: number) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const all = await Promise.all(
      installationIds.map((id) => stack.backfillRuns(id, 1).catch(() => undefined)),
    );
    if (all.every((r) => r !== undefined)) return all;
    if (Date.now() > end) throw new Error(`the backfills did not finish within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function measure(ctx: Context, workers: number, contacts: number) {
  const stack = await startStack({
    label: `${NAME}-${workers}w`,
    dialect: 'postgres',
    hubspot: { rateLimit: 'public', latencyMs: LATENCY_MS },
    // Eight organizations' events: Thena delivers more than the default 4 at a time.
    thena: { delivery: { concurrency: 16 } },
    env: { EMBEDDED_WORKER: 'false', LOG_LEVEL: 'info' },
    service: false,
  });
  const processes: Proc[] = [];
  try {
    const root = ctx.root;
    processes.push(await startCli(`${NAME}-${workers}w-serve`, 'serve', stack.env, /is listening/, root));
    for (let i = 0; i < workers; i++)
      processes.push(
        await startCli(`${NAME}-${workers}w-worker${i}`, 'worker', stack.env, /worker started/, root),
      );
    const portals = [];
    for (let i = 0; i < PORTALS; i++) portals.push(await stack.portal({ contacts, companies: contacts / 5 }));
    const before = (await stack.hubspot.api.stats()).requests;
    const machine = machineCpu();
    const postgres = cpuOfCommand('postgres');
    // What the processes spent starting (loading and compiling the sources) is not per record.
    const started = processes.map((p) => p.usage().cpuSeconds);
    const installed = [];
    for (const { portalId } of portals) installed.push(await stack.install(portalId, benchSettings()));
    const runs = await finished(
      stack,
      installed.map((i) => i.installationId),
      60 * 60_000,
    );
    const busy = machineBusy(machine);
    const postgresCpu = cpuOfCommand('postgres') - postgres;
    const calls = callsBetween(before, (await stack.hubspot.api.stats()).requests);
    const perPortal = runs.map((r) => {
      const records = r.companies.seen + r.contacts.seen;
      return records / (((r.contacts.finishedAt ?? 0) - (r.companies.startedAt ?? 0)) / 1000);
    });
    const records = runs.reduce((n, r) => n + r.companies.seen + r.contacts.seen, 0);
    const start = Math.min(...runs.map((r) => r.companies.startedAt ?? 0));
    const end = Math.max(...runs.map((r) => r.contacts.finishedAt ?? 0));
    const cpu = processes.map((p, i) => ({
      name: p.name,
      ...p.usage(),
      sinceInstall: p.usage().cpuSeconds - started[i]!,
    }));
    const seconds = (end - start) / 1000;
    const ours = cpu.reduce((n, p) => n + p.sinceInstall, 0);
    return {
      perPortal,
      total: records / seconds,
      records,
      seconds,
      calls,
      cpu,
      ours,
      postgresCpu,
      machineBusyPct: busy,
    };
  } finally {
    for (const p of processes) await p.stop();
    await stack.close();
  }
}

export const scaleOut: Scenario = {
  name: NAME,
  summary: '8 portals at once on PostgreSQL with 1, 2, 4 worker processes: total and per-portal ratio',
  async run(ctx) {
    const contacts = sizeOf(ctx, 12_500, 1_250);
    const figures: Figure[] = [];
    const details: Record<string, unknown> = {};
    for (const workers of WORKERS) {
      const m = await measure(ctx, workers, contacts);
      const label = `${workers} worker${workers > 1 ? 's' : ''}`;
      figures.push(
        rate(NAME, `total records/s (${label})`, m.total, 'rec/s', PORTALS * PUBLIC_BOUND, undefined, {
          boundLabel: `${PORTALS} portals x 1,100`,
          note: `${m.records} records; machine CPU ${Math.round(m.machineBusyPct)}% of 200`,
        }),
        info(
          NAME,
          `portal ratio, median (${label})`,
          quantile(m.perPortal, 0.5) / PUBLIC_BOUND,
          '',
          m.perPortal.map((r) => (r / PUBLIC_BOUND).toFixed(2)).join(' '),
        ),
        under(NAME, `429s received (${label})`, m.calls.rateLimited, '', 0, {}, true),
        info(
          NAME,
          `CPU per record (${label})`,
          (1000 * (m.ours + m.postgresCpu)) / m.records,
          'ms',
          `service processes ${((1000 * m.ours) / m.records).toFixed(2)} ms, PostgreSQL ${((1000 * m.postgresCpu) / m.records).toFixed(2)} ms`,
        ),
      );
      details[label] = m;
    }
    return {
      settings: {
        dialect: 'postgres',
        thenaDeliveryConcurrency: 16,
        portals: PORTALS,
        contactsPerPortal: contacts,
        companiesPerPortal: contacts / 5,
        workers: WORKERS,
      },
      figures,
      details,
    };
  },
};
