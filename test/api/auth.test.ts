// Who may call the API: the operator's ADMIN_TOKEN sees every org, an org token its own only,
// anything else is refused before the request is read.
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/server/app.ts';
import { createApiServices } from '../../src/sync/app/api.ts';
import { DIALECTS } from '../helpers/db.ts';
import { ADMIN_TOKEN, failure, startApiStack, type ApiStack } from './helpers.ts';

describe.each(DIALECTS)('API authentication on %s', (dialect) => {
  let api: ApiStack;

  beforeAll(async () => {
    api = await startApiStack(dialect, { contacts: 5, companies: 2 });
  }, 120_000);
  afterAll(async () => api?.close());

  it('refuses a request without a token, with a Bearer challenge', async () => {
    const response = await api.call('GET', `/api/v1/orgs/${api.orgId}/connection`, { token: null });
    expect(failure(response)).toEqual([401, 'unauthorized']);
    expect(response.headers['www-authenticate']).toBe('Bearer realm="thena-hubspot"');
  });

  it('refuses a wrong token, a malformed header and another scheme alike', async () => {
    const url = `/api/v1/orgs/${api.orgId}/connection`;
    const wrong = await api.call('GET', url, { token: 'thena_hs_not-a-real-token' });
    expect(failure(wrong)).toEqual([401, 'unauthorized']);
    expect(wrong.headers['www-authenticate']).toContain('error="invalid_token"');
    expect(failure(await api.call('GET', url, { token: `${ADMIN_TOKEN}x` }))).toEqual([401, 'unauthorized']);
    const basic = await api.call('GET', url, {
      token: null,
      headers: { authorization: `Basic ${ADMIN_TOKEN}` },
    });
    expect(failure(basic)).toEqual([401, 'unauthorized']);
    const spaced = await api.call('GET', url, { token: null, headers: { authorization: 'Bearer a b' } });
    expect(failure(spaced)).toEqual([401, 'unauthorized']);
  });

  it('refuses before reading the body: an unauthenticated oversized PUT is a 401, not a 413', async () => {
    const response = await api.call('PUT', `/api/v1/orgs/${api.orgId}/objects/contacts/config`, {
      token: null,
      body: { junk: 'x'.repeat(2 * 1024 * 1024) },
    });
    expect(failure(response)).toEqual([401, 'unauthorized']);
  });

  it('lets the admin token see every org and an org token only its own', async () => {
    const all = (await api.call('GET', '/api/v1/orgs')).json<{ orgs: { orgId: string }[] }>();
    expect(all.orgs.map((o) => o.orgId).sort()).toEqual([api.orgId, api.pendingOrgId].sort());
    const own = await api.call('GET', '/api/v1/orgs', { token: api.orgToken });
    expect(own.json()).toEqual({
      orgs: [{ orgId: api.orgId, status: 'connected', portalId: String(api.stack.portalId) }],
    });
  });

  it("answers 403 for another org's data, whether or not that org exists", async () => {
    for (const path of ['connection', 'objects/contacts/status', 'audit', 'objects/contacts/config']) {
      const response = await api.call('GET', `/api/v1/orgs/${api.orgId}/${path}`, {
        token: api.pendingOrgToken,
      });
      expect(failure(response)).toEqual([403, 'forbidden']);
    }
    const missing = await api.call('GET', '/api/v1/orgs/no-such-org/connection', { token: api.orgToken });
    expect(failure(missing)).toEqual([403, 'forbidden']);
    const asAdmin = await api.call('GET', '/api/v1/orgs/no-such-org/connection');
    expect(failure(asAdmin)).toEqual([404, 'org_not_found']);
    const retry = await api.call('POST', `/api/v1/orgs/${api.orgId}/audit/1/retry`, {
      token: api.pendingOrgToken,
    });
    expect(failure(retry)).toEqual([403, 'forbidden']);
  });

  it('accepts an org token for its own org and records when it was used', async () => {
    const response = await api.call('GET', `/api/v1/orgs/${api.orgId}/connection`, { token: api.orgToken });
    expect(response.statusCode).toBe(200);
    const [token] = await api.stack.runtime.services.api.tokens.list(api.orgId);
    expect(token?.lastUsedAt).not.toBeNull();
  });

  it('refuses a revoked token', async () => {
    const { tokens } = api.stack.runtime.services.api;
    const created = await tokens.create(api.orgId, 'short-lived');
    const url = `/api/v1/orgs/${api.orgId}/connection`;
    expect((await api.call('GET', url, { token: created.secret })).statusCode).toBe(200);
    await tokens.revoke(created.token.id);
    expect(failure(await api.call('GET', url, { token: created.secret }))).toEqual([401, 'unauthorized']);
  });

  it('stores only a hash of each token', async () => {
    const { secret } = await api.stack.runtime.services.api.tokens.create(api.orgId, null);
    const rows = await api.stack.runtime.store.db.selectFrom('api_tokens').selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain(secret);
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.token_hash))).toBe(true);
  });

  it('without ADMIN_TOKEN configured, accepts org tokens only', async () => {
    const { runtime } = api.stack;
    const services = createApiServices(runtime.engine, runtime.services.installations, runtime.store, {
      adminToken: undefined,
    });
    const app = await buildServer({ logger: pino({ level: 'silent' }), readiness: {}, api: services });
    try {
      const inject = (token: string) =>
        app.inject({ url: '/api/v1/orgs', headers: { authorization: `Bearer ${token}` } });
      expect((await inject(ADMIN_TOKEN)).statusCode).toBe(401);
      expect((await inject(api.orgToken)).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });

  it('serves the OpenAPI document without a token, with the bearer scheme and every route', async () => {
    const response = await api.call('GET', '/docs/json', { token: null });
    expect(response.statusCode).toBe(200);
    const doc = response.json<{
      openapi: string;
      components: { securitySchemes: Record<string, unknown> };
      security: unknown[];
      paths: Record<string, Record<string, unknown>>;
    }>();
    expect(doc.components.securitySchemes.bearer).toEqual({ type: 'http', scheme: 'bearer' });
    expect(doc.security).toEqual([{ bearer: [] }]);
    expect(Object.keys(doc.paths).sort()).toEqual([
      '/api/v1/orgs',
      '/api/v1/orgs/{org}/audit',
      '/api/v1/orgs/{org}/audit/{id}/retry',
      '/api/v1/orgs/{org}/connection',
      '/api/v1/orgs/{org}/objects/{object}/config',
      '/api/v1/orgs/{org}/objects/{object}/fields',
      '/api/v1/orgs/{org}/objects/{object}/preview',
      '/api/v1/orgs/{org}/objects/{object}/status',
      '/api/v1/orgs/{org}/objects/{object}/sync',
    ]);
    expect(Object.keys(doc.paths['/api/v1/orgs/{org}/connection'] ?? {}).sort()).toEqual(['delete', 'get']);
    const ui = await api.call('GET', '/docs/', { token: null });
    expect([ui.statusCode, ui.headers['content-type']]).toEqual([200, expect.stringContaining('text/html')]);
  });
});
