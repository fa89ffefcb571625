// The HubSpotPort on the official SDK: CRM objects, search, properties and associations of one
// installation's portal, every call paced and recovered by the caller.
import type { Client } from '@hubspot/api-client';
import { AssociationSpecAssociationCategoryEnum } from '@hubspot/api-client/lib/codegen/crm/associations/v4/models/AssociationSpec.js';
import { FilterOperatorEnum } from '@hubspot/api-client/lib/codegen/crm/objects/models/Filter.js';
import type {
  AssociationChange,
  HubSpotRecord,
  BatchReadResult,
  CompanyAssociation,
  HubSpotPort,
  HubSpotWrite,
  HubSpotWriteResult,
  ListPageRequest,
  RecordPage,
  SearchPage,
  SearchRequest,
} from '../sync/hubspot-port.ts';
import type { HubSpotObjectType, HubSpotProperty } from '../sync/properties.ts';
import type { HubSpotCaller, HttpInfo } from './caller.ts';
import { primaryFirst, toProperty, toRecord, type SdkObject } from './records.ts';
import { writeBatch } from './writes.ts';

export const MODIFIED_PROPERTY: Record<HubSpotObjectType, string> = {
  contacts: 'lastmodifieddate',
  companies: 'hs_lastmodifieddate',
};

const CONTACT_TO_COMPANY = 279;
const PRIMARY_CONTACT_TO_COMPANY = 1;
const HUBSPOT_DEFINED = AssociationSpecAssociationCategoryEnum.HubspotDefined;

type Api = Client['crm']['contacts'] | Client['crm']['companies'];

function api(client: Client, objectType: HubSpotObjectType): Api {
  return objectType === 'contacts' ? client.crm.contacts : client.crm.companies;
}

function errorIds(errors: readonly { context?: Record<string, string[]> }[] | undefined): string[] {
  return (errors ?? []).flatMap((e) => e.context?.ids ?? []);
}

export class HubSpotCrm implements HubSpotPort {
  constructor(private readonly caller: HubSpotCaller) {}

  async listProperties(objectType: HubSpotObjectType): Promise<HubSpotProperty[]> {
    const page = await this.caller.call('api', 'properties.getAll', (c) =>
      c.crm.properties.coreApi.getAllWithHttpInfo(objectType, false),
    );
    return page.results.filter((p) => !p.hidden || p.hubspotDefined !== true).map((p) => toProperty(p));
  }

  async listPage(objectType: HubSpotObjectType, request: ListPageRequest): Promise<RecordPage> {
    const withCompanies = request.withCompanies === true && objectType === 'contacts';
    const page = await this.caller.call('api', `${objectType}.list`, (c) =>
      api(c, objectType).basicApi.getPageWithHttpInfo(
        request.limit,
        request.after,
        [...request.properties],
        undefined,
        withCompanies ? ['companies'] : undefined,
        false,
      ),
    );
    const records = page.results.map((o) => toRecord(o as SdkObject, withCompanies));
    const next = page.paging?.next?.after;
    return next === undefined || next === '' ? { records } : { records, nextAfter: next };
  }

  async batchRead(
    objectType: HubSpotObjectType,
    ids: readonly string[],
    properties: readonly string[],
  ): Promise<BatchReadResult> {
    const records: HubSpotRecord[] = [];
    const reported: string[] = [];
    // HubSpot takes at most 100 inputs per batch read; callers may pass more (a backlog of events).
    for (let i = 0; i < ids.length; i += 100) {
      const chunk = ids.slice(i, i + 100);
      const result = await this.caller.call('api', `${objectType}.batchRead`, (c) =>
        api(c, objectType).batchApi.readWithHttpInfo({
          inputs: chunk.map((id) => ({ id })),
          properties: [...properties],
          propertiesWithHistory: [],
        }),
      );
      records.push(...result.results.map((o) => toRecord(o as SdkObject, false)));
      reported.push(...errorIds('errors' in result ? result.errors : undefined));
    }
    const found = new Set(records.map((r) => r.id));
    const missing = [...new Set([...reported, ...ids])].filter((id) => !found.has(id));
    return { records, missing };
  }

  async search(objectType: HubSpotObjectType, request: SearchRequest): Promise<SearchPage> {
    const filters: { propertyName: string; operator: FilterOperatorEnum; value: string }[] = [];
    if (request.modifiedSince !== undefined) {
      filters.push({
        propertyName: MODIFIED_PROPERTY[objectType],
        operator: FilterOperatorEnum.Gte,
        value: String(request.modifiedSince),
      });
    }
    if (request.idAbove !== undefined) {
      filters.push({ propertyName: 'hs_object_id', operator: FilterOperatorEnum.Gt, value: request.idAbove });
    }
    if (request.idBelow !== undefined) {
      filters.push({ propertyName: 'hs_object_id', operator: FilterOperatorEnum.Lt, value: request.idBelow });
    }
    const page = await this.caller.call('search', `${objectType}.search`, (c) =>
      api(c, objectType).searchApi.doSearchWithHttpInfo({
        filterGroups: filters.length === 0 ? [] : [{ filters }],
        sorts: [request.sort === 'id_ascending' ? 'hs_object_id' : '-hs_object_id'],
        properties: [...request.properties],
        limit: request.limit,
        after: request.after ?? '0',
      }),
    );
    const records = page.results.map((o) => toRecord(o as SdkObject, false));
    const next = page.paging?.next?.after;
    return next === undefined
      ? { records, total: page.total }
      : { records, total: page.total, nextAfter: next };
  }

  async findByProperty(
    objectType: HubSpotObjectType,
    property: string,
    values: readonly string[],
    properties: readonly string[],
  ): Promise<HubSpotRecord[]> {
    const found: HubSpotRecord[] = [];
    for (let i = 0; i < values.length; i += 100) {
      // IN compares exactly and wants lower-case strings (HubSpot's search rules).
      const chunk = [...new Set(values.slice(i, i + 100).map((v) => v.toLowerCase()))];
      let after = '0';
      for (;;) {
        const page = await this.caller.call('search', `${objectType}.search`, (c) =>
          api(c, objectType).searchApi.doSearchWithHttpInfo({
            filterGroups: [
              { filters: [{ propertyName: property, operator: FilterOperatorEnum.In, values: chunk }] },
            ],
            sorts: ['hs_object_id'],
            properties: [...properties],
            limit: 200,
            after,
          }),
        );
        found.push(...page.results.map((o) => toRecord(o as SdkObject, false)));
        if (page.paging?.next?.after === undefined) break;
        after = page.paging.next.after;
      }
    }
    return found;
  }

  async archive(objectType: HubSpotObjectType, ids: readonly string[]): Promise<void> {
    for (let i = 0; i < ids.length; i += 100) {
      const chunk = ids.slice(i, i + 100);
      await this.caller.call('api', `${objectType}.batch.archive`, (c) =>
        api(c, objectType).batchApi.archiveWithHttpInfo({ inputs: chunk.map((id) => ({ id })) }),
      );
    }
  }

  async count(objectType: HubSpotObjectType): Promise<number> {
    const page = await this.search(objectType, {
      properties: ['hs_object_id'],
      limit: 1,
      sort: 'id_ascending',
    });
    return page.total;
  }

  async companiesOfContacts(contactIds: readonly string[]): Promise<Map<string, CompanyAssociation[]>> {
    const links = await this.#associations('contacts', 'companies', contactIds);
    const out = new Map<string, CompanyAssociation[]>();
    for (const [contactId, targets] of links) {
      out.set(
        contactId,
        primaryFirst(
          targets.map((t) => ({
            companyId: t.id,
            primary: t.typeIds.includes(PRIMARY_CONTACT_TO_COMPANY),
          })),
        ),
      );
    }
    return out;
  }

  async contactsOfCompanies(companyIds: readonly string[]): Promise<Map<string, string[]>> {
    const links = await this.#associations('companies', 'contacts', companyIds);
    return new Map([...links].map(([companyId, targets]) => [companyId, targets.map((t) => t.id)]));
  }

  async #associations(
    from: HubSpotObjectType,
    to: HubSpotObjectType,
    ids: readonly string[],
  ): Promise<Map<string, { id: string; typeIds: number[] }[]>> {
    const out = new Map<string, { id: string; typeIds: number[] }[]>();
    for (const id of ids) out.set(id, []);
    for (let i = 0; i < ids.length; i += 100) {
      const chunk = ids.slice(i, i + 100);
      const result = await this.caller.call('api', `associations.${from}.${to}.batchRead`, (c) =>
        c.crm.associations.v4.batchApi.getPageWithHttpInfo(from, to, { inputs: chunk.map((id) => ({ id })) }),
      );
      for (const row of result.results) {
        out.set(
          String(row._from.id),
          row.to.map((t) => ({ id: String(t.toObjectId), typeIds: t.associationTypes.map((a) => a.typeId) })),
        );
      }
    }
    return out;
  }

  async write(objectType: HubSpotObjectType, writes: readonly HubSpotWrite[]): Promise<HubSpotWriteResult[]> {
    return writeBatch(this.caller, objectType, writes);
  }

  async associate(changes: readonly AssociationChange[]): Promise<void> {
    for (let i = 0; i < changes.length; i += 100) {
      const chunk = changes.slice(i, i + 100);
      await this.caller.call(
        'api',
        'associations.create',
        (c) =>
          c.crm.associations.v4.batchApi.createWithHttpInfo('contacts', 'companies', {
            inputs: chunk.map((change) => ({
              _from: { id: change.contactId },
              to: { id: change.companyId },
              types: [
                { associationCategory: HUBSPOT_DEFINED, associationTypeId: CONTACT_TO_COMPANY },
                ...(change.primary
                  ? [{ associationCategory: HUBSPOT_DEFINED, associationTypeId: PRIMARY_CONTACT_TO_COMPANY }]
                  : []),
              ],
            })),
          }) as Promise<HttpInfo<unknown>>,
      );
    }
  }

  async dissociate(changes: readonly Omit<AssociationChange, 'primary'>[]): Promise<void> {
    const byContact = new Map<string, string[]>();
    for (const change of changes)
      byContact.set(change.contactId, [...(byContact.get(change.contactId) ?? []), change.companyId]);
    const inputs = [...byContact].map(([contactId, companyIds]) => ({
      _from: { id: contactId },
      to: companyIds.map((id) => ({ id })),
    }));
    for (let i = 0; i < inputs.length; i += 100) {
      const chunk = inputs.slice(i, i + 100);
      await this.caller.call('api', 'associations.archive', (c) =>
        c.crm.associations.v4.batchApi.archiveWithHttpInfo('contacts', 'companies', { inputs: chunk }),
      );
    }
  }
}
