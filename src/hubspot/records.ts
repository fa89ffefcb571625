// SDK objects to the core's HubSpotRecord and HubSpotProperty.
import type { CompanyAssociation, HubSpotRecord, HubSpotValues } from '../sync/hubspot-port.ts';
import type { HubSpotProperty } from '../sync/properties.ts';

interface SdkAssociationRef {
  id: string;
  type: string;
}

export interface SdkObject {
  id: string;
  properties: Record<string, string | null>;
  createdAt: Date;
  updatedAt: Date;
  archived?: boolean;
  associations?: Record<string, { results: SdkAssociationRef[] }>;
}

/** v3 inline associations list a primary company twice: once primary, once unlabeled. */
export function companiesFromInline(refs: readonly SdkAssociationRef[]): CompanyAssociation[] {
  const byId = new Map<string, boolean>();
  for (const ref of refs) {
    const primary = ref.type === 'contact_to_company' || ref.type === 'company_to_contact';
    byId.set(ref.id, (byId.get(ref.id) ?? false) || primary);
  }
  return primaryFirst([...byId].map(([companyId, primary]) => ({ companyId, primary })));
}

export function primaryFirst(list: CompanyAssociation[]): CompanyAssociation[] {
  return list.sort(
    (a, b) => Number(b.primary) - Number(a.primary) || Number(a.companyId) - Number(b.companyId),
  );
}

export function toRecord(object: SdkObject, withCompanies: boolean): HubSpotRecord {
  const properties: HubSpotValues = {};
  for (const [name, value] of Object.entries(object.properties ?? {})) properties[name] = value ?? null;
  const record: HubSpotRecord = {
    id: String(object.id),
    properties,
    createdAt: new Date(object.createdAt).getTime(),
    updatedAt: new Date(object.updatedAt).getTime(),
    archived: object.archived ?? false,
  };
  if (withCompanies) record.companies = companiesFromInline(object.associations?.companies?.results ?? []);
  return record;
}

interface SdkProperty {
  name: string;
  label: string;
  type: string;
  fieldType: string;
  groupName: string;
  description?: string;
  options?: { label: string; value: string; hidden?: boolean }[];
  calculated?: boolean;
  hubspotDefined?: boolean;
  hasUniqueValue?: boolean;
  showCurrencySymbol?: boolean;
  externalOptions?: boolean;
  textDisplayHint?: string;
  hidden?: boolean;
  modificationMetadata?: { readOnlyValue?: boolean };
}

export function toProperty(p: SdkProperty): HubSpotProperty {
  const property: HubSpotProperty = {
    name: p.name,
    label: p.label,
    type: p.type,
    fieldType: p.fieldType,
    groupName: p.groupName,
    options: (p.options ?? []).map((o) => ({
      label: o.label,
      value: o.value,
      ...(o.hidden ? { hidden: true } : {}),
    })),
  };
  if (p.description) property.description = p.description;
  if (p.calculated !== undefined) property.calculated = p.calculated;
  if (p.modificationMetadata?.readOnlyValue !== undefined)
    property.readOnlyValue = p.modificationMetadata.readOnlyValue;
  if (p.hubspotDefined !== undefined) property.hubspotDefined = p.hubspotDefined;
  if (p.hasUniqueValue !== undefined) property.hasUniqueValue = p.hasUniqueValue;
  if (p.showCurrencySymbol !== undefined) property.showCurrencySymbol = p.showCurrencySymbol;
  if (p.externalOptions !== undefined) property.externalOptions = p.externalOptions;
  if (p.textDisplayHint !== undefined) property.textDisplayHint = p.textDisplayHint;
  return property;
}
