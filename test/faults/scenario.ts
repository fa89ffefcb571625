// A fault scenario's stage: a small stack, installed and synced, and a stream of changes made "by
// users" on both sides. Every change is remembered, so the end of a scenario can prove that the
// last value written on either side is what both sides hold: nothing lost, nothing reverted.
import { Client } from '@hubspot/api-client';
import { expect } from 'vitest';
import { settle } from '../helpers/settle.ts';
import { startStack, type Stack, type StackOptions } from '../helpers/stack.ts';
import { expectConsistent, noteFigures, type ConsistencyReport } from './consistency.ts';

export interface Scenario {
  stack: Stack;
  orgId: string;
  installationId: string;
  botToken: string;
  /** The org's HubSpot portal and its private-app token, when not the stack's seeded one. */
  portalId?: number;
  hubspotToken?: string;
}

export const SMALL_SEED = { contacts: 40, companies: 8 };

/** A stack with a small seeded portal, installed; waits for the first backfill unless told not to. */
export async function startScenario(
  options: StackOptions & {
    waitForBackfill?: boolean;
    /** Runs once the stack is up, before the app is installed (e.g. to inject faults). */
    beforeInstall?: (stack: Stack) => void | Promise<void>;
  } = {},
): Promise<Scenario> {
  const { waitForBackfill = true, beforeInstall, ...stackOptions } = options;
  const stack = await startStack({ seed: SMALL_SEED, ...stackOptions });
  try {
    await beforeInstall?.(stack);
    const { orgId, installation, botToken } = await stack.install();
    if (waitForBackfill) await settle(stack, 60_000);
    return { stack, orgId, installationId: installation.id, botToken };
  } catch (err) {
    await stack.close();
    throw err;
  }
}

/** A deterministic pseudo-random sequence (mulberry32), so a failing run can be replayed. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Expectation {
  /** `hubspot:<id>` or `thena:<id>` or `email:<address>`. */
  key: string;
  objectType: 'contacts' | 'companies';
  side: 'hubspot' | 'thena';
  /** HubSpot property and its expected value (Thena's field holds the same). */
  property: 'lastname' | 'name' | 'firstname';
  value: string;
  email?: string;
  domain?: string;
}

/**
 * Changes made by users while the sync runs: HubSpot edits one half of the contacts, Thena the
 * other half, so no two edits conflict and the last one on each record must win everywhere.
 */
export class Changes {
  readonly #scenario: Scenario;
  readonly #random: () => number;
  readonly #expected = new Map<string, Expectation>();
  #hubspotContacts: string[] = [];
  #thenaContacts: string[] = [];
  #hubspotCompanies: string[] = [];
  #thenaAccounts: string[] = [];
  #counter = 0;
  made = { hubspot: 0, thena: 0 };

  readonly #distinct: boolean;

  /**
   * `distinct`: every existing record is edited at most once (scenarios where a commit may fail
   * between a remote write and its record: see the "commit" fault scenario for repeated edits).
   */
  constructor(scenario: Scenario, seed = 1, options: { distinct?: boolean } = {}) {
    this.#scenario = scenario;
    this.#random = seeded(seed);
    this.#distinct = options.distinct ?? false;
  }

  /** Splits the synced records between the two sides (call once the first backfill is done). */
  async prepare(): Promise<this> {
    const { stack, installationId } = this.#scenario;
    const links = await stack.runtime.store.db
      .selectFrom('record_links')
      .select(['object_type', 'hubspot_id', 'thena_id'])
      .where('installation_id', '=', installationId)
      .where('hubspot_deleted_at', 'is', null)
      .where('thena_deleted_at', 'is', null)
      .orderBy('hubspot_id')
      .execute();
    links.forEach((link, index) => {
      const hubspotSide = index % 2 === 0;
      if (link.object_type === 'contacts') {
        if (hubspotSide) this.#hubspotContacts.push(link.hubspot_id);
        else this.#thenaContacts.push(link.thena_id);
      } else if (hubspotSide) this.#hubspotCompanies.push(link.hubspot_id);
      else this.#thenaAccounts.push(link.thena_id);
    });
    if (this.#hubspotContacts.length === 0 || this.#thenaContacts.length === 0)
      throw new Error('nothing was synced to change');
    return this;
  }

  get #portalId(): number {
    return this.#scenario.portalId ?? this.#scenario.stack.portalId;
  }

  #pick<T>(items: T[]): T {
    const index = Math.floor(this.#random() * items.length);
    const item = items[index]!;
    if (this.#distinct) items.splice(index, 1);
    return item;
  }

  #pickFor<T>(items: T[]): T {
    return items[Math.floor(this.#random() * items.length)]!;
  }

  #label(prefix: string): string {
    this.#counter++;
    return `${prefix}${this.#counter}`;
  }

  /** One change on a random side, of a random kind. */
  one(): void {
    const roll = this.#random();
    if (roll < 0.35) this.hubspotEdit();
    else if (roll < 0.7) this.thenaEdit();
    else if (roll < 0.78) this.hubspotCreate();
    else if (roll < 0.86) this.thenaCreate();
    else if (roll < 0.93) this.hubspotCompanyEdit();
    else this.thenaAccountEdit();
  }

  many(count: number): void {
    for (let i = 0; i < count; i++) this.one();
  }

  hubspotEdit(): void {
    if (this.#hubspotContacts.length === 0) return this.hubspotCreate();
    const { stack } = this.#scenario;
    const id = this.#pick(this.#hubspotContacts);
    const value = this.#label('Hs');
    stack.hubspot.control.uiUpdate(this.#portalId, 'contacts', Number(id), {
      properties: { lastname: value },
    });
    this.#expect({
      key: `hubspot:${id}`,
      objectType: 'contacts',
      side: 'hubspot',
      property: 'lastname',
      value,
    });
  }

  thenaEdit(): void {
    if (this.#thenaContacts.length === 0) return this.thenaCreate();
    const { stack, orgId } = this.#scenario;
    const id = this.#pick(this.#thenaContacts);
    const value = this.#label('Th');
    stack.thena.asUser(orgId).updateContact(id, { lastName: value });
    this.#expect({ key: `thena:${id}`, objectType: 'contacts', side: 'thena', property: 'lastname', value });
  }

  hubspotCreate(): void {
    const { stack } = this.#scenario;
    const value = this.#label('NewHs');
    const email = `${value.toLowerCase()}@hubspot-made.example`;
    const created = stack.hubspot.control.uiCreate(this.#portalId, 'contacts', {
      properties: { email, firstname: 'Made', lastname: value },
    });
    if (this.#hubspotCompanies.length > 0) {
      stack.hubspot.control.uiAssociate(
        this.#portalId,
        Number(created.id),
        Number(this.#pickFor(this.#hubspotCompanies)),
        { primary: true },
      );
    }
    if (!this.#distinct) this.#hubspotContacts.push(String(created.id));
    this.#expect({
      key: `hubspot:${String(created.id)}`,
      objectType: 'contacts',
      side: 'hubspot',
      property: 'lastname',
      value,
      email,
    });
  }

  thenaCreate(): void {
    const { stack, orgId } = this.#scenario;
    const value = this.#label('NewTh');
    const email = `${value.toLowerCase()}@thena-made.example`;
    const accountIds = this.#thenaAccounts.length > 0 ? [this.#pickFor(this.#thenaAccounts)] : [];
    const created = stack.thena
      .asUser(orgId)
      .createContact({ firstName: 'Made', lastName: value, email, accountIds });
    if (!this.#distinct) this.#thenaContacts.push(String(created.id));
    this.#expect({
      key: `thena:${String(created.id)}`,
      objectType: 'contacts',
      side: 'thena',
      property: 'lastname',
      value,
      email,
    });
  }

  hubspotCompanyEdit(): void {
    if (this.#hubspotCompanies.length === 0) return this.hubspotEdit();
    const { stack } = this.#scenario;
    const id = this.#pick(this.#hubspotCompanies);
    const value = this.#label('Company Hs ');
    stack.hubspot.control.uiUpdate(this.#portalId, 'companies', Number(id), { properties: { name: value } });
    this.#expect({ key: `hubspot:${id}`, objectType: 'companies', side: 'hubspot', property: 'name', value });
  }

  thenaAccountEdit(): void {
    if (this.#thenaAccounts.length === 0) return this.thenaEdit();
    const { stack, orgId } = this.#scenario;
    const id = this.#pick(this.#thenaAccounts);
    const value = this.#label('Account Th ');
    stack.thena.asUser(orgId).updateAccount(id, { name: value });
    this.#expect({ key: `thena:${id}`, objectType: 'companies', side: 'thena', property: 'name', value });
  }

  #expect(expectation: Expectation): void {
    this.#expected.set(`${expectation.key}:${expectation.property}`, expectation);
    this.made[expectation.side]++;
  }

  get expectations(): number {
    return this.#expected.size;
  }

  /** Each changed record holds its last value on both sides; returns the records checked. */
  async expectLanded(): Promise<number> {
    const lost = await this.unlanded();
    expect(lost, `changes lost or reverted:\n${lost.join('\n')}`).toEqual([]);
    noteFigures({ changes: this.#expected.size });
    return this.#expected.size;
  }

  /** The changes whose last value is not on both sides, each described. */
  async unlanded(): Promise<string[]> {
    const { stack, orgId, installationId } = this.#scenario;
    const org = stack.thena.platform.org(orgId)!;
    const client = new Client({
      accessToken: this.#scenario.hubspotToken ?? stack.hubspotToken,
      basePath: stack.hubspot.url,
    });
    const hubspot = new Map<string, Record<string, string | null | undefined>>();
    for (const c of await client.crm.contacts.getAll(100, undefined, ['lastname', 'email']))
      hubspot.set(`contacts:${c.id}`, c.properties);
    for (const c of await client.crm.companies.getAll(100, undefined, ['name', 'domain']))
      hubspot.set(`companies:${c.id}`, c.properties);
    const lost: string[] = [];
    for (const e of this.#expected.values()) {
      const [side, id] = e.key.split(':') as ['hubspot' | 'thena', string];
      const ids = side === 'hubspot' ? [id] : [];
      const links =
        side === 'hubspot'
          ? await stack.runtime.store.links.byHubSpotIds(installationId, e.objectType, ids)
          : await stack.runtime.store.links.byThenaIds(installationId, e.objectType, [id]);
      const link = links.get(id);
      const hubspotId = side === 'hubspot' ? id : link?.hubspotId;
      const thenaId = side === 'thena' ? id : link?.thenaId;
      const thena =
        thenaId === undefined
          ? undefined
          : e.objectType === 'contacts'
            ? org.contacts.get(thenaId)
            : org.accounts.get(thenaId);
      const thenaValue =
        thena === undefined
          ? undefined
          : e.objectType === 'contacts'
            ? (thena as { lastName: string | null }).lastName
            : (thena as { name: string }).name;
      const hubspotValue =
        hubspotId === undefined ? undefined : hubspot.get(`${e.objectType}:${hubspotId}`)?.[e.property];
      if (thenaValue !== e.value || hubspotValue !== e.value) {
        lost.push(
          `${e.objectType} ${e.key} (${e.side} wrote ${e.property}=${e.value}): HubSpot ${hubspotId ?? '-'} has ${String(hubspotValue)}, Thena ${thenaId ?? '-'} has ${String(thenaValue)}`,
        );
      }
    }
    return lost;
  }
}

/** The scenario's end: quiet, consistent, and every change where it belongs. */
export async function expectSurvived(
  scenario: Scenario,
  changes?: Changes,
  timeoutMs = 60_000,
): Promise<ConsistencyReport & { changes: number }> {
  await settle(scenario.stack, timeoutMs);
  const report = await expectConsistent(scenario.stack, scenario);
  const landed = changes === undefined ? 0 : await changes.expectLanded();
  return { ...report, changes: landed };
}

/** A second Thena org connected to a second HubSpot portal, through the same OAuth routes. */
export async function secondTenant(stack: Stack): Promise<Scenario> {
  const portal = stack.hubspot.control.createPortal({
    installApps: [],
    seed: { contacts: 20, companies: 4, seed: 2 },
  });
  const app = stack.thena.install();
  await stack.thena.waitForDeliveries(10_000);
  const start = await fetch(stack.runtime.services.installations.installUrl(app.organizationId), {
    redirect: 'manual',
  });
  // The consent page of the other portal (the stack's authorize URL names the first one).
  const consentUrl = start.headers
    .get('location')!
    .replace(`/oauth/${stack.portalId}/`, `/oauth/${portal.portalId}/`);
  const consent = await fetch(consentUrl, { redirect: 'manual' });
  const callback = await fetch(consent.headers.get('location')!, { redirect: 'manual' });
  expect(callback.status).toBe(302);
  const installation = (await stack.runtime.store.installations.getByOrg(app.organizationId))!;
  expect(installation.portalId).toBe(String(portal.portalId));
  return {
    stack,
    orgId: app.organizationId,
    installationId: installation.id,
    botToken: app.botToken,
    portalId: portal.portalId,
    hubspotToken: portal.accessToken,
  };
}
