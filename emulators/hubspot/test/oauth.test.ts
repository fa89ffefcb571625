// OAuth end to end: consent page -> code -> tokens (through the SDK) -> API call -> refresh ->
// revoke -> BAD_REFRESH_TOKEN; expiry on the emulator's clock; scopes; portal isolation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HubSpotEmulator } from '../index.ts';
import { failure, portalClient, sdk, startTestEmulator } from './helpers.ts';
import { assertSchema } from './spec.ts';

const REDIRECT = 'http://localhost:3000/oauth/callback';
const SCOPES = 'oauth crm.objects.contacts.read crm.objects.contacts.write';
let emulator: HubSpotEmulator;

beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(async () => {
  await emulator.close();
});

function authorizeUrl(extra: Record<string, string> = {}): string {
  // The SDK builds the URL for app.hubspot.com; only the host differs.
  const sdkUrl = sdk(emulator, undefined).client.oauth.getAuthorizationUrl(
    emulator.app.clientId,
    REDIRECT,
    SCOPES,
    undefined,
    'xyz',
  );
  const url = new URL(sdkUrl.replace('https://app.hubspot.com', emulator.url));
  for (const [key, value] of Object.entries(extra)) url.searchParams.set(key, value);
  return url.toString();
}

/** Walks the consent page like a browser: GET the page, POST the form with "approve". */
async function consent(portal = 'new', decision = 'approve'): Promise<URL> {
  const page = await fetch(authorizeUrl());
  expect(page.status).toBe(200);
  expect(page.headers.get('content-type')).toMatch(/^text\/html/);
  const html = await page.text();
  expect(html).toContain('crm.objects.contacts.write');
  const form = new URLSearchParams();
  for (const match of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    form.set(
      match[1] as string,
      (match[2] as string).replace(/&#(\d+);/g, (_m, code: string) => String.fromCharCode(Number(code))),
    );
  }
  form.set('portal', portal);
  form.set('decision', decision);
  const answer = await fetch(`${emulator.url}/oauth/authorize`, {
    method: 'POST',
    body: form,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    redirect: 'manual',
  });
  expect(answer.status).toBe(302);
  return new URL(answer.headers.get('location') as string);
}

describe('authorization code flow', () => {
  it('runs authorize -> token -> call -> refresh -> revoke -> BAD_REFRESH_TOKEN', async () => {
    const callback = await consent();
    expect(callback.origin + callback.pathname).toBe(REDIRECT);
    expect(callback.searchParams.get('state')).toBe('xyz');
    const code = callback.searchParams.get('code') as string;
    const anon = sdk(emulator, undefined);
    const tokens = await anon.client.oauth.tokensApi.create(
      'authorization_code',
      code,
      REDIRECT,
      emulator.app.clientId,
      emulator.app.clientSecret,
    );
    assertSchema('auth-oauth-v1.json', 'TokenResponseIF', anon.last().json);
    expect(tokens.tokenType).toBe('bearer');
    expect(tokens.expiresIn).toBe(1800);
    const body = anon.last().json as { hub_id: number; scopes: string[] };
    expect(body.scopes).toEqual(SCOPES.split(' '));

    const app = sdk(emulator, tokens.accessToken);
    const created = await app.client.crm.contacts.basicApi.create({
      properties: { email: 'oauth@example.com' },
      associations: [],
    });
    const source = await app.client.crm.contacts.basicApi.getById(created.id, [
      'hs_object_source',
      'hs_object_source_id',
    ]);
    expect(source.properties).toMatchObject({
      hs_object_source: 'INTEGRATION',
      hs_object_source_id: String(emulator.app.appId),
    });
    const info = await anon.client.oauth.accessTokensApi.get(tokens.accessToken);
    assertSchema('auth-oauth-v1.json', 'AccessTokenInfoResponse', anon.last().json);
    expect(info.hubId).toBe(body.hub_id);
    expect(info.appId).toBe(emulator.app.appId);
    expect(info.scopes).toEqual(SCOPES.split(' '));

    const refreshed = await anon.client.oauth.tokensApi.create(
      'refresh_token',
      undefined,
      undefined,
      emulator.app.clientId,
      emulator.app.clientSecret,
      tokens.refreshToken,
    );
    expect(refreshed.accessToken).not.toBe(tokens.accessToken);
    expect(refreshed.refreshToken).toBe(tokens.refreshToken);
    const refreshInfo = await anon.client.oauth.refreshTokensApi.get(tokens.refreshToken);
    assertSchema('auth-oauth-v1.json', 'RefreshTokenInfoResponse', anon.last().json);
    expect(refreshInfo.clientId).toBe(emulator.app.clientId);

    await anon.client.oauth.refreshTokensApi.archive(tokens.refreshToken);
    expect(anon.last().status).toBe(204);
    const revoked = await failure(
      anon.client.oauth.tokensApi.create(
        'refresh_token',
        undefined,
        undefined,
        emulator.app.clientId,
        emulator.app.clientSecret,
        tokens.refreshToken,
      ),
    );
    expect(revoked.code).toBe(400);
    expect(revoked.body).toMatchObject({ status: 'BAD_REFRESH_TOKEN', error: 'invalid_grant' });
    // Existing access tokens keep working until they expire.
    expect((await app.client.crm.contacts.basicApi.getById(created.id)).id).toBe(created.id);
  });

  it('expires access tokens on the emulator clock with 401 EXPIRED_AUTHENTICATION', async () => {
    const code = (await consent()).searchParams.get('code') as string;
    const anon = sdk(emulator, undefined);
    const tokens = await anon.client.oauth.tokensApi.create(
      'authorization_code',
      code,
      REDIRECT,
      emulator.app.clientId,
      emulator.app.clientSecret,
    );
    const app = sdk(emulator, tokens.accessToken);
    await app.client.crm.contacts.basicApi.getPage(1);
    emulator.control.advanceClock(1800_000 + 42_000);
    const expired = await failure(app.client.crm.contacts.basicApi.getPage(1));
    expect(expired.code).toBe(401);
    expect(expired.body.category).toBe('EXPIRED_AUTHENTICATION');
    expect(expired.body.message).toBe('The OAuth token used to make this call expired 42 second(s) ago.');
    assertSchema('crm-contacts-v3.json', 'Error', expired.body);
    expect(await failure(anon.client.oauth.accessTokensApi.get(tokens.accessToken))).toMatchObject({
      code: 404,
    });
    const fresh = await anon.client.oauth.tokensApi.create(
      'refresh_token',
      undefined,
      undefined,
      emulator.app.clientId,
      emulator.app.clientSecret,
      tokens.refreshToken,
    );
    expect(
      (await sdk(emulator, fresh.accessToken).client.crm.contacts.basicApi.getPage(1)).results,
    ).toBeDefined();
  });

  it("answers HubSpot's token endpoint errors", async () => {
    const anon = sdk(emulator, undefined);
    const code = (await consent()).searchParams.get('code') as string;
    const create = (
      grant: string,
      c: string | undefined,
      redirect: string | undefined,
      id: string,
      secret: string,
    ) => failure(anon.client.oauth.tokensApi.create(grant, c, redirect, id, secret));
    expect(
      (await create('authorization_code', code, REDIRECT, 'nope', emulator.app.clientSecret)).body,
    ).toMatchObject({ status: 'BAD_CLIENT_ID' });
    expect(
      (await create('authorization_code', code, REDIRECT, emulator.app.clientId, 'wrong')).body,
    ).toMatchObject({ status: 'BAD_CLIENT_SECRET' });
    expect(
      (
        await create(
          'authorization_code',
          code,
          'http://elsewhere/cb',
          emulator.app.clientId,
          emulator.app.clientSecret,
        )
      ).body,
    ).toMatchObject({
      status: 'BAD_REDIRECT_URI',
    });
    expect(
      (
        await create(
          'authorization_code',
          'bogus',
          REDIRECT,
          emulator.app.clientId,
          emulator.app.clientSecret,
        )
      ).body,
    ).toMatchObject({
      status: 'BAD_AUTH_CODE',
    });
    await anon.client.oauth.tokensApi.create(
      'authorization_code',
      code,
      REDIRECT,
      emulator.app.clientId,
      emulator.app.clientSecret,
    );
    const reused = await create(
      'authorization_code',
      code,
      REDIRECT,
      emulator.app.clientId,
      emulator.app.clientSecret,
    );
    expect(reused.code).toBe(400);
    expect(reused.body.status).toBe('BAD_AUTH_CODE');
    expect(anon.last().headers['content-type']).toMatch(/^application\/json/);
  });

  it('auto-approves headlessly, into a chosen portal, and redirects denials with an error', async () => {
    const { portalId } = portalClient(emulator);
    const quick = await fetch(
      authorizeUrl({ emulator_auto_approve: 'true', emulator_portal_id: String(portalId) }),
      { redirect: 'manual' },
    );
    expect(quick.status).toBe(302);
    const code = new URL(quick.headers.get('location') as string).searchParams.get('code') as string;
    const tokens = await sdk(emulator, undefined).client.oauth.tokensApi.create(
      'authorization_code',
      code,
      REDIRECT,
      emulator.app.clientId,
      emulator.app.clientSecret,
    );
    expect((await sdk(emulator, undefined).client.oauth.accessTokensApi.get(tokens.accessToken)).hubId).toBe(
      portalId,
    );
    expect(emulator.state.portal(portalId)?.installedApps.has(emulator.app.appId)).toBe(true);
    const chosen = await consent(String(portalId));
    const chosenTokens = await sdk(emulator, undefined).client.oauth.tokensApi.create(
      'authorization_code',
      chosen.searchParams.get('code') as string,
      REDIRECT,
      emulator.app.clientId,
      emulator.app.clientSecret,
    );
    expect(
      (await sdk(emulator, undefined).client.oauth.accessTokensApi.get(chosenTokens.accessToken)).hubId,
    ).toBe(portalId);
    const denied = await consent('new', 'deny');
    expect(denied.searchParams.get('error')).toBe('access_denied');
    expect(denied.searchParams.get('state')).toBe('xyz');
    const badClient = await fetch(
      `${emulator.url}/oauth/authorize?client_id=nope&redirect_uri=${encodeURIComponent(REDIRECT)}&scope=oauth`,
    );
    expect(badClient.status).toBe(400);
  });
});

describe('access control', () => {
  it('answers 401 INVALID_AUTHENTICATION without or with an unknown token', async () => {
    const none = await failure(sdk(emulator, undefined).client.crm.contacts.basicApi.getPage(1));
    expect(none.code).toBe(401);
    expect(none.body.category).toBe('INVALID_AUTHENTICATION');
    const bogus = await failure(sdk(emulator, 'bogus').client.crm.contacts.basicApi.getPage(1));
    expect(bogus.code).toBe(401);
  });

  it('answers 403 MISSING_SCOPES naming the required scope', async () => {
    const { portalId } = portalClient(emulator);
    const tokens = emulator.control.issueTokens(portalId, { scopes: ['oauth', 'crm.objects.contacts.read'] });
    const denied = await failure(
      sdk(emulator, tokens.access_token).client.crm.contacts.basicApi.create({
        properties: { firstname: 'x' },
        associations: [],
      }),
    );
    expect(denied.code).toBe(403);
    expect(denied.body.category).toBe('MISSING_SCOPES');
    const errors = denied.body.errors as Array<{ context: { requiredGranularScopes: string[] } }>;
    expect(errors[0]?.context.requiredGranularScopes).toEqual(['crm.objects.contacts.write']);
    assertSchema('crm-contacts-v3.json', 'Error', denied.body);
    const companies = await failure(
      sdk(emulator, tokens.access_token).client.crm.companies.basicApi.getPage(1),
    );
    expect(companies.code).toBe(403);
  });

  it('never lets a token of portal A see portal B', async () => {
    const a = portalClient(emulator);
    const b = portalClient(emulator);
    const secret = await b.client.crm.contacts.basicApi.create({
      properties: { email: 'secret@b.test' },
      associations: [],
    });
    expect((await failure(a.client.crm.contacts.basicApi.getById(secret.id))).code).toBe(404);
    expect((await a.client.crm.contacts.getAll()).map((c) => c.id)).not.toContain(secret.id);
    const search = await a.client.crm.contacts.searchApi.doSearch({
      filterGroups: [
        { filters: [{ propertyName: 'email', operator: 'EQ' as never, value: 'secret@b.test' }] },
      ],
      sorts: [],
      properties: [],
      limit: 10,
      after: '0',
    });
    expect(search.total).toBe(0);
  });

  it('expires, revokes and uninstalls through the control surface', async () => {
    const { portalId } = portalClient(emulator);
    const one = emulator.control.issueTokens(portalId);
    emulator.control.expireToken(one.access_token);
    expect(
      (await failure(sdk(emulator, one.access_token).client.crm.contacts.basicApi.getPage(1))).body.category,
    ).toBe('EXPIRED_AUTHENTICATION');
    const two = emulator.control.issueTokens(portalId);
    emulator.control.uninstall(portalId);
    expect(
      (await failure(sdk(emulator, two.access_token).client.crm.contacts.basicApi.getPage(1))).code,
    ).toBe(401);
    const refresh = await failure(
      sdk(emulator, undefined).client.oauth.tokensApi.create(
        'refresh_token',
        undefined,
        undefined,
        emulator.app.clientId,
        emulator.app.clientSecret,
        two.refresh_token,
      ),
    );
    expect(refresh.body.status).toBe('BAD_REFRESH_TOKEN');
  });
});
