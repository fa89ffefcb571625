import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startThenaEmulator, type InstalledApp, type ThenaEmulator } from './index.ts';
import { callJson } from './testing.ts';

let emulator: ThenaEmulator;
let app: InstalledApp;

beforeAll(async () => {
  emulator = await startThenaEmulator();
});
afterAll(() => emulator.close());
beforeEach(() => {
  emulator.reset();
  app = emulator.install();
});

const api = (method: string, path: string, body?: unknown) =>
  callJson(emulator.url, method, path, { apiKey: app.botToken, ...(body === undefined ? {} : { body }) });
const idOf = (body: unknown): string => (body as { id: string }).id;

describe('Thena emulator platform API', () => {
  it('answers errors in the NestJS shape, with validation messages as a list', async () => {
    expect(await callJson(emulator.url, 'GET', '/v1/accounts')).toMatchObject({
      status: 401,
      body: { statusCode: 401, message: 'Missing x-api-key header', error: 'Unauthorized' },
    });
    expect((await api('POST', '/v1/accounts/contacts', { email: 'nope' })).body).toEqual({
      statusCode: 400,
      message: ['firstName should not be empty', 'email must be an email'],
      error: 'Bad Request',
    });
    expect((await api('GET', '/v1/nothing')).body).toEqual({
      statusCode: 404,
      message: 'Cannot GET /v1/nothing',
      error: 'Not Found',
    });
    const broken = await callJson(emulator.url, 'POST', '/v1/accounts', {
      apiKey: app.botToken,
      rawBody: '{',
    });
    expect(broken).toMatchObject({ status: 400, body: { statusCode: 400, error: 'Bad Request' } });
  });

  it('keeps each organization’s data to itself', async () => {
    const other = emulator.install();
    await api('POST', '/v1/accounts', { name: 'Acme', primaryDomain: 'acme.com' });
    const theirs = await callJson(emulator.url, 'GET', '/v1/accounts', { apiKey: other.botToken });
    expect(theirs.body).toEqual([]);
    const created = await callJson(emulator.url, 'POST', '/v1/accounts', {
      apiKey: other.botToken,
      body: { name: 'Acme', primaryDomain: 'acme.com' },
    });
    expect(created.status).toBe(201);
  });

  it('validates paging: page from 1 and limit up to 100 for records, page from 0 for custom fields', async () => {
    expect((await api('GET', '/v1/accounts?limit=101')).status).toBe(400);
    expect((await api('GET', '/v1/accounts/contacts?page=0')).status).toBe(400);
    expect((await api('GET', '/v1/custom-field?page=0')).status).toBe(200);
    expect((await api('GET', '/v1/custom-field?page=-1')).status).toBe(400);
  });

  it('lists contacts by account (404 for an unknown one) and by contact type', async () => {
    const account = idOf((await api('POST', '/v1/accounts', { name: 'A', primaryDomain: 'a.com' })).body);
    await api('POST', '/v1/accounts/contacts', { firstName: 'B', email: 'b@a.com', contactType: 'BILLING' });
    await api('POST', '/v1/accounts/contacts', { firstName: 'P', email: 'p@a.com', accountIds: [account] });
    expect((await api('GET', '/v1/accounts/contacts?accountId=NOPE')).status).toBe(404);
    const billing = await api('GET', '/v1/accounts/contacts?contactType=billing');
    expect(billing.body).toMatchObject([{ email: 'b@a.com', contactType: 'BILLING' }]);
    expect((await api('GET', `/v1/accounts/contacts?accountId=${account}`)).body).toMatchObject([
      { email: 'p@a.com' },
    ]);
  });

  it('hides a deleted account from lists, lookups and the contacts linked to it', async () => {
    const account = idOf((await api('POST', '/v1/accounts', { name: 'A', primaryDomain: 'a.com' })).body);
    const contact = idOf(
      (
        await api('POST', '/v1/accounts/contacts', {
          firstName: 'C',
          email: 'c@a.com',
          accountIds: [account],
        })
      ).body,
    );
    expect((await api('DELETE', `/v1/accounts/${account}`)).status).toBe(204);
    expect((await api('GET', '/v1/accounts')).body).toEqual([]);
    expect(
      (await api('POST', '/v1/accounts/filter/primary-domains', { primaryDomains: ['a.com'] })).body,
    ).toEqual([]);
    expect((await api('GET', `/v1/accounts/contacts/${contact}`)).body).toMatchObject({ accounts: [] });
    expect((await api('DELETE', `/v1/accounts/${account}`)).status).toBe(404);
    const reused = await api('POST', '/v1/accounts', { name: 'A again', primaryDomain: 'A.com' });
    expect(reused.status).toBe(201);
  });

  it('rejects a whole bulk batch naming each bad item, and batches over 100', async () => {
    const invalid = await api('POST', '/v1/accounts/contacts/bulk', {
      contacts: [{ firstName: 'Ok', email: 'ok@a.com' }, { email: 'bad' }],
    });
    expect(invalid.body).toMatchObject({
      statusCode: 400,
      message: ['contacts[1].firstName should not be empty', 'contacts[1].email must be an email'],
    });
    expect((await api('GET', '/v1/accounts/contacts')).body).toEqual([]);
    const tooMany = Array.from({ length: 101 }, (_, n) => ({ name: `N${n}`, primaryDomain: `n${n}.com` }));
    expect((await api('POST', '/v1/accounts/bulk', { accounts: tooMany })).status).toBe(400);
  });

  it('checks attribute references, account owners and unknown attribute types', async () => {
    const bad = await api('POST', '/v1/accounts', {
      name: 'A',
      primaryDomain: 'a.com',
      health: 'Purple',
      accountOwnerId: 'U_NOBODY',
    });
    expect(bad.body).toMatchObject({
      message: [
        'health must be the id (or name) of an account_health value',
        'accountOwnerId must be the id of a user of the organization',
      ],
    });
    const owned = await api('POST', '/v1/accounts', {
      name: 'A',
      primaryDomain: 'a.com',
      accountOwnerId: app.adminUserId,
    });
    expect(owned.body).toMatchObject({ accountOwnerId: app.adminUserId, accountOwnerEmail: app.adminEmail });
    expect((await api('GET', '/v1/accounts/attributes?attribute=colour')).status).toBe(400);
    expect((await api('GET', '/v1/accounts/attributes?attribute=task_type')).body).toEqual([]);
  });

  it('checks custom field definitions and serves account custom fields', async () => {
    const noOptions = await api('POST', '/v1/custom-field', {
      name: 'Tier',
      source: 'account',
      fieldType: 'multi_choice',
    });
    expect(noOptions.body).toMatchObject({
      message: ['options should not be empty for a multi_choice field'],
    });
    const badType = await api('POST', '/v1/custom-field', { name: 'X', source: 'lead', fieldType: 'colour' });
    expect((badType.body as { message: string[] }).message).toHaveLength(2);
    const created = await api('POST', '/v1/custom-field', {
      name: 'Tier',
      source: 'account',
      fieldType: 'single_choice',
      options: [{ value: 'Gold' }, { value: 'Silver' }],
    });
    expect(created).toMatchObject({
      status: 201,
      body: { status: true, data: { name: 'Tier', slug: 'tier' } },
    });
    expect((await api('GET', '/v1/accounts/account-custom-fields')).body).toMatchObject([{ name: 'Tier' }]);
    const fieldId = (created.body as { data: { uid: string } }).data.uid;
    const onContact = await api('POST', '/v1/accounts/contacts', {
      firstName: 'A',
      email: 'a@a.com',
      customFieldValues: [{ fieldId, value: 'Gold' }],
    });
    expect((onContact.body as { message: string[] }).message[0]).toContain('belongs to account records');
  });

  it('needs an email to search and answers with a list', async () => {
    expect((await api('GET', '/v1/accounts/contacts/search')).status).toBe(400);
    expect((await api('GET', '/v1/accounts/contacts/search?email=none@a.com')).body).toEqual([]);
  });

  it('takes published events only with a valid x-bot-key and an object payload', async () => {
    const publish = (botKey: string, body: unknown) =>
      callJson(emulator.url, 'POST', '/incoming-webhook/events', { botKey, body });
    expect((await publish('pk_live_wrong', { event_name: 'a.b', payload: {} })).status).toBe(401);
    expect((await publish(app.botToken, { event_name: 'a.b', payload: 'x' })).body).toMatchObject({
      message: ['payload must be an object'],
    });
    const ok = await publish(app.botToken, { event_name: 'hubspot.company.synced', payload: { id: 1 } });
    expect(ok).toMatchObject({ status: 200, body: { success: true } });
    expect(emulator.publishedEvents()).toHaveLength(1);
  });
});
