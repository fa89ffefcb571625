// The HubSpot install flow in the browser: our install link -> HubSpot's consent page -> back
// here with a code -> the configuration page.
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { InstallationService } from '../../sync/app/installations.ts';
import { errorBody } from '../errors.ts';

const InstallQuery = Type.Object({
  org: Type.String({ minLength: 1, maxLength: 200 }),
  ticket: Type.String({ minLength: 1, maxLength: 1000 }),
});
const CallbackQuery = Type.Object({
  code: Type.Optional(Type.String({ maxLength: 2000 })),
  state: Type.Optional(Type.String({ maxLength: 2000 })),
  error: Type.Optional(Type.String({ maxLength: 200 })),
  error_description: Type.Optional(Type.String({ maxLength: 2000 })),
});

export function registerOAuthRoutes(app: FastifyInstance, installations: InstallationService): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  api.get('/oauth/hubspot/install', { schema: { querystring: InstallQuery } }, async (request, reply) => {
    const url = await installations.beginAuthorization(request.query.org, request.query.ticket);
    return reply.redirect(url, 302);
  });
  api.get('/oauth/hubspot/callback', { schema: { querystring: CallbackQuery } }, async (request, reply) => {
    const { code, state, error } = request.query;
    if (error !== undefined) {
      const message = request.query.error_description ?? 'HubSpot authorization was not granted';
      return reply.status(400).send(errorBody('hubspot_authorization_denied', `${message} (${error})`));
    }
    if (code === undefined || state === undefined) {
      return reply.status(400).send(errorBody('invalid_request', 'the callback needs both code and state'));
    }
    const { orgId } = await installations.completeAuthorization(code, state);
    return reply.redirect(`/?org=${encodeURIComponent(orgId)}&connected=1`, 302);
  });
}
