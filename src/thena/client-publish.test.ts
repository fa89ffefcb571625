import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startInstalledThena } from '../../emulators/thena/testing.ts';
import type { InstalledApp, ThenaEmulator } from '../../emulators/thena/index.ts';
import { ThenaClient } from './client.ts';

let emulator: ThenaEmulator;
let app: InstalledApp;

beforeAll(async () => {
  ({ emulator, app } = await startInstalledThena());
});
afterAll(() => emulator.close());

describe('ThenaClient.publishEvent', () => {
  it('publishes an app event with x-bot-key to the apps host and Thena stores it', async () => {
    const client = new ThenaClient({
      baseUrl: 'http://127.0.0.1:9',
      appsBaseUrl: emulator.url,
      botToken: app.botToken,
    });
    const payload = { thenaContactId: 'C1', hubspotContactId: '501', status: 'synced' };
    const result = await client.publishEvent('hubspot.contact.synced', payload);
    expect(result.messageId).toMatch(/^[0-9a-f-]{36}$/);
    expect(result.timestamp).not.toBeNull();
    expect(emulator.publishedEvents()).toEqual([
      expect.objectContaining({
        messageId: result.messageId,
        orgId: app.organizationId,
        eventName: 'hubspot.contact.synced',
        payload,
      }),
    ]);
  });

  it('is refused with a wrong bot key', async () => {
    const client = new ThenaClient({ baseUrl: emulator.url, botToken: 'pk_live_nope' });
    await expect(client.publishEvent('hubspot.company.synced', {})).rejects.toMatchObject({
      code: 'thena_unauthorized',
    });
  });
});
