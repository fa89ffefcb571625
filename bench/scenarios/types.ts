// What a scenario is: a name, what it measures, and a run that returns its figures.
import type { DialectName } from '../../src/store/dialect.ts';
import type { Figure } from '../lib/report.ts';

export interface Context {
  /** Scaled-down sizes, so the whole suite fits in a few minutes. */
  quick: boolean;
  /** `--size N`: the scenario's main size instead of its default. */
  size: number | undefined;
  /** `--db`: the database of the single-service scenarios (scale-out is always PostgreSQL). */
  dialect: DialectName;
  /** The tree our service runs from: the checkout, or a copy with `--patch` files applied. */
  root: string | undefined;
  /** Where this run's extra files go (CPU profiles), next to the JSON. */
  artifacts: string;
  /** Results of the scenarios already run (a scenario may compare itself with another). */
  results: Map<string, ScenarioResult>;
  log(message: string): void;
}

export interface ScenarioResult {
  settings: Record<string, unknown>;
  figures: Figure[];
  details?: Record<string, unknown>;
}

export interface Scenario {
  name: string;
  summary: string;
  /** Scenarios whose results this one needs, run first in the same run. */
  dependsOn?: string[];
  run(ctx: Context): Promise<ScenarioResult>;
}

/** The size a scenario runs at: `--size`, else its quick or full default. */
export function sizeOf(ctx: Context, full: number, quick: number): number {
  return ctx.size ?? (ctx.quick ? quick : full);
}
