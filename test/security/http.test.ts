// HTTP hygiene: the configuration page carries a strict content security policy and the other
// security headers; every answer says nosniff and hides the server; the API grants no cross-origin
// reads; and every route that takes a body has a size limit (found in Fastify's route table, so a
// new route is checked too): a larger body is a 413, a body nested 400,000 deep a 4xx, never a
// crash.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedHeaders } from '../../emulators/hubspot/webhooks/signature.ts';
import { signatureFor } from '../../emulators/thena/index.ts';
import { buildServer } from '../../src/server/app.ts';
import { startScenario, type Scenario } from '../faults/scenario.ts';
import { concrete, protectionOf, routeTable } from './routes.ts';

const ADMIN = { authorization: 'Bearer admin-token-for-tests-0123456789' };
const MIB = 1024 * 1024;

describe('the configuration page', () => {
  let server: FastifyInstance;
  let root: string;

  beforeAll(async () => {
    // A built page of our own, so the test does not depend on `npm run build:web` having run.
    root = mkdtempSync(join(tmpdir(), 'thena-hubspot-page-'));
    writeFileSync(
      join(root, 'index.html'),
      '<!doctype html><html><body><script src="/assets/app.js"></script></body></html>',
    );
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'assets', 'app.js'), 'console.log("page")');
    server = await buildServer({ logger: pino({ level: 'silent' }), readiness: {}, webRoot: root });
  });
  afterAll(async () => {
    await server?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('is served with a strict content security policy and the other security headers', async () => {
    for (const url of ['/', '/index.html']) {
      const page = await server.inject({ url });
      expect(page.statusCode).toBe(200);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      const policy = String(page.headers['content-security-policy'])
        .split(';')
        .map((d) => d.trim());
      expect(policy).toEqual(
        expect.arrayContaining([
          "default-src 'self'",
          "script-src 'self'",
          "connect-src 'self'",
          "frame-ancestors 'none'",
          "base-uri 'none'",
          "form-action 'self'",
        ]),
      );
      expect(policy.find((d) => d.startsWith('script-src'))).not.toMatch(/unsafe-(inline|eval)|\*/);
      expect(page.headers).toMatchObject({
        'x-frame-options': 'DENY',
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        'cross-origin-opener-policy': 'same-origin',
        'cache-control': 'no-store',
      });
    }
    const script = await server.inject({ url: '/assets/app.js' });
    expect(script.headers['x-content-type-options']).toBe('nosniff');
  });
});

describe('the service over HTTP', () => {
  let s: Scenario;
  beforeAll(async () => {
    s = await startScenario({ seed: { contacts: 5, companies: 1 } });
  }, 60_000);
  afterAll(async () => s?.stack.close());

  it('says nosniff on every answer, errors included, and does not name its software', async () => {
    for (const url of ['/healthz', '/metrics', '/api/v1/orgs', '/nowhere', `/api/v1/orgs/${s.orgId}/audit`]) {
      const response = await s.stack.server.inject({ url, headers: ADMIN });
      expect([url, response.headers['x-content-type-options']]).toEqual([url, 'nosniff']);
      expect(response.headers['x-powered-by']).toBeUndefined();
      expect(String(response.headers.server ?? '')).not.toMatch(/fastify|node/i);
    }
  });

  it('grants no cross-origin access to the API', async () => {
    const origin = 'https://evil.example';
    const preflight = await s.stack.server.inject({
      method: 'OPTIONS',
      url: '/api/v1/orgs',
      headers: {
        origin,
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'authorization',
      },
    });
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    const read = await s.stack.server.inject({ url: '/api/v1/orgs', headers: { ...ADMIN, origin } });
    expect(read.headers['access-control-allow-origin']).toBeUndefined();
    expect(read.headers['access-control-allow-credentials']).toBeUndefined();
  });

  /** Headers that get a body past authentication, so the size limit is what answers. */
  function authenticated(url: string, body: string): Record<string, string> {
    const { stack } = s;
    if (url.startsWith('/api/')) return { ...ADMIN, 'content-type': 'application/json' };
    if (url === '/hubspot/webhooks')
      return signedHeaders(stack.hubspot.app.clientSecret, `${stack.url}${url}`, body, Date.now());
    const timestamp = Math.floor(Date.now() / 1000);
    return {
      'content-type': 'application/json',
      'x-thena-timestamp': String(timestamp),
      'x-thena-signature': signatureFor(stack.runtime.config.thenaWebhookSecret!, timestamp, body),
    };
  }

  it('limits the body of every route that takes one to at most 1 MiB, and answers 413 beyond', async () => {
    const routes = routeTable(s.stack.server).filter((r) =>
      ['POST', 'PUT', 'PATCH', 'DELETE'].includes(r.method),
    );
    const withBody = routes.filter((r) => r.method !== 'DELETE');
    expect(withBody.length).toBeGreaterThanOrEqual(7);
    const body = JSON.stringify({ padding: 'x'.repeat(MIB) });
    for (const route of withBody) {
      expect(protectionOf(route), `${route.method} ${route.url}`).not.toBe('public');
      const url = concrete(route.url, s.orgId, 1);
      const response = await s.stack.server.inject({
        method: route.method as 'POST',
        url,
        headers: authenticated(route.url, body),
        payload: body,
      });
      expect([route.method, route.url, response.statusCode]).toEqual([route.method, route.url, 413]);
      expect(response.json<{ error: { code: string } }>().error.code).toBe('payload_too_large');
    }
  });

  it('answers a body nested 400,000 deep with a 4xx, and keeps serving', async () => {
    const routes = routeTable(s.stack.server).filter((r) => ['POST', 'PUT'].includes(r.method));
    const deep = `${'['.repeat(400_000)}${']'.repeat(400_000)}`;
    for (const route of routes) {
      const url = concrete(route.url, s.orgId, 1);
      const response = await s.stack.server.inject({
        method: route.method as 'POST',
        url,
        headers: authenticated(route.url, deep),
        payload: deep,
      });
      expect([route.url, response.statusCode >= 400 && response.statusCode < 500]).toEqual([route.url, true]);
    }
    expect((await s.stack.server.inject({ url: '/healthz' })).statusCode).toBe(200);
  });
});
