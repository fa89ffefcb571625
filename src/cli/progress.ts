// The progress bar of `sync --wait`.
import type { RunView } from '../sync/app/api-views.ts';
import { count } from './table.ts';

const WIDTH = 28;

function duration(seconds: number): string {
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  return minutes < 60
    ? `${minutes}m${String(seconds % 60).padStart(2, '0')}s`
    : `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}m`;
}

/** `[##########----------]  50%  500/1,000  eta 12s` (or the state while nothing is counted). */
export function progressLine(run: RunView): string {
  if (run.state === 'queued') return `waiting for a worker to start the run…`;
  const done = run.progress === null ? null : Math.round(run.progress * WIDTH);
  const bar =
    done === null
      ? ''
      : `[${'#'.repeat(done)}${'-'.repeat(WIDTH - done)}] ${String(Math.floor((run.progress ?? 0) * 100)).padStart(3)}%  `;
  const seen = run.total === null ? `${count(run.seen)} records` : `${count(run.seen)}/${count(run.total)}`;
  const eta = run.etaSeconds === null ? '' : `  eta ${duration(run.etaSeconds)}`;
  const failed = run.failed > 0 ? `  ${count(run.failed)} failed` : '';
  return `${bar}${seen}${failed}${eta}`;
}

export function summaryLine(run: RunView): string {
  const counts = `${count(run.seen)} seen, ${count(run.created)} created, ${count(run.updated)} updated, ${count(run.unchanged)} unchanged, ${count(run.excluded)} excluded, ${count(run.failed)} failed`;
  return run.error === null ? `Run ${run.state}: ${counts}.` : `Run ${run.state}: ${counts}. ${run.error}`;
}
