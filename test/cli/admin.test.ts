// The operator's commands run in-process against a live stack: what they print, their exit codes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAdminCommand } from '../../src/cli/admin.ts';
import type { CliIo } from '../../src/cli/io.ts';
import { DIALECTS } from '../helpers/db.ts';
import { startApiStack, waitForIdle, type ApiStack } from '../api/helpers.ts';

interface Ran {
  code: number;
  out: string[];
  err: string[];
}

describe.each(DIALECTS)('admin commands on %s', (dialect) => {
  let api: ApiStack;

  const run = async (command: string, ...args: string[]): Promise<Ran> => {
    const out: string[] = [];
    const err: string[] = [];
    const io: CliIo = { out: (line) => out.push(line), err: (line) => err.push(line) };
    const code = await runAdminCommand(api.stack.runtime.services.api, command, args, io, 20);
    return { code, out, err };
  };

  beforeAll(async () => {
    api = await startApiStack(dialect, { contacts: 25, companies: 4 });
  }, 120_000);
  afterAll(async () => api?.close());

  it('orgs: every org with its status and portal', async () => {
    const { code, out } = await run('orgs');
    expect(code).toBe(0);
    expect(out[0]).toMatch(/^ORG\s+STATUS\s+HUBSPOT PORTAL$/);
    expect(out.find((l) => l.startsWith(api.orgId))).toMatch(
      new RegExp(`connected\\s+${api.stack.portalId}$`),
    );
    expect(out.find((l) => l.startsWith(api.pendingOrgId))).toMatch(/pending\s+-$/);
  });

  it('status: counts on both sides and the recent runs, per object', async () => {
    const { code, out } = await run('status', '--org', api.orgId, '--object', 'contacts');
    expect(code).toBe(0);
    expect(out[0]).toBe('contacts: sync on, HubSpot connected');
    expect(out).toContain('  in HubSpot       25');
    expect(
      out.some((l) =>
        /^\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\s+install\s+HubSpot -> Thena\s+succeeded\s+100%/.test(l),
      ),
    ).toBe(true);
    const both = await run('status', '--org', api.orgId);
    expect(both.out.filter((l) => /^(contacts|companies): /.test(l))).toHaveLength(2);
  });

  it('sync --wait: prints the run id, follows it, exits 0 when it succeeds', async () => {
    const { code, out, err } = await run('sync', '--org', api.orgId, '--object', 'companies', '--wait');
    expect(code).toBe(0);
    expect(out).toEqual([expect.stringMatching(/^[0-9a-f-]{36}$/)]);
    expect(err.at(-1)).toMatch(/^Run succeeded: 4 seen, /);
    const runs = await api.stack.runtime.store.runs.recent(api.installationId, 'companies', 1);
    expect(runs[0]).toMatchObject({ id: out[0], trigger: 'manual', state: 'succeeded' });
  });

  it('sync --wait: exits 1 when the run fails', async () => {
    await waitForIdle(api.stack, api.installationId);
    const fault = api.stack.hubspot.control.addFault({
      path: '/crm/v3/objects/contacts/search',
      action: { type: 'status', status: 400 },
    });
    try {
      const { code, err } = await run('sync', '--org', api.orgId, '--object', 'contacts', '--wait');
      expect(code).toBe(1);
      expect(err.at(-1)).toMatch(/^Run failed: /);
    } finally {
      api.stack.hubspot.control.removeFault(fault.id);
    }
  });

  it('sync without --wait prints the run id and returns at once', async () => {
    await waitForIdle(api.stack, api.installationId);
    const { code, out } = await run('sync', '--org', api.orgId, '--object', 'contacts');
    expect([code, out.length]).toEqual([0, 1]);
    await waitForIdle(api.stack, api.installationId);
  });

  it('audit: a readable table, filtered', async () => {
    const skipped = (hubspotId: string) => ({
      runId: null,
      direction: 'hubspot_to_thena' as const,
      objectType: 'contacts' as const,
      hubspotId,
      thenaId: null,
      action: 'create',
      status: 'SKIPPED' as const,
      errorCode: 'missing_email',
      message: 'the HubSpot record has no email',
    });
    await api.stack.runtime.store.audit.append(api.installationId, ['a', 'b', 'c', 'd'].map(skipped));
    const { code, out } = await run('audit', '--org', api.orgId, '--status', 'skipped', '--limit', '3');
    expect(code).toBe(0);
    expect(out[0]).toMatch(/^ID\s+AT \(UTC\)\s+OBJECT\s+DIRECTION\s+STATUS\s+ACTION\s+RECORD\s+MESSAGE$/);
    expect(out).toHaveLength(4);
    expect(out.slice(1).map((l) => l.split(/\s{2,}/).slice(2))).toEqual(
      ['d', 'c', 'b'].map((id) => [
        'contacts',
        'HS -> Thena',
        'SKIPPED',
        'create',
        id,
        'missing_email: the HubSpot record has no email',
      ]),
    );
    const none = await run('audit', '--org', api.pendingOrgId);
    expect(none.out).toEqual(['No audit entries match.']);
  });

  it('token create, list and revoke: the secret is printed once, never listed', async () => {
    const created = await run('token', 'create', '--org', api.orgId, '--label', 'ci');
    expect(created.code).toBe(0);
    const [secret] = created.out;
    expect(secret).toMatch(/^thena_hs_/);
    expect(created.err.join('\n')).not.toContain(secret);
    const response = await api.call('GET', `/api/v1/orgs/${api.orgId}/connection`, { token: secret! });
    expect(response.statusCode).toBe(200);

    const listed = await run('token', 'list', '--org', api.orgId);
    expect(listed.out.join('\n')).not.toContain(secret);
    const row = listed.out.find((l) => / ci /.test(l))!;
    const id = row.split(/\s+/)[0]!;
    expect(row).toMatch(/active$/);

    expect((await run('token', 'revoke', '--id', id)).out).toEqual([
      `Token ${id} of organization ${api.orgId} is revoked.`,
    ]);
    expect(
      (await api.call('GET', `/api/v1/orgs/${api.orgId}/connection`, { token: secret! })).statusCode,
    ).toBe(401);
    expect((await run('token', 'list', '--org', api.orgId)).out.find((l) => l.startsWith(id))).toMatch(
      /revoked/,
    );
  });

  it('says what is wrong in one line: exit 2 for usage, 1 for a refused request', async () => {
    const cases: [string[], number, RegExp][] = [
      [['status'], 2, /^error: --org is required \(see thena-hubspot status --help\)$/],
      [['status', '--org', api.orgId, '--object', 'deals'], 2, /--object must be one of contacts, companies/],
      [['audit', '--org', api.orgId, '--limit', '0'], 2, /--limit must be a whole number from 1 to 500/],
      [
        ['sync', '--org', api.orgId, '--object', 'contacts', '--bogus'],
        2,
        /^error: Unknown option '--bogus'/,
      ],
      [['token', 'rotate'], 2, /unknown action "rotate"/],
      [['status', '--org', 'nobody'], 1, /^error: organization nobody has not installed the app$/],
      [['sync', '--org', api.pendingOrgId, '--object', 'contacts'], 1, /^error: HubSpot is not connected/],
      [['token', 'create', '--org', 'nobody'], 1, /has not installed the app/],
      [['token', 'revoke', '--id', 'nope'], 1, /^error: no API token has the id nope$/],
    ];
    for (const [args, code, message] of cases) {
      const ran = await run(args[0]!, ...args.slice(1));
      expect([ran.code, ran.err.length, ran.out]).toEqual([code, 1, []]);
      expect(ran.err[0]).toMatch(message);
    }
  });
});
