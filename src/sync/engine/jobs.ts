// The engine's jobs and the lifecycle of an installation's sync: what runs on connect, what stops
// when HubSpot must be reconnected or the app is uninstalled.
import { AppError, errorMessage, isAppError, RECONNECT_REQUIRED } from '../errors.ts';
import type { ObjectType, RunTrigger, SyncRun } from '../model.ts';
import { OBJECT_TYPES } from '../model.ts';
import { runBackfill, startBackfill, type BackfillPayload } from './backfill.ts';
import { noteRetried } from './audit.ts';
import { commitBatch } from './commit.ts';
import { openStream, type EngineDeps } from './context.ts';
import { syncHubSpotRecords } from './inbound.ts';
import type { ThenaEventJobPayload } from '../app/thena-intake.ts';
import {
  enqueueThenaEventsJob,
  retryThenaRecords,
  runThenaEvents,
  type RetryThenaPayload,
} from './outbound.ts';
import { runPublish, type PublishPayload } from './publish.ts';
import { runReconcile, startReconciliationFrom, type ReconcilePayload } from './reconcile.ts';
import { JOB, reconcileSchedule, streamKey, thenaReconcileSchedule } from './streams.ts';
import {
  runThenaReconcile,
  startThenaReconciliationFrom,
  type ThenaReconcilePayload,
} from './thena-reconcile.ts';
import { enqueueWebhookJob, runWebhookBatch, type WebhookJobPayload } from './webhooks.ts';

/** Matches the queue's handler shape without depending on the queue. */
export interface JobRun {
  signal: AbortSignal;
  job: { attempts: number; maxAttempts: number };
}
export type EngineJobHandler = (payload: unknown, run: JobRun) => Promise<void>;

const QUIET_CODES = new Set(['installation_not_connected', 'installation_not_found']);

export interface RetryRecordsPayload {
  installationId: string;
  objectType: ObjectType;
  hubspotIds: string[];
}

/** HubSpot refused our refresh token: stop the installation's work and tell the admin, once. */
export async function requireReconnect(
  deps: EngineDeps,
  installationId: string,
  objectType: ObjectType,
  reason: string,
): Promise<void> {
  const paused = await deps.transact(async ({ store, jobs }) => {
    const installation = await store.installations.getById(installationId);
    if (installation?.status !== 'connected') return false;
    await store.installations.setStatus(installationId, 'needs_reconnect', reason);
    await jobs.cancelForInstallation(installationId, 'HubSpot needs to be reconnected');
    await store.runs.cancelActive(installationId, 'HubSpot needs to be reconnected');
    await store.audit.append(installationId, [
      {
        runId: null,
        direction: 'hubspot_to_thena',
        objectType,
        hubspotId: null,
        thenaId: null,
        action: 'connection',
        status: 'FAILED',
        errorCode: RECONNECT_REQUIRED,
        message:
          'HubSpot refused to renew access: an admin must reconnect HubSpot from the configuration page. Syncing is paused until then.',
        details: { reason },
      },
    ]);
    return true;
  });
  if (paused) deps.logger.warn({ installationId }, 'installation needs reconnecting');
}

function objectTypeOf(payload: unknown): ObjectType {
  const value = (payload as { objectType?: unknown } | null)?.objectType;
  return value === 'companies' ? 'companies' : 'contacts';
}

/** Common failure handling: reconnects, jobs of installations that are gone, runs that die. */
function guarded(deps: EngineDeps, handler: EngineJobHandler): EngineJobHandler {
  return async (payload, run) => {
    try {
      await handler(payload, run);
    } catch (err) {
      const installationId = (payload as { installationId?: string } | null)?.installationId;
      if (isAppError(err) && err.code === RECONNECT_REQUIRED && installationId !== undefined) {
        await requireReconnect(deps, installationId, objectTypeOf(payload), err.message);
        return;
      }
      if (isAppError(err) && QUIET_CODES.has(err.code)) return;
      const runId = (payload as { runId?: string } | null)?.runId;
      const final = (isAppError(err) && !err.retryable) || run.job.attempts >= run.job.maxAttempts;
      if (runId !== undefined && final && !(isAppError(err) && err.code === 'worker_stopping')) {
        await deps.store.runs.finish(runId, 'failed', errorMessage(err));
      }
      throw err;
    }
  };
}

async function retryRecords(deps: EngineDeps, payload: RetryRecordsPayload): Promise<void> {
  const ctx = await openStream(deps, payload.installationId, payload.objectType);
  const read = await ctx.hubspot.batchRead(ctx.objectType, payload.hubspotIds, ctx.plan.fetchProperties);
  const result = await syncHubSpotRecords(ctx, read.records, { runId: null, force: true });
  noteRetried(
    result,
    ctx.objectType,
    'hubspot_to_thena',
    read.records.map((r) => r.id),
  );
  for (const id of read.missing) {
    result.audit.push({
      runId: null,
      direction: 'hubspot_to_thena',
      objectType: ctx.objectType,
      hubspotId: id,
      thenaId: null,
      action: 'retry',
      status: 'SKIPPED',
      message: 'the record no longer exists in HubSpot',
    });
  }
  await commitBatch(deps, payload.installationId, null, result);
}

async function prune(deps: EngineDeps): Promise<void> {
  const now = deps.clock.now();
  await deps.store.audit.prune(now - deps.options.auditRetentionMs);
  await deps.store.inbox.prune(now - 2 * 24 * 60 * 60_000);
}

export function engineHandlers(deps: EngineDeps): Record<string, EngineJobHandler> {
  return {
    [JOB.backfill]: guarded(deps, (payload, run) =>
      runBackfill(deps, payload as BackfillPayload, run.signal),
    ),
    [JOB.webhooks]: guarded(deps, (payload) => runWebhookBatch(deps, payload as WebhookJobPayload)),
    [JOB.reconcileThena]: guarded(deps, (payload, run) =>
      runThenaReconcile(deps, payload as ThenaReconcilePayload, run.signal),
    ),
    [JOB.reconcile]: guarded(deps, (payload, run) =>
      runReconcile(deps, payload as ReconcilePayload, run.signal),
    ),
    [JOB.retryRecords]: guarded(deps, (payload) => retryRecords(deps, payload as RetryRecordsPayload)),
    [JOB.publishEvents]: guarded(deps, (payload) => runPublish(deps, payload as PublishPayload)),
    [JOB.thenaEvents]: guarded(deps, (payload) => runThenaEvents(deps, payload as ThenaEventJobPayload)),
    [JOB.retryThenaRecords]: guarded(deps, (payload) =>
      retryThenaRecords(deps, payload as RetryThenaPayload),
    ),
    [JOB.prune]: () => prune(deps),
  };
}

/** HubSpot just got connected (or reconnected): schedule reconciliation and backfill everything. */
export async function startSyncing(
  deps: EngineDeps,
  installationId: string,
  trigger: RunTrigger,
): Promise<SyncRun> {
  const now = deps.clock.now();
  for (const objectType of OBJECT_TYPES) {
    await startReconciliationFrom(deps, installationId, objectType, now);
    await startThenaReconciliationFrom(deps, installationId, objectType, now);
    await deps.jobs.schedule({
      name: thenaReconcileSchedule(installationId, objectType),
      kind: JOB.reconcileThena,
      payload: { installationId, objectType } satisfies ThenaReconcilePayload,
      everyMs: deps.options.reconcileEveryMs,
      installationId,
      serialKey: streamKey(installationId, objectType),
    });
    await deps.jobs.schedule({
      name: reconcileSchedule(installationId, objectType),
      kind: JOB.reconcile,
      payload: { installationId, objectType } satisfies ReconcilePayload,
      everyMs: deps.options.reconcileEveryMs,
      installationId,
      serialKey: streamKey(installationId, objectType),
    });
  }
  await deps.jobs.schedule({ name: 'prune', kind: JOB.prune, payload: {}, everyMs: 24 * 60 * 60_000 });
  // Webhooks that arrived while HubSpot was disconnected are still in the inbox.
  for (const objectType of OBJECT_TYPES) {
    await enqueueWebhookJob(deps.jobs, installationId, objectType);
    await enqueueThenaEventsJob(deps.jobs, installationId, objectType);
  }
  // Companies first: contacts then find the accounts their companies became.
  return startBackfill(deps, installationId, 'companies', trigger, ['contacts']);
}

/** Uninstall: nothing of the installation runs any more; its audit log stays. */
export async function stopSyncing(deps: EngineDeps, installationId: string, reason: string): Promise<void> {
  await deps.transact(async ({ store, jobs }) => {
    await jobs.cancelForInstallation(installationId, reason);
    await jobs.unscheduleInstallation(installationId);
    await store.runs.cancelActive(installationId, reason);
  });
}

export function assertObjectType(value: string): ObjectType {
  if (value === 'contacts' || value === 'companies') return value;
  throw new AppError('unknown_object', `unknown object "${value}": expected contacts or companies`, {
    httpStatus: 404,
  });
}
