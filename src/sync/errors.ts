// Expected failures travel as AppError values with a snake_case code and a retryable flag;
// anything else that is thrown is a bug. Adapters classify what they see into these.

export interface AppErrorOptions {
  retryable?: boolean;
  /** Safe, structured detail for logs, the audit log and API bodies (never secrets). */
  details?: unknown;
  /** Milliseconds the caller should wait before retrying, when the remote side said so. */
  retryAfterMs?: number;
  /** HTTP status that best describes the error at the edge of our own API. */
  httpStatus?: number;
  cause?: unknown;
}

/** HubSpot refused to renew access: only an admin reconnecting HubSpot can fix it. */
export const RECONNECT_REQUIRED = 'hubspot_reconnect_required';

export class AppError extends Error {
  readonly code: string;
  readonly retryable: boolean;
  readonly details: unknown;
  readonly retryAfterMs: number | undefined;
  readonly httpStatus: number | undefined;

  constructor(code: string, message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.retryable = options.retryable ?? false;
    this.details = options.details;
    this.retryAfterMs = options.retryAfterMs;
    this.httpStatus = options.httpStatus;
  }
}

export const isAppError = (err: unknown): err is AppError => err instanceof AppError;

/** True when an operation that failed with `err` may succeed if tried again later. */
export function isRetryable(err: unknown): boolean {
  return isAppError(err) ? err.retryable : false;
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
