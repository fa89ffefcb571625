// A sync run as the status page shows it: counts, how far it got and when it should end.
import type { SyncRun } from '../model.ts';
import { isoOrNull, isoTime, type RunView } from './api-views.ts';

/** Share of the records done (0..1): known once the run has counted them, 1 when it succeeded. */
export function runProgress(run: SyncRun): number | null {
  if (run.state === 'succeeded') return 1;
  if (run.totalEstimate === null) return null;
  if (run.totalEstimate === 0) return run.state === 'running' ? 0 : null;
  return Math.min(1, run.seen / run.totalEstimate);
}

/** Seconds left at the pace the run has kept so far; null until there is a pace to go by. */
export function runEtaSeconds(run: SyncRun, now: number): number | null {
  if (run.state !== 'running' || run.startedAt === null || run.totalEstimate === null) return null;
  const elapsedMs = now - run.startedAt;
  if (run.seen <= 0 || elapsedMs <= 0) return null;
  const remaining = Math.max(0, run.totalEstimate - run.seen);
  return Math.ceil((remaining * elapsedMs) / run.seen / 1000);
}

export function runView(run: SyncRun, now: number): RunView {
  return {
    id: run.id,
    direction: run.direction,
    trigger: run.trigger,
    state: run.state,
    total: run.totalEstimate,
    seen: run.seen,
    created: run.created,
    updated: run.updated,
    unchanged: run.unchanged,
    excluded: run.excluded,
    failed: run.failed,
    progress: runProgress(run),
    etaSeconds: runEtaSeconds(run, now),
    error: run.error,
    createdAt: isoTime(run.createdAt),
    startedAt: isoOrNull(run.startedAt),
    finishedAt: isoOrNull(run.finishedAt),
  };
}
