// The Fastify application: parsers, the hooks every API call goes through (latency, injected
// faults, stats), HubSpot-shaped errors and 404s, and the route modules.
import Fastify, {
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify';
import { Control } from './control/control.ts';
import { registerControlRoutes } from './control/routes.ts';
import type { Emulator } from './emulator.ts';
import { HubSpotError, RawHttpError, resourceNotFound, validationError } from './errors.ts';
import { correlationId } from './ids.ts';
import { rateLimitError } from './rate-limit.ts';
import { registerAssociationV4Routes } from './routes/associations-v4.ts';
import { registerAssociationBatchRoutes } from './routes/associations-v4-batch.ts';
import { registerAssociationV3Routes } from './routes/associations-v3.ts';
import { registerBatchRoutes } from './routes/batch.ts';
import { registerMergeRoutes } from './routes/merge.ts';
import { registerOAuthRoutes } from './routes/oauth.ts';
import { registerObjectRoutes } from './routes/objects.ts';
import { registerPropertyRoutes } from './routes/properties.ts';
import { registerSearchRoutes } from './routes/search.ts';
import { registerWebhookRoutes } from './routes/webhooks-settings.ts';

const CONTROL_PREFIX = '/_emulator';
/** A held request ("timeout" fault) is dropped after this long unless the fault says otherwise. */
const DEFAULT_HOLD_MS = 120_000;

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function buildApp(emulator: Emulator): { app: FastifyInstance; control: Control } {
  const app = Fastify({
    logger: emulator.options.logger,
    bodyLimit: 20 * 1024 * 1024,
    forceCloseConnections: true,
    return503OnClosing: false,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 1000 },
  });
  const control = new Control(emulator);

  // JSON bodies: an empty body is no body (some clients send a Content-Type on DELETE/PUT without
  // one); a malformed one gets HubSpot's "Invalid input JSON" 400.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = body as string;
    if (text.trim() === '') {
      done(null, undefined);
      return;
    }
    try {
      done(null, JSON.parse(text));
    } catch (error) {
      done(validationError(`Invalid input JSON on line 1, column 1: ${(error as Error).message}`), undefined);
    }
  });
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string' },
    (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    },
  );

  app.addHook('onRequest', async (request, reply) => {
    if (request.url.startsWith(CONTROL_PREFIX)) return;
    const path = request.url.split('?')[0] ?? '';
    const fault = emulator.faults.match(request.method, path);
    const latency = emulator.options.latencyMs + fault.latencyMs;
    if (latency > 0) await sleep(latency);
    const action = fault.action;
    if (!action) return;
    switch (action.type) {
      case 'status': {
        const body = action.body ?? faultBody(action.status);
        void reply
          .code(action.status)
          .type('application/json')
          .headers(action.headers ?? {});
        return reply.send(typeof body === 'string' ? body : JSON.stringify(body));
      }
      case 'rate-limit': {
        const error = rateLimitError(action.policy ?? 'TEN_SECONDLY_ROLLING');
        return reply.code(429).send(error.body());
      }
      case 'timeout': {
        reply.hijack();
        const socket = request.raw.socket;
        setTimeout(() => socket.destroy(), action.ms ?? DEFAULT_HOLD_MS).unref();
        return reply;
      }
      case 'reset':
        reply.hijack();
        request.raw.socket.destroy();
        return reply;
      case 'latency':
        return;
    }
  });

  if (emulator.options.recordResponses > 0) {
    app.addHook('onSend', async (request, reply, payload) => {
      if (request.url.startsWith(CONTROL_PREFIX)) return payload;
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(reply.getHeaders()))
        if (value !== undefined) headers[name] = String(value);
      emulator.recorded.push({
        method: request.method,
        url: request.url,
        status: reply.statusCode,
        headers,
        body:
          typeof payload === 'string' ? payload : payload === null || payload === undefined ? '' : '[stream]',
      });
      if (emulator.recorded.length > emulator.options.recordResponses) emulator.recorded.shift();
      return payload;
    });
  }

  app.addHook('onResponse', async (request, reply) => {
    // Stats describe the emulated HubSpot, not the control surface.
    if (request.url.startsWith(CONTROL_PREFIX)) return;
    const route = request.routeOptions.url ?? 'unmatched';
    emulator.stats.recordRequest(`${request.method} ${route}`, reply.statusCode);
  });

  app.setErrorHandler((error: FastifyError | HubSpotError | RawHttpError, request, reply) =>
    sendError(error, request, reply),
  );
  app.setNotFoundHandler((request, reply) =>
    sendError(
      resourceNotFound(`No route ${request.method} ${request.url.split('?')[0] ?? ''}`),
      request,
      reply,
    ),
  );

  registerOAuthRoutes(app, emulator);
  for (const prefix of ['/crm/v3/objects', '/crm/objects/2026-03']) {
    registerSearchRoutes(app, emulator, prefix);
    registerMergeRoutes(app, emulator, prefix);
    registerBatchRoutes(app, emulator, prefix);
    registerObjectRoutes(app, emulator, prefix);
  }
  registerPropertyRoutes(app, emulator);
  registerAssociationV4Routes(app, emulator);
  registerAssociationBatchRoutes(app, emulator);
  registerAssociationV3Routes(app, emulator);
  registerWebhookRoutes(app, emulator);
  registerControlRoutes(app, control, emulator.options.appId);
  return { app, control };
}

function faultBody(status: number): Record<string, unknown> {
  return {
    status: 'error',
    message: status >= 500 ? 'internal error' : `Injected fault (HTTP ${status})`,
    correlationId: correlationId(),
    category: status >= 500 ? 'INTERNAL_ERROR' : 'VALIDATION_ERROR',
  };
}

function sendError(
  error: FastifyError | HubSpotError | RawHttpError,
  request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply {
  if (error instanceof HubSpotError) {
    return reply.code(error.statusCode).headers(error.headers).send(error.body());
  }
  if (error instanceof RawHttpError) return reply.code(error.statusCode).send(error.payload);
  const fastifyError = error;
  if (fastifyError.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    return reply.code(415).send(
      new HubSpotError(415, {
        message: `Unsupported Media Type: ${String(request.headers['content-type'])}`,
        category: 'VALIDATION_ERROR',
      }).body(),
    );
  }
  if (fastifyError.statusCode !== undefined && fastifyError.statusCode < 500) {
    // Malformed JSON and other request-level problems, worded like HubSpot's.
    const message = fastifyError.code?.startsWith('FST_ERR_CTP')
      ? `Invalid input JSON on line 1, column 1: ${fastifyError.message}`
      : fastifyError.message;
    return reply.code(fastifyError.statusCode).send(validationError(message).body());
  }
  request.log.error(error);
  return reply.code(500).send({
    status: 'error',
    message: 'internal error',
    correlationId: correlationId(),
    category: 'INTERNAL_ERROR',
  });
}
