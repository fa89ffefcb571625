// `npm run bench -- [scenario...] [--quick] [--size N] [--db sqlite|postgres] [--patch file.diff]`:
// runs the scenarios against emulators it starts, prints one table and writes
// bench/results/<timestamp>.json with the machine, versions, settings and every figure. With
// `--patch`, each scenario runs again on a copy of the tree with the patches applied (before and
// after in one run; the shared tree is never touched). See README, "Benchmarks".
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { patchedTree } from './lib/patched.ts';
import { LOG_DIR, machineCpu, ownCpu, ROOT, waitForQuiet } from './lib/processes.ts';
import { machine, table, writeResults, type Figure } from './lib/report.ts';
import { SCENARIOS } from './scenarios/index.ts';
import type { Context, Scenario, ScenarioResult } from './scenarios/types.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    quick: { type: 'boolean', default: false },
    size: { type: 'string' },
    db: { type: 'string', default: 'sqlite' },
    list: { type: 'boolean', default: false },
    patch: { type: 'string', multiple: true, default: [] },
  },
});

if (values.list) {
  for (const s of SCENARIOS) console.log(`${s.name.padEnd(20)} ${s.summary}`);
  process.exit(0);
}
const unknown = positionals.filter((name) => !SCENARIOS.some((s) => s.name === name));
if (unknown.length > 0) {
  console.error(`unknown scenario ${unknown.join(', ')}; --list shows them`);
  process.exit(2);
}
if (values.db !== 'sqlite' && values.db !== 'postgres') {
  console.error('--db is sqlite or postgres');
  process.exit(2);
}

/** The asked scenarios (all by default) with what they depend on, in the suite's order. */
function selected(names: string[]): Scenario[] {
  if (names.length === 0) return SCENARIOS;
  const wanted = new Set<string>();
  const add = (name: string): void => {
    wanted.add(name);
    for (const dep of SCENARIOS.find((s) => s.name === name)?.dependsOn ?? []) add(dep);
  };
  names.forEach(add);
  return SCENARIOS.filter((s) => wanted.has(s.name));
}

const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const artifacts = join(ROOT, 'bench/results', stamp);
mkdirSync(artifacts, { recursive: true });
const base: Omit<Context, 'root' | 'results'> = {
  quick: values.quick,
  size: values.size === undefined ? undefined : Number(values.size),
  dialect: values.db,
  artifacts,
  log: (message) => console.log(`  ${message}`),
};
const patches = values.patch;
const variants = [
  { label: '', root: undefined },
  ...(patches.length > 0 ? [{ label: ' [patched]', root: patchedTree(patches) }] : []),
];

const started = new Date();
const runs: (ScenarioResult & {
  name: string;
  seconds: number;
  error?: string;
  noise?: { busyPctBefore: number; othersPct: number };
})[] = [];
/** Writes what has been measured so far: a run that dies later still leaves its figures. */
function save(): string {
  return writeResults(stamp, {
    startedAt: started.toISOString(),
    finishedAt: new Date().toISOString(),
    machine: machine(),
    settings: {
      quick: base.quick,
      size: base.size ?? null,
      db: base.dialect,
      patches,
      scenarios: runs.map((r) => r.name),
      // Diagnostics switches (see hosts/service.ts, lib/stack.ts): a reported run has none.
      diagnostics: {
        BENCH_SKIP_JOBS: process.env.BENCH_SKIP_JOBS,
        BENCH_NO_THENA_EVENTS: process.env.BENCH_NO_THENA_EVENTS,
        BENCH_SERVICE_NODE_ARGS: process.env.BENCH_SERVICE_NODE_ARGS,
      },
    },
    scenarios: runs,
  });
}

for (const variant of variants) {
  const ctx: Context = { ...base, root: variant.root, results: new Map() };
  for (const scenario of selected(positionals)) {
    const name = `${scenario.name}${variant.label}`;
    console.log(`\n== ${name}: ${scenario.summary}`);
    const quietBefore = await waitForQuiet(3 * 60_000, base.log);
    const t0 = performance.now();
    const cpuBefore = machineCpu();
    const own = ownCpu();
    try {
      const result = await scenario.run(ctx);
      ctx.results.set(scenario.name, result);
      for (const figure of result.figures) figure.scenario = name;
      // Noise: CPU the machine spent on processes outside this harness (other work, PostgreSQL).
      const after = machineCpu();
      const seconds = (performance.now() - t0) / 1000;
      const othersPct = (100 * (after.busy - cpuBefore.busy - (ownCpu() - own))) / seconds;
      runs.push({ name, ...result, seconds, noise: { busyPctBefore: quietBefore, othersPct } });
      base.log(`other processes used ${Math.round(othersPct)}% of a core during this scenario`);
      save();
      console.log(table(result.figures));
    } catch (err) {
      const error = err instanceof Error ? (err.stack ?? err.message) : String(err);
      console.error(`${name} failed: ${error}`);
      runs.push({ name, settings: {}, figures: [], error, seconds: (performance.now() - t0) / 1000 });
      save();
    }
  }
}

const figures: Figure[] = runs.flatMap((r) => r.figures);
const path = save();
for (const { root } of variants) if (root !== undefined) rmSync(root, { recursive: true, force: true });
console.log(`\n${table(figures)}`);
const failed = runs.filter((r) => r.error !== undefined).map((r) => r.name);
if (failed.length > 0) console.log(`\nscenarios that did not finish: ${failed.join(', ')}`);
console.log(`\nresults: ${path}\nprofiles: ${artifacts}\nprocess logs: ${LOG_DIR}`);
process.exit(failed.length > 0 ? 1 : 0);
