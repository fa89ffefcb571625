import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startInstalledThena } from '../../emulators/thena/testing.ts';
import type { InstalledApp, ThenaEmulator } from '../../emulators/thena/index.ts';
import type { AppError } from '../sync/errors.ts';
import { ThenaClient } from './client.ts';
import type { ThenaFieldValue } from './types.ts';

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

/** One canonical value per field type (see emulators/thena/README.md). */
const CANONICAL: [fieldType: string, value: ThenaFieldValue][] = [
  ['single_line', 'Gold tier'],
  ['multi_line', 'line one\nline two'],
  ['rich_text', '<p>Hello</p>'],
  ['email', 'billing@acme.com'],
  ['phone_number', '+1 555 0100'],
  ['url', 'https://acme.com/about'],
  ['integer', 42],
  ['decimal', 3.25],
  ['currency', 1999.99],
  ['date', '2026-02-28'],
  ['date_time', '2026-02-28T09:30:00.000Z'],
  ['time', '09:30'],
  ['single_choice', 'Gold'],
  ['radio_button', 'Silver'],
  ['multi_choice', ['Gold', 'Silver']],
  ['checkbox', true],
];

describe('ThenaClient custom fields', () => {
  it('creates fields of every type and round-trips canonical values on a contact', async () => {
    const fields = await Promise.all(
      CANONICAL.map(([fieldType]) =>
        client.customFields.create({
          name: `F ${fieldType}`,
          source: 'customer_contact',
          fieldType,
          ...(fieldType.includes('choice') || fieldType === 'radio_button'
            ? { options: ['Gold', 'Silver'] }
            : {}),
        }),
      ),
    );
    const values = fields.map((field, index) => ({
      fieldId: field.id,
      value: CANONICAL[index]?.[1] ?? null,
    }));
    const contact = await client.contacts.create({
      firstName: 'Ann',
      email: 'ann@acme.com',
      customFieldValues: values,
    });
    expect(contact.customFieldValues).toEqual(values);

    const cleared = await client.contacts.update(contact.id, {
      customFieldValues: [{ fieldId: fields[0]?.id ?? '', value: null }],
    });
    expect(cleared.customFieldValues).toHaveLength(values.length - 1);
  });

  it('rejects a value of the wrong type with a message naming the field', async () => {
    const tier = await client.customFields.create({
      name: 'Tier',
      source: 'account',
      fieldType: 'single_choice',
      options: ['Gold', 'Silver'],
    });
    const error = await failure(
      client.accounts.create({
        name: 'Acme',
        primaryDomain: 'acme.com',
        customFieldValues: [{ fieldId: tier.id, value: 'Bronze' }],
      }),
    );
    expect(error.code).toBe('thena_validation');
    expect(error.message).toContain('"Tier"');
    expect(error.message).toContain('Bronze');
  });

  it('lists every field across 0-based pages and filters by source', async () => {
    for (let n = 0; n < 105; n += 1) {
      await client.customFields.create({
        name: `Account field ${n}`,
        source: 'account',
        fieldType: 'single_line',
      });
    }
    await client.customFields.create({
      name: 'Contact field',
      source: 'customer_contact',
      fieldType: 'checkbox',
    });
    expect(await client.customFields.list()).toHaveLength(106);
    expect(await client.customFields.list({ source: 'account' })).toHaveLength(105);
    const [contactField] = await client.customFields.list({ source: 'customer_contact' });
    expect(contactField).toMatchObject({ name: 'Contact field', fieldType: 'checkbox', isActive: true });
    expect(await client.customFields.listPage({ page: 1, limit: 100, source: 'account' })).toHaveLength(5);
  });

  it('reports a field name already taken for the same source', async () => {
    const first = await client.customFields.create({
      name: 'Plan',
      source: 'account',
      fieldType: 'single_line',
    });
    const error = await failure(
      client.customFields.create({ name: 'plan', source: 'account', fieldType: 'integer' }),
    );
    expect(error).toMatchObject({ code: 'thena_duplicate_field' });
    expect(error.details).toMatchObject({ existingFieldId: first.id });
    const options = await client.customFields.create({
      name: 'Plan',
      source: 'customer_contact',
      fieldType: 'multi_choice',
      options: ['A', 'B'],
    });
    expect(options.options).toEqual(['A', 'B']);
  });
});
