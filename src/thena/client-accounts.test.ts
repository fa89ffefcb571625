import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startInstalledThena } from '../../emulators/thena/testing.ts';
import type { InstalledApp, ThenaEmulator } from '../../emulators/thena/index.ts';
import type { AppError } from '../sync/errors.ts';
import { ThenaClient } from './client.ts';

let emulator: ThenaEmulator;
let app: InstalledApp;
let client: ThenaClient;

beforeAll(async () => {
  ({ emulator, app } = await startInstalledThena());
});
afterAll(() => emulator.close());
beforeEach(() => {
  emulator.reset();
  app = emulator.install();
  client = new ThenaClient({ baseUrl: emulator.url, botToken: app.botToken });
});

const failure = async (promise: Promise<unknown>): Promise<AppError> => {
  try {
    await promise;
  } catch (err) {
    return err as AppError;
  }
  throw new Error('expected a failure');
};

describe('ThenaClient accounts', () => {
  it('creates, reads, updates and soft-deletes an account with every documented field', async () => {
    const [active] = (await client.attributes.list('account_status')).filter(
      (value) => value.value === 'Active',
    );
    const created = await client.accounts.create({
      name: 'Acme',
      primaryDomain: 'acme.com',
      secondaryDomain: 'acme.io',
      description: 'Anvils',
      source: 'hubspot',
      status: active?.id ?? null,
      annualRevenue: 1_500_000.5,
      employees: 42,
      website: 'https://acme.com',
      billingAddress: '1 Main St, Springfield',
      shippingAddress: '2 Side St, Springfield',
      metadata: { hubspotCompanyId: '123' },
    });
    expect(created).toMatchObject({
      name: 'Acme',
      primaryDomain: 'acme.com',
      secondaryDomain: 'acme.io',
      source: 'hubspot',
      status: { id: active?.id, value: 'Active' },
      annualRevenue: 1_500_000.5,
      employees: 42,
      billingAddress: '1 Main St, Springfield',
      metadata: { hubspotCompanyId: '123' },
    });
    expect(await client.accounts.get(created.id)).toEqual(created);

    const updated = await client.accounts.update(created.id, { employees: 43, website: null });
    expect(updated).toMatchObject({ employees: 43, website: null, name: 'Acme' });

    await client.accounts.delete(created.id);
    const gone = await failure(client.accounts.get(created.id));
    expect(gone).toMatchObject({ code: 'thena_not_found', retryable: false });
  });

  it('pages through every account to the end', async () => {
    const inputs = Array.from({ length: 25 }, (_, n) => ({
      name: `Company ${n}`,
      primaryDomain: `c${n}.example.com`,
    }));
    await client.accounts.bulkCreate(inputs);
    const names: string[] = [];
    for await (const account of client.accounts.iterate({ limit: 10 })) names.push(account.name);
    expect(names).toEqual(inputs.map((input) => input.name));
    expect(await client.accounts.list({ page: 3, limit: 10 })).toHaveLength(5);
  });

  it('looks accounts up by ids and by primary domains, ignoring case', async () => {
    const a = await client.accounts.create({ name: 'A', primaryDomain: 'a.example.com' });
    const b = await client.accounts.create({ name: 'B', primaryDomain: 'b.example.com' });
    const byIds = await client.accounts.getByIds([a.id, b.id, 'MISSING']);
    expect(byIds.map((account) => account.id)).toEqual([a.id, b.id]);
    const byDomain = await client.accounts.findByPrimaryDomains(['A.EXAMPLE.COM', 'nowhere.example.com']);
    expect(byDomain.map((account) => account.id)).toEqual([a.id]);
  });

  it('bulk-creates in batches, skipping existing domains and returning the created records', async () => {
    const existing = await client.accounts.create({ name: 'Old', primaryDomain: 'old.example.com' });
    const inputs = [
      ...Array.from({ length: 120 }, (_, n) => ({ name: `New ${n}`, primaryDomain: `new${n}.example.com` })),
      { name: 'Old again', primaryDomain: 'OLD.example.com' },
    ];
    const result = await client.accounts.bulkCreate(inputs);
    expect(result).toMatchObject({ total: 121, created: 120, skipped: 1 });
    expect(result.records).toHaveLength(120);
    expect(result.skippedItems).toEqual([{ index: 120, key: 'OLD.example.com', existingId: existing.id }]);
  });

  it('classifies a duplicate primary domain and a validation failure', async () => {
    const first = await client.accounts.create({ name: 'Acme', primaryDomain: 'acme.com' });
    const duplicate = await failure(client.accounts.create({ name: 'Acme 2', primaryDomain: 'ACME.com' }));
    expect(duplicate).toMatchObject({ code: 'thena_duplicate_domain', retryable: false });
    expect(duplicate.details).toMatchObject({ existingAccountId: first.id });

    const invalid = await failure(client.accounts.create({ name: '', primaryDomain: 'not a domain' }));
    expect(invalid).toMatchObject({ code: 'thena_validation', retryable: false });
    expect(invalid.message).toContain('name should not be empty');
    expect(invalid.details).toMatchObject({ status: 400 });
  });

  it('reads the enveloped response shape as well as the bare one', async () => {
    emulator.config.responseShape = 'enveloped';
    const created = await client.accounts.create({ name: 'Wrapped', primaryDomain: 'wrapped.example.com' });
    expect(created.name).toBe('Wrapped');
    expect(await client.accounts.list()).toHaveLength(1);
    expect((await client.accounts.getByIds([created.id]))[0]?.id).toBe(created.id);
    const bulk = await client.accounts.bulkCreate([{ name: 'W2', primaryDomain: 'w2.example.com' }]);
    expect(bulk.records?.[0]?.name).toBe('W2');
  });

  it('lists account attribute values with their documented defaults', async () => {
    const health = await client.attributes.list('account_health');
    expect(health.map((value) => value.value)).toEqual(['Green', 'Yellow', 'Red']);
    const types = await client.attributes.list('contact_type');
    expect(types.find((value) => value.isDefault)?.value).toBe('PRIMARY');
  });
});
