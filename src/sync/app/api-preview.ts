// A dry run of a draft configuration: the first records HubSpot lists, put through the draft's
// filters and conversions exactly as a sync would, with nothing written anywhere.
import type { EngineDeps } from '../engine/context.ts';
import type { HubSpotPort, HubSpotRecord } from '../hubspot-port.ts';
import { buildPlan, fromHubSpot, type MappingPlan } from '../mapping.ts';
import type { ObjectType } from '../model.ts';
import { normalizeDomain, normalizeEmail } from '../values.ts';
import { askHubSpot, connectionsOf, requireConnected } from './api-access.ts';
import { checkedSettings, type ConfigDraft } from './api-draft.ts';
import type { PreviewView } from './api-views.ts';

export interface PreviewOptions {
  /** HubSpot list pages read at most (a page is up to 100 records). */
  maxPages: number;
  pageSize: number;
  sampleSize: number;
}

export const DEFAULT_PREVIEW_OPTIONS: PreviewOptions = { maxPages: 10, pageSize: 100, sampleSize: 20 };

type Sample = PreviewView['sample'][number];

export class PreviewService {
  constructor(
    private readonly engine: EngineDeps,
    private readonly options: PreviewOptions = DEFAULT_PREVIEW_OPTIONS,
  ) {}

  async preview(orgId: string, objectType: ObjectType, draft: ConfigDraft): Promise<PreviewView> {
    const installation = await requireConnected(this.engine, orgId);
    const { hubspot } = await connectionsOf(this.engine, installation);
    const properties = await askHubSpot(this.engine, 'list properties', () =>
      hubspot.listProperties(objectType),
    );
    const settings = checkedSettings(objectType, draft, properties);
    const mapped = await this.engine.store.customFields.list(installation.id, objectType);
    const fieldIds = new Map(mapped.map((m) => [m.hubspotProperty, m.thenaFieldId] as const));
    const plan = buildPlan(objectType, settings, properties, fieldIds);
    const total = await askHubSpot(this.engine, 'count records', () => hubspot.count(objectType));
    return this.#scan(hubspot, plan, total);
  }

  async #scan(hubspot: HubSpotPort, plan: MappingPlan, total: number): Promise<PreviewView> {
    const result: PreviewView = { total, scanned: 0, matching: 0, complete: false, sample: [] };
    let after: string | undefined;
    for (let page = 0; page < this.options.maxPages; page++) {
      const listed = await askHubSpot(this.engine, 'list records', () =>
        hubspot.listPage(plan.objectType, {
          ...(after === undefined ? {} : { after }),
          limit: this.options.pageSize,
          properties: plan.fetchProperties,
        }),
      );
      for (const record of listed.records) {
        result.scanned++;
        if (!plan.matches(record.properties)) continue;
        result.matching++;
        if (result.sample.length < this.options.sampleSize) result.sample.push(sampleOf(plan, record));
      }
      after = listed.nextAfter;
      if (after === undefined) {
        result.complete = true;
        break;
      }
    }
    return result;
  }
}

function sampleOf(plan: MappingPlan, record: HubSpotRecord): Sample {
  const values: Record<string, string | null> = {};
  for (const field of plan.fields)
    values[field.property.name] = record.properties[field.property.name] ?? null;
  const conversion = fromHubSpot(plan, record);
  const problems = conversion.ok ? [] : conversion.problems.map((p) => `${p.field}: ${p.message}`);
  const missingKey = missingMatchKey(plan.objectType, record);
  if (missingKey !== null) problems.push(missingKey);
  return { hubspotId: record.id, values, problems };
}

/** The sync cannot match or create a record in Thena without its key (see engine/matching.ts). */
function missingMatchKey(objectType: ObjectType, record: HubSpotRecord): string | null {
  if (objectType === 'contacts') {
    return normalizeEmail(record.properties.email) === null
      ? 'no valid email: Thena needs one to match or create the contact'
      : null;
  }
  return normalizeDomain(record.properties.domain) === null
    ? 'no valid domain: Thena needs one to match or create the account'
    : null;
}
