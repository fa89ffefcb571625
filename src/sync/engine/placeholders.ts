// Thena requires a contact's first name and an account's name; HubSpot requires neither. A new
// Thena record gets a stand-in (the email's local part, the domain), and the stand-in is not
// mistaken later for a Thena edit to send back to HubSpot.
import type { CanonicalValues } from '../mapping.ts';
import type { ObjectType } from '../model.ts';
import type { ThenaRecordWrite } from '../thena-port.ts';

const blank = (value: unknown): boolean => value === null || value === undefined || value === '';

function standIn(
  objectType: ObjectType,
  hubspot: CanonicalValues,
): { property: string; field: string; value: string } | null {
  if (objectType === 'contacts') {
    const email = typeof hubspot.email === 'string' ? hubspot.email : '';
    return { property: 'firstname', field: 'firstName', value: email.split('@')[0] || email || 'Unknown' };
  }
  const domain = typeof hubspot.domain === 'string' ? hubspot.domain : '';
  return domain === '' ? null : { property: 'name', field: 'name', value: domain };
}

/** A create that Thena will accept: required fields HubSpot left empty get their stand-in. */
export function withRequiredFields(
  objectType: ObjectType,
  write: ThenaRecordWrite,
  hubspot: CanonicalValues,
): ThenaRecordWrite {
  const stand = standIn(objectType, hubspot);
  if (stand === null || !blank(write.fields[stand.field])) return write;
  return { ...write, fields: { ...write.fields, [stand.field]: stand.value } };
}

/** Thena's values with a stand-in read as the blank it stands for. */
export function withoutStandIns(
  objectType: ObjectType,
  thena: CanonicalValues,
  hubspot: CanonicalValues,
): CanonicalValues {
  const stand = standIn(objectType, hubspot);
  if (stand === null || !blank(hubspot[stand.property]) || thena[stand.property] !== stand.value)
    return thena;
  return { ...thena, [stand.property]: null };
}
