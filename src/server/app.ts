// Builds the Fastify app from its dependencies; it never listens by itself (tests inject).
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { ApiServices } from '../sync/app/api.ts';
import type { InstallationService } from '../sync/app/installations.ts';
import type { ThenaIntake } from '../sync/app/thena-intake.ts';
import type { WebhookIntake } from '../sync/app/webhook-intake.ts';
import { registerErrorHandling } from './errors.ts';
import { registerApiRoutes } from './routes/api/index.ts';
import { registerHealthRoutes, type ReadinessCheck } from './routes/health.ts';
import { registerOAuthRoutes } from './routes/oauth.ts';
import { registerWebhookRoutes } from './routes/webhooks.ts';

export interface IntegrationServices {
  installations: InstallationService;
  hubspotWebhooks: WebhookIntake;
  thena: ThenaIntake;
  publicUrl: string;
  /** The REST API and CLI services. */
  api: ApiServices;
}

export interface ServerDeps {
  logger: FastifyBaseLogger;
  readiness: Record<string, ReadinessCheck>;
  /** Largest accepted request body, in bytes. */
  bodyLimit?: number;
  services?: IntegrationServices;
  /** The REST API (/api/v1, OpenAPI at /docs); left out, the server has no API. */
  api?: ApiServices;
}

export async function buildServer(deps: ServerDeps): Promise<FastifyInstance> {
  const bodyLimit = deps.bodyLimit ?? 1024 * 1024;
  const app = Fastify({
    loggerInstance: deps.logger,
    bodyLimit,
    disableRequestLogging: true,
    ajv: { customOptions: { allErrors: true } },
  });
  registerErrorHandling(app);
  registerHealthRoutes(app, deps.readiness);
  if (deps.services !== undefined) {
    const { services } = deps;
    registerWebhookRoutes(app, {
      hubspot: services.hubspotWebhooks,
      thena: services.thena,
      publicUrl: services.publicUrl,
      bodyLimit,
    });
    registerOAuthRoutes(app, services.installations);
  }
  if (deps.api !== undefined) registerApiRoutes(app, deps.api);
  return app;
}
