// HubSpot values that do not fit their Thena field: numbers that are not numbers, dates that are
// not dates, options the field does not have, text longer than Thena keeps (HubSpot can hold such
// values: a property's type changed after they were written). Each such record fails alone with
// a FAILED audit entry naming the property and the problem, and is not half-written; Unicode of
// every kind and long text that fits arrive exactly; once fixed in HubSpot, the records sync.
import { Client } from '@hubspot/api-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultSettings, type SyncSettings } from '../../src/sync/settings.ts';
import { settle } from '../helpers/settle.ts';
import { expectConsistent } from '../faults/consistency.ts';
import { startScenario, type Scenario } from '../faults/scenario.ts';

const CUSTOM = [
  'health_score',
  'renewal_date',
  'customer_tier',
  'newsletter_opt_in',
  'external_ref',
  'account_notes',
];

interface BadValue {
  property: string;
  value: string;
  /** What the FAILED entry's message must say. */
  says: RegExp;
}

const BAD: BadValue[] = [
  { property: 'health_score', value: '12abc', says: /health_score.*12abc|12abc.*health_score/ },
  { property: 'renewal_date', value: '31/02/2024', says: /renewal_date/ },
  { property: 'customer_tier', value: 'mystery', says: /customer_tier.*mystery|mystery/ },
  { property: 'newsletter_opt_in', value: 'maybe', says: /newsletter_opt_in/ },
  { property: 'external_ref', value: 'R'.repeat(300), says: /external_ref|255/ },
  { property: 'account_notes', value: 'n'.repeat(40_000), says: /account_notes|32768|32,768/ },
];

const GOOD = {
  lastname: 'Ødegård-李 👩🏽‍💻 عربي ‮reversed‬ e\u0301 \u200b\t!',
  firstname: 'Zoë 🦄',
  account_notes: `${'Long notes ✓ '.repeat(2_300)}end`,
  external_ref: 'ℝ𝔢𝔣-∞-🔑',
};

describe('HubSpot values that do not fit the Thena field', () => {
  let s: Scenario;
  let hubspot: Client;
  let contacts: { id: string; email: string }[];

  const settings = (): SyncSettings => ({
    ...defaultSettings('contacts'),
    fields: [
      ...defaultSettings('contacts').fields,
      ...CUSTOM.map((property) => ({ property, direction: 'hubspot_to_thena' as const })),
    ],
  });

  /** Writes a value HubSpot would refuse for the property's type, by flipping the type meanwhile. */
  async function writeBehindTheType(id: string, property: string, value: string): Promise<void> {
    const definition = await hubspot.crm.properties.coreApi.getByName('contacts', property);
    await hubspot.crm.properties.coreApi.update('contacts', property, {
      type: 'string' as never,
      fieldType: 'text' as never,
    });
    await hubspot.crm.contacts.basicApi.update(id, { properties: { [property]: value } });
    await hubspot.crm.properties.coreApi.update('contacts', property, {
      type: definition.type as never,
      fieldType: definition.fieldType as never,
      options: definition.options,
    });
  }

  beforeAll(async () => {
    s = await startScenario({
      seed: { contacts: 20, companies: 3 },
      runtime: { engine: { propertiesTtlMs: 0 } },
      subscribeProperties: ['firstname', 'lastname', 'email', 'phone', 'name', 'domain', ...CUSTOM],
    });
    hubspot = new Client({ accessToken: s.stack.hubspotToken, basePath: s.stack.hubspot.url });
    await s.stack.runtime.store.configs.save(s.installationId, 'contacts', {
      enabled: true,
      settings: settings(),
    });
    await settle(s.stack);
    const all = await hubspot.crm.contacts.getAll(100, undefined, ['email']);
    contacts = all.filter((c) => c.properties.email).map((c) => ({ id: c.id, email: c.properties.email! }));
  }, 60_000);
  afterAll(async () => s?.stack.close());

  it('fails each record alone, naming the property and the problem, and writes none of it', async () => {
    const { stack, installationId, orgId } = s;
    const org = stack.thena.platform.org(orgId)!;
    const victims = contacts.slice(0, BAD.length);
    const before = new Map(victims.map((v) => [v.id, org.contacts.findByEmail(v.email)!.lastName]));
    // The bad values land unseen; a later edit of each record (with its webhook) makes the sync read it.
    stack.hubspot.control.updateSettings({ webhooks: { faults: { dropProbability: 1 } } });
    for (const [index, bad] of BAD.entries())
      await writeBehindTheType(victims[index]!.id, bad.property, bad.value);
    await settle(stack);
    stack.hubspot.control.updateSettings({ webhooks: { faults: { dropProbability: 0 } } });
    for (const victim of victims)
      stack.hubspot.control.uiUpdate(stack.portalId, 'contacts', Number(victim.id), {
        properties: { lastname: 'Never arrives' },
      });
    const bystander = contacts[BAD.length]!;
    stack.hubspot.control.uiUpdate(stack.portalId, 'contacts', Number(bystander.id), { properties: GOOD });
    await settle(stack);

    const failed = await stack.runtime.store.audit.list(installationId, { status: 'FAILED', limit: 50 });
    for (const [index, bad] of BAD.entries()) {
      const victim = victims[index]!;
      const entry = failed.find((f) => f.hubspotId === victim.id);
      expect(entry, `no FAILED entry for ${bad.property}=${bad.value.slice(0, 20)}`).toBeDefined();
      expect(entry!.errorCode).toMatch(/^(invalid_value|thena_validation)$/);
      expect(entry!.message).toMatch(bad.says);
      expect(entry!.message!.length).toBeLessThan(2_000);
      // Not half-written: the record's other change did not go through either.
      expect(org.contacts.findByEmail(victim.email)!.lastName).toBe(before.get(victim.id));
    }
    // Unicode of every kind and long text that fits arrive exactly.
    const arrived = org.contacts.findByEmail(bystander.email)!;
    expect({ lastName: arrived.lastName, firstName: arrived.firstName }).toEqual({
      lastName: GOOD.lastname,
      firstName: GOOD.firstname,
    });
    const fieldIds = new Map(
      (await stack.runtime.store.customFields.list(installationId, 'contacts')).map((m) => [
        m.hubspotProperty,
        m.thenaFieldId,
      ]),
    );
    expect(arrived.customFieldValues?.get(fieldIds.get('account_notes')!)).toBe(GOOD.account_notes);
    expect(arrived.customFieldValues?.get(fieldIds.get('external_ref')!)).toBe(GOOD.external_ref);
    expect((await fetch(`${stack.url}/healthz`)).status).toBe(200);
  }, 60_000);

  it('syncs the records once their values are fixed in HubSpot', async () => {
    const { stack, orgId } = s;
    const victims = contacts.slice(0, BAD.length);
    for (const [index, bad] of BAD.entries()) {
      stack.hubspot.control.uiUpdate(stack.portalId, 'contacts', Number(victims[index]!.id), {
        properties: { [bad.property]: '', lastname: `Fixed ${index}` },
      });
    }
    await settle(stack);
    const org = stack.thena.platform.org(orgId)!;
    expect(victims.map((v) => org.contacts.findByEmail(v.email)!.lastName)).toEqual(
      BAD.map((_, i) => `Fixed ${i}`),
    );
    await expectConsistent(stack, s);
  }, 60_000);
});
