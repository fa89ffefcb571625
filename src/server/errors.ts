// One error handler for the whole API: every error body is { error: { code, message, details? } }
// and a 5xx never shows internals.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isAppError } from '../sync/errors.ts';

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

export function errorBody(code: string, message: string, details?: unknown): ErrorBody {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

function validationDetails(err: FastifyError): { path: string; message: string }[] {
  return (err.validation ?? []).map((v) => ({
    path: `${err.validationContext ?? 'body'}${v.instancePath || ''}`,
    message: v.message ?? 'is invalid',
  }));
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (err.validation) {
      const details = validationDetails(err);
      const summary = details.map((d) => `${d.path} ${d.message}`).join('; ');
      return reply.status(400).send(errorBody('invalid_request', `Invalid request: ${summary}`, details));
    }
    if (isAppError(err)) {
      const status = err.httpStatus ?? (err.retryable ? 503 : 400);
      if (status >= 500) request.log.error({ code: err.code, err: err.message }, 'request failed');
      const message =
        status >= 500 ? 'The service could not complete the request; try again later.' : err.message;
      return reply.status(status).send(errorBody(err.code, message, status >= 500 ? undefined : err.details));
    }
    const status = err.statusCode ?? 500;
    if (status < 500) {
      const code =
        status === 413 ? 'payload_too_large' : status === 415 ? 'unsupported_media_type' : 'bad_request';
      return reply.status(status).send(errorBody(code, err.message));
    }
    request.log.error({ err }, 'unexpected error');
    return reply.status(500).send(errorBody('internal_error', 'Something went wrong on our side.'));
  });

  app.setNotFoundHandler((request, reply) =>
    reply
      .status(404)
      .send(errorBody('not_found', `No route for ${request.method} ${request.url.split('?')[0]}`)),
  );
}
