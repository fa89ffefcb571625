// Secrets stay secret through a whole run, on each dialect: install, OAuth, backfill, changes both
// ways, outages on both sides, an expired token refreshed, a refresh token revoked and reconnected,
// refused requests of every kind, an uninstall. Every log line of the service (trace level, the
// worker's too) and every answer it gave is searched for every secret that existed in the run:
// HubSpot access and refresh tokens (each one issued), the authorization codes, the Thena bot
// token, the app's client secret, the admin token, an org API token, the Thena webhook secret and
// the encryption key. Then the raw database is read (SQLite's file bytes, WAL included; every row
// of every PostgreSQL table): no token or secret is stored in the clear.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Writable } from 'node:stream';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logging.ts';
import { Worker } from '../../src/queue/worker.ts';
import type { HubSpotTokens } from '../../src/sync/hubspot-port.ts';
import { DIALECTS, postgresUrl } from '../helpers/db.ts';
import { settle } from '../helpers/settle.ts';
import { startStack, type Stack } from '../helpers/stack.ts';
import { expectConsistent } from '../faults/consistency.ts';
import { Changes } from '../faults/scenario.ts';

const ENCRYPTION_KEY = 'ab'.repeat(32);
const ADMIN_TOKEN = 'admin-token-for-tests-0123456789';

describe.each(DIALECTS)('secrets in a full run on %s', (dialect) => {
  let stack: Stack | undefined;
  let worker: Worker | undefined;
  afterAll(async () => {
    await worker?.stop(2_000);
    await stack?.close();
  });

  it('appear in no log line, no answer and no database row', async () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
        done();
      },
    });
    const logger = createLogger({ level: 'trace', destination });
    stack = await startStack({
      dialect,
      seed: { contacts: 30, companies: 5 },
      runtime: { logger, hubspotCalls: { rateLimitPauseMs: 50 } },
      backgroundWorker: false,
    });
    const s = stack;
    worker = new Worker(s.runtime.queue, s.runtime.handlers, {
      concurrency: 4,
      pollIntervalMs: 20,
      maintenanceIntervalMs: 200,
      leaseMs: 2_000,
      logger: s.runtime.logger,
    });
    worker.start();
    const secrets = new Map<string, string>([
      ['admin token', ADMIN_TOKEN],
      ['HubSpot client secret', s.hubspot.app.clientSecret],
      ['Thena webhook secret', s.runtime.config.thenaWebhookSecret!],
      ['encryption key', ENCRYPTION_KEY],
    ]);
    const answers: string[] = [];
    const remember = async (response: Response | { body: string }) => {
      answers.push(response instanceof Response ? await response.text() : response.body);
    };
    const hubspotTokens = async (installationId: string) => {
      const { secret } = (await s.runtime.store.credentials.get<HubSpotTokens>(installationId, 'hubspot'))!;
      secrets.set(`HubSpot access token ${secret.accessToken.slice(-6)}`, secret.accessToken);
      secrets.set(`HubSpot refresh token ${secret.refreshToken.slice(-6)}`, secret.refreshToken);
      return secret;
    };
    /** The OAuth flow by hand, to know its authorization code. */
    const connect = async (orgId: string) => {
      const start = await fetch(s.runtime.services.installations.installUrl(orgId), { redirect: 'manual' });
      const consent = await fetch(start.headers.get('location')!, { redirect: 'manual' });
      const callback = new URL(consent.headers.get('location')!);
      secrets.set(
        `authorization code ${callback.searchParams.get('code')!.slice(-6)}`,
        callback.searchParams.get('code')!,
      );
      const done = await fetch(callback, { redirect: 'manual' });
      expect(done.status).toBe(302);
      await remember(done);
    };

    // Install and connect.
    const app = s.thena.install();
    secrets.set('Thena bot token', app.botToken);
    await s.thena.waitForDeliveries(10_000);
    const orgId = app.organizationId;
    await connect(orgId);
    const installationId = (await s.runtime.store.installations.getByOrg(orgId))!.id;
    await settle(s, 60_000);
    const first = await hubspotTokens(installationId);
    const { secret: orgToken } = await s.runtime.services.api.tokens.create(orgId, 'secrets test');
    secrets.set('org API token', orgToken);

    // Changes both ways through outages on both sides, and an access token that expires.
    const scenario = { stack: s, orgId, installationId, botToken: app.botToken };
    const changes = await new Changes(scenario, 61).prepare();
    s.hubspot.control.addFault({ path: '/crm/*', count: 6, action: { type: 'status', status: 502 } });
    s.hubspot.control.addFault({ path: '/crm/*', count: 4, action: { type: 'rate-limit' } });
    s.thena.injectFault({ kind: 'status', status: 503, path: '/v1', count: 4 });
    s.thena.injectFault({ kind: 'reset', path: '/v1', count: 2 });
    changes.many(20);
    s.hubspot.control.expireToken(first.accessToken);
    changes.many(10);
    await settle(s, 60_000);
    await hubspotTokens(installationId);

    // Refused requests of every kind, the correct secrets among them where they could be echoed.
    const api = (url: string, token: string | undefined, method: 'GET' | 'PUT' | 'POST' = 'GET') =>
      s.server.inject({
        method,
        url,
        headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
        ...(method === 'GET' ? {} : { payload: { token: orgToken, secret: ADMIN_TOKEN } }),
      });
    for (const [url, token, method] of [
      ['/api/v1/orgs', undefined, 'GET'],
      ['/api/v1/orgs', `${orgToken}x`, 'GET'],
      ['/api/v1/orgs', `${ADMIN_TOKEN}${ADMIN_TOKEN}`, 'GET'],
      [`/api/v1/orgs/someone-else/connection`, orgToken, 'GET'],
      [`/api/v1/orgs/${orgId}/objects/contacts/config`, orgToken, 'PUT'],
      [`/api/v1/orgs/${orgId}/objects/tickets/status`, ADMIN_TOKEN, 'GET'],
      [`/api/v1/orgs/${orgId}/audit/999999/retry`, orgToken, 'POST'],
      [`/api/v1/orgs/${orgId}/objects/contacts/sync`, orgToken, 'POST'],
    ] as const)
      await remember(await api(url, token, method));
    await remember(
      await fetch(
        `${s.url}/thena/events?token=${encodeURIComponent(`${s.runtime.config.thenaWebhookSecret!}x`)}`,
        { method: 'POST', body: '{}' },
      ),
    );
    await remember(
      await fetch(`${s.url}/thena/events?token=${encodeURIComponent(s.runtime.config.thenaWebhookSecret!)}`, {
        method: 'POST',
        body: '{"message":{}}',
      }),
    );
    await remember(
      await fetch(`${s.url}/hubspot/webhooks`, {
        method: 'POST',
        body: '[]',
        headers: {
          'x-hubspot-signature-v3': s.hubspot.app.clientSecret,
          'x-hubspot-request-timestamp': String(Date.now()),
        },
      }),
    );
    await remember(
      await fetch(`${s.url}/oauth/hubspot/callback?code=${first.refreshToken}&state=${first.accessToken}`),
    );

    // The refresh token revoked: paused, reconnected with a new code and new tokens.
    const beforeRevoke = await hubspotTokens(installationId);
    s.hubspot.control.revokeToken({ refreshToken: beforeRevoke.refreshToken });
    s.hubspot.control.expireToken(beforeRevoke.accessToken);
    changes.many(5);
    await settle(s, 60_000);
    expect((await s.runtime.store.installations.getById(installationId))?.status).toBe('needs_reconnect');
    await connect(orgId);
    await settle(s, 60_000);
    const reconnected = await hubspotTokens(installationId);
    await expectConsistent(s, scenario);

    // What the database holds, read raw, before the uninstall forgets the HubSpot tokens.
    const stored = await rawDatabase(s);
    // Uninstall: the refresh token is revoked with HubSpot.
    await remember(
      await api(`/api/v1/orgs/${orgId}/connection`, ADMIN_TOKEN).then(() =>
        s.server.inject({
          method: 'DELETE',
          url: `/api/v1/orgs/${orgId}/connection`,
          headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
        }),
      ),
    );
    await settle(s);
    await worker.stop(2_000);
    const storedAfter = await rawDatabase(s);

    expect(secrets.size).toBeGreaterThanOrEqual(12);
    expect(reconnected.refreshToken).not.toBe(beforeRevoke.refreshToken);
    // Every level the service writes was captured (it writes no trace lines of its own today).
    expect(lines.length).toBeGreaterThan(10);
    for (const level of [20, 30, 40])
      expect(
        lines.some((l) => l.includes(`"level":${level}`)),
        String(level),
      ).toBe(true);
    const leaks: string[] = [];
    for (const [name, secret] of secrets) {
      expect(secret.length, name).toBeGreaterThanOrEqual(8);
      const inLogs = lines.filter((l) => l.includes(secret));
      if (inLogs.length > 0)
        leaks.push(`${name} in ${inLogs.length} log line(s), e.g. ${inLogs[0]!.slice(0, 300)}`);
      const inAnswers = answers.filter((a) => a.includes(secret));
      if (inAnswers.length > 0) leaks.push(`${name} in an answer: ${inAnswers[0]!.slice(0, 300)}`);
      for (const [when, raw] of [
        ['before uninstall', stored],
        ['after uninstall', storedAfter],
      ] as const) {
        if (raw.includes(secret)) leaks.push(`${name} stored in the clear (${when})`);
      }
    }
    expect(leaks, leaks.join('\n')).toEqual([]);
    // The tokens are there, sealed: the check above read something that holds them.
    expect(stored).toMatch(/v1\.[A-Za-z0-9+/=]+\.[A-Za-z0-9+/=]+\.[A-Za-z0-9+/=]+/);
  }, 180_000);
});

/** Everything the database holds, as text: SQLite's files byte for byte, or every PostgreSQL row. */
async function rawDatabase(stack: Stack): Promise<string> {
  const database = stack.runtime.config.database;
  if (database.kind === 'sqlite') {
    const dir = dirname(database.path);
    return readdirSync(dir)
      .filter((f) => f.startsWith('test.db'))
      .map((f) => readFileSync(join(dir, f)).toString('latin1'))
      .join('\n');
  }
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    const { rows: tables } = await client.query<{ table_name: string }>(
      'select table_name from information_schema.tables where table_schema = $1',
      [database.schema],
    );
    const dumps: string[] = [];
    for (const { table_name } of tables) {
      const { rows } = await client.query(`select * from "${database.schema!}"."${table_name}"`);
      dumps.push(JSON.stringify(rows));
    }
    expect(tables.length).toBeGreaterThan(10);
    return dumps.join('\n');
  } finally {
    await client.end();
  }
}
