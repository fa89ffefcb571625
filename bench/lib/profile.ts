// Summarises a V8 CPU profile (.cpuprofile): where the busy time went, by area of the code
// (our folders, each package, Node internals, GC) and by function, counting self time; and, for
// our own functions, inclusive time (a sample counts for every function of ours on its stack),
// which says which flow the time belongs to.
import { readFileSync } from 'node:fs';
import { ROOT } from './processes.ts';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  file: string;
  wallMs: number;
  idleMs: number;
  busyMs: number;
  /** Self time by area, most first, in ms and % of busy time. */
  areas: { area: string; ms: number; pct: number }[];
  functions: { fn: string; area: string; ms: number; pct: number }[];
  /** Our functions (src/) by inclusive time. */
  inclusive: { fn: string; area: string; ms: number; pct: number }[];
}

const SPECIAL = new Set(['(idle)', '(program)', '(garbage collector)', '(root)']);

/** `src/sync/engine`, `node_modules/pg`, `node:internal`, `(garbage collector)`... */
export function areaOf(frame: ProfileNode['callFrame']): string {
  if (SPECIAL.has(frame.functionName)) return frame.functionName;
  const url = frame.url.replace(/^file:\/\//, '');
  if (url === '') return '(native)';
  if (url.startsWith('node:')) return 'node:internal';
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (modules) return `node_modules/${modules[1]}`;
  // Our files, in the checkout or in a patched copy of it (see patched.ts).
  const inTree = /\/(src|bench|emulators|test)\/.*/.exec(url);
  const local = url.startsWith(ROOT) ? url.slice(ROOT.length + 1) : (inTree?.[0].slice(1) ?? url);
  const parts = local.split('/');
  return parts.slice(0, parts[0] === 'src' && parts.length > 3 ? 3 : 2).join('/');
}

function top<T extends { ms: number }>(map: Map<string, T>, busy: number, n: number) {
  return [...map.values()]
    .sort((a, b) => b.ms - a.ms)
    .slice(0, n)
    .map((x) => ({ ...x, ms: Math.round(x.ms), pct: Math.round((1000 * x.ms) / busy) / 10 }));
}

function functionKey(frame: ProfileNode['callFrame']): string {
  const where =
    frame.url === '' ? '' : ` ${frame.url.split('/').slice(-2).join('/')}:${frame.lineNumber + 1}`;
  return `${frame.functionName || '(anonymous)'}${where}`;
}

/** Inclusive time of our own functions: each sample counts once for each of them on its stack. */
function inclusiveTimes(profile: CpuProfile, self: Map<number, number>) {
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const out = new Map<string, { fn: string; area: string; ms: number }>();
  for (const [id, ms] of self) {
    if (byId.get(id)!.callFrame.functionName === '(idle)') continue;
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at)!.callFrame;
      const area = areaOf(frame);
      if (!area.startsWith('src')) continue;
      const fn = functionKey(frame);
      if (seen.has(fn)) continue;
      seen.add(fn);
      const f = out.get(fn) ?? { fn, area, ms: 0 };
      f.ms += ms;
      out.set(fn, f);
    }
  }
  return out;
}

export function summarise(file: string, topN = 15): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  // timeDeltas[i + 1] is the time spent in the sample i (until the next sample was taken).
  profile.samples.forEach((id, i) => {
    const delta = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    self.set(id, (self.get(id) ?? 0) + delta);
  });
  const areas = new Map<string, { area: string; ms: number }>();
  const functions = new Map<string, { fn: string; area: string; ms: number }>();
  let idle = 0;
  let total = 0;
  for (const [id, ms] of self) {
    const frame = byId.get(id)!.callFrame;
    total += ms;
    if (frame.functionName === '(idle)') {
      idle += ms;
      continue;
    }
    const area = areaOf(frame);
    const a = areas.get(area) ?? { area, ms: 0 };
    a.ms += ms;
    areas.set(area, a);
    const fn = functionKey(frame);
    const f = functions.get(fn) ?? { fn, area, ms: 0 };
    f.ms += ms;
    functions.set(fn, f);
  }
  const busy = total - idle;
  return {
    file,
    wallMs: Math.round((profile.endTime - profile.startTime) / 1000),
    idleMs: Math.round(idle),
    busyMs: Math.round(busy),
    areas: top(areas, busy, 20),
    functions: top(functions, busy, topN),
    inclusive: top(inclusiveTimes(profile, self), busy, topN),
  };
}

export function printSummary(summary: ProfileSummary): string {
  const lines = [
    `CPU profile ${summary.file}: ${summary.wallMs} ms sampled, busy ${summary.busyMs} ms (${Math.round((100 * summary.busyMs) / Math.max(1, summary.wallMs))}%), idle ${summary.idleMs} ms`,
    'self time by area (% of busy):',
    ...summary.areas.map((a) => `  ${String(a.pct).padStart(5)}%  ${String(a.ms).padStart(7)} ms  ${a.area}`),
    'top functions by self time:',
    ...summary.functions.map(
      (f) => `  ${String(f.pct).padStart(5)}%  ${String(f.ms).padStart(7)} ms  ${f.fn}`,
    ),
    'our functions by inclusive time:',
    ...summary.inclusive.map(
      (f) => `  ${String(f.pct).padStart(5)}%  ${String(f.ms).padStart(7)} ms  ${f.fn}`,
    ),
  ];
  return lines.join('\n');
}

/** The three areas that took the most time, for a table's note. */
export function topAreas(summary: ProfileSummary): string {
  return `top: ${summary.areas
    .slice(0, 3)
    .map((a) => `${a.area} ${a.pct}%`)
    .join(', ')}`;
}
