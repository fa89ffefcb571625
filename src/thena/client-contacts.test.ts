import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startInstalledThena } from '../../emulators/thena/testing.ts';
import type { InstalledApp, ThenaEmulator } from '../../emulators/thena/index.ts';
import type { AppError } from '../sync/errors.ts';
import { ThenaClient } from './client.ts';
import type { ThenaAccount } from './types.ts';

let emulator: ThenaEmulator;
let app: InstalledApp;
let client: ThenaClient;
let acme: ThenaAccount;
let globex: ThenaAccount;

beforeAll(async () => {
  ({ emulator, app } = await startInstalledThena());
});
afterAll(() => emulator.close());
beforeEach(async () => {
  emulator.reset();
  app = emulator.install();
  client = new ThenaClient({ baseUrl: emulator.url, botToken: app.botToken });
  acme = await client.accounts.create({ name: 'Acme', primaryDomain: 'acme.com' });
  globex = await client.accounts.create({ name: 'Globex', primaryDomain: 'globex.com' });
});

const failure = async (promise: Promise<unknown>): Promise<AppError> => {
  try {
    await promise;
  } catch (err) {
    return err as AppError;
  }
  throw new Error('expected a failure');
};

describe('ThenaClient customer contacts', () => {
  it('creates a contact linked to accounts and reads it back by id and by email', async () => {
    const created = await client.contacts.create({
      firstName: 'Ann',
      lastName: 'Lee',
      email: 'Ann.Lee@acme.com',
      phoneNumber: '+1 555 0100',
      accountIds: [acme.id],
      metadata: { hubspotContactId: '501' },
    });
    expect(created).toMatchObject({
      firstName: 'Ann',
      email: 'Ann.Lee@acme.com',
      accounts: [{ id: acme.id, name: 'Acme' }],
      accountIds: [acme.id],
      contactType: 'PRIMARY',
      metadata: { hubspotContactId: '501' },
    });
    expect(await client.contacts.get(created.id)).toEqual(created);
    expect(await client.contacts.searchByEmail('ann.lee@ACME.com')).toEqual([created]);
    expect(await client.contacts.findByEmail(' ANN.LEE@acme.com ')).toEqual(created);
    expect(await client.contacts.findByEmail('nobody@acme.com')).toBeNull();
    expect(await client.contacts.getByIds([created.id, 'MISSING'])).toEqual([created]);
  });

  it('answers a duplicate email, in any case, with thena_duplicate_email and the existing id', async () => {
    const first = await client.contacts.create({ firstName: 'Ann', email: 'ann@acme.com' });
    const error = await failure(client.contacts.create({ firstName: 'Annie', email: 'ANN@acme.com' }));
    expect(error).toMatchObject({ code: 'thena_duplicate_email', retryable: false });
    expect(error.details).toMatchObject({ existingContactId: first.id });
  });

  it('replaces the whole set of accounts on update and lists contacts by account', async () => {
    const contact = await client.contacts.create({
      firstName: 'Bo',
      email: 'bo@acme.com',
      accountIds: [acme.id],
    });
    const moved = await client.contacts.update(contact.id, { accountIds: [globex.id], lastName: 'Diaz' });
    expect(moved.accountIds).toEqual([globex.id]);
    expect(moved.lastName).toBe('Diaz');
    expect(await client.contacts.list({ accountId: acme.id })).toEqual([]);
    expect((await client.contacts.list({ accountId: globex.id })).map((c) => c.id)).toEqual([contact.id]);
  });

  it('soft-deletes a contact, after which its email may be used again', async () => {
    const contact = await client.contacts.create({ firstName: 'Cy', email: 'cy@acme.com' });
    await client.contacts.delete(contact.id);
    expect(await failure(client.contacts.get(contact.id))).toMatchObject({ code: 'thena_not_found' });
    expect(await client.contacts.searchByEmail('cy@acme.com')).toEqual([]);
    const again = await client.contacts.create({ firstName: 'Cy', email: 'cy@acme.com' });
    expect(again.id).not.toBe(contact.id);
  });

  it('bulk-creates in batches, skipping existing emails and returning the created records', async () => {
    const existing = await client.contacts.create({ firstName: 'Old', email: 'old@acme.com' });
    const inputs = [
      ...Array.from({ length: 229 }, (_, n) => ({ firstName: `P${n}`, email: `p${n}@acme.com` })),
      { firstName: 'Old', email: 'OLD@acme.com' },
      { firstName: 'G', email: 'g@globex.com', accountIds: [globex.id] },
    ];
    const result = await client.contacts.bulkCreate(inputs, { accountIds: [acme.id] });
    expect(result).toMatchObject({ total: 231, created: 230, skipped: 1 });
    expect(result.records).toHaveLength(230);
    expect(result.skippedItems).toEqual([{ index: 229, key: 'OLD@acme.com', existingId: existing.id }]);
    expect(result.records?.at(-1)?.accountIds).toEqual([globex.id]);
    expect(result.records?.[0]?.accountIds).toEqual([acme.id]);
  });

  it('iterates every contact, and every contact of one account, to the end', async () => {
    await client.contacts.bulkCreate(
      Array.from({ length: 150 }, (_, n) => ({ firstName: `P${n}`, email: `p${n}@acme.com` })),
      { accountIds: [acme.id] },
    );
    await client.contacts.create({ firstName: 'G', email: 'g@globex.com', accountIds: [globex.id] });
    let all = 0;
    for await (const contact of client.contacts.iterate({ limit: 40 })) if (contact.id) all += 1;
    expect(all).toBe(151);
    const ofAcme: string[] = [];
    for await (const contact of client.contacts.iterate({ accountId: acme.id })) ofAcme.push(contact.email);
    expect(ofAcme).toHaveLength(150);
    expect(ofAcme[149]).toBe('p149@acme.com');
  });

  it('reads contact accounts given as names only', async () => {
    emulator.config.contactAccountsShape = 'names';
    const contact = await client.contacts.create({
      firstName: 'Di',
      email: 'di@acme.com',
      accountIds: [acme.id],
    });
    expect(contact.accounts).toEqual([{ id: null, name: 'Acme' }]);
    expect(contact.accountIds).toEqual([]);
  });

  it('reads the enveloped response shape', async () => {
    emulator.config.responseShape = 'enveloped';
    const contact = await client.contacts.create({ firstName: 'Ed', email: 'ed@acme.com' });
    expect(await client.contacts.searchByEmail('ed@acme.com')).toEqual([contact]);
    const bulk = await client.contacts.bulkCreate([{ firstName: 'Fi', email: 'fi@acme.com' }]);
    expect(bulk).toMatchObject({ created: 1, skipped: 0 });
    expect(bulk.records?.[0]?.email).toBe('fi@acme.com');
  });
});
