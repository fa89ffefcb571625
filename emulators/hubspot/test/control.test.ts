// The /_emulator/ control surface over HTTP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HubSpotEmulator, PortalInfo } from '../index.ts';
import { failure, sdk, startReceiver, startTestEmulator } from './helpers.ts';

let emulator: HubSpotEmulator;

beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(async () => {
  await emulator.close();
});

async function call<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const response = await fetch(`${emulator.url}/_emulator${path}`, {
    method,
    ...(body === undefined
      ? {}
      : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
}

describe('portals and seeding', () => {
  it('creates a seeded portal whose private-app token works with the SDK', async () => {
    const created = await call<PortalInfo>('POST', '/portals', {
      seed: { contacts: 12, companies: 3 },
      installApp: true,
    });
    expect(created.status).toBe(201);
    expect(created.body.accessToken).toMatch(/^pat-na1-/);
    expect(created.body.installedApps).toEqual([emulator.app.appId]);
    const api = sdk(emulator, created.body.accessToken);
    expect(await api.client.crm.contacts.getAll()).toHaveLength(12);
    const more = await call<{ contacts: { count: number } }>(
      'POST',
      `/portals/${created.body.portalId}/seed`,
      { contacts: 3 },
    );
    expect(more.body.contacts.count).toBe(3);
    expect(await api.client.crm.contacts.getAll()).toHaveLength(15);
    const info = await call<PortalInfo>('GET', `/portals/${created.body.portalId}`);
    expect(info.body.counts.contacts).toEqual({ live: 15, archived: 0 });
    const list = await call<{ results: PortalInfo[] }>('GET', '/portals');
    expect(list.body.results.map((p) => p.portalId)).toContain(created.body.portalId);
    expect((await call('POST', '/portals', { portalId: created.body.portalId })).status).toBe(409);
  });
});

describe('user actions', () => {
  it('creates, updates, associates, merges, archives and restores as a user', async () => {
    const { body: portal } = await call<PortalInfo>('POST', '/portals', {});
    const base = `/portals/${portal.portalId}/ui`;
    const contact = await call<{ id: string }>('POST', `${base}/contacts`, {
      properties: { email: 'ui@example.com' },
    });
    expect(contact.status).toBe(201);
    const other = await call<{ id: string }>('POST', `${base}/contacts`, {
      properties: { email: 'ui2@example.com' },
      userId: 77,
    });
    const company = await call<{ id: string }>('POST', `${base}/companies`, {
      properties: { name: 'UI Co' },
    });
    const updated = await call<{ properties: Record<string, string> }>(
      'PATCH',
      `${base}/contacts/${contact.body.id}`,
      {
        properties: { jobtitle: 'Owner' },
      },
    );
    expect(updated.body.properties.jobtitle).toBe('Owner');
    expect(
      (await call('PUT', `${base}/associations/${contact.body.id}/${company.body.id}`, { primary: true }))
        .status,
    ).toBe(204);
    const api = sdk(emulator, portal.accessToken);
    const read = await api.client.crm.contacts.basicApi.getById(
      contact.body.id,
      undefined,
      ['jobtitle'],
      ['companies'],
    );
    expect(read.propertiesWithHistory?.jobtitle?.[0]?.sourceType).toBe('CRM_UI');
    expect(read.associations?.companies?.results).toHaveLength(2);
    expect((await call('DELETE', `${base}/associations/${contact.body.id}/${company.body.id}`)).status).toBe(
      204,
    );
    const merged = await call<{ id: string }>('POST', `${base}/contacts/merge`, {
      primaryObjectId: contact.body.id,
      objectIdToMerge: other.body.id,
    });
    expect(merged.body.id).toBe(contact.body.id);
    expect((await call('DELETE', `${base}/contacts/${contact.body.id}`)).status).toBe(204);
    expect((await failure(api.client.crm.contacts.basicApi.getById(contact.body.id))).code).toBe(404);
    const restored = await call<{ archived: boolean }>(
      'POST',
      `${base}/contacts/${contact.body.id}/restore`,
      {},
    );
    expect(restored.body.archived).toBe(false);
    expect((await call('POST', `${base}/contacts/${contact.body.id}/gdpr-delete`, {})).status).toBe(204);
    const bad = await call<{ category: string }>('POST', `${base}/contacts`, { properties: { nope: '1' } });
    expect(bad.status).toBe(400);
    expect(bad.body.category).toBe('VALIDATION_ERROR');
  });
});

describe('clock, tokens, settings, apps, stats, reset', () => {
  it('moves the clock and expires or revokes tokens', async () => {
    const before = await call<{ now: number }>('GET', '/clock');
    const later = await call<{ now: number }>('POST', '/clock', { advanceMs: 3_600_000 });
    expect(later.body.now - before.body.now).toBeGreaterThanOrEqual(3_600_000);
    const set = await call<{ iso: string }>('POST', '/clock', { set: '2030-01-01T00:00:00.000Z' });
    expect(set.body.iso.startsWith('2030-01-01T00:00:0')).toBe(true);
    const { body: portal } = await call<PortalInfo>('POST', '/portals', {});
    const tokens = await call<{ access_token: string; refresh_token: string }>(
      'POST',
      `/portals/${portal.portalId}/oauth-tokens`,
      {},
    );
    expect(
      (await sdk(emulator, tokens.body.access_token).client.crm.contacts.basicApi.getPage(1)).results,
    ).toEqual([]);
    await call('POST', '/tokens/expire', { accessToken: tokens.body.access_token });
    expect(
      (await failure(sdk(emulator, tokens.body.access_token).client.crm.contacts.basicApi.getPage(1))).body
        .category,
    ).toBe('EXPIRED_AUTHENTICATION');
    await call('POST', '/tokens/revoke', { accessToken: portal.accessToken });
    expect(
      (await failure(sdk(emulator, portal.accessToken).client.crm.contacts.basicApi.getPage(1))).code,
    ).toBe(401);
  });

  it('changes settings and apps at run time', async () => {
    const settings = await call<{ rateLimit: { max: number } }>('PATCH', '/settings', {
      rateLimit: 'pro',
      latencyMs: 0,
    });
    expect(settings.body.rateLimit.max).toBe(190);
    await call('PATCH', '/settings', { rateLimit: 'off' });
    expect((await call('PATCH', '/settings', { rateLimit: 'huge' })).status).toBe(400);
    const receiver = await startReceiver();
    try {
      const added = await call('POST', '/apps', {
        appId: 555,
        clientId: 'c555',
        clientSecret: 's555',
        webhookUrl: receiver.url,
      });
      expect(added.status).toBe(201);
      await call('POST', '/apps/555/subscriptions', { eventType: 'contact.creation' });
      const { body: portal } = await call<PortalInfo>('POST', '/portals', { installApp: 555 });
      await call('POST', `/portals/${portal.portalId}/ui/contacts`, { properties: { firstname: 'Hooked' } });
      await call('POST', '/webhooks/drain');
      expect(receiver.events().map((e) => [e.subscriptionType, e.changeSource])).toEqual([
        ['contact.creation', 'CRM_UI'],
      ]);
      const deliveries = await call<{ results: Array<{ outcome: string }> }>('GET', '/webhooks/deliveries');
      expect(deliveries.body.results.at(-1)?.outcome).toBe('success');
      await call('PATCH', '/apps/555', { clientSecret: 'rotated' });
      const apps = await call<{ results: Array<{ appId: number; clientSecret: string }> }>('GET', '/apps');
      expect(apps.body.results.find((a) => a.appId === 555)?.clientSecret).toBe('rotated');
    } finally {
      await receiver.close();
    }
  });

  it('reports stats and resets everything', async () => {
    const stats = await call<{ requests: { total: number }; webhooks: { delivered: number } }>(
      'GET',
      '/stats',
    );
    expect(stats.body.requests.total).toBeGreaterThan(0);
    expect(stats.body.webhooks.delivered).toBeGreaterThan(0);
    expect((await call('POST', '/reset')).status).toBe(200);
    expect((await call<{ results: unknown[] }>('GET', '/portals')).body.results).toEqual([]);
    expect((await call<{ requests: { total: number } }>('GET', '/stats')).body.requests.total).toBe(0);
    expect((await call<{ results: unknown[] }>('GET', '/apps')).body.results).toHaveLength(1);
  });
});
