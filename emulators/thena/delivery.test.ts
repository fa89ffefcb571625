import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { signatureFor, startThenaEmulator, type ThenaEmulator } from './index.ts';
import { seededRandom, startWebhookReceiver, type WebhookReceiver } from './testing.ts';
import { DEFAULT_DELIVERY } from './delivery/settings.ts';

let emulator: ThenaEmulator;
let receiver: WebhookReceiver;

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  emulator = await startThenaEmulator({
    installationUrl: `${receiver.url}/installations`,
    eventsUrl: `${receiver.url}/events`,
    webhookSecret: 'secret',
    random: seededRandom(7),
  });
});
afterAll(async () => {
  await emulator.close();
  await receiver.close();
});
beforeEach(() => {
  emulator.reset();
  Object.assign(emulator.config.delivery, { retryScheduleMs: [10, 10], timeoutMs: 200, concurrency: 1 });
  receiver.received.length = 0;
  receiver.respondWith.length = 0;
  receiver.delays.length = 0;
  receiver.maxConcurrent = 0;
});

const events = () => receiver.received.filter((hook) => hook.path === '/events');
const message = (body: unknown) =>
  (body as { message: { eventId: string; eventType: string; payload: unknown } }).message;

function makeContacts(orgId: string, count: number, from = 0): void {
  const user = emulator.asUser(orgId);
  for (let n = from; n < from + count; n += 1)
    user.createContact({ firstName: `P${n}`, email: `p${n}@a.com` });
}

function installAndMakeContacts(count: number): string {
  const app = emulator.install();
  makeContacts(app.organizationId, count);
  return app.organizationId;
}

/** Installs and lets the installation webhook go first, so receiver scripts apply to events only. */
async function installQuietly(): Promise<string> {
  const app = emulator.install();
  await emulator.waitForDeliveries();
  return app.organizationId;
}

describe('Thena emulator webhook delivery', () => {
  it('signs each delivery with HMAC-SHA256 over timestamp.body and names the event in headers', async () => {
    installAndMakeContacts(1);
    await emulator.waitForDeliveries();
    const [hook] = events();
    if (!hook) throw new Error('nothing delivered');
    const timestamp = Number(hook.headers['x-thena-timestamp']);
    expect(hook.headers['x-thena-signature']).toBe(signatureFor('secret', timestamp, hook.rawBody));
    expect(hook.headers['x-thena-event-type']).toBe('customer-contact:created');
    expect(hook.headers['x-thena-event-id']).toBe(message(hook.body).eventId);
    expect(hook.body).toMatchObject({ messageAttributes: { event_name: 'customer-contact:created' } });
  });

  it('retries a failed delivery on schedule, then gives up', async () => {
    const orgId = await installQuietly();
    receiver.respondWith.push(500, 503);
    makeContacts(orgId, 1);
    await emulator.waitForDeliveries();
    expect(emulator.deliveries({ kind: 'platform' })).toMatchObject([{ status: 'delivered', attempts: 3 }]);
    receiver.respondWith.push(500, 500, 500);
    makeContacts(orgId, 1, 1);
    await emulator.waitForDeliveries();
    expect(emulator.deliveries({ kind: 'platform', status: 'failed' })).toMatchObject([
      { attempts: 3, lastStatusCode: 500, lastError: 'HTTP 500' },
    ]);
    expect(emulator.stats().deliveries).toMatchObject({ failed: 1, delivered: 2, attempts: 7 });
  });

  it('counts a slow receiver as a failed attempt and retries it', async () => {
    const orgId = await installQuietly();
    receiver.delays.push(400);
    makeContacts(orgId, 1);
    await emulator.waitForDeliveries();
    expect(emulator.deliveries({ kind: 'platform' })).toMatchObject([{ status: 'delivered', attempts: 2 }]);
    expect(events()).toHaveLength(2);
  });

  it('keeps no more than `concurrency` deliveries in flight', async () => {
    emulator.config.delivery.concurrency = 3;
    const orgId = await installQuietly();
    receiver.delays.push(...Array.from({ length: 12 }, () => 30));
    makeContacts(orgId, 12);
    await emulator.waitForDeliveries();
    expect(events()).toHaveLength(12);
    expect(receiver.maxConcurrent).toBe(3);
  });

  it('delivers in order by default and out of order when reordering is on', async () => {
    installAndMakeContacts(8);
    await emulator.waitForDeliveries();
    const emails = () =>
      events().map(
        (hook) =>
          (message(hook.body).payload as { customerContact: { email: string } }).customerContact.email,
      );
    const inOrder = Array.from({ length: 8 }, (_, n) => `p${n}@a.com`);
    expect(emails()).toEqual(inOrder);
    emulator.reset();
    receiver.received.length = 0;
    emulator.config.delivery.reorder = true;
    installAndMakeContacts(8);
    await emulator.waitForDeliveries();
    expect(emails()).not.toEqual(inOrder);
    expect([...emails()].sort()).toEqual([...inOrder].sort());
  });

  it('duplicates or drops events when asked to', async () => {
    emulator.config.delivery.duplicateProbability = 1;
    installAndMakeContacts(2);
    await emulator.waitForDeliveries();
    const ids = events().map((hook) => message(hook.body).eventId);
    expect(ids).toHaveLength(4);
    expect(new Set(ids).size).toBe(2);
    // The installation webhook is duplicated too: chaos applies to every delivery.
    expect(emulator.stats().deliveries.duplicated).toBe(3);

    emulator.reset();
    receiver.received.length = 0;
    emulator.config.delivery.dropProbability = 1;
    installAndMakeContacts(2);
    await emulator.waitForDeliveries();
    expect(receiver.received).toEqual([]);
    expect(emulator.deliveries({ status: 'dropped' })).toHaveLength(3);
  });

  it('can send the flat base event instead of the { message } wrapper', async () => {
    emulator.config.eventEnvelope = 'flat';
    installAndMakeContacts(1);
    await emulator.waitForDeliveries();
    expect(events()[0]?.body).toMatchObject({
      eventType: 'customer-contact:created',
      actor: { type: 'AGENT' },
    });
    expect(events()[0]?.body).not.toHaveProperty('message');
  });

  it('emits nothing for a no-op update, nor to an organization that uninstalled the app', async () => {
    const orgId = installAndMakeContacts(0);
    const user = emulator.asUser(orgId);
    const account = user.createAccount({ name: 'A', primaryDomain: 'a.com' });
    user.updateAccount(String(account.id), { name: 'A' });
    emulator.uninstall(orgId);
    user.updateAccount(String(account.id), { name: 'B' });
    await emulator.waitForDeliveries();
    expect(emulator.deliveries().map((delivery) => delivery.eventType)).toEqual([
      'app:installation',
      'account:created',
      'app:uninstall',
    ]);
  });

  it('records events it cannot send when the app has no URL for them', async () => {
    emulator.config.eventsUrl = undefined;
    installAndMakeContacts(1);
    await emulator.waitForDeliveries();
    expect(emulator.deliveries({ kind: 'platform' })).toMatchObject([{ status: 'no_url', attempts: 0 }]);
  });

  it('defaults to the legacy Thena retry schedule', () => {
    expect(DEFAULT_DELIVERY.retryScheduleMs).toEqual([10_000, 20_000, 30_000, 50_000, 80_000]);
  });
});
