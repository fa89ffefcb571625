// Classifies what went wrong talking to Thena into AppErrors with snake_case codes: retryable for
// rate limits, 5xx, network errors and timeouts; permanent otherwise. Server messages are kept
// (they explain validation failures) but never the bot token.
import { AppError } from '../sync/errors.ts';

export interface RequestContext {
  operation: string;
  method: string;
  /** The path without its query string (which may hold an email). */
  path: string;
}

type Json = Record<string, unknown>;

const isJson = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** NestJS bodies carry `message` as a string or, for validation, a list of strings. */
export function serverMessages(body: unknown): string[] {
  if (!isJson(body)) return typeof body === 'string' && body !== '' ? [body.slice(0, 500)] : [];
  const message = body.message ?? (isJson(body.error) ? body.error.message : body.error);
  if (Array.isArray(message)) return message.filter((item): item is string => typeof item === 'string');
  return typeof message === 'string' ? [message] : [];
}

function existingId(body: unknown, key: string, messages: string[]): string | null {
  if (isJson(body) && typeof body[key] === 'string') return body[key];
  const match = /\(id:? ([A-Za-z0-9_-]+)\)|\bid[:=]\s*([A-Za-z0-9_-]+)/.exec(messages.join(' '));
  return match?.[1] ?? match?.[2] ?? null;
}

function conflictError(ctx: RequestContext, body: unknown, messages: string[], details: Json): AppError {
  const has = (key: string): boolean => isJson(body) && key in body;
  if (has('existingFieldId')) {
    return new AppError('thena_duplicate_field', 'Thena already has a custom field with this name', {
      details: { ...details, existingFieldId: existingId(body, 'existingFieldId', messages) },
      httpStatus: 409,
    });
  }
  // Without the emulator's explicit id fields, fall back to what the message talks about.
  const text = messages.join(' ').toLowerCase();
  if (has('existingContactId') || (!has('existingAccountId') && text.includes('email'))) {
    const existingContactId = existingId(body, 'existingContactId', messages);
    return new AppError('thena_duplicate_email', 'Thena already has a customer contact with this email', {
      details: { ...details, existingContactId },
      httpStatus: 409,
    });
  }
  if (has('existingAccountId') || text.includes('domain')) {
    const existingAccountId = existingId(body, 'existingAccountId', messages);
    return new AppError('thena_duplicate_domain', 'Thena already has an account with this primary domain', {
      details: { ...details, existingAccountId },
      httpStatus: 409,
    });
  }
  return new AppError('thena_conflict', `Thena ${ctx.operation} conflicts with existing data`, {
    details,
    httpStatus: 409,
  });
}

export function httpError(
  ctx: RequestContext,
  status: number,
  body: unknown,
  waitMs: number | undefined,
): AppError {
  const messages = serverMessages(body);
  const details: Json = { operation: ctx.operation, method: ctx.method, path: ctx.path, status, messages };
  const summary = messages.length > 0 ? `: ${messages.join('; ').slice(0, 300)}` : '';
  const make = (code: string, what: string, retryable = false): AppError =>
    new AppError(code, `Thena ${ctx.operation} ${what} (HTTP ${status})${summary}`, {
      retryable,
      details,
      httpStatus: status >= 500 ? 502 : status,
      ...(waitMs === undefined ? {} : { retryAfterMs: waitMs }),
    });
  if (status === 400 || status === 422) return make('thena_validation', 'was rejected as invalid');
  if (status === 401)
    return make('thena_unauthorized', 'was refused: the bot token is missing, wrong or revoked');
  if (status === 403) return make('thena_forbidden', 'is not allowed for this app');
  if (status === 404) return make('thena_not_found', 'found nothing');
  if (status === 409) return conflictError(ctx, body, messages, details);
  if (status === 413) return make('thena_payload_too_large', 'sent too much at once');
  if (status === 429) return make('thena_rate_limited', 'was rate limited', true);
  if (status >= 500) return make('thena_unavailable', 'failed on Thena’s side', true);
  return make('thena_request_failed', 'failed');
}

export function networkError(ctx: RequestContext, err: unknown): AppError {
  const cause = err instanceof Error ? (err.cause as { code?: unknown } | undefined) : undefined;
  const reason =
    typeof cause?.code === 'string' ? cause.code : err instanceof Error ? err.message : 'unknown';
  return new AppError('thena_network', `Thena ${ctx.operation} could not reach Thena (${reason})`, {
    retryable: true,
    details: { operation: ctx.operation, method: ctx.method, path: ctx.path, reason },
    httpStatus: 502,
  });
}

export function timeoutError(ctx: RequestContext, timeoutMs: number): AppError {
  return new AppError('thena_timeout', `Thena ${ctx.operation} got no answer within ${timeoutMs} ms`, {
    retryable: true,
    details: { operation: ctx.operation, method: ctx.method, path: ctx.path, timeoutMs },
    httpStatus: 504,
  });
}

export function badResponse(operation: string, problem: string): AppError {
  return new AppError(
    'thena_bad_response',
    `Thena ${operation} answered in an unexpected shape: ${problem}`,
    {
      details: { operation, problem },
      httpStatus: 502,
    },
  );
}

/** Whether a network failure happened before the request could have reached Thena. */
export function neverSent(error: AppError): boolean {
  const reason = isJson(error.details) ? error.details.reason : undefined;
  return error.code === 'thena_network' && (reason === 'ECONNREFUSED' || reason === 'ENOTFOUND');
}
