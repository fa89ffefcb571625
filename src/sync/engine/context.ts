// Everything a job needs to sync one object of one installation: its clients, settings and the
// mapping plan, with the Thena custom fields it needs created first.
import type { Clock } from '../clock.ts';
import { AppError } from '../errors.ts';
import type { HubSpotPort } from '../hubspot-port.ts';
import type { Logger } from '../logger.ts';
import { buildPlan, fieldsToCreate, type MappingPlan } from '../mapping.ts';
import type { Installation, ObjectType } from '../model.ts';
import type { HubSpotProperty } from '../properties.ts';
import { defaultSettings, type SyncSettings } from '../settings.ts';
import type { JobsPort, StorePort, Transact } from '../store-port.ts';
import type { ThenaPort } from '../thena-port.ts';
import type { BatchResult } from './batch-result.ts';
import { ensureCustomFields } from './custom-fields.ts';

export interface EngineOptions {
  /** Records per HubSpot list page (HubSpot's maximum is 100). */
  pageSize: number;
  /** Parallel windows of one backfill; enough to keep the request budget busy. */
  backfillWindows: number;
  /**
   * How long one backfill job runs before it yields to other jobs of the stream (webhooks wait
   * meanwhile); each yield costs a pause of the slowest window, so not too often.
   */
  backfillSliceMs: number;
  /** Thena writes of one batch running at once. */
  thenaConcurrency: number;
  reconcileEveryMs: number;
  /** How far before its last run a reconciliation looks again (late indexing, clock skew). */
  reconcileLookbackMs: number;
  auditRetentionMs: number;
  /** Our HubSpot app id: webhooks with this source are the echo of our own writes. */
  hubspotAppId: string | null;
  /** How long a fetched property list is reused. */
  propertiesTtlMs: number;
}

export const DEFAULT_ENGINE_OPTIONS: EngineOptions = {
  pageSize: 100,
  backfillWindows: 12,
  backfillSliceMs: 30_000,
  thenaConcurrency: 8,
  reconcileEveryMs: 15 * 60_000,
  reconcileLookbackMs: 5 * 60_000,
  auditRetentionMs: 30 * 24 * 60 * 60_000,
  hubspotAppId: null,
  propertiesTtlMs: 5 * 60_000,
};

export interface Connections {
  hubspot: HubSpotPort;
  thena: ThenaPort;
}

/** Watches what the engine does (metrics); never changes it. */
export interface EngineObserver {
  onBatch(result: BatchResult): void;
  /** How long each processed inbox item waited, in ms. */
  onInboxProcessed(source: 'hubspot' | 'thena', lagsMs: number[]): void;
}

export interface EngineDeps {
  store: StorePort;
  jobs: JobsPort;
  transact: Transact;
  /** The installation's HubSpot and Thena clients (tokens, budgets, retries included). */
  connect(installation: Installation): Promise<Connections>;
  clock: Clock;
  logger: Logger;
  options: EngineOptions;
  observer?: EngineObserver;
}

export interface StreamContext extends Connections {
  deps: EngineDeps;
  installation: Installation;
  objectType: ObjectType;
  enabled: boolean;
  plan: MappingPlan;
  properties: HubSpotProperty[];
}

const propertyCache = new Map<string, { at: number; properties: HubSpotProperty[] }>();

async function properties(
  deps: EngineDeps,
  installation: Installation,
  objectType: ObjectType,
  hubspot: HubSpotPort,
): Promise<HubSpotProperty[]> {
  const key = `${installation.id}:${objectType}`;
  const cached = propertyCache.get(key);
  if (cached !== undefined && deps.clock.now() - cached.at < deps.options.propertiesTtlMs)
    return cached.properties;
  const fresh = await hubspot.listProperties(objectType);
  propertyCache.set(key, { at: deps.clock.now(), properties: fresh });
  return fresh;
}

/** Forgets the cached property list (after the admin changed the fields, or HubSpot refused one). */
export function forgetProperties(installationId: string): void {
  for (const key of propertyCache.keys()) if (key.startsWith(`${installationId}:`)) propertyCache.delete(key);
}

export async function loadInstallation(deps: EngineDeps, installationId: string): Promise<Installation> {
  const installation = await deps.store.installations.getById(installationId);
  if (installation === undefined) {
    throw new AppError('installation_not_found', `installation ${installationId} does not exist`, {
      retryable: false,
    });
  }
  if (installation.status !== 'connected') {
    throw new AppError(
      'installation_not_connected',
      `installation ${installationId} is ${installation.status}`,
      {
        retryable: false,
        details: { status: installation.status },
      },
    );
  }
  return installation;
}

export async function openStream(
  deps: EngineDeps,
  installationId: string,
  objectType: ObjectType,
): Promise<StreamContext> {
  const installation = await loadInstallation(deps, installationId);
  const connections = await deps.connect(installation);
  const config = await deps.store.configs.current<SyncSettings>(installation.id, objectType);
  const settings = config?.settings ?? defaultSettings(objectType);
  const props = await properties(deps, installation, objectType, connections.hubspot);
  const mapped = await deps.store.customFields.list(installation.id, objectType);
  let plan = buildPlan(
    objectType,
    settings,
    props,
    new Map(mapped.map((m) => [m.hubspotProperty, m.thenaFieldId])),
  );
  if (fieldsToCreate(plan).length > 0) {
    const created = await ensureCustomFields(deps.store, connections.thena, installation.id, plan);
    plan = buildPlan(objectType, settings, props, created);
  }
  return {
    ...connections,
    deps,
    installation,
    objectType,
    enabled: config?.enabled ?? true,
    plan,
    properties: props,
  };
}
