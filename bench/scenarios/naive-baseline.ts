// 7. What a developer writes first with the official SDK: `crm.contacts.getAll()`, then one Thena
// create per record, under the same HubSpot profile and latency as backfill-limited. Time-boxed:
// it reads the first N contacts and creates the first M, and extrapolates both phases linearly to
// the backfill's size (paging and one-by-one creates are both linear in the record count).
import { Client } from '@hubspot/api-client';
import { ThenaClient } from '../../src/thena/client.ts';
import type { HubSpotHost } from '../hosts/hubspot.ts';
import type { ThenaHost } from '../hosts/thena.ts';
import { measureBackfill } from '../lib/backfill.ts';
import { benchSettings } from '../lib/fields.ts';
import { startHost } from '../lib/processes.ts';
import { info, rate, type Figure } from '../lib/report.ts';
import { LATENCY_MS } from './backfill-limited.ts';
import { startStack } from '../lib/stack.ts';
import { sizeOf, type Context, type Scenario } from './types.ts';

const NAME = 'naive-baseline';
const THENA_LATENCY_MS = 50;
const PROPERTIES = ['email', 'firstname', 'lastname', 'phone', 'jobtitle', 'city', 'country'];

interface Phases {
  read: number;
  readSeconds: number;
  created: number;
  failed: number;
  createSeconds: number;
}

async function naive(readCount: number, createCount: number, thenaLatencyMs = 0): Promise<Phases> {
  const options = { rateLimit: 'public', latencyMs: LATENCY_MS };
  const hubspot = await startHost<HubSpotHost>(`${NAME}-hubspot`, 'hubspot.ts', {
    env: { BENCH_OPTIONS: JSON.stringify(options) },
  });
  const thena = await startHost<ThenaHost>(`${NAME}-thena`, 'thena.ts', {
    env: { BENCH_OPTIONS: JSON.stringify({ latencyMs: thenaLatencyMs }) },
  });
  try {
    const { accessToken } = await hubspot.api.createPortal({ contacts: readCount, companies: readCount / 5 });
    const { botToken } = await thena.api.install();
    const basePath = (hubspot.ready as { url: string }).url;
    const client = new Client({ accessToken, basePath });
    let started = performance.now();
    const contacts = await client.crm.contacts.getAll(100, undefined, PROPERTIES, undefined, ['companies']);
    const readSeconds = (performance.now() - started) / 1000;
    const target = new ThenaClient({ baseUrl: (thena.ready as { url: string }).url, botToken });
    let created = 0;
    let failed = 0;
    started = performance.now();
    for (const { properties: p } of contacts.slice(0, createCount)) {
      if (!p.email) continue;
      try {
        await target.contacts.create({
          firstName: p.firstname ?? p.email.split('@')[0]!,
          lastName: p.lastname ?? null,
          email: p.email,
          phoneNumber: p.phone ?? null,
        });
        created++;
      } catch {
        failed++;
      }
    }
    const createSeconds = (performance.now() - started) / 1000;
    return { read: contacts.length, readSeconds, created, failed, createSeconds };
  } finally {
    await hubspot.stop();
    await thena.stop();
  }
}

/** Records per second of a run of both phases, one after the other. */
function endToEnd(p: Phases): number {
  return 1 / (p.readSeconds / p.read + p.createSeconds / Math.max(1, p.created + p.failed));
}

/**
 * The same comparison when Thena is a network away (THENA_LATENCY_MS per call, both sides): the
 * emulator answers in microseconds, which flatters one create per record.
 */
async function overNetwork(ctx: Context) {
  const contacts = ctx.quick ? 5_000 : 20_000;
  const stack = await startStack({
    label: `${NAME}-network`,
    dialect: ctx.dialect,
    ...(ctx.root === undefined ? {} : { root: ctx.root }),
    hubspot: { rateLimit: 'public', latencyMs: LATENCY_MS },
    thena: { latencyMs: THENA_LATENCY_MS },
  });
  let ours: number;
  try {
    const result = await measureBackfill(stack, {
      contacts,
      companies: contacts / 5,
      settings: benchSettings(),
      timeoutMs: 30 * 60_000,
    });
    ours = result.recordsPerSecond;
  } finally {
    await stack.close();
  }
  const phases = await naive(2_000, ctx.quick ? 50 : 200, THENA_LATENCY_MS);
  return { ours, naive: endToEnd(phases), phases, contacts };
}

export const naiveBaseline: Scenario = {
  name: NAME,
  summary: 'getAll() then one Thena create per record, same profile: ours must be >= 10x',
  dependsOn: ['backfill-limited'],
  async run(ctx) {
    const readCount = sizeOf(ctx, 20_000, 2_000);
    const createCount = Math.min(readCount, ctx.quick ? 1_000 : 5_000);
    const phases = await naive(readCount, createCount);
    const attempted = phases.created + phases.failed;
    const naiveRate = endToEnd(phases);
    const ours = ctx.results.get('backfill-limited')?.figures.find((f) => f.name === 'records/s')?.value;
    const figures: Figure[] = [
      info(
        NAME,
        'naive records/s (extrapolated)',
        naiveRate,
        'rec/s',
        `read ${phases.read} in ${phases.readSeconds.toFixed(1)} s, created ${attempted} in ${phases.createSeconds.toFixed(1)} s`,
      ),
      info(NAME, 'naive read phase', phases.read / phases.readSeconds, 'rec/s'),
      info(NAME, 'naive create phase', attempted / phases.createSeconds, 'rec/s'),
    ];
    if (ours !== undefined && ours !== null)
      figures.push(
        rate(NAME, 'ours vs naive', ours, 'rec/s', naiveRate, 10, {
          boundLabel: 'naive',
          note: 'ours: backfill-limited, same run',
        }),
      );
    const network = await overNetwork(ctx);
    figures.push(
      rate(
        NAME,
        `ours vs naive, Thena ${THENA_LATENCY_MS} ms per call`,
        network.ours,
        'rec/s',
        network.naive,
        10,
        {
          boundLabel: 'naive',
          note: `both measured with Thena ${THENA_LATENCY_MS} ms away; ours on ${network.contacts} contacts`,
        },
      ),
    );
    return {
      settings: {
        readCount,
        createCount,
        hubspot: { rateLimit: 'public', latencyMs: LATENCY_MS },
        thenaLatencyMsOverNetwork: THENA_LATENCY_MS,
      },
      figures,
      details: { ...phases, naiveRate, ours, network },
    };
  },
};
