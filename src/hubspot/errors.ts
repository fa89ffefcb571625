// Turns whatever the SDK throws into an AppError with a code the engine can act on:
// rate limits wait, expired tokens refresh, validation problems fail one record, outages retry.
import { AppError } from '../sync/errors.ts';

interface SdkApiException {
  code: number;
  body: unknown;
  headers?: Record<string, string>;
}

function isApiException(err: unknown): err is SdkApiException {
  return (
    typeof err === 'object' &&
    err !== null &&
    typeof (err as { code?: unknown }).code === 'number' &&
    'body' in err
  );
}

function bodyOf(err: SdkApiException): Record<string, unknown> {
  if (typeof err.body === 'object' && err.body !== null) return err.body as Record<string, unknown>;
  if (typeof err.body === 'string') {
    try {
      const parsed: unknown = JSON.parse(err.body);
      if (typeof parsed === 'object' && parsed !== null) return parsed as Record<string, unknown>;
    } catch {
      return { message: err.body };
    }
  }
  return {};
}

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ECONNABORTED',
  'UND_ERR_SOCKET',
]);

/** Safe detail from a HubSpot error body (never headers, which could carry tokens). */
function detailsOf(body: Record<string, unknown>): Record<string, unknown> {
  const details: Record<string, unknown> = {};
  for (const key of ['category', 'subCategory', 'correlationId', 'policyName', 'errors', 'context']) {
    if (body[key] !== undefined) details[key] = body[key];
  }
  return details;
}

export function classifyHubSpotError(err: unknown, operation: string): AppError {
  if (err instanceof AppError) return err;
  if (isApiException(err)) return classifyResponse(err, operation);
  const code = typeof err === 'object' && err !== null ? str((err as { code?: unknown }).code) : undefined;
  const message = err instanceof Error ? err.message : String(err);
  if (code === 'HUBSPOT_TIMEOUT' || /timed? ?out/i.test(message)) {
    return new AppError('hubspot_timeout', `HubSpot did not answer ${operation} in time`, {
      retryable: true,
      cause: err,
    });
  }
  if ((code !== undefined && NETWORK_CODES.has(code)) || /socket hang up|network|ECONN/i.test(message)) {
    return new AppError(
      'hubspot_network',
      `network error calling HubSpot (${operation}): ${code ?? message}`,
      {
        retryable: true,
        cause: err,
      },
    );
  }
  if (err instanceof SyntaxError || /Content-Type|parse/i.test(message)) {
    return new AppError('hubspot_bad_response', `HubSpot sent an unreadable answer to ${operation}`, {
      retryable: true,
      cause: err,
    });
  }
  return new AppError('hubspot_error', `HubSpot call ${operation} failed: ${message}`, {
    retryable: true,
    cause: err,
  });
}

function classifyResponse(err: SdkApiException, operation: string): AppError {
  const body = bodyOf(err);
  const message = str(body.message) ?? `HTTP ${err.code}`;
  const details: Record<string, unknown> = { status: err.code, operation, ...detailsOf(body) };
  // The token endpoint names its failures in `status` (BAD_REFRESH_TOKEN, BAD_AUTH_CODE, ...).
  const named = str(body.status);
  if (named !== undefined && named !== 'error') details.reason = named;
  const category = str(body.category);
  switch (err.code) {
    case 429: {
      const policy = str(body.policyName) ?? (message.includes('secondly') ? 'SECONDLY' : 'UNKNOWN');
      const code =
        policy === 'DAILY'
          ? 'hubspot_daily_limit'
          : message.includes('secondly limit')
            ? 'hubspot_search_rate_limited'
            : 'hubspot_rate_limited';
      const retryAfter = Number(err.headers?.['retry-after']);
      return new AppError(code, message, {
        retryable: true,
        details: { ...details, policy },
        ...(Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfterMs: retryAfter * 1000 } : {}),
      });
    }
    case 401:
      return category === 'EXPIRED_AUTHENTICATION' || /expired/i.test(message)
        ? new AppError('hubspot_token_expired', message, { retryable: true, details })
        : new AppError('hubspot_unauthorized', message, { retryable: false, details, httpStatus: 502 });
    case 403:
      return new AppError(
        category === 'MISSING_SCOPES' ? 'hubspot_missing_scopes' : 'hubspot_forbidden',
        message,
        {
          retryable: false,
          details,
        },
      );
    case 404:
      return new AppError('hubspot_not_found', message, { retryable: false, details });
    case 409: {
      const existing = /Existing ID:\s*(\d+)/.exec(message)?.[1];
      return new AppError('hubspot_conflict', message, {
        retryable: false,
        details: existing === undefined ? details : { ...details, existingId: existing },
      });
    }
    case 423:
      return new AppError('hubspot_locked', message, { retryable: true, retryAfterMs: 2000, details });
    default:
      if (err.code >= 500 || err.code === 477) {
        return new AppError('hubspot_unavailable', `HubSpot is unavailable (${err.code}) for ${operation}`, {
          retryable: true,
          details,
        });
      }
      return new AppError('hubspot_validation', message, { retryable: false, details });
  }
}

/** The record id HubSpot reports as already holding a contact's email (409 on create). */
export function existingIdOf(err: AppError): string | undefined {
  const details = err.details as { existingId?: unknown } | undefined;
  return typeof details?.existingId === 'string' ? details.existingId : undefined;
}
