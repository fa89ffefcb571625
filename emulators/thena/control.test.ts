import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startThenaEmulator, type ThenaEmulator } from './index.ts';
import { callJson } from './testing.ts';

let emulator: ThenaEmulator;

beforeAll(async () => {
  emulator = await startThenaEmulator();
});
afterAll(() => emulator.close());
beforeEach(() => emulator.reset());

const control = (method: string, path: string, body?: unknown) =>
  callJson(emulator.url, method, `/_emulator${path}`, body === undefined ? {} : { body });

async function installViaHttp(): Promise<{ organizationId: string; botToken: string; adminUserId: string }> {
  const answer = await control('POST', '/installations', { organizationName: 'Initech' });
  expect(answer.status).toBe(201);
  return answer.body as { organizationId: string; botToken: string; adminUserId: string };
}

describe('Thena emulator control API', () => {
  it('installs and uninstalls the app over HTTP, invalidating the token', async () => {
    const app = await installViaHttp();
    expect(app.botToken).toMatch(/^pk_live_[0-9a-f]{40}$/);
    expect((await callJson(emulator.url, 'GET', '/v1/accounts', { apiKey: app.botToken })).status).toBe(200);
    expect((await control('GET', '/orgs')).body).toMatchObject([{ name: 'Initech', installed: true }]);
    expect((await control('DELETE', `/installations/${app.organizationId}`)).status).toBe(200);
    expect((await callJson(emulator.url, 'GET', '/v1/accounts', { apiKey: app.botToken })).status).toBe(401);
    expect((await control('DELETE', `/installations/${app.organizationId}`)).status).toBe(409);
    const again = await control('POST', '/installations', { organizationId: app.organizationId });
    expect((again.body as { botToken: string }).botToken).not.toBe(app.botToken);
  });

  it('makes user-style changes that emit events with the admin as actor', async () => {
    const app = await installViaHttp();
    const account = await control('POST', `/orgs/${app.organizationId}/accounts`, {
      name: 'A',
      primaryDomain: 'a.com',
    });
    const accountId = (account.body as { id: string }).id;
    await control('PUT', `/orgs/${app.organizationId}/accounts/${accountId}`, { employees: 5 });
    const contact = await control('POST', `/orgs/${app.organizationId}/contacts`, {
      firstName: 'C',
      email: 'c@a.com',
    });
    const contactId = (contact.body as { id: string }).id;
    await control('PUT', `/orgs/${app.organizationId}/contacts/${contactId}`, { accountIds: [accountId] });
    expect((await control('DELETE', `/orgs/${app.organizationId}/contacts/${contactId}`)).status).toBe(204);
    expect((await control('DELETE', `/orgs/${app.organizationId}/accounts/${accountId}`)).status).toBe(204);
    const field = await control('POST', `/orgs/${app.organizationId}/custom-fields`, {
      name: 'Plan',
      source: 'account',
      fieldType: 'single_line',
    });
    expect(field.status).toBe(201);
    const deliveries = (await control('GET', `/deliveries?kind=platform&orgId=${app.organizationId}`))
      .body as {
      eventType: string;
      status: string;
      body: { message: { actor: { id: string; type: string } } };
    }[];
    expect(deliveries.map((delivery) => delivery.eventType)).toEqual([
      'account:created',
      'account:updated',
      'customer-contact:created',
      'customer-contact:updated',
      'customer-contact:deleted',
      'account:deleted',
    ]);
    for (const delivery of deliveries) {
      expect(delivery.status).toBe('no_url');
      expect(delivery.body.message.actor).toMatchObject({ id: app.adminUserId, type: 'AGENT' });
    }
    expect((await control('POST', '/deliveries/wait', { timeoutMs: 1000 })).body).toEqual({ idle: true });
  });

  it('seeds organizations in bulk and reports 404 for unknown ones', async () => {
    const app = await installViaHttp();
    const seeded = await control('POST', `/orgs/${app.organizationId}/seed`, {
      accounts: 3,
      contacts: 30,
      prefix: 'load',
    });
    expect(seeded.body).toMatchObject({ accountsCreated: 3, contactsCreated: 30 });
    const found = await callJson(
      emulator.url,
      'GET',
      '/v1/accounts/contacts/search?email=load-contact-4@load-1.example.com',
      {
        apiKey: app.botToken,
      },
    );
    expect(found.body).toMatchObject([
      { email: 'load-contact-4@load-1.example.com', accounts: [{ name: 'load account 1' }] },
    ]);
    expect((await control('POST', '/orgs/O_NONE/seed', { contacts: 1 })).status).toBe(404);
    expect((await control('POST', `/orgs/${app.organizationId}/seed`, { contacts: -1 })).status).toBe(400);
  });

  it('enforces rate limits with X-RateLimit headers, and lets the clock open the next window', async () => {
    const app = await installViaHttp();
    await control('PATCH', '/config', { rateLimit: { enabled: true, limit: 2, windowMs: 60_000 } });
    const get = () => callJson(emulator.url, 'GET', '/v1/accounts', { apiKey: app.botToken });
    const first = await get();
    expect(first.headers.get('x-ratelimit-limit')).toBe('2');
    expect(first.headers.get('x-ratelimit-remaining')).toBe('1');
    const resetSeconds = Number(first.headers.get('x-ratelimit-reset'));
    expect(resetSeconds * 1000).toBeGreaterThan(Date.now());
    await get();
    const limited = await get();
    expect(limited).toMatchObject({ status: 429, body: { statusCode: 429, error: 'Too Many Requests' } });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    await control('POST', '/clock', { advanceMs: 60_000 });
    expect((await get()).status).toBe(200);
    expect((await control('GET', '/stats')).body).toMatchObject({ traffic: { rateLimited: 1 } });
  });

  it('sends no rate-limit headers while rate limiting is off (the default)', async () => {
    const app = await installViaHttp();
    const answer = await callJson(emulator.url, 'GET', '/v1/accounts', { apiKey: app.botToken });
    expect(answer.headers.get('x-ratelimit-limit')).toBeNull();
  });

  it('injects faults by method and path for the next N requests, or by probability', async () => {
    const app = await installViaHttp();
    const get = (path: string) => callJson(emulator.url, 'GET', path, { apiKey: app.botToken });
    await control('POST', '/faults', { path: '/v1/accounts/contacts', method: 'GET', status: 502, count: 2 });
    await control('POST', '/faults', { path: '/v1/custom-field', status: 500, probability: 0 });
    expect((await get('/v1/accounts/contacts')).status).toBe(502);
    expect((await get('/v1/accounts')).status).toBe(200);
    expect((await get('/v1/accounts/contacts')).status).toBe(502);
    expect((await get('/v1/accounts/contacts')).status).toBe(200);
    expect((await get('/v1/custom-field')).status).toBe(200);
    const rules = (await control('GET', '/faults')).body as { id: string; hits: number }[];
    expect(rules).toMatchObject([{ pathPrefix: '/v1/custom-field', hits: 0 }]);
    expect((await control('DELETE', `/faults/${rules[0]?.id ?? ''}`)).status).toBe(200);
    expect((await control('POST', '/faults', { kind: 'explode' })).status).toBe(400);
    const stats = (await control('GET', '/stats')).body as { traffic: { requests: Record<string, unknown> } };
    expect(stats.traffic.requests['GET /v1/accounts/contacts']).toEqual({ '200': 1, '502': 2 });
  });

  it('adds latency to API answers when asked', async () => {
    const app = await installViaHttp();
    await control('POST', '/faults', { path: '/v1/accounts', kind: 'latency', delayMs: 150, count: 1 });
    const started = Date.now();
    expect((await callJson(emulator.url, 'GET', '/v1/accounts', { apiKey: app.botToken })).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('changes settings at run time, refusing unknown or invalid ones', async () => {
    const patched = await control('PATCH', '/config', {
      responseShape: 'enveloped',
      delivery: { concurrency: 2 },
    });
    expect(patched.body).toMatchObject({ responseShape: 'enveloped', delivery: { concurrency: 2 } });
    expect((await control('PATCH', '/config', { colour: 'red' })).status).toBe(400);
    expect((await control('PATCH', '/config', { delivery: { concurrency: 0 } })).status).toBe(400);
    expect((await control('PATCH', '/config', { eventsUrl: 'not a url' })).status).toBe(400);
    await control('POST', '/reset');
    expect((await control('GET', '/config')).body).toMatchObject({ responseShape: 'documented' });
  });

  it('moves, freezes and resets the clock, which stamps records', async () => {
    const app = await installViaHttp();
    await control('POST', '/clock', { set: '2030-01-01T00:00:00.000Z', freeze: true });
    const created = await callJson(emulator.url, 'POST', '/v1/accounts', {
      apiKey: app.botToken,
      body: { name: 'A', primaryDomain: 'a.com' },
    });
    expect(created.body).toMatchObject({ createdAt: '2030-01-01T00:00:00.000Z' });
    expect((await control('POST', '/clock', { advanceMs: 1000 })).body).toMatchObject({
      now: '2030-01-01T00:00:01.000Z',
      frozen: true,
    });
    expect((await control('POST', '/clock', { set: 'whenever' })).status).toBe(400);
    const reset = (await control('POST', '/clock', { reset: true })).body as {
      frozen: boolean;
      offsetMs: number;
    };
    expect(reset).toMatchObject({ frozen: false, offsetMs: 0 });
  });

  it('lists published events by organization and name', async () => {
    const app = await installViaHttp();
    for (const name of ['hubspot.contact.synced', 'hubspot.company.synced']) {
      await callJson(emulator.url, 'POST', '/incoming-webhook/events', {
        botKey: app.botToken,
        body: { event_name: name, payload: { n: 1 } },
      });
    }
    const listed = await control(
      'GET',
      `/published-events?orgId=${app.organizationId}&eventName=hubspot.company.synced`,
    );
    expect(listed.body).toMatchObject([{ eventName: 'hubspot.company.synced', payload: { n: 1 } }]);
  });
});
