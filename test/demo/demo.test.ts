// The one-command demo as a newcomer runs it, in a child process with a small seed: it starts
// both emulators and the service, shows the first backfill reaching 100%, prints the signed-in
// page's URL, serves the page and the API, carries a change made "as a user" in HubSpot over to
// Thena within seconds, and exits cleanly on SIGTERM. `npm start` with nothing configured runs it.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRODUCTION_VARIABLES } from '../../src/config.ts';
import { waitFor } from '../helpers/settle.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const CLI = join(ROOT, 'src/cli/index.ts');
const CONTACTS = 200;
const COMPANIES = 20;

interface Running {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** The environment of someone who configured nothing (a `.env` in the checkout cannot say otherwise). */
function unconfigured(dataDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'warn' };
  for (const name of [...PRODUCTION_VARIABLES, 'DATABASE_URL', 'DATABASE_SCHEMA']) env[name] = '';
  env.DEMO_CONTACTS = String(CONTACTS);
  env.DEMO_COMPANIES = String(COMPANIES);
  return env;
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv, detached = false): Running {
  const child = spawn(command, args, { cwd: ROOT, env, detached, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.once('exit', (code, signal) => done({ code, signal })),
  );
  return { child, stdout: () => stdout, stderr: () => stderr, exited };
}

/** The first match of `pattern` in the process's stdout, waiting for it to be printed. */
async function printed(process: Running, pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray> {
  await waitFor(
    () => pattern.test(process.stdout()) || process.child.exitCode !== null,
    timeoutMs,
    `output matching ${pattern}`,
  );
  const match = process.stdout().match(pattern);
  if (match === null) {
    throw new Error(`exited before printing ${pattern}:\n${process.stdout()}\n${process.stderr()}`);
  }
  return match;
}

describe('the demo command', () => {
  let dataDir: string;
  let demo: Running;
  let pageUrl: URL;
  let created: number;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'thena-hubspot-demo-'));
    demo = run(process.execPath, ['--import', 'tsx', CLI, 'demo'], unconfigured(dataDir));
    pageUrl = new URL((await printed(demo, /^Configuration page \(signed in\): (\S+)$/m, 90_000))[1]!);
  }, 120_000);

  afterAll(async () => {
    if (demo !== undefined && demo.child.exitCode === null) {
      demo.child.kill('SIGKILL');
      await demo.exited;
    }
    if (dataDir !== undefined) rmSync(dataDir, { recursive: true, force: true });
  });

  const api = async (path: string) => {
    const token = new URLSearchParams(pageUrl.hash.slice(1)).get('token');
    const response = await fetch(new URL(path, pageUrl.origin), {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status, path).toBe(200);
    return (await response.json()) as Record<string, unknown>;
  };
  const org = () => pageUrl.searchParams.get('org')!;

  it('shows the first backfill of both objects reaching 100% before printing the page', () => {
    // The progress bar redraws its line with \r; the last state of each line is what stays.
    const finals = demo
      .stderr()
      .split('\n')
      .map((line) => line.split('\r').at(-1)!.trim());
    const companies = finals.find((line) => line.startsWith('companies'));
    const contacts = finals.find((line) => line.startsWith('contacts'));
    const bar = (total: number) =>
      new RegExp(`\\[#{30}\\] 100%  ${total}/${total}  succeeded: (\\d+) created, 0 failed$`);
    expect(companies).toMatch(bar(COMPANIES));
    expect(contacts).toMatch(bar(CONTACTS));
    created = Number(contacts!.match(bar(CONTACTS))![1]);
    expect(created).toBeGreaterThan(CONTACTS * 0.9);
    // The backfill is over before the URL is given.
    expect(demo.stdout().indexOf('Configuration page')).toBeGreaterThan(
      demo.stdout().indexOf('First backfill'),
    );
  });

  it('serves the signed-in page and answers the API with the token from its URL', async () => {
    expect(pageUrl.hostname).toBe('127.0.0.1');
    expect(org()).toMatch(/^\w+$/);
    const page = await fetch(pageUrl);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).toContain('<div id="root"></div>');
    const script = html.match(/<script type="module" crossorigin src="([^"]+)"/)?.[1];
    const bundle = await fetch(new URL(script!, pageUrl.origin));
    expect([bundle.status, bundle.headers.get('content-type')]).toEqual([
      200,
      expect.stringMatching(/javascript/),
    ]);
    // Read to the end: a response left half-read keeps its connection busy, and the service's
    // graceful shutdown would wait for it.
    expect((await bundle.arrayBuffer()).byteLength).toBeGreaterThan(100_000);

    const status = await api(`/api/v1/orgs/${org()}/objects/contacts/status`);
    expect(status).toMatchObject({ connection: 'connected', hubspotTotal: CONTACTS, synced: created });
    const connection = await api(`/api/v1/orgs/${org()}/connection`);
    expect(connection).toMatchObject({ status: 'connected' });
  });

  it('carries a change made in the HubSpot emulator over to Thena within seconds', async () => {
    const hint = (await printed(demo, /curl -X PATCH (\S+) .* -d '(\{.*\})'$/m, 1000)).slice(1);
    const [patchUrl, body] = hint as [string, string];
    expect(JSON.parse(body)).toEqual({ properties: { lastname: 'Changed in HubSpot' } });
    const thena = (await printed(demo, /^Thena emulator: +(\S+)/m, 1000))[1]!;
    const lastname = `Changed in HubSpot ${Date.now()}`;

    const started = Date.now();
    const patched = await fetch(patchUrl, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ properties: { lastname } }),
    });
    expect(patched.status).toBe(200);
    // Thena announces every change to its records: the contact's update shows the new name.
    const updates = new URL('/_emulator/deliveries', thena);
    updates.search = new URLSearchParams({ eventType: 'customer-contact:updated', orgId: org() }).toString();
    await waitFor(
      async () => {
        const deliveries = (await (await fetch(updates)).json()) as { body: unknown }[];
        return deliveries.some((d) => contactOf(d.body)?.lastName === lastname);
      },
      5_000,
      'the change in Thena',
    );
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('stops cleanly on SIGTERM', async () => {
    demo.child.kill('SIGTERM');
    expect(await demo.exited).toEqual({ code: 0, signal: null });
    expect(demo.stderr()).toContain('SIGTERM received: shutting down');
    await expect(fetch(pageUrl)).rejects.toThrow();
  });
});

describe('npm start with nothing configured', () => {
  let dataDir: string;
  let start: Running | undefined;

  afterAll(async () => {
    if (start?.child.pid !== undefined && start.child.exitCode === null) {
      process.kill(-start.child.pid, 'SIGKILL');
      await start.exited;
    }
    if (dataDir !== undefined) rmSync(dataDir, { recursive: true, force: true });
  });

  it('runs the demo', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'thena-hubspot-start-'));
    // npm, tsx and node make a process group: it is stopped as one.
    start = run('npm', ['start', '--silent'], unconfigured(dataDir), true);
    const [first] = await printed(start, /^.*\n/, 60_000);
    expect(first).toBe('Starting the demo: a local HubSpot and a local Thena, the service on SQLite…\n');
    process.kill(-start.child.pid!, 'SIGTERM');
    await start.exited;
  }, 90_000);
});

function contactOf(body: unknown): { lastName?: string } | undefined {
  const message = (body as { message?: { payload?: { customerContact?: { lastName?: string } } } }).message;
  return message?.payload?.customerContact;
}
