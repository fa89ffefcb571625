// Rate limits: the ten-secondly rolling window with HubSpot's headers and 429 body, the search
// per-second limit (no headers), daily headers for private apps, and the SDK's own retry.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { HubSpotEmulator } from '../index.ts';
import { failure, portalClient, sdk, startTestEmulator } from './helpers.ts';
import { assertSchema } from './spec.ts';

let emulator: HubSpotEmulator | undefined;

afterEach(async () => {
  vi.restoreAllMocks();
  await emulator?.close();
  emulator = undefined;
});

const SEARCH = { filterGroups: [], sorts: [], properties: [], limit: 1, after: '0' };

describe('ten-secondly rolling window', () => {
  it('answers a burst past 110 calls with 429 and recovers when the window rolls', async () => {
    emulator = await startTestEmulator({ rateLimit: 'public' });
    const { portalId } = portalClient(emulator, { seed: { contacts: 2 } });
    const tokens = emulator.control.issueTokens(portalId);
    const app = sdk(emulator, tokens.access_token);
    await app.client.crm.contacts.basicApi.getPage(1);
    expect(app.last().headers).toMatchObject({
      'x-hubspot-ratelimit-max': '110',
      'x-hubspot-ratelimit-remaining': '109',
      'x-hubspot-ratelimit-interval-milliseconds': '10000',
    });
    expect(app.last().headers['x-hubspot-ratelimit-daily']).toBeUndefined();
    for (let i = 0; i < 109; i++) await app.client.crm.contacts.basicApi.getPage(1);
    const limited = await failure(app.client.crm.contacts.basicApi.getPage(1));
    expect(limited.code).toBe(429);
    expect(limited.body).toMatchObject({
      status: 'error',
      message: 'You have reached your ten_secondly_rolling limit.',
      errorType: 'RATE_LIMIT',
      policyName: 'TEN_SECONDLY_ROLLING',
    });
    expect(limited.body.correlationId).toMatch(/^[0-9a-f-]{36}$/);
    assertSchema('crm-contacts-v3.json', 'Error', limited.body);
    expect(app.last().headers).toMatchObject({
      'x-hubspot-ratelimit-max': '110',
      'x-hubspot-ratelimit-remaining': '0',
    });
    expect(app.last().headers['content-type']).toMatch(/^application\/json/);
    // Another portal has its own budget.
    const other = portalClient(emulator);
    expect((await other.client.crm.contacts.basicApi.getPage(1)).results).toEqual([]);
    emulator.control.advanceClock(10_001);
    await app.client.crm.contacts.basicApi.getPage(1);
    expect(app.last().headers['x-hubspot-ratelimit-remaining']).toBe('109');
    expect((emulator.control.stats().rateLimited as { tenSecondly: number }).tenSecondly).toBe(1);
  });

  it('lets the SDK retry (numberOfApiCallRetries) through a TEN_SECONDLY_ROLLING 429', async () => {
    emulator = await startTestEmulator({
      rateLimit: { name: 'tiny', max: 2, intervalMs: 300, searchPerSecond: 5, daily: null },
    });
    const { token } = portalClient(emulator);
    // The SDK waits 10 s before retrying this policy; shorten that wait, not the window.
    const realSetTimeout = globalThis.setTimeout;
    vi.spyOn(globalThis, 'setTimeout').mockImplementation((fn: () => void, ms?: number) =>
      realSetTimeout(fn, ms === 10_000 ? 400 : ms),
    );
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const retrying = sdk(emulator, token, { retries: 3 });
    await retrying.client.crm.contacts.basicApi.getPage(1);
    await retrying.client.crm.contacts.basicApi.getPage(1);
    const page = await retrying.client.crm.contacts.basicApi.getPage(1);
    expect(page.results).toEqual([]);
    const statuses = emulator.state.recorded.slice(-2).map((r) => r.status);
    expect(statuses).toEqual([429, 200]);
  });

  it('sends Daily headers to private-app tokens on private-app profiles only', async () => {
    emulator = await startTestEmulator({ rateLimit: 'starter' });
    const { client, last, portalId } = portalClient(emulator);
    await client.crm.contacts.basicApi.getPage(1);
    expect(last().headers).toMatchObject({
      'x-hubspot-ratelimit-max': '100',
      'x-hubspot-ratelimit-daily': '250000',
      'x-hubspot-ratelimit-daily-remaining': '249999',
    });
    const oauth = sdk(emulator, emulator.control.issueTokens(portalId).access_token);
    await oauth.client.crm.contacts.basicApi.getPage(1);
    expect(oauth.last().headers['x-hubspot-ratelimit-daily']).toBeUndefined();
  });
});

describe('search per-second limit', () => {
  it('answers the sixth search in a second with the message the SDK retries on', async () => {
    emulator = await startTestEmulator({ rateLimit: 'public' });
    const { client, last } = portalClient(emulator);
    await Promise.all(Array.from({ length: 5 }, () => client.crm.contacts.searchApi.doSearch(SEARCH)));
    expect(Object.keys(last().headers).some((h) => h.startsWith('x-hubspot-ratelimit'))).toBe(false);
    const limited = await failure(client.crm.contacts.searchApi.doSearch(SEARCH));
    expect(limited.code).toBe(429);
    expect(limited.body).toMatchObject({
      message: 'You have reached your secondly limit.',
      errorType: 'RATE_LIMIT',
    });
    expect(Object.keys(last().headers).some((h) => h.startsWith('x-hubspot-ratelimit'))).toBe(false);
    // Searches do not spend the ten-secondly budget.
    await client.crm.contacts.basicApi.getPage(1);
    expect(last().headers['x-hubspot-ratelimit-remaining']).toBe('109');
  });

  it('lets the SDK retry a search after its one-second wait', async () => {
    emulator = await startTestEmulator({ rateLimit: 'public' });
    const { token, client } = portalClient(emulator);
    await Promise.all(Array.from({ length: 5 }, () => client.crm.contacts.searchApi.doSearch(SEARCH)));
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const retrying = sdk(emulator, token, { retries: 2 });
    const result = await retrying.client.crm.contacts.searchApi.doSearch(SEARCH);
    expect(result.total).toBe(0);
    expect(emulator.state.recorded.slice(-2).map((r) => r.status)).toEqual([429, 200]);
  });
});
