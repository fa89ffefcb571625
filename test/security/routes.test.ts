// Who may call what. Every route of the server is read from Fastify's own route table and must be
// classified here: public (health, metrics, the page, the API docs), authenticated by a signature
// or shared secret (HubSpot's and Thena's deliveries), by a signed single-use ticket or state (the
// OAuth flow), or by a bearer token (the API). A route nobody classified fails the test, so a new
// route cannot ship without saying how it is protected. Every API route then refuses a missing,
// wrong or revoked token and another organization's token; one org can never read or change
// another's data, even by naming the other's ids under its own org.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settle } from '../helpers/settle.ts';
import { secondTenant, startScenario, type Scenario } from '../faults/scenario.ts';
import { snapshot, expectNothingWritten } from '../bad-input/helpers.ts';
import { concrete, protectionOf, routeTable, type Route } from './routes.ts';

const ADMIN_TOKEN = 'admin-token-for-tests-0123456789';

describe('route protection', () => {
  let a: Scenario;
  let b: Scenario;
  let routes: Route[];
  let tokenA: string;
  let tokenB: string;
  let revoked: string;
  let auditIdOfA: number;

  beforeAll(async () => {
    a = await startScenario({ seed: { contacts: 10, companies: 2 } });
    b = await secondTenant(a.stack);
    await settle(a.stack);
    const { tokens } = a.stack.runtime.services.api;
    tokenA = (await tokens.create(a.orgId, 'a')).secret;
    tokenB = (await tokens.create(b.orgId, 'b')).secret;
    const old = await tokens.create(a.orgId, 'revoked');
    await tokens.revoke(old.token.id);
    revoked = old.secret;
    const [entry] = await a.stack.runtime.store.audit.list(a.installationId, { limit: 1 });
    auditIdOfA = entry!.id;
    routes = routeTable(a.stack.server);
  }, 60_000);
  afterAll(async () => a?.stack.close());

  const call = (route: Route, org: string, token?: string) =>
    a.stack.server.inject({
      method: route.method as 'GET',
      url: concrete(route.url, org, auditIdOfA),
      headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
      ...(['POST', 'PUT'].includes(route.method) ? { payload: {} } : {}),
    });

  it('classifies every route of the server', () => {
    expect(routes.length).toBeGreaterThan(15);
    const unclassified = routes
      .filter((r) => protectionOf(r) === undefined)
      .map((r) => `${r.method} ${r.url}`);
    expect(unclassified, 'routes nobody said how they are protected').toEqual([]);
    const bearer = routes.filter((r) => protectionOf(r) === 'bearer');
    expect(bearer.length).toBeGreaterThanOrEqual(11);
  });

  it('refuses every API route without a token, with a wrong one, or with a revoked one', async () => {
    for (const route of routes.filter((r) => protectionOf(r) === 'bearer')) {
      for (const token of [undefined, 'not-a-token', `${ADMIN_TOKEN}x`, revoked, 'x'.repeat(600)]) {
        const response = await call(route, a.orgId, token);
        expect([route.method, route.url, String(token).slice(0, 12), response.statusCode]).toEqual([
          route.method,
          route.url,
          String(token).slice(0, 12),
          401,
        ]);
        expect(response.json<{ error: { code: string } }>().error.code).toBe('unauthorized');
      }
    }
  });

  it("refuses every org-scoped API route to another org's token, before touching anything", async () => {
    const before = await snapshot(a.stack);
    for (const route of routes.filter((r) => protectionOf(r) === 'bearer' && r.url.includes(':org'))) {
      for (const [token, org] of [
        [tokenB, a.orgId],
        [tokenA, b.orgId],
        [tokenB, 'O-does-not-exist'],
      ] as const) {
        const response = await call(route, org, token);
        expect([route.method, route.url, response.statusCode]).toEqual([route.method, route.url, 403]);
        expect(response.body).not.toContain(org === a.orgId ? a.installationId : b.installationId);
      }
    }
    await expectNothingWritten(a.stack, before);
  });

  it('lets each token reach its own org (the refusals above are not a broken route)', async () => {
    // Uninstalling is left out: it would end the tenants the next tests need.
    for (const route of routes.filter((r) => protectionOf(r) === 'bearer' && r.method !== 'DELETE')) {
      for (const [token, org] of [
        [tokenA, a.orgId],
        [ADMIN_TOKEN, b.orgId],
      ] as const) {
        const response = await call(route, org, token);
        expect([route.method, route.url, [401, 403].includes(response.statusCode)]).toEqual([
          route.method,
          route.url,
          false,
        ]);
      }
    }
  });

  it("never shows or touches one org's data through another's", async () => {
    const list = await a.stack.server.inject({
      url: '/api/v1/orgs',
      headers: { authorization: `Bearer ${tokenB}` },
    });
    expect(list.json<{ orgs: { orgId: string }[] }>().orgs.map((o) => o.orgId)).toEqual([b.orgId]);
    // B's own audit log holds none of A's entries, and A's entry cannot be retried under B's name.
    const audit = await a.stack.server.inject({
      url: `/api/v1/orgs/${b.orgId}/audit`,
      headers: { authorization: `Bearer ${tokenB}` },
    });
    expect(audit.statusCode, audit.body).toBe(200);
    expect(audit.json<{ entries: { id: number }[] }>().entries.map((e) => e.id)).not.toContain(auditIdOfA);
    // Work still finishing from the set-up would write while we watch.
    await settle(a.stack);
    const before = await snapshot(a.stack);
    const retry = await a.stack.server.inject({
      method: 'POST',
      url: `/api/v1/orgs/${b.orgId}/audit/${auditIdOfA}/retry`,
      headers: { authorization: `Bearer ${tokenB}` },
    });
    expect(retry.statusCode).toBe(404);
    await expectNothingWritten(a.stack, before);
    // Saving B's configuration leaves A's as it was.
    const configA = await a.stack.server.inject({
      url: `/api/v1/orgs/${a.orgId}/objects/contacts/config`,
      headers: { authorization: `Bearer ${tokenA}` },
    });
    const { version: _v, updatedAt: _u, ...body } = configA.json<Record<string, unknown>>();
    const saved = await a.stack.server.inject({
      method: 'PUT',
      url: `/api/v1/orgs/${b.orgId}/objects/contacts/config`,
      headers: { authorization: `Bearer ${tokenB}` },
      payload: { ...body, enabled: false },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const after = await a.stack.server.inject({
      url: `/api/v1/orgs/${a.orgId}/objects/contacts/config`,
      headers: { authorization: `Bearer ${tokenA}` },
    });
    expect(after.json()).toEqual(configA.json());
  });

  it('refuses the signed routes without their signature or secret', async () => {
    for (const route of routes.filter((r) => protectionOf(r) === 'signature')) {
      const response = await a.stack.server.inject({ method: 'POST', url: route.url, payload: '[]' });
      expect([route.url, response.statusCode]).toEqual([route.url, 401]);
    }
  });

  it('keeps the public routes free of secrets and tenant data', async () => {
    for (const route of routes.filter((r) => protectionOf(r) === 'public')) {
      const response = await a.stack.server.inject({ url: concrete(route.url, a.orgId, auditIdOfA) });
      for (const secret of [tokenA, tokenB, ADMIN_TOKEN, a.botToken, a.stack.hubspot.app.clientSecret])
        expect(response.body, `${route.url} shows a secret`).not.toContain(secret);
      expect(response.body, `${route.url} names an org`).not.toContain(a.orgId);
    }
  });
});
