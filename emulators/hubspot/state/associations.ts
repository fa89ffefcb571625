// Contact <-> company associations of one portal. Every association is kept once, in the
// contact -> company direction, as the set of type ids that link the pair (279 unlabeled, 1
// primary, custom label ids); the company -> contact view is derived (280, 2, inverse labels).
// Seeded contacts' links come from their block's formula until something changes them, at which
// point the contact's links are copied into the explicit maps.
import type { SeedSegment } from '../seed/segment.ts';
import type { ObjectStore } from './object-store.ts';

export const CONTACT_TO_COMPANY = 279;
export const COMPANY_TO_CONTACT = 280;
export const PRIMARY_CONTACT_TO_COMPANY = 1;
export const PRIMARY_COMPANY_TO_CONTACT = 2;

export interface LinkChange {
  contactId: number;
  companyId: number;
  /** In the contact -> company direction. */
  typeId: number;
}

type Links = Map<number, Set<number>>;

export class AssociationStore {
  private readonly byContact = new Map<number, Links>();
  private readonly byCompany = new Map<number, Links>();
  /** Seeded contacts whose links now live in the explicit maps. */
  private readonly copied = new Set<number>();

  constructor(
    private readonly contacts: ObjectStore,
    private readonly companies: ObjectStore,
  ) {}

  /** Companies linked to a contact, with the contact -> company type ids of each link. */
  companiesOf(contactId: number): Links {
    const explicit = this.byContact.get(contactId);
    if (this.copied.has(contactId)) return cloneLinks(explicit);
    const seeded = this.seededCompaniesOf(contactId);
    return seeded ?? cloneLinks(explicit);
  }

  /** Contacts linked to a company, with the contact -> company type ids of each link. */
  contactsOf(companyId: number): Links {
    const links = cloneLinks(this.byCompany.get(companyId));
    const companySegment = this.companies.segmentOf(companyId);
    if (!companySegment) return links;
    const companyIndex = companyId - companySegment.baseId;
    for (const segment of this.contacts.segmentList()) {
      if (segment.spec.companies !== companySegment) continue;
      for (const { index, primary } of segment.contactsOfCompany(companyIndex)) {
        const contactId = segment.baseId + index;
        if (this.copied.has(contactId)) continue;
        links.set(
          contactId,
          new Set(primary ? [PRIMARY_CONTACT_TO_COMPANY, CONTACT_TO_COMPANY] : [CONTACT_TO_COMPANY]),
        );
      }
    }
    return links;
  }

  /**
   * Adds type ids to a pair. A primary link also gets the unlabeled one, and a contact keeps one
   * primary company: giving it another demotes the old one to unlabeled.
   */
  add(
    contactId: number,
    companyId: number,
    typeIds: readonly number[],
  ): { added: LinkChange[]; removed: LinkChange[] } {
    this.copySeeded(contactId);
    const wanted = new Set(typeIds);
    if (wanted.has(PRIMARY_CONTACT_TO_COMPANY)) wanted.add(CONTACT_TO_COMPANY);
    const removed: LinkChange[] = [];
    if (wanted.has(PRIMARY_CONTACT_TO_COMPANY)) {
      for (const [otherCompany, types] of this.byContact.get(contactId) ?? []) {
        if (otherCompany !== companyId && types.delete(PRIMARY_CONTACT_TO_COMPANY)) {
          removed.push({ contactId, companyId: otherCompany, typeId: PRIMARY_CONTACT_TO_COMPANY });
        }
      }
    }
    const types = this.explicitTypes(contactId, companyId);
    const added: LinkChange[] = [];
    // Unlabeled first, so listeners see the plain link before its primary flag.
    for (const typeId of [...wanted].sort((a, b) =>
      a === CONTACT_TO_COMPANY ? -1 : b === CONTACT_TO_COMPANY ? 1 : a - b,
    )) {
      if (!types.has(typeId)) {
        types.add(typeId);
        added.push({ contactId, companyId, typeId });
      }
    }
    return { added, removed };
  }

  /** Removes the given type ids (all of them when omitted) from a pair. */
  remove(contactId: number, companyId: number, typeIds?: readonly number[]): LinkChange[] {
    this.copySeeded(contactId);
    const types = this.byContact.get(contactId)?.get(companyId);
    if (!types) return [];
    const removing = typeIds ? new Set(typeIds) : new Set(types);
    // Removing the unlabeled link removes the pair, primary included.
    if (removing.has(CONTACT_TO_COMPANY)) for (const t of types) removing.add(t);
    const removed: LinkChange[] = [];
    for (const typeId of [...removing].sort((a, b) => b - a)) {
      if (types.delete(typeId)) removed.push({ contactId, companyId, typeId });
    }
    if (types.size === 0) this.dropPair(contactId, companyId);
    return removed;
  }

  /** Copies a seeded contact's formula links into the explicit maps before they change. */
  copySeeded(contactId: number): void {
    if (this.copied.has(contactId)) return;
    const seeded = this.seededCompaniesOf(contactId);
    if (!seeded) return;
    this.copied.add(contactId);
    for (const [companyId, types] of seeded) {
      const explicit = this.explicitTypes(contactId, companyId);
      for (const t of types) explicit.add(t);
    }
  }

  private seededCompaniesOf(contactId: number): Links | undefined {
    const segment = this.contacts.segmentOf(contactId);
    if (!segment?.spec.companies) return undefined;
    return seededLinks(segment, contactId - segment.baseId, segment.spec.companies);
  }

  private explicitTypes(contactId: number, companyId: number): Set<number> {
    let forContact = this.byContact.get(contactId);
    if (!forContact) {
      forContact = new Map();
      this.byContact.set(contactId, forContact);
    }
    let types = forContact.get(companyId);
    if (!types) {
      types = new Set();
      forContact.set(companyId, types);
      let forCompany = this.byCompany.get(companyId);
      if (!forCompany) {
        forCompany = new Map();
        this.byCompany.set(companyId, forCompany);
      }
      // Both maps share the same Set, so one update is seen from either side.
      forCompany.set(contactId, types);
    }
    return types;
  }

  private dropPair(contactId: number, companyId: number): void {
    this.byContact.get(contactId)?.delete(companyId);
    this.byCompany.get(companyId)?.delete(contactId);
  }
}

function seededLinks(segment: SeedSegment, index: number, companies: SeedSegment): Links {
  const links: Links = new Map();
  const primary = segment.primaryCompany(index);
  if (primary >= 0)
    links.set(companies.baseId + primary, new Set([PRIMARY_CONTACT_TO_COMPANY, CONTACT_TO_COMPANY]));
  const secondary = segment.secondaryCompany(index);
  if (secondary >= 0 && secondary !== primary)
    links.set(companies.baseId + secondary, new Set([CONTACT_TO_COMPANY]));
  return links;
}

function cloneLinks(links: Links | undefined): Links {
  const copy: Links = new Map();
  for (const [id, types] of links ?? []) if (types.size > 0) copy.set(id, new Set(types));
  return copy;
}
