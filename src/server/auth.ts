// Bearer authentication of the REST API, checked before anything else of a request is read:
// no or a wrong token is a 401; an org token asking about another org is a 403, decided without
// looking the other org up, so the answer says nothing about whether it exists.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { mayAccess, type ApiAuth, type Principal } from '../sync/app/api-auth.ts';
import { errorBody } from './errors.ts';

const principals = new WeakMap<FastifyRequest, Principal>();

/** The caller of an authenticated API request. */
export function principalOf(request: FastifyRequest): Principal {
  const principal = principals.get(request);
  if (principal === undefined) throw new Error('principalOf called outside the authenticated API');
  return principal;
}

function bearerOf(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header === undefined) return undefined;
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header);
  return match?.[1];
}

function unauthorized(reply: FastifyReply, tokenGiven: boolean): FastifyReply {
  const challenge = tokenGiven
    ? 'Bearer realm="thena-hubspot", error="invalid_token"'
    : 'Bearer realm="thena-hubspot"';
  const message = tokenGiven
    ? 'The access token is not valid (unknown, revoked or malformed).'
    : 'Send an access token: Authorization: Bearer <token>.';
  return reply.status(401).header('www-authenticate', challenge).send(errorBody('unauthorized', message));
}

/** Adds the check to every route of `scope`; routes with an `:org` parameter are also scoped. */
export function requireBearer(scope: FastifyInstance, auth: ApiAuth): void {
  scope.addHook('onRequest', async (request, reply) => {
    const token = bearerOf(request);
    const principal = token === undefined ? undefined : await auth.authenticate(token);
    if (principal === undefined) return unauthorized(reply, request.headers.authorization !== undefined);
    const org = (request.params as { org?: unknown } | undefined)?.org;
    if (typeof org === 'string' && !mayAccess(principal, org)) {
      return reply
        .status(403)
        .send(errorBody('forbidden', 'This access token does not allow this organization.'));
    }
    principals.set(request, principal);
  });
}
