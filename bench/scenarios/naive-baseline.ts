// 7. What a developer writes first with the official SDK: `crm.contacts.getAll()`, then one Thena
// create per record, under the same HubSpot profile and latency as backfill-limited. Time-boxed:
// it reads the first N contacts and creates the first M, and extrapolates both phases linearly to
// the backfill's size (paging and one-by-one creates are both linear in the record count).
import { Client } from '@hubspot/api-client';
import { ThenaClient } from '../../src/thena/client.ts';
import type { HubSpotHost } from '../hosts/hubspot.ts';
import type { ThenaHost } from '../hosts/thena.ts';
import { startHost } from '../lib/processes.ts';
import { info, rate, type Figure } from '../lib/report.ts';
import { LATENCY_MS } from './backfill-limited.ts';
import { sizeOf, type Scenario } from './types.ts';

const NAME = 'naive-baseline';
const PROPERTIES = ['email', 'firstname', 'lastname', 'phone', 'jobtitle', 'city', 'country'];

interface Phases {
  read: number;
  readSeconds: number;
  created: number;
  failed: number;
  createSeconds: number;
}

async function naive(readCount: number, createCount: number): Promise<Phases> {
  const options = { rateLimit: 'public', latencyMs: LATENCY_MS };
  const hubspot = await startHost<HubSpotHost>(`${NAME}-hubspot`, 'hubspot.ts', {
    env: { BENCH_OPTIONS: JSON.stringify(options) },
  });
  const thena = await startHost<ThenaHost>(`${NAME}-thena`, 'thena.ts', { env: { BENCH_OPTIONS: '{}' } });
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

export const naiveBaseline: Scenario = {
  name: NAME,
  summary: 'getAll() then one Thena create per record, same profile: ours must be >= 10x',
  dependsOn: ['backfill-limited'],
  async run(ctx) {
    const readCount = sizeOf(ctx, 20_000, 2_000);
    const createCount = Math.min(readCount, ctx.quick ? 1_000 : 5_000);
    const phases = await naive(readCount, createCount);
    const attempted = phases.created + phases.failed;
    // Seconds per record of each phase, added: the phases run one after the other.
    const perRecord = phases.readSeconds / phases.read + phases.createSeconds / Math.max(1, attempted);
    const naiveRate = 1 / perRecord;
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
    return {
      settings: { readCount, createCount, hubspot: { rateLimit: 'public', latencyMs: LATENCY_MS } },
      figures,
      details: { ...phases, naiveRate, ours },
    };
  },
};
