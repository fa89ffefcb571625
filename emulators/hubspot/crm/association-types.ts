// Association type ids between contacts and companies, in both directions, and their names.
// HubSpot: contact -> company 279 (unlabeled) and 1 (Primary); company -> contact 280 and 2.
import {
  COMPANY_TO_CONTACT,
  CONTACT_TO_COMPANY,
  PRIMARY_COMPANY_TO_CONTACT,
  PRIMARY_CONTACT_TO_COMPANY,
} from '../state/associations.ts';
import type { Portal } from '../state/portal.ts';
import type { ObjectTypeName } from './object-types.ts';

export type AssociationCategory = 'HUBSPOT_DEFINED' | 'USER_DEFINED' | 'INTEGRATOR_DEFINED' | 'WORK';

export interface TypeDescription {
  category: AssociationCategory;
  typeId: number;
  label?: string;
}

/** Converts a type id seen from `from` into the stored contact -> company id. */
export function toStoredType(portal: Portal, from: ObjectTypeName, typeId: number): number | undefined {
  if (from === 'contacts') {
    if (typeId === CONTACT_TO_COMPANY || typeId === PRIMARY_CONTACT_TO_COMPANY) return typeId;
    return portal.labels.find((l) => l.contactToCompany === typeId)?.contactToCompany;
  }
  if (typeId === COMPANY_TO_CONTACT) return CONTACT_TO_COMPANY;
  if (typeId === PRIMARY_COMPANY_TO_CONTACT) return PRIMARY_CONTACT_TO_COMPANY;
  return portal.labels.find((l) => l.companyToContact === typeId)?.contactToCompany;
}

/** The category a type id belongs to, as callers must send it. */
export function categoryOf(
  portal: Portal,
  from: ObjectTypeName,
  typeId: number,
): AssociationCategory | undefined {
  if (toStoredType(portal, from, typeId) === undefined) return undefined;
  const builtIn = [
    CONTACT_TO_COMPANY,
    PRIMARY_CONTACT_TO_COMPANY,
    COMPANY_TO_CONTACT,
    PRIMARY_COMPANY_TO_CONTACT,
  ];
  return builtIn.includes(typeId) ? 'HUBSPOT_DEFINED' : 'USER_DEFINED';
}

/** Describes a stored contact -> company id as seen from `from`. */
export function describeStored(portal: Portal, from: ObjectTypeName, stored: number): TypeDescription {
  const contactSide = from === 'contacts';
  if (stored === CONTACT_TO_COMPANY) {
    return { category: 'HUBSPOT_DEFINED', typeId: contactSide ? CONTACT_TO_COMPANY : COMPANY_TO_CONTACT };
  }
  if (stored === PRIMARY_CONTACT_TO_COMPANY) {
    return {
      category: 'HUBSPOT_DEFINED',
      typeId: contactSide ? PRIMARY_CONTACT_TO_COMPANY : PRIMARY_COMPANY_TO_CONTACT,
      label: 'Primary',
    };
  }
  const label = portal.labels.find((l) => l.contactToCompany === stored);
  if (!label) return { category: 'USER_DEFINED', typeId: stored };
  return {
    category: 'USER_DEFINED',
    typeId: contactSide ? label.contactToCompany : label.companyToContact,
    label: contactSide ? label.label : (label.inverseLabel ?? label.label),
  };
}

/** The `type` string of a v3 `associations=` read, e.g. `contact_to_company_unlabeled`. */
export function v3TypeName(portal: Portal, from: ObjectTypeName, stored: number): string {
  const base = from === 'contacts' ? 'contact_to_company' : 'company_to_contact';
  if (stored === PRIMARY_CONTACT_TO_COMPANY) return base;
  if (stored === CONTACT_TO_COMPANY) return `${base}_unlabeled`;
  const label = portal.labels.find((l) => l.contactToCompany === stored);
  return label ? label.name : `${base}_${stored}`;
}
