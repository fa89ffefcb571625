// Assembles the Fastify app: NestJS-style errors, traffic hooks, the platform API, the apps API
// and the /_emulator control routes.
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import type { ThenaPlatform } from '../platform.ts';
import { accountRoutes } from '../routes/accounts.ts';
import { attributeRoutes } from '../routes/attributes.ts';
import { contactRoutes } from '../routes/contacts.ts';
import { controlDeliveryRoutes } from '../routes/control-deliveries.ts';
import { controlOrgRoutes } from '../routes/control-orgs.ts';
import { controlTrafficRoutes } from '../routes/control-traffic.ts';
import { customFieldRoutes } from '../routes/custom-fields.ts';
import { incomingWebhookRoutes } from '../routes/incoming-webhook.ts';
import { HttpError, errorBody } from './errors.ts';
import { registerTrafficHooks } from './traffic-hooks.ts';

export function buildServer(platform: ThenaPlatform, options: { logRequests: boolean }): FastifyInstance {
  const app = Fastify({
    logger: options.logRequests,
    // Hung (fault-injected) requests must not keep close() waiting.
    forceCloseConnections: true,
    bodyLimit: 16 * 1024 * 1024,
  });

  app.setErrorHandler((error: FastifyError | HttpError, request, reply) => {
    if (error instanceof HttpError) {
      return reply.code(error.statusCode).send(errorBody(error.statusCode, error.messages, error.extra));
    }
    const status = error.statusCode ?? 500;
    if (status < 500) return reply.code(status).send(errorBody(status, error.message));
    request.log.error({ err: error }, 'emulator bug');
    return reply.code(500).send(errorBody(500, 'Internal server error'));
  });

  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send(errorBody(404, `Cannot ${request.method} ${request.url.split('?')[0] ?? ''}`)),
  );

  registerTrafficHooks(app, platform);
  accountRoutes(app, platform);
  contactRoutes(app, platform);
  customFieldRoutes(app, platform);
  attributeRoutes(app, platform);
  incomingWebhookRoutes(app, platform);
  controlTrafficRoutes(app, platform);
  controlOrgRoutes(app, platform);
  controlDeliveryRoutes(app, platform);
  return app;
}
