// A contact's companies travel as one more field: HubSpot's associations on one side, the Thena
// contact's accountIds on the other, both spelled in Thena account ids so the merge compares them.
// A company not synced (filtered out, or not yet) cannot be linked: it is reported, not invented.
import type { FieldMapping } from '../mapping.ts';
import type { AssociationChange, CompanyAssociation, HubSpotRecord } from '../hubspot-port.ts';
import type { ConflictPolicy } from '../settings.ts';
import type { StreamContext } from './context.ts';

export const ACCOUNTS_FIELD = '__accounts';

export function accountsField(policy: ConflictPolicy): FieldMapping {
  return {
    property: {
      name: ACCOUNTS_FIELD,
      label: 'Companies',
      type: 'enumeration',
      fieldType: 'checkbox',
      groupName: 'associations',
      options: [],
    },
    target: { kind: 'custom', fieldName: 'Accounts', fieldType: 'multi_choice' },
    fieldType: 'multi_choice',
    direction: 'both',
    policy,
    fieldId: null,
  };
}

export interface ContactCompanies {
  /** Thena account ids of the linked companies, primary first. */
  thenaIds: string[];
  /** HubSpot companies with no Thena account (not synced). */
  unlinked: string[];
  /** The HubSpot associations as read. */
  associations: CompanyAssociation[];
}

/** Each contact's companies, read inline from the list call or fetched with one batch call. */
export async function companiesOf(
  ctx: StreamContext,
  records: readonly HubSpotRecord[],
): Promise<Map<string, ContactCompanies>> {
  const missing = records.filter((r) => r.companies === undefined).map((r) => r.id);
  const fetched =
    missing.length > 0
      ? await ctx.hubspot.companiesOfContacts(missing)
      : new Map<string, CompanyAssociation[]>();
  const associations = new Map(records.map((r) => [r.id, r.companies ?? fetched.get(r.id) ?? []]));
  const companyIds = [...new Set([...associations.values()].flat().map((a) => a.companyId))];
  const links = await ctx.deps.store.links.byHubSpotIds(ctx.installation.id, 'companies', companyIds);
  const out = new Map<string, ContactCompanies>();
  for (const [contactId, list] of associations) {
    const thenaIds: string[] = [];
    const unlinked: string[] = [];
    for (const association of list) {
      const link = links.get(association.companyId);
      if (link === undefined || link.hubspotDeletedAt !== null) unlinked.push(association.companyId);
      else if (!thenaIds.includes(link.thenaId)) thenaIds.push(link.thenaId);
    }
    out.set(contactId, { thenaIds, unlinked, associations: list });
  }
  return out;
}

/** The HubSpot association changes that make a contact's companies match `thenaIds`. */
export async function associationChanges(
  ctx: StreamContext,
  contactId: string,
  current: readonly CompanyAssociation[],
  thenaIds: readonly string[],
): Promise<{
  add: AssociationChange[];
  remove: { contactId: string; companyId: string }[];
  unlinked: string[];
}> {
  const wanted = await ctx.deps.store.links.byThenaIds(ctx.installation.id, 'companies', thenaIds);
  const wantedIds = thenaIds
    .map((id) => wanted.get(id)?.hubspotId)
    .filter((id): id is string => id !== undefined);
  const unlinked = thenaIds.filter((id) => !wanted.has(id));
  const currentIds = new Set(current.map((a) => a.companyId));
  const linkedCurrent = await ctx.deps.store.links.byHubSpotIds(ctx.installation.id, 'companies', [
    ...currentIds,
  ]);
  const hasPrimary = current.some((a) => a.primary);
  const add = wantedIds
    .filter((id) => !currentIds.has(id))
    .map((companyId, index) => ({ contactId, companyId, primary: !hasPrimary && index === 0 }));
  // Only associations with synced companies are ours to remove; the rest are HubSpot's business.
  const remove = [...currentIds]
    .filter((id) => linkedCurrent.has(id) && !wantedIds.includes(id))
    .map((companyId) => ({ contactId, companyId }));
  return { add, remove, unlinked };
}
