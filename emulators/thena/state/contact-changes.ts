// Creating, updating and deleting customer contacts, each followed by its platform event.
import { MAX_BATCH, type ChangeContext } from './change-context.ts';
import {
  readAccountIds,
  readBulkItemAccounts,
  readContactPatch,
  readContactType,
  type ContactPatch,
} from './contact-input.ts';
import { applyValueChanges } from './custom-field-values.ts';
import { NO_IDS, type ContactRecord } from './records.ts';
import { contactView } from './views.ts';
import { BodyReader } from '../http/body-reader.ts';
import { badRequest, conflict, notFound } from '../http/errors.ts';

function duplicateEmail(existing: ContactRecord) {
  return conflict(`A customer contact with email ${existing.email} already exists (id ${existing.id})`, {
    existingContactId: existing.id,
  });
}

const view = (ctx: ChangeContext, contact: ContactRecord) => contactView(ctx.org, contact, ctx.accountsShape);

function applyPatch(ctx: ChangeContext, contact: ContactRecord, patch: ContactPatch): void {
  if (patch.firstName !== undefined) contact.firstName = patch.firstName;
  if (patch.lastName !== undefined) contact.lastName = patch.lastName;
  if (patch.phoneNumber !== undefined) contact.phoneNumber = patch.phoneNumber;
  if (patch.avatarUrl !== undefined) contact.avatarUrl = patch.avatarUrl;
  if (patch.contactTypeId !== undefined) contact.contactTypeId = patch.contactTypeId;
  if (patch.metadata !== undefined) contact.metadata = patch.metadata ?? undefined;
  contact.customFieldValues = applyValueChanges(contact.customFieldValues, patch.customFieldChanges);
  if (patch.email !== undefined && patch.email !== contact.email)
    ctx.org.contacts.changeEmail(contact, patch.email);
  if (patch.accountIds !== undefined) ctx.org.contacts.changeAccounts(contact, patch.accountIds);
}

function defaultContactTypeId(ctx: ChangeContext): string {
  return ctx.org.attributes.defaultOf('contact_type')?.id ?? '';
}

function insertContact(ctx: ChangeContext, patch: ContactPatch): ContactRecord {
  const now = ctx.clock.now();
  const contact: ContactRecord = {
    id: ctx.ids.record(now),
    firstName: patch.firstName ?? '',
    lastName: patch.lastName ?? null,
    email: patch.email ?? '',
    phoneNumber: patch.phoneNumber ?? null,
    avatarUrl: patch.avatarUrl ?? null,
    contactTypeId: patch.contactTypeId ?? defaultContactTypeId(ctx),
    accountIds: patch.accountIds ?? NO_IDS,
    customFieldValues: applyValueChanges(undefined, patch.customFieldChanges),
    metadata: patch.metadata ?? undefined,
    createdAt: now,
    updatedAt: now,
    deletedAt: null,
  };
  ctx.org.contacts.insert(contact);
  ctx.emit('customer-contact:created', { customerContact: view(ctx, contact) });
  return contact;
}

export function createContact(ctx: ChangeContext, body: unknown): ContactRecord {
  const reader = new BodyReader(body);
  const patch = readContactPatch(reader, ctx.org, 'create');
  reader.throwIfInvalid();
  const existing = ctx.org.contacts.findByEmail(patch.email ?? '');
  if (existing) throw duplicateEmail(existing);
  return insertContact(ctx, patch);
}

export function requireContact(ctx: ChangeContext, id: string): ContactRecord {
  const contact = ctx.org.contacts.get(id);
  if (!contact) throw notFound(`Customer contact ${id} not found`);
  return contact;
}

/** `accountIds` replaces the contact's set; a no-op update emits no event. */
export function updateContact(ctx: ChangeContext, id: string, body: unknown): ContactRecord {
  const contact = requireContact(ctx, id);
  const reader = new BodyReader(body);
  const patch = readContactPatch(reader, ctx.org, 'update');
  reader.throwIfInvalid();
  if (patch.email !== undefined) {
    const existing = ctx.org.contacts.findByEmail(patch.email);
    if (existing && existing.id !== contact.id) throw duplicateEmail(existing);
  }
  const previousCustomerContact = view(ctx, contact);
  const before = JSON.stringify(previousCustomerContact);
  applyPatch(ctx, contact, patch);
  if (JSON.stringify(view(ctx, contact)) === before) return contact;
  contact.updatedAt = ctx.clock.now();
  ctx.emit('customer-contact:updated', { customerContact: view(ctx, contact), previousCustomerContact });
  return contact;
}

export function deleteContact(ctx: ChangeContext, id: string): void {
  const contact = requireContact(ctx, id);
  const previousCustomerContact = view(ctx, contact);
  ctx.org.contacts.markDeleted(contact, ctx.clock.now());
  ctx.emit('customer-contact:deleted', { previousCustomerContact });
}

export interface BulkContactsResult {
  total: number;
  created: number;
  skipped: number;
  contacts: ContactRecord[];
  skippedContacts: { index: number; email: string; existingContactId: string }[];
}

/**
 * `{ contacts, accountIds?, contactType?, source? }`: batch-level accounts and type apply to items
 * that do not name their own. Existing emails (and repeats within the batch) are skipped.
 */
export function bulkCreateContacts(ctx: ChangeContext, body: unknown): BulkContactsResult {
  const reader = new BodyReader(body);
  const items = reader.raw('contacts');
  if (!Array.isArray(items) || items.length === 0 || items.length > MAX_BATCH) {
    throw badRequest([`contacts must be an array of 1 to ${MAX_BATCH} contacts`]);
  }
  const sharedAccountIds = readAccountIds(reader, ctx.org, 'accountIds');
  const sharedContactTypeId = readContactType(reader, ctx.org);
  // Documented on the bulk body; contacts carry no `source` field in any documented response.
  reader.optionalString('source');
  const patches = items.map((item, index) => {
    const itemReader = reader.nested(item, `contacts[${index}]`);
    const patch = readContactPatch(itemReader, ctx.org, 'create');
    const single = readBulkItemAccounts(itemReader, ctx.org);
    const accountIds = patch.accountIds ?? single ?? sharedAccountIds;
    if (accountIds !== undefined) patch.accountIds = accountIds;
    const contactTypeId = patch.contactTypeId ?? sharedContactTypeId;
    if (contactTypeId !== undefined) patch.contactTypeId = contactTypeId;
    return patch;
  });
  reader.throwIfInvalid();
  const result: BulkContactsResult = {
    total: items.length,
    created: 0,
    skipped: 0,
    contacts: [],
    skippedContacts: [],
  };
  patches.forEach((patch, index) => {
    const email = patch.email ?? '';
    const existing = ctx.org.contacts.findByEmail(email);
    if (existing) {
      result.skipped += 1;
      result.skippedContacts.push({ index, email, existingContactId: existing.id });
      return;
    }
    result.contacts.push(insertContact(ctx, patch));
    result.created += 1;
  });
  return result;
}
