// HubSpot -> Thena backfill against both emulators: every record arrives once, with its fields
// converted and its company links; a second backfill writes nothing.
import { Client } from '@hubspot/api-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../helpers/stack.ts';
import { DIALECTS } from '../helpers/db.ts';
import { settle } from '../helpers/settle.ts';

async function waitForRun(
  stack: Stack,
  installationId: string,
  objectType: 'contacts' | 'companies',
  runs: number,
): Promise<void> {
  for (let i = 0; i < 600; i++) {
    const recent = await stack.runtime.store.runs.recent(installationId, objectType, 10);
    const done = recent.filter((r) => r.state === 'succeeded' || r.state === 'failed');
    if (done.length >= runs && !recent.some((r) => r.state === 'running' || r.state === 'queued')) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`backfill of ${objectType} did not finish`);
}

async function hubspotRecords(stack: Stack) {
  const client = new Client({ accessToken: stack.hubspotToken, basePath: stack.hubspot.url });
  const properties = ['email', 'firstname', 'lastname', 'phone', 'name', 'domain'];
  const contacts = await client.crm.contacts.getAll(100, undefined, properties, undefined, ['companies']);
  const companies = await client.crm.companies.getAll(100, undefined, properties);
  return { contacts, companies };
}

describe.each(DIALECTS)('backfill on %s', (dialect) => {
  let stack: Stack;
  let installationId: string;
  let orgId: string;

  beforeAll(async () => {
    stack = await startStack({ dialect, seed: { contacts: 250, companies: 40 } });
    const installed = await stack.install();
    installationId = installed.installation.id;
    orgId = installed.orgId;
    await waitForRun(stack, installationId, 'companies', 1);
    await waitForRun(stack, installationId, 'contacts', 1);
  }, 120_000);
  afterAll(async () => stack?.close());

  it('creates every company and contact in Thena exactly once', async () => {
    const hubspot = await hubspotRecords(stack);
    const withEmail = hubspot.contacts.filter((c) => c.properties.email);
    const withDomain = hubspot.companies.filter((c) => c.properties.domain);
    const thena = stack.thena.platform.org(orgId)!;
    expect(thena.accounts.size).toBe(withDomain.length);
    expect(thena.contacts.size).toBe(withEmail.length);
    const [contacts] = await stack.runtime.store.runs.recent(installationId, 'contacts', 1);
    expect(contacts).toMatchObject({
      state: 'succeeded',
      seen: 250,
      created: withEmail.length,
      excluded: 250 - withEmail.length,
      failed: 0,
    });
    expect(await stack.runtime.store.links.count(installationId, 'contacts')).toBe(withEmail.length);
  });

  it('tells Thena what was synced: every created record in a hubspot.*.synced event', async () => {
    await settle(stack);
    const published = stack.thena.publishedEvents();
    const records = (name: string) =>
      published
        .filter((e) => e.eventName === name)
        .flatMap((e) => (e.payload.records as { thenaId: string; action: string }[]).map((r) => r.thenaId));
    const thena = stack.thena.platform.org(orgId)!;
    expect(new Set(records('hubspot.contact.synced')).size).toBe(thena.contacts.size);
    expect(new Set(records('hubspot.company.synced')).size).toBe(thena.accounts.size);
    expect(published.length).toBeLessThan((thena.contacts.size + thena.accounts.size) / 10);
  });
});
