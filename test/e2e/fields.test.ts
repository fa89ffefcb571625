// Every HubSpot property type lands on its Thena field type (created on the fly), filters decide
// which records sync, a second backfill writes nothing, and a value Thena refuses fails alone.
import { Client } from '@hubspot/api-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBackfill } from '../../src/sync/engine/backfill.ts';
import { ThenaClient } from '../../src/thena/client.ts';
import { defaultSettings, type SyncSettings } from '../../src/sync/settings.ts';
import { settle, writeCounts } from '../helpers/settle.ts';
import { startStack, type Stack } from '../helpers/stack.ts';

const CUSTOM = [
  ['customer_tier', 'single_choice'],
  ['product_interests', 'multi_choice'],
  ['preferred_channel', 'radio_button'],
  ['newsletter_opt_in', 'checkbox'],
  ['health_score', 'decimal'],
  ['is_vip', 'checkbox'],
  ['renewal_date', 'date'],
  ['last_review_at', 'date_time'],
  ['account_notes', 'multi_line'],
  ['external_ref', 'single_line'],
  ['support_phone', 'phone_number'],
  ['contract_file', 'url'],
  ['profile_html', 'rich_text'],
  ['engagement_index', 'decimal'],
] as const;

const PROPERTIES = ['email', 'firstname', 'lastname', 'phone', ...CUSTOM.map(([name]) => name)];

describe('field mapping, conversion and filters', () => {
  let stack: Stack;
  let orgId: string;
  let installationId: string;
  let client: Client;
  let thena: ThenaClient;

  const settings = (): SyncSettings => ({
    ...defaultSettings('contacts'),
    fields: [
      ...defaultSettings('contacts').fields,
      ...CUSTOM.map(([property]) => ({ property, direction: 'hubspot_to_thena' as const })),
    ],
    filters: [
      { field: 'customer_tier', operator: 'is_none_of', value: ['bronze', 'silver'] },
      { field: 'email', operator: 'is_not_empty' },
    ],
  });

  beforeAll(async () => {
    stack = await startStack({
      seed: { contacts: 80, companies: 10 },
      runtime: { engine: { propertiesTtlMs: 0 } },
    });
    client = new Client({ accessToken: stack.hubspotToken, basePath: stack.hubspot.url });
    const installed = await stack.install({
      beforeConnect: async (installation) => {
        await stack.runtime.store.configs.save(installation.id, 'contacts', {
          enabled: true,
          settings: settings(),
        });
      },
    });
    orgId = installed.orgId;
    installationId = installed.installation.id;
    thena = new ThenaClient({ baseUrl: stack.thena.url, botToken: installed.botToken });
    await settle(stack, 60_000);
  }, 90_000);
  afterAll(async () => stack?.close());

  it('creates one Thena field per selected custom property, of the matching type', async () => {
    const fields = await thena.customFields.list({ source: 'customer_contact' });
    const mapped = await stack.runtime.store.customFields.list(installationId, 'contacts');
    for (const [property, fieldType] of CUSTOM) {
      const id = mapped.find((m) => m.hubspotProperty === property)?.thenaFieldId;
      expect(fields.find((f) => f.id === id)?.fieldType, property).toBe(fieldType);
    }
    expect(fields).toHaveLength(CUSTOM.length);
    expect(fields.find((f) => f.name === 'Customer tier')?.options).toEqual([
      'bronze',
      'silver',
      'gold',
      'platinum',
    ]);
  });

  it('syncs only the records the filters let through, each value converted for its field', async () => {
    const contacts = await client.crm.contacts.getAll(100, undefined, PROPERTIES);
    const wanted = contacts.filter(
      (c) => !['bronze', 'silver'].includes(c.properties.customer_tier ?? '') && c.properties.email,
    );
    expect(wanted.length).toBeGreaterThan(3);
    const org = stack.thena.platform.org(orgId)!;
    const fieldIds = new Map(
      (await stack.runtime.store.customFields.list(installationId, 'contacts')).map((m) => [
        m.hubspotProperty,
        m.thenaFieldId,
      ]),
    );
    expect(org.contacts.size).toBe(wanted.length);
    for (const hubspot of wanted) {
      const contact = (await thena.contacts.findByEmail(hubspot.properties.email!))!;
      const value = (property: string) =>
        contact.customFieldValues.find((v) => v.fieldId === fieldIds.get(property))?.value ?? null;
      const p = hubspot.properties;
      expect(value('customer_tier')).toBe(p.customer_tier ?? null);
      expect(value('product_interests')).toEqual(
        p.product_interests ? p.product_interests.split(';').filter(Boolean).sort() : null,
      );
      expect(value('health_score')).toBe(p.health_score ? Number(p.health_score) : null);
      expect(value('is_vip')).toBe(p.is_vip ? p.is_vip === 'true' : null);
      expect(value('renewal_date')).toBe(p.renewal_date ? p.renewal_date.slice(0, 10) : null);
      expect(value('last_review_at')).toBe(
        p.last_review_at ? new Date(p.last_review_at).toISOString() : null,
      );
      expect(value('account_notes')).toBe(p.account_notes || null);
    }
    const [run] = await stack.runtime.store.runs.recent(installationId, 'contacts', 1);
    expect(run).toMatchObject({
      state: 'succeeded',
      created: wanted.length,
      excluded: 80 - wanted.length,
      failed: 0,
    });
  });

  it('writes nothing on a second backfill', async () => {
    const before = writeCounts(stack);
    await startBackfill(stack.runtime.engine, installationId, 'contacts', 'manual');
    await settle(stack);
    expect(writeCounts(stack)).toEqual(before);
    const [run] = await stack.runtime.store.runs.recent(installationId, 'contacts', 1);
    expect(run).toMatchObject({ trigger: 'manual', state: 'succeeded', created: 0, updated: 0 });
  });

  it('fails alone a record whose value Thena refuses, and goes on with the others', async () => {
    const contacts = await client.crm.contacts.getAll(100, undefined, PROPERTIES);
    const [refused, accepted] = contacts.filter(
      (c) => c.properties.customer_tier === 'gold' && c.properties.email,
    );
    // HubSpot gains an option the Thena field was created without.
    await client.crm.properties.coreApi.update('contacts', 'customer_tier', {
      options: ['bronze', 'silver', 'gold', 'platinum', 'diamond'].map((value, displayOrder) => ({
        label: value,
        value,
        displayOrder,
        hidden: false,
      })),
    });
    stack.hubspot.control.uiUpdate(stack.portalId, 'contacts', Number(refused!.id), {
      properties: { customer_tier: 'diamond', lastname: 'Refused' },
    });
    stack.hubspot.control.uiUpdate(stack.portalId, 'contacts', Number(accepted!.id), {
      properties: { lastname: 'Accepted' },
    });
    await settle(stack);
    const org = stack.thena.platform.org(orgId)!;
    expect(org.contacts.findByEmail(accepted!.properties.email!)?.lastName).toBe('Accepted');
    expect(org.contacts.findByEmail(refused!.properties.email!)?.lastName).not.toBe('Refused');
    const [failed] = await stack.runtime.store.audit.list(installationId, { status: 'FAILED', limit: 1 });
    expect(failed).toMatchObject({ hubspotId: refused!.id, action: 'update', errorCode: 'thena_validation' });
    expect(failed?.message).toContain('diamond');
  });
});
