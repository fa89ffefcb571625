// Builds the Fastify app from its dependencies; it never listens by itself (tests inject).
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { InstallationService } from '../sync/app/installations.ts';
import type { ThenaIntake } from '../sync/app/thena-intake.ts';
import type { WebhookIntake } from '../sync/app/webhook-intake.ts';
import { registerErrorHandling } from './errors.ts';
import { registerHealthRoutes, type ReadinessCheck } from './routes/health.ts';
import { registerOAuthRoutes } from './routes/oauth.ts';
import { registerWebhookRoutes } from './routes/webhooks.ts';

export interface IntegrationServices {
  installations: InstallationService;
  hubspotWebhooks: WebhookIntake;
  thena: ThenaIntake;
  publicUrl: string;
}

export interface ServerDeps {
  logger: FastifyBaseLogger;
  readiness: Record<string, ReadinessCheck>;
  /** Largest accepted request body, in bytes. */
  bodyLimit?: number;
  services?: IntegrationServices;
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
  return app;
}
