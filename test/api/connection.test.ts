// GET|DELETE /orgs/{org}/connection: what is connected, the install link, and uninstalling.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '../../src/contracts/api.ts';
import { DIALECTS } from '../helpers/db.ts';
import { failure, startApiStack, type ApiStack } from './helpers.ts';

describe.each(DIALECTS)('connection API on %s', (dialect) => {
  let api: ApiStack;

  beforeAll(async () => {
    api = await startApiStack(dialect, { contacts: 8, companies: 2 });
  }, 120_000);
  afterAll(async () => api?.close());

  it('shows the connected portal, its scopes and a signed install link', async () => {
    const response = await api.call('GET', `/api/v1/orgs/${api.orgId}/connection`, { token: api.orgToken });
    expect(response.statusCode).toBe(200);
    const connection = response.json<Connection>();
    expect(connection).toMatchObject({
      orgId: api.orgId,
      status: 'connected',
      statusReason: null,
      portalId: String(api.stack.portalId),
    });
    expect(connection.scopes).toContain('crm.objects.contacts.read');
    expect(connection.scopes).toContain('crm.schemas.companies.read');
    const link = new URL(connection.installUrl);
    expect(link.pathname).toBe('/oauth/hubspot/install');
    expect(link.searchParams.get('org')).toBe(api.orgId);
    expect(link.searchParams.get('ticket')).toEqual(expect.any(String));
  });

  it('shows a pending org without portal, and 404 for an org that never installed the app', async () => {
    const pending = (await api.call('GET', `/api/v1/orgs/${api.pendingOrgId}/connection`)).json<Connection>();
    expect(pending).toMatchObject({ status: 'pending', portalId: null, scopes: [] });
    expect(failure(await api.call('GET', '/api/v1/orgs/nobody/connection'))).toEqual([404, 'org_not_found']);
    expect(failure(await api.call('DELETE', '/api/v1/orgs/nobody/connection'))).toEqual([
      404,
      'org_not_found',
    ]);
  });

  it('uninstalls: answers the uninstalled connection, stops the sync and keeps the audit log', async () => {
    const auditBefore = await api.stack.runtime.store.audit.list(api.installationId, { limit: 1_000 });
    const response = await api.call('DELETE', `/api/v1/orgs/${api.orgId}/connection`, {
      token: api.orgToken,
    });
    expect(response.statusCode).toBe(200);
    expect(response.json<Connection>()).toMatchObject({
      orgId: api.orgId,
      status: 'uninstalled',
      statusReason: 'uninstalled through the API',
    });
    const auditAfter = await api.stack.runtime.store.audit.list(api.installationId, { limit: 1_000 });
    expect(auditAfter.length).toBe(auditBefore.length + 1);
    expect(await api.stack.runtime.store.credentials.get(api.installationId, 'hubspot')).toBeUndefined();

    const base = `/api/v1/orgs/${api.orgId}/objects/contacts`;
    expect(failure(await api.call('POST', `${base}/sync`))).toEqual([409, 'not_connected']);
    expect(failure(await api.call('GET', `${base}/fields`))).toEqual([409, 'not_connected']);
    const status = (await api.call('GET', `${base}/status`)).json<{
      connection: string;
      hubspotTotal: null;
    }>();
    expect(status).toMatchObject({ connection: 'uninstalled', hubspotTotal: null });
    // Uninstalling twice is harmless.
    expect((await api.call('DELETE', `/api/v1/orgs/${api.orgId}/connection`)).statusCode).toBe(200);
  });
});
