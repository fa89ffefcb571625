// The server's route table, read from Fastify itself, and how each route is protected.
import type { FastifyInstance } from 'fastify';

export interface Route {
  method: string;
  url: string;
}

/** Every (method, path) of the server, from `printRoutes`' tree (HEAD left out: it mirrors GET). */
export function routeTable(server: FastifyInstance): Route[] {
  const lines = server.printRoutes({ commonPrefix: false }).split('\n').filter(Boolean);
  const stack: string[] = [];
  const routes: Route[] = [];
  for (const line of lines) {
    const match = /^([\s│├└─]*)(\S.*?) \(([A-Z, ]+)\)$/.exec(line);
    if (match === null) throw new Error(`cannot read route line: ${line}`);
    const depth = Math.floor(match[1]!.length / 4);
    stack.length = depth;
    stack.push(match[2]!);
    const url = stack.join('');
    for (const method of match[3]!.split(', ')) if (method !== 'HEAD') routes.push({ method, url });
  }
  return routes;
}

export type Protection = 'public' | 'signature' | 'oauth' | 'bearer';

export function protectionOf(route: Route): Protection | undefined {
  const { method, url } = route;
  if (url.startsWith('/api/v1/')) return 'bearer';
  if (method === 'POST' && ['/hubspot/webhooks', '/thena/events', '/thena/installations'].includes(url))
    return 'signature';
  if (method === 'GET' && url.startsWith('/oauth/hubspot/')) return 'oauth';
  const page = url === '/' || url === '/index.html' || /^\/assets\/[\w.-]+$/.test(url);
  const readOnly =
    ['/healthz', '/readyz', '/metrics'].includes(url) || url === '/docs' || url.startsWith('/docs/');
  if (method === 'GET' && (page || readOnly)) return 'public';
  return undefined;
}

/** A concrete URL for a route pattern. */
export function concrete(url: string, org: string, auditId: number): string {
  return url
    .replace(':org', encodeURIComponent(org))
    .replace(':object', 'contacts')
    .replace(':id', String(auditId))
    .replace('*', 'x');
}
