// Figures, the table they print as, and the JSON file of a run.
import { execSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './processes.ts';

export interface Figure {
  scenario: string;
  name: string;
  value: number | null;
  unit: string;
  /** What the value is measured against (a physical bound, or a limit it must stay under). */
  bound?: number;
  boundLabel?: string;
  /** value / bound. */
  ratio?: number;
  /** e.g. ">= 0.95" (on the ratio) or "< 200 ms" (on the value). */
  target?: string;
  pass?: boolean;
  note?: string;
}

type Fields = Pick<Figure, 'note' | 'boundLabel'>;

/** A throughput against its bound: the ratio must reach `minRatio`. */
export function rate(
  scenario: string,
  name: string,
  value: number,
  unit: string,
  bound: number,
  minRatio: number | undefined,
  extra: Fields = {},
): Figure {
  const ratio = value / bound;
  return {
    scenario,
    name,
    value,
    unit,
    bound,
    ratio,
    ...(minRatio === undefined ? {} : { target: `ratio >= ${minRatio}`, pass: ratio >= minRatio }),
    ...extra,
  };
}

/** A value that must stay under `limit` (latency, memory, 429s). */
export function under(
  scenario: string,
  name: string,
  value: number,
  unit: string,
  limit: number,
  extra: Fields = {},
  inclusive = false,
): Figure {
  return {
    scenario,
    name,
    value,
    unit,
    bound: limit,
    ...(limit === 0 ? {} : { ratio: value / limit }),
    target: `${inclusive ? '<=' : '<'} ${limit} ${unit}`,
    pass: inclusive ? value <= limit : value < limit,
    ...extra,
  };
}

/** A figure reported for information. */
export function info(
  scenario: string,
  name: string,
  value: number | null,
  unit: string,
  note?: string,
): Figure {
  return { scenario, name, value, unit, ...(note === undefined ? {} : { note }) };
}

function fmt(value: number | null | undefined, digits = 0): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '';
  if (Math.abs(value) < 10 && digits === 0 && !Number.isInteger(value)) return value.toFixed(2);
  return value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

export function table(figures: readonly Figure[]): string {
  const rows = figures.map((f) => [
    f.scenario,
    f.name,
    `${fmt(f.value)} ${f.unit}`.trim(),
    f.bound === undefined ? '' : `${fmt(f.bound)}${f.boundLabel ? ` (${f.boundLabel})` : ''}`,
    f.ratio === undefined ? '' : f.ratio.toFixed(3),
    f.target ?? '',
    f.pass === undefined ? '' : f.pass ? 'ok' : 'MISSED',
    f.note ?? '',
  ]);
  const head = ['scenario', 'figure', 'value', 'bound', 'ratio', 'target', '', 'note'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (i === 2 || i === 3 || i === 4 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join(' | ')} |`;
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

function git(args: string): string {
  try {
    return execSync(`git ${args}`, { cwd: ROOT, encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
}

export function machine() {
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGb: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${process.platform} ${release()}`,
    commit: git('rev-parse HEAD'),
    /** Files changed in the working tree, which the run measured too. */
    uncommitted: git('status --porcelain').split('\n').filter(Boolean),
  };
}

export function writeResults(stamp: string, document: unknown): string {
  const dir = join(ROOT, 'bench/results');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${stamp}.json`);
  writeFileSync(path, `${JSON.stringify(document, null, 2)}\n`);
  return path;
}

/** The q-quantile (0..1) of samples, nearest rank. */
export function quantile(samples: readonly number[], q: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}
