// Bulk-loads synthetic records straight into an organization's tables, skipping validation and
// events, so benchmarks and capacity tests can start from a million contacts in seconds.
import type { EmulatorClock } from '../clock.ts';
import type { IdGenerator } from '../ids.ts';
import type { Organization } from './organization.ts';
import { NO_IDS, type AccountRecord, type ContactRecord } from './records.ts';

export interface SeedRequest {
  accounts: number;
  contacts: number;
  /** Distinguishes the emails and domains of successive seed calls. */
  prefix: string;
}

export interface SeedResult {
  accountIds: string[];
  accountsCreated: number;
  contactsCreated: number;
  /** How the seeded emails are built, `{n}` counting from 0. */
  emailPattern: string;
}

function seedAccount(
  org: Organization,
  id: string,
  now: number,
  name: string,
  domain: string,
): AccountRecord {
  return {
    id,
    name,
    description: null,
    source: 'seed',
    logo: null,
    statusId: org.attributes.defaultOf('account_status')?.id ?? null,
    classificationId: null,
    healthId: null,
    industryId: null,
    primaryDomain: domain,
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
}

export function seedOrganization(
  org: Organization,
  request: SeedRequest,
  clock: EmulatorClock,
  ids: IdGenerator,
): SeedResult {
  const now = clock.now();
  const { prefix } = request;
  const accountIds: string[] = [];
  for (let n = 0; n < request.accounts; n += 1) {
    const account = seedAccount(
      org,
      ids.record(now),
      now,
      `${prefix} account ${n}`,
      `${prefix}-${n}.example.com`,
    );
    org.accounts.insert(account);
    accountIds.push(account.id);
  }
  const contactTypeId = org.attributes.defaultOf('contact_type')?.id ?? '';
  // One shared frozen id list and one domain string per account, not one per contact.
  const linked = accountIds.map((id) => Object.freeze([id]));
  const domains = accountIds.map((_, n) => `${prefix}-${n}.example.com`);
  for (let n = 0; n < request.contacts; n += 1) {
    const accountIds = linked.length === 0 ? NO_IDS : (linked[n % linked.length] ?? NO_IDS);
    const domain = domains.length === 0 ? `${prefix}.example.com` : (domains[n % domains.length] ?? '');
    const contact: ContactRecord = {
      id: ids.record(now),
      firstName: 'Seed',
      lastName: `Contact ${n}`,
      email: `${prefix}-contact-${n}@${domain}`,
      phoneNumber: null,
      avatarUrl: null,
      contactTypeId,
      accountIds,
      customFieldValues: undefined,
      metadata: undefined,
      createdAt: now,
      updatedAt: now,
      deletedAt: null,
    };
    org.contacts.insert(contact);
  }
  return {
    accountIds,
    accountsCreated: request.accounts,
    contactsCreated: request.contacts,
    emailPattern:
      linked.length === 0
        ? `${prefix}-contact-{n}@${prefix}.example.com`
        : `${prefix}-contact-{n}@${prefix}-{n % ${linked.length}}.example.com`,
  };
}
