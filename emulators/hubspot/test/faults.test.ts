// Fault injection on API calls: statuses, HubSpot 429s, held requests, dropped connections,
// latency; by path, method, probability or the next N calls.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { HubSpotEmulator } from '../index.ts';
import { failure, portalClient, sdk, startTestEmulator } from './helpers.ts';

let emulator: HubSpotEmulator;

beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(async () => {
  await emulator.close();
});

async function addFault(body: unknown): Promise<{ id: string }> {
  const response = await fetch(`${emulator.url}/_emulator/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(201);
  return (await response.json()) as { id: string };
}

describe('faults', () => {
  it('answers the next N matching calls with a 5xx, then recovers; the SDK retries 5xx', async () => {
    const { client, token } = portalClient(emulator);
    await addFault({
      path: '/crm/v3/objects/contacts*',
      method: 'GET',
      count: 1,
      action: { type: 'status', status: 503 },
    });
    const failed = await failure(client.crm.contacts.basicApi.getPage(1));
    expect(failed.code).toBe(503);
    expect(failed.body.status).toBe('error');
    expect((await client.crm.contacts.basicApi.getPage(1)).results).toEqual([]);
    await addFault({ path: '/crm/v3/objects/contacts', count: 2, action: { type: 'status', status: 502 } });
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const retrying = sdk(emulator, token, { retries: 3 });
    expect((await retrying.client.crm.contacts.basicApi.getPage(1)).results).toEqual([]);
    vi.restoreAllMocks();
  });

  it('injects HubSpot-shaped 429s', async () => {
    const { client } = portalClient(emulator);
    await addFault({
      pathRegex: '^/crm/v3/objects/companies/search$',
      count: 1,
      action: { type: 'rate-limit', policy: 'SECONDLY' },
    });
    const limited = await failure(
      client.crm.companies.searchApi.doSearch({
        filterGroups: [],
        sorts: [],
        properties: [],
        limit: 1,
        after: '0',
      }),
    );
    expect(limited.code).toBe(429);
    expect(limited.body).toMatchObject({
      message: 'You have reached your secondly limit.',
      errorType: 'RATE_LIMIT',
    });
  });

  it('drops connections and holds requests past the client timeout', async () => {
    const { client, token } = portalClient(emulator);
    await addFault({ path: '/crm/v3/objects/contacts', count: 1, action: { type: 'reset' } });
    await expect(client.crm.contacts.basicApi.getPage(1)).rejects.toThrow();
    await addFault({ path: '/crm/v3/objects/contacts', count: 1, action: { type: 'timeout', ms: 500 } });
    const held = fetch(`${emulator.url}/crm/v3/objects/contacts`, {
      headers: { authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(150),
    });
    await expect(held).rejects.toThrow();
  });

  it('adds latency, respects probability 0, and counts what it injected', async () => {
    const { client } = portalClient(emulator);
    const { id } = await addFault({ path: '/crm/v3/properties/*', action: { type: 'latency', ms: 120 } });
    await addFault({ path: '/crm/v3/properties/*', probability: 0, action: { type: 'status', status: 500 } });
    const started = Date.now();
    await client.crm.properties.groupsApi.getAll('contacts');
    expect(Date.now() - started).toBeGreaterThanOrEqual(110);
    await fetch(`${emulator.url}/_emulator/faults/${id}`, { method: 'DELETE' });
    const list = (await (await fetch(`${emulator.url}/_emulator/faults`)).json()) as { results: unknown[] };
    expect(list.results).toHaveLength(1);
    await fetch(`${emulator.url}/_emulator/faults`, { method: 'DELETE' });
    const stats = (await (await fetch(`${emulator.url}/_emulator/stats`)).json()) as {
      faultsInjected: number;
      requests: { byRoute: Record<string, Record<string, number>> };
    };
    expect(stats.faultsInjected).toBeGreaterThanOrEqual(5);
    expect(stats.requests.byRoute['GET /crm/v3/objects/:objectType']?.['503']).toBe(1);
  });
});
