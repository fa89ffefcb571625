// Seeds a portal: custom properties of every type, companies with domains, contacts with unique
// emails linked to those companies (most with a primary company, some with a second one).
// Deterministic: the same seed gives the same records.
import { COMPANIES, CONTACTS } from '../crm/object-types.ts';
import type { Portal } from '../state/portal.ts';
import { CUSTOM_GROUP, customPropertyDefinitions } from './custom-properties.ts';
import { SeedSegment } from './segment.ts';

export interface SeedRequest {
  contacts?: number;
  companies?: number;
  seed?: number;
  /** Create the custom properties and give seeded records values for them (default true). */
  customProperties?: boolean;
}

export interface SeedResult {
  contacts: { firstId: number; lastId: number; count: number } | undefined;
  companies: { firstId: number; lastId: number; count: number } | undefined;
}

const TWO_YEARS = 730 * 86_400_000;

export function ensureCustomProperties(portal: Portal, now: number): void {
  for (const type of [CONTACTS, COMPANIES]) {
    const registry = portal.properties(type);
    if (!registry.group(CUSTOM_GROUP.name)) registry.createGroup({ ...CUSTOM_GROUP });
    for (const def of customPropertyDefinitions(type.name, now))
      if (!registry.get(def.name)) registry.define(def);
  }
}

export function seedPortal(portal: Portal, request: SeedRequest, now: number): SeedResult {
  const custom = request.customProperties ?? true;
  const seed = request.seed ?? 1;
  if (custom) ensureCustomProperties(portal, now);
  const owners = portal.owners.map(({ ownerId, userId }) => ({ ownerId, userId }));
  let companySegment = portal.companies.segmentList().at(-1);
  let companies: SeedResult['companies'];
  const companyCount = request.companies ?? 0;
  if (companyCount > 0) {
    companySegment = new SeedSegment({
      type: 'companies',
      baseId: portal.companies.nextId,
      count: companyCount,
      ordinalBase: portal.companies.reserveOrdinals(companyCount),
      seed: seed * 7919 + 2,
      seededAt: now,
      spanMs: TWO_YEARS,
      owners,
      customProperties: custom,
    });
    portal.companies.addSegment(companySegment);
    companies = { firstId: companySegment.baseId, lastId: companySegment.endId - 1, count: companyCount };
  }
  let contacts: SeedResult['contacts'];
  const contactCount = request.contacts ?? 0;
  if (contactCount > 0) {
    const segment = new SeedSegment({
      type: 'contacts',
      baseId: portal.contacts.nextId,
      count: contactCount,
      ordinalBase: portal.contacts.reserveOrdinals(contactCount),
      seed: seed * 7919 + 1,
      seededAt: now,
      spanMs: TWO_YEARS,
      owners,
      customProperties: custom,
      ...(companySegment ? { companies: companySegment } : {}),
    });
    portal.contacts.addSegment(segment);
    contacts = { firstId: segment.baseId, lastId: segment.endId - 1, count: contactCount };
  }
  return { contacts, companies };
}
