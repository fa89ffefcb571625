// Builds the Fastify app from its dependencies; it never listens by itself (tests inject).
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { registerErrorHandling } from './errors.ts';
import { registerHealthRoutes, type ReadinessCheck } from './routes/health.ts';

export interface ServerDeps {
  logger: FastifyBaseLogger;
  readiness: Record<string, ReadinessCheck>;
  /** Largest accepted request body, in bytes. */
  bodyLimit?: number;
}

export async function buildServer(deps: ServerDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.logger,
    bodyLimit: deps.bodyLimit ?? 1024 * 1024,
    disableRequestLogging: true,
    ajv: { customOptions: { allErrors: true } },
  });
  registerErrorHandling(app);
  registerHealthRoutes(app, deps.readiness);
  return app;
}
