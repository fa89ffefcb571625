// OAuth 2.0 as HubSpot runs it: the authorize/consent step, the token endpoint (authorization_code
// and refresh_token grants, form-encoded, HubSpot's `BAD_*` error bodies), token introspection and
// refresh-token revocation. Each authorization installs the app in a portal with the granted scopes.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Emulator } from '../emulator.ts';
import { HubSpotError, RawHttpError, resourceNotFound } from '../errors.ts';
import { correlationId } from '../ids.ts';
import { stringParam, type Query } from '../http/params.ts';
import type { App } from '../state/apps.ts';
import type { Portal } from '../state/portal.ts';
import { consentPage, errorPage, type AuthorizeRequest } from './oauth-consent.ts';

function oauthError(status: string, message: string, error: string, description = message): RawHttpError {
  return new RawHttpError(400, {
    status,
    message,
    correlationId: correlationId(),
    error,
    error_description: description,
  });
}

function splitScopes(raw: string): string[] {
  return raw.split(/[\s,+]+/).filter((s) => s.length > 0);
}

function readAuthorize(source: Query, hubIdParam: string | undefined): AuthorizeRequest {
  const portalRaw = stringParam(source, 'emulator_portal_id') ?? stringParam(source, 'portal') ?? hubIdParam;
  const portalId = portalRaw !== undefined && /^\d+$/.test(portalRaw) ? Number(portalRaw) : undefined;
  return {
    clientId: stringParam(source, 'client_id') ?? '',
    redirectUri: stringParam(source, 'redirect_uri') ?? '',
    scope: stringParam(source, 'scope') ?? '',
    optionalScope: stringParam(source, 'optional_scope') ?? '',
    state: stringParam(source, 'state'),
    portalId,
  };
}

function redirectTo(
  reply: FastifyReply,
  redirectUri: string,
  params: Record<string, string | undefined>,
): FastifyReply {
  const url = new URL(redirectUri);
  for (const [key, value] of Object.entries(params))
    if (value !== undefined) url.searchParams.set(key, value);
  return reply.redirect(url.toString(), 302);
}

function checkAuthorize(emulator: Emulator, request: AuthorizeRequest): App {
  const app = emulator.apps.byClientId(request.clientId);
  if (!app) throw new Error(`Unknown client_id: ${request.clientId || '(missing)'}`);
  if (!request.redirectUri) throw new Error('redirect_uri is required');
  try {
    new URL(request.redirectUri);
  } catch {
    throw new Error(`redirect_uri is not a valid URL: ${request.redirectUri}`);
  }
  if (splitScopes(request.scope).length === 0) throw new Error('scope is required');
  return app;
}

/** Approves: installs the app in the chosen (or a new) portal and redirects with a code. */
function approve(emulator: Emulator, reply: FastifyReply, app: App, request: AuthorizeRequest): FastifyReply {
  let portal: Portal | undefined =
    request.portalId === undefined ? undefined : emulator.portal(request.portalId);
  portal ??= emulator.createPortal(
    request.portalId === undefined ? {} : { portalId: request.portalId },
  ).portal;
  portal.installedApps.add(app.appId);
  const scopes = [...new Set([...splitScopes(request.scope), ...splitScopes(request.optionalScope)])];
  const code = emulator.tokens.issueCode(
    {
      clientId: app.clientId,
      redirectUri: request.redirectUri,
      portalId: portal.id,
      scopes,
      userId: portal.defaultUserId,
    },
    emulator.clock.now(),
  );
  return redirectTo(reply, request.redirectUri, { code: code.code, state: request.state });
}

function formBody(request: FastifyRequest): Query {
  const type = String(request.headers['content-type'] ?? '');
  if (!type.startsWith('application/x-www-form-urlencoded')) {
    throw new HubSpotError(415, {
      message:
        'Unsupported Media Type: the token endpoint accepts application/x-www-form-urlencoded bodies only.',
      category: 'VALIDATION_ERROR',
    });
  }
  return (request.body ?? {}) as Query;
}

export function registerOAuthRoutes(app: FastifyInstance, emulator: Emulator): void {
  const authorize = async (
    request: FastifyRequest<{ Querystring: Query; Params: { hubId?: string } }>,
    reply: FastifyReply,
  ): Promise<FastifyReply> => {
    const query = request.query;
    const input = readAuthorize(query, request.params.hubId);
    let client: App;
    try {
      client = checkAuthorize(emulator, input);
    } catch (error) {
      return reply
        .code(400)
        .type('text/html; charset=utf-8')
        .send(errorPage((error as Error).message));
    }
    const auto = emulator.options.oauthAutoApprove || stringParam(query, 'emulator_auto_approve') === 'true';
    if (auto) return approve(emulator, reply, client, input);
    const scopes = [...new Set([...splitScopes(input.scope), ...splitScopes(input.optionalScope)])];
    const html = consentPage(client, input, scopes, [...emulator.portals.values()]);
    return reply.type('text/html; charset=utf-8').send(html);
  };
  app.get('/oauth/authorize', authorize);
  app.get('/oauth/:hubId/authorize', authorize);

  app.post('/oauth/authorize', async (request, reply) => {
    const form = (request.body ?? {}) as Query;
    const input = readAuthorize(form, undefined);
    let client: App;
    try {
      client = checkAuthorize(emulator, input);
    } catch (error) {
      return reply
        .code(400)
        .type('text/html; charset=utf-8')
        .send(errorPage((error as Error).message));
    }
    if (stringParam(form, 'decision') !== 'approve') {
      return redirectTo(reply, input.redirectUri, {
        error: 'access_denied',
        error_description: 'The user denied the authorization request.',
        state: input.state,
      });
    }
    return approve(emulator, reply, client, input);
  });

  const token = async (request: FastifyRequest): Promise<Record<string, unknown>> => {
    const form = formBody(request);
    const client = emulator.apps.byClientId(stringParam(form, 'client_id') ?? '');
    if (!client) throw oauthError('BAD_CLIENT_ID', 'missing or unknown client id', 'invalid_request');
    const grantType = stringParam(form, 'grant_type');
    if (grantType !== 'authorization_code' && grantType !== 'refresh_token') {
      throw oauthError(
        'BAD_GRANT_TYPE',
        `unsupported grant_type: ${grantType ?? '(missing)'}`,
        'unsupported_grant_type',
      );
    }
    if (stringParam(form, 'client_secret') !== client.clientSecret) {
      throw oauthError('BAD_CLIENT_SECRET', 'missing or invalid client secret', 'invalid_client');
    }
    const now = emulator.clock.now();
    const ttl = emulator.options.tokenTtlSeconds;
    if (grantType === 'authorization_code') {
      const code = emulator.tokens.codes.get(stringParam(form, 'code') ?? '');
      if (!code || code.used || code.expiresAt <= now || code.clientId !== client.clientId) {
        throw oauthError('BAD_AUTH_CODE', 'missing or unknown auth code', 'invalid_grant');
      }
      if (stringParam(form, 'redirect_uri') !== code.redirectUri) {
        throw oauthError(
          'BAD_REDIRECT_URI',
          'redirect_uri does not match the one used to get the code',
          'invalid_grant',
        );
      }
      code.used = true;
      const grant = {
        portalId: code.portalId,
        appId: client.appId,
        scopes: code.scopes,
        userId: code.userId,
      };
      const access = emulator.tokens.issueOAuth(grant, now, ttl);
      const refresh = emulator.tokens.issueRefresh({ ...grant, clientId: client.clientId }, now);
      return tokenResponse(access.token, refresh.token, ttl, grant);
    }
    const refresh = emulator.tokens.refresh.get(stringParam(form, 'refresh_token') ?? '');
    if (
      !refresh ||
      refresh.revoked ||
      refresh.clientId !== client.clientId ||
      !emulator.portal(refresh.portalId)
    ) {
      throw oauthError(
        'BAD_REFRESH_TOKEN',
        'missing or invalid refresh token',
        'invalid_grant',
        'refresh token is invalid, expired or revoked',
      );
    }
    const grant = {
      portalId: refresh.portalId,
      appId: refresh.appId,
      scopes: refresh.scopes,
      userId: refresh.userId,
    };
    const access = emulator.tokens.issueOAuth(grant, now, ttl);
    return tokenResponse(access.token, refresh.token, ttl, grant);
  };
  app.post('/oauth/v1/token', token);
  app.post('/oauth/v3/token', token);

  app.get<{ Params: { token: string } }>('/oauth/v1/access-tokens/:token', async (request) => {
    const record = emulator.tokens.access.get(request.params.token);
    const now = emulator.clock.now();
    if (!record || record.kind !== 'oauth' || record.revoked || (record.expiresAt ?? 0) <= now) {
      throw resourceNotFound('Token not found or expired');
    }
    const portal = emulator.portal(record.portalId);
    return {
      token: record.token,
      user: userEmail(portal, record.userId),
      hub_domain: portal?.hubDomain ?? '',
      scopes: record.scopes,
      hub_id: record.portalId,
      app_id: record.appId,
      expires_in: Math.max(0, Math.floor(((record.expiresAt ?? now) - now) / 1000)),
      user_id: record.userId,
      token_type: 'access',
      is_private_distribution: false,
    };
  });

  app.get<{ Params: { token: string } }>('/oauth/v1/refresh-tokens/:token', async (request) => {
    const record = emulator.tokens.refresh.get(request.params.token);
    if (!record || record.revoked) throw resourceNotFound('Refresh token not found');
    const portal = emulator.portal(record.portalId);
    return {
      token: record.token,
      user: userEmail(portal, record.userId),
      hub_domain: portal?.hubDomain ?? '',
      scopes: record.scopes,
      hub_id: record.portalId,
      client_id: record.clientId,
      user_id: record.userId,
      token_type: 'refresh',
    };
  });

  app.delete<{ Params: { token: string } }>('/oauth/v1/refresh-tokens/:token', async (request, reply) => {
    const record = emulator.tokens.refresh.get(request.params.token);
    if (!record || record.revoked) throw resourceNotFound('Refresh token not found');
    // Only the refresh token goes: access tokens keep working until they expire, the app stays installed.
    record.revoked = true;
    return reply.code(204).send();
  });
}

function tokenResponse(
  accessToken: string,
  refreshToken: string,
  ttl: number,
  grant: { portalId: number; userId: number; scopes: string[] },
): Record<string, unknown> {
  return {
    token_type: 'bearer',
    refresh_token: refreshToken,
    access_token: accessToken,
    expires_in: ttl,
    hub_id: grant.portalId,
    user_id: grant.userId,
    scopes: grant.scopes,
    token_use: 'access_token',
  };
}

function userEmail(portal: Portal | undefined, userId: number): string {
  return portal?.owners.find((owner) => owner.userId === userId)?.email ?? `user${userId}@hs-emulator.test`;
}
