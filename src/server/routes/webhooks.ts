// Deliveries from HubSpot and Thena. Each answers within milliseconds: verify, store, enqueue.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ThenaIntake } from '../../sync/app/thena-intake.ts';
import type { WebhookIntake } from '../../sync/app/webhook-intake.ts';
import { keepRawBody } from '../raw-body.ts';

export interface WebhookRouteDeps {
  hubspot: WebhookIntake;
  thena: ThenaIntake;
  /** The public base URL HubSpot calls (its v3 signature covers the full URL). */
  publicUrl: string;
  bodyLimit: number;
}

const header = (request: FastifyRequest, name: string): string | undefined => {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

const rawBody = (request: FastifyRequest): string => (typeof request.body === 'string' ? request.body : '');

function thenaRequest(request: FastifyRequest) {
  const token = (request.query as { token?: unknown }).token;
  return {
    rawBody: rawBody(request),
    headers: request.headers,
    token: typeof token === 'string' ? token : undefined,
  };
}

export function registerWebhookRoutes(app: FastifyInstance, deps: WebhookRouteDeps): void {
  void app.register(async (scope) => {
    keepRawBody(scope);
    scope.post('/hubspot/webhooks', { bodyLimit: deps.bodyLimit }, async (request) =>
      deps.hubspot.receive({
        method: request.method,
        url: `${deps.publicUrl}${request.url}`,
        rawBody: rawBody(request),
        signature: header(request, 'x-hubspot-signature-v3'),
        timestamp: header(request, 'x-hubspot-request-timestamp'),
      }),
    );
    scope.post('/thena/installations', { bodyLimit: deps.bodyLimit }, async (request) =>
      deps.thena.installation(thenaRequest(request)),
    );
    scope.post('/thena/events', { bodyLimit: deps.bodyLimit }, async (request, reply) => {
      const outcome = await deps.thena.event(thenaRequest(request));
      return reply.status(outcome.accepted ? 202 : 200).send(outcome);
    });
  });
}
