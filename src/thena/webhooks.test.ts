import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startWebhookReceiver, type WebhookReceiver } from '../../emulators/thena/testing.ts';
import { startThenaEmulator, type ThenaEmulator } from '../../emulators/thena/index.ts';
import { ThenaClient } from './client.ts';
import { isOwnChange, parsePlatformEvent, type ThenaPlatformEvent } from './events.ts';
import { parseInstallationEvent } from './installation-events.ts';
import { THENA_SIGNATURE_HEADER, THENA_TIMESTAMP_HEADER, verifyThenaSignature } from './signature.ts';

const SECRET = 'whsec_test_secret';
let emulator: ThenaEmulator;
let receiver: WebhookReceiver;

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  emulator = await startThenaEmulator({
    installationUrl: `${receiver.url}/installations`,
    eventsUrl: `${receiver.url}/events`,
    webhookSecret: SECRET,
    delivery: { retryScheduleMs: [10], concurrency: 1 },
  });
});
afterAll(async () => {
  await emulator.close();
  await receiver.close();
});
beforeEach(() => {
  emulator.reset();
  receiver.received.length = 0;
});

const onPath = (path: string) => receiver.received.filter((hook) => hook.path === path);

function verified(hook: { headers: Record<string, unknown>; rawBody: string }) {
  return verifyThenaSignature({
    secret: SECRET,
    rawBody: hook.rawBody,
    timestamp: hook.headers[THENA_TIMESTAMP_HEADER] as string,
    signature: hook.headers[THENA_SIGNATURE_HEADER] as string,
    nowMs: Date.now(),
  });
}

function platformEvents(): ThenaPlatformEvent[] {
  return onPath('/events').map((hook) => {
    const result = parsePlatformEvent(hook.body);
    if (!result.ok) throw new Error(result.reason);
    return result.value;
  });
}

describe('webhooks from the Thena emulator', () => {
  it('delivers a signed app:installation and app:uninstall to the installation URL', async () => {
    const app = emulator.install({
      configuration: { required_settings: { portal: '42' }, optional_settings: {} },
    });
    emulator.uninstall(app.organizationId);
    await emulator.waitForDeliveries();
    const hooks = onPath('/installations');
    expect(hooks.map((hook) => verified(hook))).toEqual([{ ok: true }, { ok: true }]);
    const [installed, uninstalled] = hooks.map((hook) => parseInstallationEvent(hook.body));
    expect(installed).toMatchObject({
      ok: true,
      value: {
        type: 'app:installation',
        organizationId: app.organizationId,
        installationId: app.installationId,
        teamIds: app.teamIds,
        botId: app.botId,
        botToken: app.botToken,
        configuration: { requiredSettings: { portal: '42' } },
      },
    });
    expect(uninstalled).toMatchObject({ ok: true, value: { type: 'app:uninstall', botToken: null } });
  });

  it('marks the app’s own writes with the bot actor and a user’s with a user actor', async () => {
    const app = emulator.install();
    const client = new ThenaClient({ baseUrl: emulator.url, botToken: app.botToken });
    const account = await client.accounts.create({ name: 'Acme', primaryDomain: 'acme.com' });
    await client.contacts.create({ firstName: 'Ann', email: 'ann@acme.com', accountIds: [account.id] });
    emulator.asUser(app.organizationId).updateAccount(account.id, { name: 'Acme Inc' });
    await emulator.waitForDeliveries();
    const events = platformEvents();
    expect(events.map((event) => [event.eventType, isOwnChange(event, app.botId)])).toEqual([
      ['account:created', true],
      ['customer-contact:created', true],
      ['account:updated', false],
    ]);
    const updated = events[2];
    expect(updated).toMatchObject({
      entity: 'account',
      actor: { id: app.adminUserId, type: 'AGENT', email: app.adminEmail },
      account: { id: account.id, name: 'Acme Inc', primaryDomain: 'acme.com' },
      previousAccount: { name: 'Acme' },
    });
    expect(events[1]).toMatchObject({ contact: { email: 'ann@acme.com', accountIds: [account.id] } });
    for (const hook of onPath('/events')) expect(verified(hook)).toEqual({ ok: true });
  });

  it('sends contact updates and deletes with the previous state', async () => {
    const app = emulator.install();
    const user = emulator.asUser(app.organizationId);
    const contact = user.createContact({ firstName: 'Bo', email: 'bo@acme.com' });
    user.updateContact(String(contact.id), { lastName: 'Diaz' });
    user.deleteContact(String(contact.id));
    await emulator.waitForDeliveries();
    const [, updated, deleted] = platformEvents();
    expect(updated).toMatchObject({
      action: 'updated',
      contact: { lastName: 'Diaz' },
      previousContact: { lastName: null },
    });
    expect(deleted).toMatchObject({
      action: 'deleted',
      contact: null,
      previousContact: { email: 'bo@acme.com' },
    });
  });

  it('rejects a tampered body, a wrong secret, a stale timestamp and missing headers', async () => {
    emulator.install();
    await emulator.waitForDeliveries();
    const [hook] = onPath('/installations');
    if (!hook) throw new Error('no installation webhook');
    const timestamp = hook.headers[THENA_TIMESTAMP_HEADER] as string;
    const signature = hook.headers[THENA_SIGNATURE_HEADER] as string;
    const check = { secret: SECRET, rawBody: hook.rawBody, timestamp, signature, nowMs: Date.now() };
    expect(verifyThenaSignature(check)).toEqual({ ok: true });
    expect(verifyThenaSignature({ ...check, rawBody: Buffer.from(hook.rawBody) })).toEqual({ ok: true });
    expect(verifyThenaSignature({ ...check, rawBody: `${hook.rawBody} ` })).toMatchObject({ ok: false });
    expect(verifyThenaSignature({ ...check, secret: 'other' })).toEqual({
      ok: false,
      reason: 'signature does not match',
    });
    expect(verifyThenaSignature({ ...check, nowMs: Date.now() + 10 * 60_000 })).toEqual({
      ok: false,
      reason: 'timestamp is outside the allowed window',
    });
    expect(verifyThenaSignature({ ...check, signature: undefined })).toMatchObject({ ok: false });
    expect(verifyThenaSignature({ ...check, signature: 'sha256=zz' })).toMatchObject({ ok: false });
  });
});
