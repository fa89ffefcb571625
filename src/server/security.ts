// Security headers on every answer; the page gets a strict content security policy (its code and
// styles come from this origin only, it talks to this origin only).
import type { FastifyInstance } from 'fastify';

const PAGE_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  // Mantine sets inline styles on elements.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self' data:",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('X-Frame-Options', 'DENY');
    reply.header('Referrer-Policy', 'no-referrer');
    reply.header('Cross-Origin-Opener-Policy', 'same-origin');
    reply.header('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
    const type = String(reply.getHeader('content-type') ?? '');
    if (type.startsWith('text/html')) {
      reply.header('Content-Security-Policy', PAGE_POLICY);
      reply.header('Cache-Control', 'no-store');
    }
    return payload;
  });
}
