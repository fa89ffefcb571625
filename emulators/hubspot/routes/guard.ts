// The checks every CRM call goes through, in HubSpot's order: authentication (401), rate limits
// (429, with the X-HubSpot-RateLimit-* headers on non-search calls), scopes (403).
import type { FastifyReply, FastifyRequest } from 'fastify';
import { authenticate, requireScopes, type ApiCaller } from '../auth.ts';
import type { WriteContext } from '../crm/service.ts';
import type { Emulator } from '../emulator.ts';

export interface GuardOptions {
  scopes: readonly string[];
  search?: boolean;
}

export function guard(
  emulator: Emulator,
  request: FastifyRequest,
  reply: FastifyReply,
  options: GuardOptions,
): ApiCaller {
  const caller = authenticate(emulator, request);
  if (options.search) {
    const error = emulator.rateLimiter.checkSearch(caller.portal.id);
    if (error) throw error;
  } else {
    const decision = emulator.rateLimiter.check(
      caller.token.appId,
      caller.portal.id,
      caller.token.kind === 'private',
    );
    void reply.headers(decision.headers);
    if (decision.error) throw decision.error;
  }
  requireScopes(caller, options.scopes);
  return caller;
}

export function writeContext(emulator: Emulator, caller: ApiCaller): WriteContext {
  return { portal: caller.portal, actor: caller.actor, now: emulator.clock.now() };
}
