// One measured backfill: seed a portal, install and connect, wait for the install's companies and
// contacts runs, and collect what both emulators and the service's process saw meanwhile.
import type { ObjectType, SyncRun } from '../../src/sync/model.ts';
import type { SyncSettings } from '../../src/sync/settings.ts';
import type { RequestStats } from '../hosts/hubspot.ts';
import { machineBusy, machineCpu, type Usage } from './processes.ts';
import { sleep, type BenchStack, type Installed } from './stack.ts';

export interface HubSpotCalls {
  /** Calls that spend the ten-secondly budget (everything but search and OAuth). */
  api: number;
  search: number;
  oauth: number;
  rateLimited: number;
  byRoute: Record<string, Record<string, number>>;
}

export function callsBetween(before: RequestStats, after: RequestStats): HubSpotCalls {
  const calls: HubSpotCalls = { api: 0, search: 0, oauth: 0, rateLimited: 0, byRoute: {} };
  for (const [route, statuses] of Object.entries(after.byRoute)) {
    for (const [status, count] of Object.entries(statuses)) {
      const n = count - (before.byRoute[route]?.[status] ?? 0);
      if (n === 0) continue;
      (calls.byRoute[route] ??= {})[status] = n;
      if (status === '429') calls.rateLimited += n;
      if (route.includes('/oauth')) calls.oauth += n;
      else if (route.endsWith('/search')) calls.search += n;
      else calls.api += n;
    }
  }
  return calls;
}

export interface BackfillOptions {
  contacts: number;
  companies: number;
  settings?: Partial<Record<ObjectType, SyncSettings>>;
  timeoutMs: number;
  /** Writes a CPU profile of the service, from connecting to the end of the backfill. */
  profile?: string;
  /** Called about every 250 ms with the contacts seen so far and the service's usage. */
  onProgress?: (contactsSeen: number, usage: Usage) => void;
}

export interface BackfillResult extends Installed {
  portalId: number;
  records: number;
  seconds: number;
  recordsPerSecond: number;
  runs: Record<ObjectType, SyncRun>;
  calls: HubSpotCalls;
  /** What the HubSpot caller reported, by operation and status. */
  ourCalls: Record<string, number>;
  service: Usage;
  /** All cores busy during the backfill, % (200% = two cores). */
  machineBusyPct: number;
  emulators: { hubspot: Usage; thena: Usage };
  thena: { contacts: number; accounts: number };
}

export async function measureBackfill(stack: BenchStack, options: BackfillOptions): Promise<BackfillResult> {
  const { portalId } = await stack.portal({ contacts: options.contacts, companies: options.companies });
  const before = (await stack.hubspot.api.stats()).requests;
  if (options.profile !== undefined) await stack.service?.api.profileStart();
  const cpu = machineCpu();
  const installed = await stack.install(portalId, options.settings);
  const end = Date.now() + options.timeoutMs;
  let runs: Record<ObjectType, SyncRun> | undefined;
  while (runs === undefined) {
    const contacts = await stack.backfillRun(installed.installationId, 'contacts');
    if (stack.service !== undefined) options.onProgress?.(contacts?.seen ?? 0, stack.service.usage());
    runs = await stack.backfillRuns(installed.installationId, 1).catch(() => undefined);
    if (runs === undefined && Date.now() > end)
      throw new Error(`the backfill did not finish within ${options.timeoutMs / 1000} s`);
    if (runs === undefined) await sleep(250);
  }
  const machineBusyPct = machineBusy(cpu);
  if (options.profile !== undefined) await stack.service?.api.profileStop(options.profile);
  const after = (await stack.hubspot.api.stats()).requests;
  const records = runs.companies.seen + runs.contacts.seen;
  const seconds = ((runs.contacts.finishedAt ?? 0) - (runs.companies.startedAt ?? 0)) / 1000;
  return {
    ...installed,
    portalId,
    records,
    seconds,
    recordsPerSecond: records / seconds,
    runs,
    calls: callsBetween(before, after),
    ourCalls: (await stack.service?.api.hubspotCalls()) ?? {},
    service: stack.service?.usage() ?? { rssMb: 0, peakRssMb: 0, cpuSeconds: 0 },
    machineBusyPct,
    emulators: { hubspot: stack.hubspot.usage(), thena: stack.thena.usage() },
    thena: await stack.thena.api.counts(installed.orgId),
  };
}

/** Run counts worth keeping in the JSON (not the ids). */
export function runSummary(run: SyncRun) {
  const { state, seen, created, updated, unchanged, excluded, failed, error } = run;
  const seconds = ((run.finishedAt ?? 0) - (run.startedAt ?? 0)) / 1000;
  return { state, seen, created, updated, unchanged, excluded, failed, error, seconds };
}
