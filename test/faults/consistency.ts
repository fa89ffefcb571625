// The end state every fault scenario must reach: HubSpot and Thena hold the same records, linked
// one to one, with the mapped values equal on both sides. Read straight from both emulators and
// the link table (never through the product's own code paths), and reported as a list of
// problems, each naming the record, so a failure says what went wrong rather than just "false".
import { appendFileSync } from 'node:fs';
import { Client } from '@hubspot/api-client';
import { expect } from 'vitest';
import type { Runtime } from '../../src/main.ts';
import type { Stack } from '../helpers/stack.ts';

/** What the check reads: both emulators and the service's database (in process or a child's). */
export type CheckedStack = Pick<Stack, 'hubspot' | 'thena' | 'hubspotToken'> & {
  runtime: Pick<Runtime, 'store'>;
};

export interface ConsistencyTarget {
  orgId: string;
  installationId: string;
  /** The portal's private-app token when the org is connected to another portal than the stack's. */
  hubspotToken?: string;
}

export interface ConsistencyReport {
  /** Syncable HubSpot records checked (contacts with an email, companies with a domain). */
  contacts: number;
  companies: number;
  /** Live links checked. */
  links: number;
  /** Individual field values compared. */
  values: number;
  /** Inbox items not processed yet, and jobs that gave up. */
  inboxBacklog: number;
  deadJobs: number;
  problems: string[];
}

interface HubSpotRow {
  id: string;
  properties: Record<string, string | null | undefined>;
  companies: { id: string; primary: boolean }[];
}

interface LinkRow {
  object_type: string;
  hubspot_id: string;
  thena_id: string;
  hubspot_deleted_at: number | null;
  thena_deleted_at: number | null;
}

const CONTACT_PROPERTIES = ['email', 'firstname', 'lastname', 'phone'];
const COMPANY_PROPERTIES = [
  'name',
  'domain',
  'phone',
  'website',
  'description',
  'numberofemployees',
  'annualrevenue',
  'address',
];

const blank = (value: unknown): boolean => value === null || value === undefined || value === '';
const norm = (value: unknown): unknown => (blank(value) ? null : value);
const lower = (value: string | null | undefined): string | null =>
  blank(value) ? null : value!.trim().toLowerCase();
const domainOf = (value: string | null | undefined): string | null =>
  blank(value)
    ? null
    : value!
        .trim()
        .toLowerCase()
        .replace(/^www\./, '');
const num = (value: string | null | undefined): number | null => (blank(value) ? null : Number(value));

async function hubspotRecords(
  stack: CheckedStack,
  token: string,
): Promise<{ contacts: HubSpotRow[]; companies: HubSpotRow[] }> {
  const client = new Client({ accessToken: token, basePath: stack.hubspot.url });
  const contacts = await client.crm.contacts.getAll(100, undefined, CONTACT_PROPERTIES, undefined, [
    'companies',
  ]);
  const companies = await client.crm.companies.getAll(100, undefined, COMPANY_PROPERTIES);
  return {
    contacts: contacts.map((c) => {
      const results = (c.associations?.companies?.results ?? []) as { id: string; type: string }[];
      const byCompany = new Map<string, boolean>();
      for (const r of results)
        byCompany.set(r.id, (byCompany.get(r.id) ?? false) || r.type === 'contact_to_company');
      return {
        id: c.id,
        properties: c.properties,
        companies: [...byCompany].map(([id, primary]) => ({ id, primary })),
      };
    }),
    companies: companies.map((c) => ({ id: c.id, properties: c.properties, companies: [] })),
  };
}

async function linkRows(stack: CheckedStack, installationId: string): Promise<LinkRow[]> {
  return stack.runtime.store.db
    .selectFrom('record_links')
    .select(['object_type', 'hubspot_id', 'thena_id', 'hubspot_deleted_at', 'thena_deleted_at'])
    .where('installation_id', '=', installationId)
    .execute();
}

/** Compares everything; returns the problems found (none: consistent). */
export async function checkConsistency(
  stack: CheckedStack,
  target: ConsistencyTarget,
): Promise<ConsistencyReport> {
  // The check reads HubSpot through its API: scenario faults must not hit the check itself.
  stack.hubspot.control.clearFaults();
  const problems: string[] = [];
  const report: ConsistencyReport = {
    contacts: 0,
    companies: 0,
    links: 0,
    values: 0,
    inboxBacklog: 0,
    deadJobs: 0,
    problems,
  };
  const org = stack.thena.platform.org(target.orgId);
  if (org === undefined) throw new Error(`no Thena organization ${target.orgId}`);
  const hubspot = await hubspotRecords(stack, target.hubspotToken ?? stack.hubspotToken);
  const links = await linkRows(stack, target.installationId);
  const thenaContacts = new Map(org.contacts.page(0, 1e9, {}).map((c) => [c.id, c]));
  const thenaAccounts = new Map(org.accounts.page(0, 1e9).map((a) => [a.id, a]));
  const phoneField = (await stack.runtime.store.customFields.list(target.installationId, 'companies')).find(
    (m) => m.hubspotProperty === 'phone',
  )?.thenaFieldId;

  const compare = (what: string, thenaValue: unknown, hubspotValue: unknown): void => {
    report.values++;
    if (norm(thenaValue) !== norm(hubspotValue)) {
      problems.push(
        `${what}: Thena ${JSON.stringify(thenaValue)} != HubSpot ${JSON.stringify(hubspotValue)}`,
      );
    }
  };

  // Links: one live link per record on each side, pointing at live records.
  const live = { contacts: new Map<string, string>(), companies: new Map<string, string>() };
  const thenaTaken = { contacts: new Map<string, string>(), companies: new Map<string, string>() };
  const hubspotIds = {
    contacts: new Set(hubspot.contacts.map((c) => c.id)),
    companies: new Set(hubspot.companies.map((c) => c.id)),
  };
  for (const link of links) {
    if (link.hubspot_deleted_at !== null || link.thena_deleted_at !== null) continue;
    const type = link.object_type as 'contacts' | 'companies';
    report.links++;
    const name = `${type} link ${link.hubspot_id} -> ${link.thena_id}`;
    if (!hubspotIds[type].has(link.hubspot_id)) problems.push(`${name}: no live HubSpot record`);
    const thenaLive =
      type === 'contacts' ? thenaContacts.has(link.thena_id) : thenaAccounts.has(link.thena_id);
    if (!thenaLive) problems.push(`${name}: no live Thena record`);
    const other = thenaTaken[type].get(link.thena_id);
    if (other !== undefined) problems.push(`${name}: Thena record also linked to HubSpot ${other}`);
    thenaTaken[type].set(link.thena_id, link.hubspot_id);
    live[type].set(link.hubspot_id, link.thena_id);
  }

  // Companies: every one with a domain is in Thena once, with its values.
  const domains = new Map<string, string[]>();
  for (const company of hubspot.companies) {
    const domain = domainOf(company.properties.domain);
    if (domain !== null) domains.set(domain, [...(domains.get(domain) ?? []), company.id]);
  }
  for (const [domain, ids] of domains) {
    if (ids.length > 1)
      problems.push(`HubSpot holds ${ids.length} companies with domain ${domain}: ${ids.join(', ')}`);
  }
  for (const company of hubspot.companies) {
    const p = company.properties;
    if (domainOf(p.domain) === null) continue;
    report.companies++;
    const name = `company ${company.id} (${p.domain})`;
    const thenaId = live.companies.get(company.id);
    const account = thenaId === undefined ? undefined : thenaAccounts.get(thenaId);
    if (account === undefined) {
      problems.push(`${name}: not linked to a live Thena account`);
      continue;
    }
    compare(`${name} domain`, domainOf(account.primaryDomain), domainOf(p.domain));
    compare(`${name} name`, account.name, p.name ?? domainOf(p.domain));
    compare(`${name} website`, account.website, p.website);
    compare(`${name} description`, account.description, p.description);
    compare(`${name} employees`, account.employees, num(p.numberofemployees));
    compare(`${name} annual revenue`, account.annualRevenue, num(p.annualrevenue));
    compare(`${name} address`, account.billingAddress, p.address);
    if (phoneField !== undefined)
      compare(`${name} phone`, account.customFieldValues?.get(phoneField) ?? null, p.phone);
  }

  // Contacts: every one with an email is in Thena once, with its values and its companies.
  for (const contact of hubspot.contacts) {
    const p = contact.properties;
    if (lower(p.email) === null) continue;
    report.contacts++;
    const name = `contact ${contact.id} (${p.email})`;
    const thenaId = live.contacts.get(contact.id);
    const thena = thenaId === undefined ? undefined : thenaContacts.get(thenaId);
    if (thena === undefined) {
      problems.push(`${name}: not linked to a live Thena contact`);
      continue;
    }
    compare(`${name} email`, lower(thena.email), lower(p.email));
    if (!blank(p.firstname)) compare(`${name} first name`, thena.firstName, p.firstname);
    compare(`${name} last name`, thena.lastName, p.lastname);
    compare(`${name} phone`, thena.phoneNumber, p.phone);
    const wanted = contact.companies
      .filter((c) => live.companies.has(c.id))
      .sort((a, b) => Number(b.primary) - Number(a.primary))
      .map((c) => live.companies.get(c.id)!);
    report.values++;
    if ([...wanted].sort().join() !== [...thena.accountIds].sort().join()) {
      problems.push(
        `${name} accounts: Thena [${thena.accountIds.join(', ')}] != HubSpot's companies [${wanted.join(', ')}]`,
      );
    } else if (contact.companies.some((c) => c.primary) && wanted[0] !== thena.accountIds[0]) {
      problems.push(
        `${name} accounts: the primary company is not first in Thena [${thena.accountIds.join(', ')}]`,
      );
    }
  }

  // Orphans: a live Thena record no live link accounts for.
  for (const [id, account] of thenaAccounts) {
    if (!thenaTaken.companies.has(id))
      problems.push(`Thena account ${id} (${account.primaryDomain}) has no link`);
  }
  for (const [id, contact] of thenaContacts) {
    if (!thenaTaken.contacts.has(id)) problems.push(`Thena contact ${id} (${contact.email}) has no link`);
  }

  const db = stack.runtime.store.db;
  const backlog = await db
    .selectFrom('webhook_inbox')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('installation_id', '=', target.installationId)
    .where('processed_at', 'is', null)
    .executeTakeFirstOrThrow();
  report.inboxBacklog = Number(backlog.n);
  if (report.inboxBacklog > 0) problems.push(`${report.inboxBacklog} inbox items were never processed`);
  const dead = await db
    .selectFrom('jobs')
    .select(['id', 'kind', 'last_error'])
    .where('state', '=', 'dead')
    .execute();
  report.deadJobs = dead.length;
  for (const job of dead) problems.push(`job ${job.id} (${job.kind}) gave up: ${job.last_error}`);
  return report;
}

/** With FAULT_FIGURES=<file>, each check appends its figures there (totals for a run's report). */
export function noteFigures(figures: Record<string, unknown>): void {
  const file = process.env.FAULT_FIGURES;
  if (file === undefined || file === '') return;
  const test = expect.getState().currentTestName ?? 'outside a test';
  appendFileSync(file, `${JSON.stringify({ test, ...figures })}\n`);
}

/** Fails the test with every problem listed; returns the report for the scenario's own figures. */
export async function expectConsistent(
  stack: CheckedStack,
  target: ConsistencyTarget,
): Promise<ConsistencyReport> {
  const report = await checkConsistency(stack, target);
  expect(report.problems, `inconsistent after the scenario:\n${report.problems.join('\n')}`).toEqual([]);
  expect(report.contacts + report.companies).toBeGreaterThan(0);
  noteFigures({
    contacts: report.contacts,
    companies: report.companies,
    links: report.links,
    values: report.values,
  });
  return report;
}
