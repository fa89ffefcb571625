// Webhook signatures cover the exact bytes received: routes registered here get the body as a
// string, parsed by nobody before the signature is checked.
import type { FastifyInstance } from 'fastify';

export function keepRawBody(scope: FastifyInstance): void {
  scope.removeAllContentTypeParsers();
  scope.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));
}
