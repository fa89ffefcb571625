// "Sync now" and the sync status of one object: counts on both sides, the latest runs with their
// progress. The status never fails because HubSpot does: its total is then unknown (null).
import { startBackfill } from '../engine/backfill.ts';
import type { EngineDeps } from '../engine/context.ts';
import { AppError } from '../errors.ts';
import type { Installation, ObjectType, RunTrigger } from '../model.ts';
import { requireConnected, requireInstallation } from './api-access.ts';
import { SYNC_ENABLED_BY_DEFAULT } from './api-config.ts';
import type { HubSpotTotals } from './api-hubspot-totals.ts';
import type { ApiStorePort } from './api-ports.ts';
import { runView } from './api-run-view.ts';
import type { ObjectStatusView, RunView } from './api-views.ts';

/** Runs that read every record: the last one that succeeded says how many records were kept out. */
const FULL_RUN_TRIGGERS: readonly RunTrigger[] = ['install', 'manual', 'fields_changed', 'reconnect'];
const RECENT_RUNS = 10;

export class SyncService {
  constructor(
    private readonly engine: EngineDeps,
    private readonly store: ApiStorePort,
    private readonly totals: HubSpotTotals,
  ) {}

  /** Starts a full sync of the object (or returns the one already waiting or running). */
  async start(orgId: string, objectType: ObjectType): Promise<{ runId: string }> {
    const installation = await requireConnected(this.engine, orgId);
    const config = await this.store.configs.current(installation.id, objectType);
    if (config?.enabled === false) {
      const message = `${objectType} sync is turned off; turn it on first`;
      throw new AppError('sync_disabled', message, { httpStatus: 409 });
    }
    const run = await startBackfill(this.engine, installation.id, objectType, 'manual');
    return { runId: run.id };
  }

  async run(orgId: string, runId: string): Promise<RunView> {
    const installation = await requireInstallation(this.engine, orgId);
    const run = await this.engine.store.runs.get(installation.id, runId);
    if (run === undefined) {
      throw new AppError('run_not_found', `no sync run ${runId} in organization ${orgId}`, {
        httpStatus: 404,
      });
    }
    return runView(run, this.engine.clock.now());
  }

  async status(orgId: string, objectType: ObjectType): Promise<ObjectStatusView> {
    const installation = await requireInstallation(this.engine, orgId);
    const id = installation.id;
    const [config, hubspotTotal, synced, failed, lastFull, recent] = await Promise.all([
      this.store.configs.current(id, objectType),
      this.#hubspotTotal(installation, objectType),
      this.engine.store.links.count(id, objectType),
      this.store.audit.countFailedRecords(id, objectType),
      this.store.runs.lastSucceeded(id, objectType, 'hubspot_to_thena', FULL_RUN_TRIGGERS),
      this.engine.store.runs.recent(id, objectType, RECENT_RUNS),
    ]);
    const now = this.engine.clock.now();
    const recentRuns = recent.map((run) => runView(run, now));
    return {
      object: objectType,
      enabled: config?.enabled ?? SYNC_ENABLED_BY_DEFAULT,
      connection: installation.status,
      hubspotTotal,
      synced,
      failed,
      excluded: lastFull?.excluded ?? 0,
      lastRun: recentRuns[0] ?? null,
      recentRuns,
    };
  }

  async #hubspotTotal(installation: Installation, objectType: ObjectType): Promise<number | null> {
    if (installation.status !== 'connected') return null;
    return this.totals.get(`${installation.id}:${objectType}`, async () => {
      const { hubspot } = await this.engine.connect(installation);
      return hubspot.count(objectType);
    });
  }
}
