// Builds the Fastify app from its dependencies; it never listens by itself (tests inject).
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { ApiServices } from '../sync/app/api.ts';
import type { InstallationService } from '../sync/app/installations.ts';
import type { ThenaIntake } from '../sync/app/thena-intake.ts';
import type { WebhookIntake } from '../sync/app/webhook-intake.ts';
import { registerErrorHandling } from './errors.ts';
import { registerApiRoutes } from './routes/api/index.ts';
import { registerHealthRoutes, type ReadinessCheck } from './routes/health.ts';
import { registerOAuthRoutes } from './routes/oauth.ts';
import { registerMetricsRoute } from './routes/metrics.ts';
import { registerWebhookRoutes } from './routes/webhooks.ts';
import { registerSecurityHeaders } from './security.ts';
import { registerWebPage } from './web.ts';

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
  /** Prometheus metrics at /metrics. */
  metrics?: () => Promise<string>;
  /** The built configuration page (dist/web), served at `/`. */
  webRoot?: string;
}

export async function buildServer(deps: ServerDeps): Promise<FastifyInstance> {
  const bodyLimit = deps.bodyLimit ?? 1024 * 1024;
  const app = Fastify({
    loggerInstance: deps.logger,
    bodyLimit,
    logController: new LogController({ disableRequestLogging: true }),
    ajv: { customOptions: { allErrors: true } },
  });
  // The server does not log each request (webhooks arrive by the hundred); errors log themselves.
  registerSecurityHeaders(app);
  registerErrorHandling(app);
  registerHealthRoutes(app, deps.readiness);
  if (deps.metrics !== undefined) registerMetricsRoute(app, deps.metrics);
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
  if (deps.webRoot !== undefined) registerWebPage(app, deps.webRoot);
  return app;
}
