// Creating, updating and deleting accounts, each followed by its platform event.
import { readAccountPatch, type AccountPatch } from './account-input.ts';
import { MAX_BATCH, type ChangeContext } from './change-context.ts';
import { applyValueChanges } from './custom-field-values.ts';
import type { AccountRecord } from './records.ts';
import { accountView, eventAccountView } from './views.ts';
import { BodyReader } from '../http/body-reader.ts';
import { badRequest, conflict, notFound } from '../http/errors.ts';

function domainTaken(ctx: ChangeContext, domain: string, exceptId?: string): AccountRecord | undefined {
  const existing = ctx.org.accounts.findByPrimaryDomain(domain);
  return existing && existing.id !== exceptId ? existing : undefined;
}

function duplicateDomain(existing: AccountRecord) {
  return conflict(
    `An account with primary domain ${existing.primaryDomain} already exists (id ${existing.id})`,
    {
      existingAccountId: existing.id,
    },
  );
}

/** Copies every field present in the patch except the primary domain (which is indexed). */
function applyPatch(account: AccountRecord, patch: AccountPatch): void {
  const { primaryDomain: _domain, customFieldChanges, metadata, ...fields } = patch;
  Object.assign(account, fields);
  if (metadata !== undefined) account.metadata = metadata ?? undefined;
  account.customFieldValues = applyValueChanges(account.customFieldValues, customFieldChanges);
}

function insertAccount(ctx: ChangeContext, patch: AccountPatch): AccountRecord {
  const now = ctx.clock.now();
  const account: AccountRecord = {
    id: ctx.ids.record(now),
    name: patch.name ?? '',
    description: null,
    source: null,
    logo: null,
    statusId: null,
    classificationId: null,
    healthId: null,
    industryId: null,
    primaryDomain: patch.primaryDomain ?? '',
    secondaryDomain: null,
    accountOwnerId: null,
    annualRevenue: null,
    employees: null,
    website: null,
    billingAddress: null,
    shippingAddress: null,
    customFieldValues: undefined,
    metadata: undefined,
    createdAt: now,
    updatedAt: now,
    deletedAt: null,
  };
  applyPatch(account, patch);
  ctx.org.accounts.insert(account);
  ctx.emit('account:created', { account: eventAccountView(ctx.org, account) });
  return account;
}

export function createAccount(ctx: ChangeContext, body: unknown): AccountRecord {
  const reader = new BodyReader(body);
  const patch = readAccountPatch(reader, ctx.org, 'create');
  reader.throwIfInvalid();
  const existing = domainTaken(ctx, patch.primaryDomain ?? '');
  if (existing) throw duplicateDomain(existing);
  return insertAccount(ctx, patch);
}

export function requireAccount(ctx: ChangeContext, id: string): AccountRecord {
  const account = ctx.org.accounts.get(id);
  if (!account) throw notFound(`Account ${id} not found`);
  return account;
}

/** A no-op update changes nothing, keeps `updatedAt` and emits no event. */
export function updateAccount(ctx: ChangeContext, id: string, body: unknown): AccountRecord {
  const account = requireAccount(ctx, id);
  const reader = new BodyReader(body);
  const patch = readAccountPatch(reader, ctx.org, 'update');
  reader.throwIfInvalid();
  if (patch.primaryDomain !== undefined) {
    const existing = domainTaken(ctx, patch.primaryDomain, account.id);
    if (existing) throw duplicateDomain(existing);
  }
  const before = JSON.stringify(accountView(ctx.org, account));
  const previousAccount = eventAccountView(ctx.org, account);
  applyPatch(account, patch);
  if (patch.primaryDomain !== undefined) ctx.org.accounts.changePrimaryDomain(account, patch.primaryDomain);
  if (JSON.stringify(accountView(ctx.org, account)) === before) return account;
  account.updatedAt = ctx.clock.now();
  ctx.emit('account:updated', { account: eventAccountView(ctx.org, account), previousAccount });
  return account;
}

export function deleteAccount(ctx: ChangeContext, id: string): void {
  const account = requireAccount(ctx, id);
  const previousAccount = eventAccountView(ctx.org, account);
  ctx.org.accounts.markDeleted(account, ctx.clock.now());
  ctx.emit('account:deleted', { previousAccount });
}

export interface BulkAccountsResult {
  total: number;
  created: number;
  skipped: number;
  accounts: AccountRecord[];
  skippedAccounts: { index: number; primaryDomain: string; existingAccountId: string }[];
}

/** Validates the whole batch first (one 400 names every bad item), then skips taken domains. */
export function bulkCreateAccounts(ctx: ChangeContext, body: unknown): BulkAccountsResult {
  const reader = new BodyReader(body);
  const items = reader.raw('accounts');
  if (!Array.isArray(items) || items.length === 0 || items.length > MAX_BATCH) {
    throw badRequest([`accounts must be an array of 1 to ${MAX_BATCH} accounts`]);
  }
  const patches = items.map((item, index) =>
    readAccountPatch(reader.nested(item, `accounts[${index}]`), ctx.org, 'create'),
  );
  reader.throwIfInvalid();
  const result: BulkAccountsResult = {
    total: items.length,
    created: 0,
    skipped: 0,
    accounts: [],
    skippedAccounts: [],
  };
  patches.forEach((patch, index) => {
    const primaryDomain = patch.primaryDomain ?? '';
    const existing = domainTaken(ctx, primaryDomain);
    if (existing) {
      result.skipped += 1;
      result.skippedAccounts.push({ index, primaryDomain, existingAccountId: existing.id });
      return;
    }
    result.accounts.push(insertAccount(ctx, patch));
    result.created += 1;
  });
  return result;
}
