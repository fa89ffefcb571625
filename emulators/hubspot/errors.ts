// HubSpot's error bodies. Every API error is `{status:"error", message, correlationId, category,
// ...}`; the messages copy the wording HubSpot uses (clients match on some of them, e.g. the SDK
// retries a search 429 only when the message is exactly "You have reached your secondly limit.").
import { correlationId } from './ids.ts';

export interface ErrorDetail {
  message: string;
  code?: string;
  in?: string;
  subCategory?: string;
  context?: Record<string, string[]>;
}

export interface ApiErrorFields {
  message: string;
  category: string;
  subCategory?: string;
  errors?: ErrorDetail[];
  context?: Record<string, string[]>;
  links?: Record<string, string>;
  /** Fields outside the documented shape that HubSpot adds on some errors (e.g. `policyName`). */
  extra?: Record<string, unknown>;
}

/** An API error answered with HubSpot's standard error body. */
export class HubSpotError extends Error {
  constructor(
    readonly statusCode: number,
    readonly fields: ApiErrorFields,
    readonly headers: Record<string, string> = {},
  ) {
    super(fields.message);
  }

  body(): Record<string, unknown> {
    const { message, category, subCategory, errors, context, links, extra } = this.fields;
    return {
      status: 'error',
      message,
      correlationId: correlationId(),
      ...(errors ? { errors } : {}),
      ...(context ? { context } : {}),
      ...(links ? { links } : {}),
      category,
      ...(subCategory ? { subCategory } : {}),
      ...extra,
    };
  }
}

/** An error whose body does not follow the API shape (the OAuth token endpoint has its own). */
export class RawHttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly payload: Record<string, unknown>,
  ) {
    super(typeof payload.message === 'string' ? payload.message : `HTTP ${statusCode}`);
  }
}

const AUTH_MESSAGE =
  'Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview';

export function invalidAuthentication(): HubSpotError {
  return new HubSpotError(401, { message: AUTH_MESSAGE, category: 'INVALID_AUTHENTICATION' });
}

export function expiredAuthentication(expiredAtMs: number, nowMs: number): HubSpotError {
  // HubSpot words small ages in seconds; the emulator always does, so clients can parse one unit.
  const seconds = Math.max(0, Math.floor((nowMs - expiredAtMs) / 1000));
  return new HubSpotError(401, {
    message: `The OAuth token used to make this call expired ${seconds} second(s) ago.`,
    category: 'EXPIRED_AUTHENTICATION',
    context: { 'expire time': [new Date(expiredAtMs).toISOString()] },
  });
}

export function missingScopes(requiredAnyOf: string[]): HubSpotError {
  return new HubSpotError(403, {
    message:
      "This app hasn't been granted all required scopes to make this call. Read more about required scopes here: https://developers.hubspot.com/scopes.",
    category: 'MISSING_SCOPES',
    errors: [
      {
        message: 'One or more of the following scopes are required.',
        context: { requiredGranularScopes: requiredAnyOf },
      },
    ],
    links: { scopes: 'https://developers.hubspot.com/scopes' },
  });
}

export function resourceNotFound(
  message = 'resource not found',
  context?: Record<string, string[]>,
): HubSpotError {
  return new HubSpotError(404, { message, category: 'OBJECT_NOT_FOUND', ...(context ? { context } : {}) });
}

export function objectNotFound(id: string): HubSpotError {
  return resourceNotFound('Object not found.  objectId are usually numeric.', { id: [id] });
}

export function validationError(
  message: string,
  more: { errors?: ErrorDetail[]; context?: Record<string, string[]>; subCategory?: string } = {},
): HubSpotError {
  return new HubSpotError(400, { message, category: 'VALIDATION_ERROR', ...more });
}

export function conflict(message: string, context?: Record<string, string[]>): HubSpotError {
  return new HubSpotError(409, { message, category: 'CONFLICT', ...(context ? { context } : {}) });
}

/** The body shape HubSpot uses when a JSON body is malformed or misses required fields. */
export function invalidJson(detail: string): HubSpotError {
  return validationError(`Invalid input JSON on line 1, column 2: ${detail}`);
}

export function missingRequiredFields(fields: string[]): HubSpotError {
  return validationError(
    `Invalid input JSON on line 1, column 2. Some required fields were not set: [${fields.join(', ')}]`,
  );
}

/** One element of a batch response's `errors` (the spec's StandardError). */
export interface StandardError {
  status: 'error';
  category: string;
  message: string;
  context: Record<string, string[]>;
  errors: ErrorDetail[];
  links: Record<string, string>;
}

export function standardError(
  category: string,
  message: string,
  context: Record<string, string[]> = {},
): StandardError {
  return { status: 'error', category, message, context, errors: [], links: {} };
}

export function toStandardError(error: HubSpotError, context: Record<string, string[]> = {}): StandardError {
  return standardError(error.fields.category, error.fields.message, { ...error.fields.context, ...context });
}
