// The REST API under /api/v1 (bearer auth, TypeBox schemas from src/contracts) and its OpenAPI
// document at /docs (JSON at /docs/json).
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { TypeBoxValidatorCompiler } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { ApiServices } from '../../../sync/app/api.ts';
import { requireBearer } from '../../auth.ts';
import { registerAuditRoutes } from './audit.ts';
import { registerConfigRoutes } from './config.ts';
import { registerFieldRoutes } from './fields.ts';
import { registerOrgRoutes } from './orgs.ts';
import { registerSyncRoutes } from './sync.ts';

export const API_PREFIX = '/api/v1';

export function registerApiRoutes(app: FastifyInstance, api: ApiServices): void {
  void app.register(async (scope) => {
    await scope.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'thena-hubspot API',
          version: '1',
          description:
            'Configure and watch the HubSpot <-> Thena sync. Every error answers { error: { code, message, details? } }.',
        },
        components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
        security: [{ bearer: [] }],
      },
    });
    await scope.register(swaggerUi, { routePrefix: '/docs' });
    await scope.register(
      async (v1) => {
        // TypeBox checks bodies as they are: Fastify's default validator would coerce a filter's
        // number to a string, unwrap a one-item list and silently drop unknown properties.
        v1.setValidatorCompiler(TypeBoxValidatorCompiler);
        requireBearer(v1, api.auth);
        registerOrgRoutes(v1, api);
        registerFieldRoutes(v1, api);
        registerConfigRoutes(v1, api);
        registerSyncRoutes(v1, api);
        registerAuditRoutes(v1, api);
      },
      { prefix: API_PREFIX },
    );
  });
}
