import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startThenaEmulator, type InstalledApp, type ThenaEmulator } from './index.ts';
import { callJson } from './testing.ts';

let emulator: ThenaEmulator;
let app: InstalledApp;

beforeAll(async () => {
  emulator = await startThenaEmulator();
  app = emulator.install();
  // No accounts: linking is covered elsewhere, and a million Set insertions would only slow this down.
  emulator.seed(app.organizationId, { contacts: 1_000_000, prefix: 'big' });
});
afterAll(() => emulator.close());

const api = (method: string, path: string, body?: unknown) =>
  callJson(emulator.url, method, path, { apiKey: app.botToken, ...(body === undefined ? {} : { body }) });

describe('Thena emulator with a million contacts', () => {
  it('finds contacts by email (any case) and by id through the indexes', async () => {
    const search = await api('GET', '/v1/accounts/contacts/search?email=BIG-CONTACT-999999@big.example.com');
    const [contact] = search.body as { id: string; email: string }[];
    expect(contact?.email).toBe('big-contact-999999@big.example.com');
    const byId = await api('GET', `/v1/accounts/contacts/${contact?.id ?? ''}`);
    expect(byId.body).toMatchObject({ id: contact?.id, email: contact?.email, lastName: 'Contact 999999' });
    const byIds = await api('POST', '/v1/accounts/contacts/filter/ids', { ids: [contact?.id] });
    expect(byIds.body).toHaveLength(1);
  });

  it('refuses a duplicate of a seeded email and pages deep into the list', async () => {
    const duplicate = await api('POST', '/v1/accounts/contacts', {
      firstName: 'Again',
      email: 'Big-Contact-500000@big.example.com',
    });
    expect(duplicate.status).toBe(409);
    const deep = await api('GET', '/v1/accounts/contacts?page=10000&limit=100');
    const page = deep.body as { email: string }[];
    expect(page).toHaveLength(100);
    expect(page[99]?.email).toBe('big-contact-999999@big.example.com');
    expect(emulator.platform.org(app.organizationId)?.contacts.size).toBe(1_000_000);
  });
});
