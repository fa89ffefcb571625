// Latency, fault injection, rate limiting and request stats for the API routes (never for the
// /_emulator control routes, which tests must always be able to reach).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ThenaPlatform } from '../platform.ts';
import type { FaultRule } from '../traffic/faults.ts';
import { errorBody } from './errors.ts';

const isApiPath = (url: string): boolean => url.startsWith('/v1/') || url.startsWith('/incoming-webhook/');
const pathOf = (url: string): string => url.split('?')[0] ?? url;

function applyFault(rule: FaultRule, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const socket = request.raw.socket;
  reply.hijack();
  if (rule.kind === 'reset') {
    socket.destroy();
    return reply;
  }
  // `timeout`: say nothing; close the socket after `delayMs` if the client has not given up.
  const timer = setTimeout(() => socket.destroy(), rule.delayMs);
  socket.once('close', () => clearTimeout(timer));
  return reply;
}

function rejectWithStatus(rule: FaultRule, reply: FastifyReply): FastifyReply {
  if (rule.retryAfterSeconds !== null) void reply.header('retry-after', String(rule.retryAfterSeconds));
  const message = rule.status === 429 ? 'ThrottlerException: Too Many Requests' : 'Injected fault';
  return reply.code(rule.status).send(errorBody(rule.status, message));
}

function rateLimitKey(request: FastifyRequest): string {
  const key = request.headers['x-api-key'] ?? request.headers['x-bot-key'];
  return typeof key === 'string' ? `key:${key}` : `ip:${request.ip}`;
}

export function registerTrafficHooks(app: FastifyInstance, platform: ThenaPlatform): void {
  app.addHook('onRequest', async (request, reply) => {
    if (!isApiPath(request.url)) return;
    if (platform.config.latencyMs > 0) await sleep(platform.config.latencyMs);
    const rule = platform.faults.pick(request.method, pathOf(request.url), platform.random);
    if (rule) {
      platform.stats.countFault(rule.kind === 'status' ? String(rule.status) : rule.kind);
      if (rule.kind === 'latency') await sleep(rule.delayMs);
      else if (rule.kind === 'status') return rejectWithStatus(rule, reply);
      else return applyFault(rule, request, reply);
    }
    const limits = platform.config.rateLimit;
    if (!limits.enabled) return;
    const decision = platform.rateLimiter.take(rateLimitKey(request), platform.clock.now(), limits);
    void reply.headers({
      'x-ratelimit-limit': String(decision.limit),
      'x-ratelimit-remaining': String(decision.remaining),
      'x-ratelimit-reset': String(decision.resetSeconds),
    });
    if (decision.allowed) return;
    platform.stats.countRateLimited();
    void reply.header('retry-after', String(decision.retryAfterSeconds));
    return reply.code(429).send(errorBody(429, 'ThrottlerException: Too Many Requests'));
  });

  app.addHook('onResponse', async (request, reply) => {
    if (!isApiPath(request.url)) return;
    platform.stats.record(`${request.method} ${request.routeOptions.url ?? 'unmatched'}`, reply.statusCode);
  });
}
