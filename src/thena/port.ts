// The core's ThenaPort on the Thena client: records in the core's shape, creates in bulk with
// each outcome mapped back to its input, existing emails and domains reported as matches.
import type { HubSpotObjectType } from '../sync/properties.ts';
import { isAppError } from '../sync/errors.ts';
import type { ThenaFieldType, ThenaValue } from '../sync/thena-fields.ts';
import type {
  ThenaCreateOutcome,
  ThenaField,
  ThenaPort,
  ThenaRecord,
  ThenaRecordWrite,
} from '../sync/thena-port.ts';
import { normalizeDomain, normalizeEmail } from '../sync/values.ts';
import type { ThenaClient } from './client.ts';
import type {
  ThenaAccount,
  ThenaAccountInput,
  ThenaBulkResult,
  ThenaContact,
  ThenaContactInput,
  ThenaCustomFieldValue,
} from './types.ts';

const CONTACT_FIELDS = ['firstName', 'lastName', 'email', 'phoneNumber'] as const;
const ACCOUNT_FIELDS = [
  'name',
  'primaryDomain',
  'secondaryDomain',
  'description',
  'annualRevenue',
  'employees',
  'website',
  'billingAddress',
  'shippingAddress',
] as const;

const time = (iso: string | null): number | null => (iso === null ? null : Date.parse(iso) || null);

function customOf(values: readonly ThenaCustomFieldValue[]): Record<string, ThenaValue> {
  return Object.fromEntries(values.map((v) => [v.fieldId, v.value]));
}

export function contactRecord(contact: ThenaContact): ThenaRecord {
  const fields: Record<string, ThenaValue> = {};
  for (const name of CONTACT_FIELDS) fields[name] = contact[name];
  return {
    id: contact.id,
    fields,
    custom: customOf(contact.customFieldValues),
    accountIds: contact.accountIds,
    updatedAt: time(contact.updatedAt),
  };
}

export function accountRecord(account: ThenaAccount): ThenaRecord {
  const fields: Record<string, ThenaValue> = {};
  for (const name of ACCOUNT_FIELDS) fields[name] = account[name];
  return {
    id: account.id,
    fields,
    custom: customOf(account.customFieldValues),
    accountIds: [],
    updatedAt: time(account.updatedAt),
  };
}

function customValues(write: ThenaRecordWrite): ThenaCustomFieldValue[] {
  return Object.entries(write.custom).map(([fieldId, value]) => ({ fieldId, value }));
}

function contactInput(write: ThenaRecordWrite): Partial<ThenaContactInput> {
  const input: Record<string, unknown> = { ...write.fields };
  if (Object.keys(write.custom).length > 0) input.customFieldValues = customValues(write);
  if (write.accountIds !== undefined) input.accountIds = write.accountIds;
  return input;
}

function accountInput(write: ThenaRecordWrite): Partial<ThenaAccountInput> {
  const input: Record<string, unknown> = { ...write.fields };
  if (Object.keys(write.custom).length > 0) input.customFieldValues = customValues(write);
  return input;
}

function source(objectType: HubSpotObjectType): 'customer_contact' | 'account' {
  return objectType === 'contacts' ? 'customer_contact' : 'account';
}

export class ThenaAdapter implements ThenaPort {
  constructor(private readonly client: ThenaClient) {}

  async get(objectType: HubSpotObjectType, ids: readonly string[]): Promise<ThenaRecord[]> {
    if (ids.length === 0) return [];
    return objectType === 'contacts'
      ? (await this.client.contacts.getByIds(ids)).map(contactRecord)
      : (await this.client.accounts.getByIds(ids)).map(accountRecord);
  }

  async list(objectType: HubSpotObjectType, page: number, limit: number): Promise<ThenaRecord[]> {
    return objectType === 'contacts'
      ? (await this.client.contacts.list({ page, limit })).map(contactRecord)
      : (await this.client.accounts.list({ page, limit })).map(accountRecord);
  }

  async findContactsByEmail(emails: readonly string[]): Promise<Map<string, ThenaRecord>> {
    const found = new Map<string, ThenaRecord>();
    for (const email of new Set(
      emails.map((e) => normalizeEmail(e)).filter((e): e is string => e !== null),
    )) {
      const contact = await this.client.contacts.findByEmail(email);
      if (contact !== null) found.set(email, contactRecord(contact));
    }
    return found;
  }

  async findAccountsByDomain(domains: readonly string[]): Promise<Map<string, ThenaRecord[]>> {
    const found = new Map<string, ThenaRecord[]>();
    if (domains.length === 0) return found;
    for (const account of await this.client.accounts.findByPrimaryDomains(domains)) {
      const domain = normalizeDomain(account.primaryDomain);
      if (domain === null) continue;
      found.set(domain, [...(found.get(domain) ?? []), accountRecord(account)]);
    }
    return found;
  }

  async create(
    objectType: HubSpotObjectType,
    writes: readonly ThenaRecordWrite[],
  ): Promise<ThenaCreateOutcome[]> {
    if (writes.length === 0) return [];
    try {
      if (objectType === 'contacts') {
        const result = await this.client.contacts.bulkCreate(
          writes.map((w) => contactInput(w) as ThenaContactInput),
        );
        return this.#outcomes(
          writes,
          result,
          (c) => normalizeEmail(c.email),
          (w) => normalizeEmail(w.fields.email as string),
          contactRecord,
        );
      }
      const result = await this.client.accounts.bulkCreate(
        writes.map((w) => accountInput(w) as ThenaAccountInput),
      );
      return this.#outcomes(
        writes,
        result,
        (a) => normalizeDomain(a.primaryDomain),
        (w) => normalizeDomain(w.fields.primaryDomain as string),
        accountRecord,
      );
    } catch (err) {
      // Thena refused the whole batch (one bad record): create one by one to isolate it.
      if (!isAppError(err) || err.retryable || writes.length === 1) {
        if (isAppError(err) && !err.retryable)
          return writes.map((w) => ({
            ref: w.ref,
            ok: false,
            code: err.code,
            message: err.message,
            retryable: false,
          }));
        throw err;
      }
      const outcomes: ThenaCreateOutcome[] = [];
      for (const write of writes) outcomes.push(...(await this.create(objectType, [write])));
      return outcomes;
    }
  }

  async #outcomes<T>(
    writes: readonly ThenaRecordWrite[],
    result: ThenaBulkResult<T>,
    keyOfRecord: (record: T) => string | null,
    keyOfWrite: (write: ThenaRecordWrite) => string | null,
    toRecord: (record: T) => ThenaRecord,
  ): Promise<ThenaCreateOutcome[]> {
    const created = new Map<string, T>();
    for (const record of result.records ?? []) {
      const key = keyOfRecord(record);
      if (key !== null) created.set(key, record);
    }
    const skipped = new Map(result.skippedItems.map((s) => [s.index, s]));
    return writes.map((write, index): ThenaCreateOutcome => {
      const key = keyOfWrite(write);
      const record = key === null ? undefined : created.get(key);
      if (record !== undefined) return { ref: write.ref, ok: true, created: true, record: toRecord(record) };
      const skip = skipped.get(index);
      if (skip?.existingId) return { ref: write.ref, ok: true, created: false, existingId: skip.existingId };
      return {
        ref: write.ref,
        ok: false,
        code: 'thena_create_unconfirmed',
        message: 'Thena did not report the record as created or existing',
        retryable: true,
      };
    });
  }

  async update(objectType: HubSpotObjectType, id: string, write: ThenaRecordWrite): Promise<ThenaRecord> {
    return objectType === 'contacts'
      ? contactRecord(await this.client.contacts.update(id, contactInput(write)))
      : accountRecord(await this.client.accounts.update(id, accountInput(write)));
  }

  async delete(objectType: HubSpotObjectType, id: string): Promise<void> {
    if (objectType === 'contacts') await this.client.contacts.delete(id);
    else await this.client.accounts.delete(id);
  }

  async listFields(objectType: HubSpotObjectType): Promise<ThenaField[]> {
    const fields = await this.client.customFields.list({ source: source(objectType) });
    return fields.map((f) => ({ id: f.id, name: f.name, fieldType: f.fieldType, options: f.options }));
  }

  async createField(
    objectType: HubSpotObjectType,
    field: { name: string; fieldType: ThenaFieldType; options: string[] },
  ): Promise<ThenaField> {
    const created = await this.client.customFields.create({
      name: field.name,
      source: source(objectType),
      fieldType: field.fieldType,
      ...(field.options.length > 0 ? { options: field.options } : {}),
      description: 'Created by the HubSpot integration',
    });
    return { id: created.id, name: created.name, fieldType: created.fieldType, options: created.options };
  }

  async publish(eventName: string, payload: Record<string, unknown>): Promise<void> {
    await this.client.publishEvent(eventName, payload);
  }
}
