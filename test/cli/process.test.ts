// The command line as a process, on a temporary SQLite database: help, tokens, errors, exit
// codes. Each process loads the whole service (seconds), so independent ones run side by side.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../src/config.ts';
import { openRuntime } from '../../src/main.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const CLI = join(ROOT, 'src/cli/index.ts');
const KEY = 'cd'.repeat(32);

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

describe('thena-hubspot command line', () => {
  let dir: string;
  let env: Record<string, string>;

  const cli = (args: string[], extraEnv: Record<string, string> = {}): Promise<Ran> =>
    new Promise((done) => {
      execFile(
        process.execPath,
        ['--import', 'tsx', CLI, ...args],
        { cwd: ROOT, env: { ...process.env, ...env, ...extraEnv }, timeout: 60_000 },
        (err, stdout, stderr) => done({ code: err === null ? 0 : Number(err.code), stdout, stderr }),
      );
    });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'thena-hubspot-cli-'));
    env = {
      DATABASE_URL: `sqlite:${join(dir, 'cli.db')}`,
      DATA_DIR: dir,
      ENCRYPTION_KEY: KEY,
      ADMIN_TOKEN: 'admin-token-for-cli-tests-0123456789',
      LOG_LEVEL: 'info',
    };
    const runtime = await openRuntime(readConfig(env), { logger: pino({ level: 'silent' }) });
    await runtime.store.installations.recordThenaInstall({
      orgId: 'org-cli',
      thenaInstallationId: null,
      thenaBotId: null,
    });
    await runtime.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('lists the commands and explains one with --help', async () => {
    const [usage, help] = await Promise.all([cli(['--help']), cli(['token', '--help'])]);
    expect(usage.code).toBe(0);
    for (const name of ['serve', 'worker', 'migrate', 'orgs', 'status', 'sync', 'audit', 'token']) {
      expect(usage.stderr).toMatch(new RegExp(`^  ${name}\\s`, 'm'));
    }
    expect([help.code, help.stdout]).toEqual([
      0,
      expect.stringContaining('Usage: thena-hubspot token create'),
    ]);
  });

  it('creates a token printed once on stdout; lists orgs and tokens with only the table on stdout', async () => {
    const created = await cli(['token', 'create', '--org', 'org-cli', '--label', 'laptop']);
    expect(created.code).toBe(0);
    const secret = created.stdout.trim();
    expect(secret).toMatch(/^thena_hs_[A-Za-z0-9_-]{43}$/);
    expect(created.stderr).toMatch(/shown only this once/);

    const [tokens, orgs] = await Promise.all([cli(['token', 'list', '--org', 'org-cli']), cli(['orgs'])]);
    expect(tokens.code).toBe(0);
    expect(tokens.stdout.trim().split('\n')).toEqual([
      expect.stringMatching(/^ID\s+LABEL\s+CREATED \(UTC\)\s+LAST USED\s+STATE$/),
      expect.stringMatching(/^[0-9a-f-]{36}\s+laptop\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\s+-\s+active$/),
    ]);
    expect(orgs.stdout.trim().split('\n')).toEqual([
      expect.stringMatching(/^ORG\s+STATUS\s+HUBSPOT PORTAL$/),
      expect.stringMatching(/^org-cli\s+pending\s+-$/),
    ]);
    for (const output of [tokens.stdout, tokens.stderr, created.stderr, orgs.stdout, orgs.stderr]) {
      expect(output).not.toContain(secret);
      expect(output).not.toContain(KEY);
    }
  });

  it('fails with one clear line and the right exit code', async () => {
    const [missing, notConnected, badConfig] = await Promise.all([
      cli(['status']),
      cli(['sync', '--org', 'org-cli', '--object', 'contacts', '--wait']),
      cli(['orgs'], { DATABASE_URL: 'mysql://nope' }),
    ]);
    expect([missing.code, missing.stderr.trim()]).toEqual([
      2,
      'error: --org is required (see thena-hubspot status --help)',
    ]);
    expect([notConnected.code, notConnected.stderr.trim().split('\n')]).toEqual([
      1,
      [expect.stringMatching(/^error: HubSpot is not connected for organization org-cli/)],
    ]);
    expect(badConfig.code).toBe(2);
    expect(badConfig.stderr).toContain('DATABASE_URL: expected sqlite:<path> or postgres://');
  });
});
