// The HubSpot adapter against the emulator: paging with inline associations, batch reads past 100
// ids, id-windowed search, batch writes that fail one record alone, associations, archive.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHubSpotEmulator, type HubSpotEmulator } from '../../emulators/hubspot/index.ts';
import { systemClock } from '../sync/clock.ts';
import type { CredentialPort, RateLimitPort } from '../sync/ports.ts';
import { realSleep } from '../sync/ports.ts';
import { PUBLIC_APP_LIMITS, RequestBudget } from './budget.ts';
import { HubSpotCaller } from './caller.ts';
import { HubSpotCrm } from './crm.ts';
import { createAgent } from './http-agent.ts';
import { TokenManager } from './tokens.ts';

/** A store stand-in for the ports the adapter needs: an in-memory budget and one credential. */
function memoryPorts(accessToken: string): { rates: RateLimitPort; credentials: CredentialPort } {
  const next = new Map<string, number>();
  const rates: RateLimitPort = {
    reserve: async (key, interval) => {
      const start = Math.max(Date.now(), next.get(key) ?? 0);
      next.set(key, start + interval);
      return start;
    },
    holdUntil: async (key, until) => void next.set(key, Math.max(next.get(key) ?? 0, until)),
  };
  const secret = {
    accessToken,
    refreshToken: 'unused',
    expiresAt: Date.now() + 3_600_000,
    hubId: '1',
    scopes: [],
  };
  const credentials: CredentialPort = {
    get: async <T>() => ({ secret: secret as T, expiresAt: secret.expiresAt, version: 1 }),
    put: async () => undefined,
    tryLeaseRefresh: async () => false,
    releaseRefreshLease: async () => undefined,
    delete: async () => undefined,
  };
  return { rates, credentials };
}

describe('HubSpot CRM adapter', () => {
  let emulator: HubSpotEmulator;
  let crm: HubSpotCrm;

  beforeAll(async () => {
    emulator = await startHubSpotEmulator({ rateLimit: 'off', search: { indexDelayMs: 0 } });
    const portal = emulator.control.createPortal({ seed: { contacts: 250, companies: 10 } });
    const { rates, credentials } = memoryPorts(portal.accessToken);
    const refresher = { refresh: async () => Promise.reject(new Error('no refresh in this test')) };
    const tokens = new TokenManager('inst', credentials, refresher, systemClock, realSleep);
    const budget = new RequestBudget(rates, 'test', PUBLIC_APP_LIMITS, systemClock, realSleep);
    const caller = new HubSpotCaller({
      apiUrl: emulator.url,
      agent: createAgent(emulator.url, 10_000),
      budget,
      tokens,
      clock: systemClock,
      sleep: realSleep,
    });
    crm = new HubSpotCrm(caller);
  });
  afterAll(async () => emulator.close());

  it('pages through contacts with their companies, the primary one first', async () => {
    let after: string | undefined;
    let total = 0;
    let withCompany = 0;
    do {
      const page = await crm.listPage('contacts', {
        ...(after ? { after } : {}),
        limit: 100,
        properties: ['email'],
        withCompanies: true,
      });
      total += page.records.length;
      for (const record of page.records) {
        if ((record.companies ?? []).length > 0) {
          withCompany++;
          expect(record.companies?.[0]?.primary).toBe(true);
        }
      }
      after = page.nextAfter;
    } while (after !== undefined);
    expect(total).toBe(250);
    expect(withCompany).toBeGreaterThan(100);
  });

  it('reads more than 100 records by id, and names the ids it did not find', async () => {
    const ids = (
      await crm.search('contacts', { properties: ['email'], limit: 200, sort: 'id_ascending' })
    ).records.map((r) => r.id);
    const read = await crm.batchRead('contacts', [...ids, '999999999'], ['email']);
    expect(read.records.map((r) => r.id).sort()).toEqual([...ids].sort());
    expect(read.missing).toEqual(['999999999']);
  });

  it('searches windows of ids, past any result cap', async () => {
    const first = await crm.search('contacts', { properties: [], limit: 100, sort: 'id_ascending' });
    const last = first.records.at(-1)!.id;
    const next = await crm.search('contacts', {
      idAbove: last,
      properties: [],
      limit: 100,
      sort: 'id_ascending',
    });
    expect(Number(next.records[0]!.id)).toBeGreaterThan(Number(last));
    expect(first.total).toBe(250);
    expect(await crm.count('companies')).toBe(10);
  });

  it('writes a batch and fails alone the record HubSpot refuses', async () => {
    const results = await crm.write('contacts', [
      {
        ref: 'a',
        email: 'batch-a@example.com',
        properties: { email: 'batch-a@example.com', firstname: 'A' },
      },
      {
        ref: 'b',
        email: 'batch-b@example.com',
        properties: { email: 'batch-b@example.com', no_such_property: 'x' },
      },
      {
        ref: 'c',
        email: 'batch-c@example.com',
        properties: { email: 'batch-c@example.com', firstname: 'C' },
      },
    ]);
    expect(results.map((r) => [r.ref, r.ok])).toEqual([
      ['a', true],
      ['b', false],
      ['c', true],
    ]);
    const failed = results[1];
    expect(failed?.ok === false && failed.code).toBe('hubspot_validation');
    const found = await crm.findByProperty(
      'contacts',
      'email',
      ['Batch-A@example.com', 'batch-c@example.com'],
      ['firstname'],
    );
    expect(found.map((r) => r.properties.firstname).sort()).toEqual(['A', 'C']);
  });

  it('associates and dissociates contacts and companies, and archives', async () => {
    const [contact] = (await crm.findByProperty('contacts', 'email', ['batch-a@example.com'], [])).map(
      (r) => r.id,
    );
    const company = (await crm.search('companies', { properties: [], limit: 1, sort: 'id_ascending' }))
      .records[0]!.id;
    await crm.associate([{ contactId: contact!, companyId: company, primary: true }]);
    expect((await crm.companiesOfContacts([contact!])).get(contact!)).toEqual([
      { companyId: company, primary: true },
    ]);
    expect((await crm.contactsOfCompanies([company])).get(company)).toContain(contact);
    await crm.dissociate([{ contactId: contact!, companyId: company }]);
    expect((await crm.companiesOfContacts([contact!])).get(contact!)).toEqual([]);
    await crm.archive('contacts', [contact!]);
    expect((await crm.batchRead('contacts', [contact!], [])).missing).toEqual([contact]);
  });
});
