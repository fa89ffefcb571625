// Prometheus metrics, in the text exposition format.
import type { FastifyInstance } from 'fastify';

export function registerMetricsRoute(app: FastifyInstance, render: () => Promise<string>): void {
  app.get('/metrics', async (_request, reply) =>
    reply.type('text/plain; version=0.0.4; charset=utf-8').send(await render()),
  );
}
