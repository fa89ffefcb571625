// The processes a scenario starts: emulator hosts and our service (with an RPC channel) or the
// product's own CLI (without one). Each writes its output to a log file of the run; memory and CPU
// are read from /proc, so they count the child alone, never the harness.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { remote, type Handlers, type Remote } from './rpc.ts';

export const ROOT = resolve(import.meta.dirname, '../..');
export const LOG_DIR = join(tmpdir(), `thena-hubspot-bench-${process.pid}`);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface Usage {
  /** Resident set size now, MB. */
  rssMb: number;
  /** Highest resident set size since the process started (VmHWM), MB. */
  peakRssMb: number;
  /** User + system CPU time since the process started, seconds. */
  cpuSeconds: number;
}

/** Memory and CPU of a process, from /proc (Linux); zeros elsewhere. */
export function usageOf(pid: number | undefined): Usage {
  const none = { rssMb: 0, peakRssMb: 0, cpuSeconds: 0 };
  if (pid === undefined || !existsSync(`/proc/${pid}/status`)) return none;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0);
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return { rssMb: kb('VmRSS') / 1024, peakRssMb: kb('VmHWM') / 1024, cpuSeconds: ticks / 100 };
  } catch {
    return none;
  }
}

/** CPU time of the whole machine so far (all cores, seconds): busy and total. */
export function machineCpu(): { busy: number; total: number } {
  if (!existsSync('/proc/stat')) return { busy: 0, total: 0 };
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const total = cpu.reduce((a, b) => a + b, 0);
  const idle = (cpu[3] ?? 0) + (cpu[4] ?? 0);
  return { busy: (total - idle) / 100, total: total / 100 };
}

/** Share of all cores busy between two `machineCpu()` readings, in % (200% = both of two cores). */
export function machineBusy(before: { busy: number; total: number }, after = machineCpu()): number {
  const cores = cpus().length;
  return (100 * cores * (after.busy - before.busy)) / Math.max(0.001, after.total - before.total);
}

/** CPU seconds used so far by the live processes named `command` (e.g. PostgreSQL's backends). */
export function cpuOfCommand(command: string): number {
  if (!existsSync('/proc')) return 0;
  let ticks = 0;
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')) !== command) continue;
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(f[11]) + Number(f[12]);
    } catch {
      // The process ended while we looked.
    }
  }
  return ticks / 100;
}

/** CPU seconds of this process and of its children that have exited (the harness's own tree). */
export function ownCpu(): number {
  if (!existsSync('/proc/self/stat')) return 0;
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const f = stat
    .slice(stat.lastIndexOf(')') + 2)
    .split(' ')
    .map(Number);
  return (f[11]! + f[12]! + f[13]! + f[14]!) / 100;
}

/**
 * The machine is shared: waits (up to `maxMs`) until the other processes leave it nearly idle, so
 * a scenario does not start in the middle of someone's test run. Returns the busy % last seen.
 */
export async function waitForQuiet(maxMs: number, log: (m: string) => void): Promise<number> {
  const end = Date.now() + maxMs;
  let told = false;
  for (;;) {
    const before = machineCpu();
    await sleep(3000);
    const busy = machineBusy(before);
    if (busy < 25 || Date.now() > end) return busy;
    if (!told) log(`waiting for a quieter machine (other processes use ${Math.round(busy)}% of 200)`);
    told = true;
  }
}

export interface Proc {
  name: string;
  child: ChildProcess;
  log: string;
  usage(): Usage;
  /** SIGTERM, then SIGKILL if it has not exited after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

export interface Host<H extends Handlers> extends Proc {
  api: Remote<H>;
  ready: unknown;
}

interface SpawnOptions {
  env?: Record<string, string>;
  /** The tree to run from (a patched copy, see patched.ts); the checkout by default. */
  root?: string;
  execArgv?: string[];
  ipc?: boolean;
}

function launch(name: string, args: string[], options: SpawnOptions): Proc {
  mkdirSync(LOG_DIR, { recursive: true });
  let log = join(LOG_DIR, `${name}.log`);
  for (let n = 2; existsSync(log); n++) log = join(LOG_DIR, `${name}-${n}.log`);
  const fd = openSync(log, 'w');
  const child = spawn(process.execPath, [...(options.execArgv ?? []), '--import', 'tsx', ...args], {
    cwd: options.root ?? ROOT,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', fd, fd, ...(options.ipc ? ['ipc' as const] : [])],
    serialization: 'advanced',
  });
  closeSync(fd);
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  return {
    name,
    child,
    log,
    usage: () => usageOf(child.exitCode === null ? child.pid : undefined),
    async stop(graceMs = 10_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

function tail(path: string): string {
  return existsSync(path) ? readFileSync(path, 'utf8').split('\n').slice(-25).join('\n') : '';
}

/** Starts `bench/hosts/<script>` and waits for its ready message. */
export async function startHost<H extends Handlers>(
  name: string,
  script: string,
  options: Omit<SpawnOptions, 'ipc'> = {},
): Promise<Host<H>> {
  const proc = launch(name, [join(options.root ?? ROOT, 'bench/hosts', script)], { ...options, ipc: true });
  const ready = await new Promise<unknown>((resolveReady, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start:\n${tail(proc.log)}`)), 120_000);
    proc.child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (${code}) before it was ready:\n${tail(proc.log)}`));
    });
    proc.child.on('message', (message: { ready?: unknown }) => {
      if (message.ready === undefined) return;
      clearTimeout(timer);
      resolveReady(message.ready);
    });
  });
  const channel = proc.child as unknown as Parameters<typeof remote>[0];
  return { ...proc, api: remote<H>(channel, name), ready };
}

/** Starts the product's command line (`serve`, `worker`) and waits until its log says `until`. */
export async function startCli(
  name: string,
  command: string,
  env: Record<string, string>,
  until: RegExp,
  root = ROOT,
): Promise<Proc> {
  const proc = launch(name, [join(root, 'src/cli/index.ts'), command], { env, root });
  for (let waited = 0; waited < 120_000; waited += 100) {
    if (proc.child.exitCode !== null) throw new Error(`${name} exited:\n${tail(proc.log)}`);
    if (existsSync(proc.log) && until.test(readFileSync(proc.log, 'utf8'))) return proc;
    await sleep(100);
  }
  throw new Error(`${name} did not start:\n${tail(proc.log)}`);
}
