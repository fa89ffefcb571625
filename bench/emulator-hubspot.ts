// Measures the HubSpot emulator at scale: seeding 1,000,000 contacts, memory, and the latency of
// list pages, batch reads, searches and writes at 100k and 1M records (over HTTP, no added
// latency, rate limits off). Run: npx tsx bench/emulator-hubspot.ts
import { performance } from 'node:perf_hooks';
import { startHubSpotEmulator } from '../emulators/hubspot/index.ts';

const ITERATIONS = 200;

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function summary(samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return `median ${at(0.5).toFixed(2)} ms  p95 ${at(0.95).toFixed(2)} ms  max ${at(1).toFixed(2)} ms`;
}

async function measure(
  label: string,
  run: (i: number) => Promise<void>,
  iterations = ITERATIONS,
): Promise<void> {
  for (let i = 0; i < 10; i++) await run(i);
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const started = performance.now();
    await run(i);
    samples.push(performance.now() - started);
  }
  console.log(`${label.padEnd(58)} ${summary(samples)}`);
}

async function main(): Promise<void> {
  global.gc?.();
  const heapStart = process.memoryUsage().heapUsed;
  const emulator = await startHubSpotEmulator({ rateLimit: 'off' });
  let started = performance.now();
  const small = emulator.control.createPortal({ seed: { contacts: 100_000, companies: 10_000 } });
  console.log(`seed 100,000 contacts + 10,000 companies: ${(performance.now() - started).toFixed(1)} ms`);
  started = performance.now();
  const big = emulator.control.createPortal({ seed: { contacts: 1_000_000, companies: 100_000 } });
  console.log(`seed 1,000,000 contacts + 100,000 companies: ${(performance.now() - started).toFixed(1)} ms`);
  global.gc?.();
  console.log(
    `heap after seeding both portals: ${mb(process.memoryUsage().heapUsed - heapStart)} above start`,
  );

  const get = async (token: string, path: string): Promise<unknown> => {
    const response = await fetch(`${emulator.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return response.json();
  };
  const post = async (token: string, path: string, body: unknown): Promise<unknown> => {
    const response = await fetch(`${emulator.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (response.status >= 300) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return response.status === 204 ? undefined : response.json();
  };
  const cursor = (id: number): string => Buffer.from(String(id)).toString('base64url');

  for (const [label, portal, count] of [
    ['100k', small, 100_000],
    ['1M', big, 1_000_000],
  ] as const) {
    const token = portal.accessToken;
    console.log(`\n--- portal with ${label} contacts ---`);
    await measure(`list page of 100 (default properties), random position`, (i) =>
      get(
        token,
        `/crm/v3/objects/contacts?limit=100&after=${cursor(101 + ((i * 7919) % (count - 100)))}`,
      ).then(() => undefined),
    );
    await measure(`list page of 100 with 8 properties + associations`, (i) =>
      get(
        token,
        `/crm/v3/objects/contacts?limit=100&properties=email,firstname,lastname,phone,company,lifecyclestage,customer_tier,health_score&associations=companies&after=${cursor(101 + ((i * 7919) % (count - 100)))}`,
      ).then(() => undefined),
    );
    await measure(`batch read 100 ids`, (i) =>
      post(token, '/crm/v3/objects/contacts/batch/read', {
        inputs: Array.from({ length: 100 }, (_, k) => ({
          id: String(101 + ((i * 104_729 + k * 997) % count)),
        })),
        properties: ['email', 'firstname'],
        propertiesWithHistory: [],
      }).then(() => undefined),
    );
    await measure(
      `search hs_object_id window of 10,000, sorted by id, limit 200`,
      (i) => {
        const low = 101 + ((i * 10_000) % (count - 10_000));
        return post(token, '/crm/v3/objects/contacts/search', {
          filterGroups: [
            {
              filters: [
                { propertyName: 'hs_object_id', operator: 'GTE', value: String(low) },
                { propertyName: 'hs_object_id', operator: 'LT', value: String(low + 10_000) },
              ],
            },
          ],
          sorts: ['hs_object_id'],
          properties: ['email'],
          limit: 200,
          after: '0',
        }).then(() => undefined);
      },
      50,
    );
    await measure(`search email EQ (exact lookup)`, (i) =>
      post(token, '/crm/v3/objects/contacts/search', {
        filterGroups: [
          { filters: [{ propertyName: 'email', operator: 'EQ', value: `nobody${i}@example.com` }] },
        ],
        sorts: [],
        properties: ['email'],
        limit: 10,
        after: '0',
      }).then(() => undefined),
    );
    await measure(`search lastmodifieddate >= now (reconciliation), whole portal`, () =>
      post(token, '/crm/v3/objects/contacts/search', {
        filterGroups: [
          { filters: [{ propertyName: 'lastmodifieddate', operator: 'GTE', value: String(Date.now()) }] },
        ],
        sorts: ['hs_object_id'],
        properties: ['email'],
        limit: 200,
        after: '0',
      }).then(() => undefined),
    );
    await measure(
      `search full scan: firstname EQ x (no narrowing)`,
      () =>
        post(token, '/crm/v3/objects/contacts/search', {
          filterGroups: [{ filters: [{ propertyName: 'firstname', operator: 'EQ', value: 'ada' }] }],
          sorts: [],
          properties: ['email'],
          limit: 10,
          after: '0',
        }).then(() => undefined),
      10,
    );
    await measure(`update one seeded contact (PATCH)`, (i) =>
      fetch(`${emulator.url}/crm/v3/objects/contacts/${101 + ((i * 31) % count)}`, {
        method: 'PATCH',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ properties: { jobtitle: `Bench ${i}` } }),
      }).then(() => undefined),
    );
    let batch = 0;
    await measure(
      `batch create 100 contacts`,
      () => {
        batch++;
        return post(token, '/crm/v3/objects/contacts/batch/create', {
          inputs: Array.from({ length: 100 }, (_, k) => ({
            properties: { email: `bench-${label}-${batch}-${k}@example.com`, firstname: 'Bench' },
          })),
        }).then(() => undefined);
      },
      50,
    );
  }
  global.gc?.();
  console.log(
    `\nheap at the end: ${mb(process.memoryUsage().heapUsed - heapStart)} above start (RSS ${mb(process.memoryUsage().rss)})`,
  );
  await emulator.close();
}

await main();
