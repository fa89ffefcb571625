// Webhooks: the management API through the SDK (developer API key), and delivery to a local
// receiver: event kinds and fields, subscribed properties only, signatures, batching, retries
// with attemptNumber, and changeSource for apps, private apps and users.
import { createHash } from 'node:crypto';
import { Signature } from '@hubspot/api-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { HubSpotEmulator } from '../index.ts';
import {
  failure,
  portalClient,
  sdk,
  startReceiver,
  startTestEmulator,
  type WebhookReceiver,
} from './helpers.ts';
import { assertSchema } from './spec.ts';

let emulator: HubSpotEmulator;
let receiver: WebhookReceiver;

beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(async () => {
  await emulator.close();
});
afterEach(async () => {
  await receiver?.close();
});

function developer(): ReturnType<typeof sdk> {
  return sdk(emulator, undefined, { developerApiKey: emulator.app.developerApiKey });
}

/** A fresh app with a receiver, subscribed to `types`, installed in a new portal via OAuth tokens. */
async function installedApp(subscriptions: Array<[string, string?]>) {
  receiver = await startReceiver();
  const appId = 900_000 + Math.floor(Math.random() * 90_000);
  emulator.control.addApp({
    appId,
    clientId: `client-${appId}`,
    clientSecret: `secret-${appId}`,
    developerApiKey: emulator.app.developerApiKey,
  });
  const dev = developer();
  await dev.client.webhooks.settingsApi.configure(appId, {
    targetUrl: receiver.url,
    throttling: { maxConcurrentRequests: 10 },
  });
  for (const [eventType, propertyName] of subscriptions) {
    await dev.client.webhooks.subscriptionsApi.create(appId, {
      eventType: eventType as never,
      active: true,
      ...(propertyName ? { propertyName } : {}),
    });
  }
  const portal = portalClient(emulator);
  const tokens = emulator.control.issueTokens(portal.portalId, { appId });
  return { appId, secret: `secret-${appId}`, portal, app: sdk(emulator, tokens.access_token) };
}

describe('management API', () => {
  it('configures settings and subscriptions with the developer API key', async () => {
    const dev = developer();
    const appId = emulator.app.appId;
    const settings = await dev.client.webhooks.settingsApi.configure(appId, {
      targetUrl: 'https://example.com/hooks',
      throttling: { maxConcurrentRequests: 7 },
    });
    assertSchema('webhooks-v3.json', 'SettingsResponse', dev.last().json);
    expect(settings.throttling.maxConcurrentRequests).toBe(7);
    expect((await dev.client.webhooks.settingsApi.getAll(appId)).targetUrl).toBe('https://example.com/hooks');
    const created = await dev.client.webhooks.subscriptionsApi.create(appId, {
      eventType: 'contact.propertyChange' as never,
      propertyName: 'email',
    });
    expect(dev.last().status).toBe(201);
    assertSchema('webhooks-v3.json', 'SubscriptionResponse', dev.last().json);
    expect(created.active).toBe(false);
    const list = await dev.client.webhooks.subscriptionsApi.getAll(appId);
    assertSchema('webhooks-v3.json', 'SubscriptionListResponse', dev.last().json);
    expect(list.results.map((s) => s.id)).toContain(created.id);
    const activated = await dev.client.webhooks.subscriptionsApi.update(Number(created.id), appId, {
      active: true,
    });
    expect(activated.active).toBe(true);
    expect((await dev.client.webhooks.subscriptionsApi.getById(Number(created.id), appId)).propertyName).toBe(
      'email',
    );
    const batch = await dev.client.webhooks.subscriptionsApi.updateBatch(appId, {
      inputs: [{ id: Number(created.id), active: false }],
    });
    assertSchema('webhooks-v3.json', 'BatchResponseSubscriptionResponse', dev.last().json);
    expect(batch.results[0]?.active).toBe(false);
    await dev.client.webhooks.subscriptionsApi.archive(Number(created.id), appId);
    expect(dev.last().status).toBe(204);
    await dev.client.webhooks.settingsApi.clear(appId);
    expect((await failure(dev.client.webhooks.settingsApi.getAll(appId))).code).toBe(404);
  });

  it('rejects a wrong developer key and incomplete subscriptions', async () => {
    const wrong = sdk(emulator, undefined, { developerApiKey: 'nope' });
    const denied = await failure(wrong.client.webhooks.subscriptionsApi.getAll(emulator.app.appId));
    expect(denied.code).toBe(401);
    expect(denied.body.category).toBe('INVALID_AUTHENTICATION');
    const missing = await failure(
      developer().client.webhooks.subscriptionsApi.create(emulator.app.appId, {
        eventType: 'contact.propertyChange' as never,
      }),
    );
    expect(missing.code).toBe(400);
  });
});

describe('delivery', () => {
  it('delivers creation and subscribed property changes, signed v1 and v3, with INTEGRATION as the source', async () => {
    const { appId, secret, portal, app } = await installedApp([
      ['contact.creation'],
      ['contact.propertyChange', 'jobtitle'],
    ]);
    const contact = await app.client.crm.contacts.basicApi.create({
      properties: { email: 'hook@example.com', firstname: 'Hook', jobtitle: 'CTO' },
      associations: [],
    });
    await receiver.waitFor((events) => events.length >= 2);
    const events = receiver.events();
    expect(events.map((e) => e.subscriptionType).sort()).toEqual([
      'contact.creation',
      'contact.propertyChange',
    ]);
    const change = events.find((e) => e.subscriptionType === 'contact.propertyChange');
    expect(change).toMatchObject({
      objectId: Number(contact.id),
      propertyName: 'jobtitle',
      propertyValue: 'CTO',
      portalId: portal.portalId,
      appId,
      attemptNumber: 0,
      changeSource: 'INTEGRATION',
      sourceId: String(appId),
    });
    expect(typeof change?.eventId).toBe('number');
    expect(typeof change?.subscriptionId).toBe('number');
    expect(typeof change?.occurredAt).toBe('number');
    const request = receiver.requests[0];
    if (!request) throw new Error('no request');
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers['x-hubspot-signature-version']).toBe('v1');
    expect(request.headers['x-hubspot-signature']).toBe(
      createHash('sha256')
        .update(secret + request.body)
        .digest('hex'),
    );
    expect(
      Signature.isValid({
        signatureVersion: 'v3',
        signature: request.headers['x-hubspot-signature-v3'] as string,
        clientSecret: secret,
        requestBody: request.body,
        url: receiver.url,
        method: 'POST',
        timestamp: Number(request.headers['x-hubspot-request-timestamp']),
      }),
    ).toBe(true);
    expect(
      Signature.isValid({
        signatureVersion: 'v1',
        signature: request.headers['x-hubspot-signature'] as string,
        clientSecret: secret,
        requestBody: request.body,
      }),
    ).toBe(true);
  });

  it('reports CRM_UI for user changes and API for private apps, and skips unsubscribed properties', async () => {
    const { portal, app } = await installedApp([['contact.propertyChange', 'firstname']]);
    const contact = await app.client.crm.contacts.basicApi.create({
      properties: { jobtitle: 'x' },
      associations: [],
    });
    emulator.control.uiUpdate(portal.portalId, 'contacts', Number(contact.id), {
      properties: { firstname: 'Ui', jobtitle: 'y' },
      userId: 4242,
    });
    await portal.client.crm.contacts.basicApi.update(contact.id, { properties: { firstname: 'Api' } });
    await receiver.waitFor((events) => events.length >= 2);
    await emulator.control.drainWebhooks();
    // Two batches may be in flight at once, so arrival order is not asserted.
    const events = receiver.events().sort((a, b) => Number(a.eventId) - Number(b.eventId));
    expect(events.map((e) => [e.propertyValue, e.changeSource, e.sourceId])).toEqual([
      ['Ui', 'CRM_UI', 'userId:4242'],
      ['Api', 'API', String(emulator.state.portal(portal.portalId)?.privateAppId)],
    ]);
  });

  it('delivers deletion, restore, merge and association changes', async () => {
    const { portal, app } = await installedApp([
      ['contact.deletion'],
      ['contact.restore'],
      ['contact.merge'],
      ['contact.associationChange'],
      ['company.associationChange'],
    ]);
    const a = await app.client.crm.contacts.basicApi.create({
      properties: { email: 'a@hooks.test' },
      associations: [],
    });
    const b = await app.client.crm.contacts.basicApi.create({
      properties: { email: 'b@hooks.test', jobtitle: 'Moved' },
      associations: [],
    });
    const company = await app.client.crm.companies.basicApi.create({
      properties: { name: 'Hooked' },
      associations: [],
    });
    await app.client.crm.associations.v4.basicApi.create('contacts', a.id, 'companies', company.id, [
      { associationCategory: 'HUBSPOT_DEFINED' as never, associationTypeId: 1 },
    ]);
    await app.client.crm.contacts.basicApi.merge({ primaryObjectId: a.id, objectIdToMerge: b.id });
    await app.client.crm.contacts.basicApi.archive(a.id);
    emulator.control.uiRestore(portal.portalId, 'contacts', Number(a.id));
    await receiver.waitFor((events) => events.some((e) => e.subscriptionType === 'contact.restore'));
    await emulator.control.drainWebhooks();
    const events = receiver.events();
    const assoc = events.filter((e) => e.subscriptionType === 'contact.associationChange');
    expect(
      assoc.map((e) => [
        e.associationType,
        e.fromObjectId,
        e.toObjectId,
        e.associationRemoved,
        e.isPrimaryAssociation,
      ]),
    ).toEqual([
      ['CONTACT_TO_COMPANY', Number(a.id), Number(company.id), false, false],
      ['CONTACT_TO_COMPANY', Number(a.id), Number(company.id), false, true],
    ]);
    expect(events.filter((e) => e.subscriptionType === 'company.associationChange')[0]).toMatchObject({
      associationType: 'COMPANY_TO_CONTACT',
      objectId: Number(company.id),
    });
    expect(events.find((e) => e.subscriptionType === 'contact.merge')).toMatchObject({
      objectId: Number(a.id),
      primaryObjectId: Number(a.id),
      mergedObjectIds: [Number(b.id)],
      newObjectId: Number(a.id),
      numberOfPropertiesMoved: 1,
      changeSource: 'INTEGRATION',
    });
    expect(events.find((e) => e.subscriptionType === 'contact.deletion')).toMatchObject({
      objectId: Number(a.id),
      changeSource: 'INTEGRATION',
    });
    expect(events.find((e) => e.subscriptionType === 'contact.restore')).toMatchObject({
      objectId: Number(a.id),
      changeSource: 'CRM_UI',
    });
  });

  it('retries failed deliveries with attemptNumber counting up', async () => {
    const { app } = await installedApp([['company.creation']]);
    receiver.respond = (index) => (index < 2 ? 500 : 200);
    await app.client.crm.companies.basicApi.create({ properties: { name: 'Retry' }, associations: [] });
    await receiver.waitFor((events) => events.length >= 1);
    expect(receiver.requests.map((r) => [r.status, r.events[0]?.attemptNumber])).toEqual([
      [500, 0],
      [500, 1],
      [200, 2],
    ]);
    const eventIds = new Set(receiver.requests.map((r) => r.events[0]?.eventId));
    expect(eventIds.size).toBe(1);
    const stats = emulator.control.stats().webhooks as { byOutcome: Record<string, number> };
    expect(stats.byOutcome.http_500).toBeGreaterThanOrEqual(2);
  });

  it('follows the retry schedule on the emulator clock', async () => {
    const { app } = await installedApp([['company.creation']]);
    emulator.control.updateSettings({ webhooks: { retryDelaysMs: [3_600_000] } });
    try {
      receiver.respond = (index) => (index === 0 ? 503 : 200);
      await app.client.crm.companies.basicApi.create({ properties: { name: 'Later' }, associations: [] });
      await emulator.control.drainWebhooks();
      expect(receiver.requests.map((r) => r.status)).toEqual([503]);
      emulator.control.advanceClock(3_600_000);
      await receiver.waitFor((events) => events.length === 1);
      expect(receiver.requests.map((r) => r.status)).toEqual([503, 200]);
    } finally {
      emulator.control.updateSettings({
        webhooks: { retryDelaysMs: [30, 30, 30, 30, 30, 30, 30, 30, 30, 30] },
      });
    }
  });

  it('batches at most 100 events per request', async () => {
    const { app } = await installedApp([['contact.creation']]);
    // A long batching window, so both API calls land in the same queue before it closes.
    emulator.control.updateSettings({ webhooks: { batchWindowMs: 1000 } });
    try {
      for (let round = 0; round < 2; round++) {
        await app.client.crm.contacts.batchApi.create({
          inputs: Array.from({ length: 75 }, (_, i) => ({
            properties: { email: `bulk${round}-${i}@hooks.test` },
            associations: [],
          })),
        });
      }
      await receiver.waitFor((events) => events.length === 150);
      expect(receiver.requests.map((r) => r.events.length)).toEqual([100, 50]);
    } finally {
      emulator.control.updateSettings({ webhooks: { batchWindowMs: 20 } });
    }
  });

  it('sends nothing for paused subscriptions or portals without the app', async () => {
    const { app, appId } = await installedApp([['contact.creation']]);
    const other = portalClient(emulator);
    await other.client.crm.contacts.basicApi.create({
      properties: { firstname: 'Elsewhere' },
      associations: [],
    });
    const dev = developer();
    const subscriptions = await dev.client.webhooks.subscriptionsApi.getAll(appId);
    for (const subscription of subscriptions.results) {
      await dev.client.webhooks.subscriptionsApi.update(Number(subscription.id), appId, { active: false });
    }
    await app.client.crm.contacts.basicApi.create({ properties: { firstname: 'Paused' }, associations: [] });
    await emulator.control.drainWebhooks();
    expect(receiver.requests).toEqual([]);
  });

  it('keeps at most maxConcurrentRequests deliveries in flight per portal', async () => {
    const { app, appId } = await installedApp([['company.creation']]);
    await developer().client.webhooks.settingsApi.configure(appId, {
      targetUrl: receiver.url,
      throttling: { maxConcurrentRequests: 2 },
    });
    receiver.delayMs = 50;
    emulator.control.updateSettings({ webhooks: { maxBatchSize: 1 } });
    try {
      for (let i = 0; i < 6; i++)
        await app.client.crm.companies.basicApi.create({ properties: { name: `C${i}` }, associations: [] });
      await receiver.waitFor((events) => events.length === 6);
      expect(receiver.requests.every((r) => r.events.length === 1)).toBe(true);
      expect(receiver.maxInFlight).toBe(2);
    } finally {
      emulator.control.updateSettings({ webhooks: { maxBatchSize: 100 } });
    }
  });

  it('can delay deliveries for tests', async () => {
    const { app } = await installedApp([['company.creation']]);
    emulator.control.updateSettings({ webhooks: { faults: { delayMs: 150 } } });
    try {
      const started = Date.now();
      await app.client.crm.companies.basicApi.create({ properties: { name: 'Slow' }, associations: [] });
      await receiver.waitFor((events) => events.length === 1);
      expect(Date.now() - started).toBeGreaterThanOrEqual(150);
    } finally {
      emulator.control.updateSettings({ webhooks: { faults: { delayMs: 0 } } });
    }
  });

  it('can duplicate and drop deliveries for tests', async () => {
    const { app } = await installedApp([['company.creation']]);
    emulator.control.updateSettings({ webhooks: { faults: { duplicateProbability: 1 } } });
    try {
      await app.client.crm.companies.basicApi.create({ properties: { name: 'Twice' }, associations: [] });
      await receiver.waitFor((events) => events.length === 2);
      expect(receiver.events()[0]?.eventId).toBe(receiver.events()[1]?.eventId);
      emulator.control.updateSettings({
        webhooks: { faults: { duplicateProbability: 0, dropProbability: 1 } },
      });
      await app.client.crm.companies.basicApi.create({ properties: { name: 'Never' }, associations: [] });
      await emulator.control.drainWebhooks();
      expect(receiver.events()).toHaveLength(2);
    } finally {
      emulator.control.updateSettings({
        webhooks: { faults: { duplicateProbability: 0, dropProbability: 0 } },
      });
    }
  });
});
