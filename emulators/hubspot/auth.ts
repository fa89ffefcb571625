// Authentication of API calls (Bearer OAuth or private-app tokens), scope checks, and the
// developer API key (`hapikey`) of the webhooks management API.
import type { FastifyRequest } from 'fastify';
import type { Actor } from './crm/actor.ts';
import type { ObjectTypeInfo } from './crm/object-types.ts';
import type { Emulator } from './emulator.ts';
import {
  expiredAuthentication,
  HubSpotError,
  invalidAuthentication,
  missingScopes,
  resourceNotFound,
} from './errors.ts';
import type { Query } from './http/params.ts';
import { stringParam } from './http/params.ts';
import type { App } from './state/apps.ts';
import type { Portal } from './state/portal.ts';
import type { AccessTokenRecord } from './state/tokens.ts';

export interface ApiCaller {
  token: AccessTokenRecord;
  portal: Portal;
  actor: Actor;
}

export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return undefined;
  const match = /^Bearer\s+(.+)$/i.exec(header.trim());
  return match?.[1]?.trim();
}

export function authenticate(emulator: Emulator, request: FastifyRequest): ApiCaller {
  const raw = bearerToken(request);
  if (!raw) throw invalidAuthentication();
  const token = emulator.tokens.access.get(raw);
  if (!token || token.revoked) throw invalidAuthentication();
  const now = emulator.clock.now();
  if (token.expiresAt !== undefined && token.expiresAt <= now)
    throw expiredAuthentication(token.expiresAt, now);
  const portal = emulator.portal(token.portalId);
  if (!portal) throw invalidAuthentication();
  const actor: Actor =
    token.kind === 'oauth'
      ? { kind: 'integration', appId: token.appId }
      : { kind: 'private-app', appId: token.appId };
  return { token, portal, actor };
}

/** The legacy `contacts` scope covered contacts, companies and their properties. */
const LEGACY_CONTACTS = /^crm\.(objects|schemas)\.(contacts|companies)\.(read|write)$/;

export function requireScopes(caller: ApiCaller, anyOf: readonly string[]): void {
  const granted = caller.token.scopes;
  const ok = anyOf.some(
    (scope) => granted.includes(scope) || (LEGACY_CONTACTS.test(scope) && granted.includes('contacts')),
  );
  if (!ok) throw missingScopes([...anyOf]);
}

export const scopes = {
  read: (type: ObjectTypeInfo): string[] => [`crm.objects.${type.name}.read`],
  write: (type: ObjectTypeInfo): string[] => [`crm.objects.${type.name}.write`],
  // Reading definitions is allowed with the schema scope or the object's read scope.
  schemaRead: (type: ObjectTypeInfo): string[] => [
    `crm.schemas.${type.name}.read`,
    `crm.objects.${type.name}.read`,
  ],
  schemaWrite: (type: ObjectTypeInfo): string[] => [`crm.schemas.${type.name}.write`],
};

/** The app a `hapikey` may manage (webhooks settings and subscriptions). */
export function developerApp(emulator: Emulator, query: Query, appIdParam: string): App {
  const key = stringParam(query, 'hapikey');
  if (!key) {
    throw new HubSpotError(401, {
      message: 'Any of the listed authentication credentials are missing',
      category: 'INVALID_AUTHENTICATION',
    });
  }
  const owned = [...emulator.apps.apps.values()].filter((app) => app.developerApiKey === key);
  if (owned.length === 0) {
    throw new HubSpotError(401, {
      message:
        'The API key provided is invalid. View or manage your API key here: https://app.hubspot.com/l/api-key/',
      category: 'INVALID_AUTHENTICATION',
    });
  }
  const app = owned.find((candidate) => String(candidate.appId) === appIdParam);
  if (!app) throw resourceNotFound(`App ${appIdParam} not found for this developer account`);
  return app;
}
