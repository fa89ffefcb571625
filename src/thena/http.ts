// One way to call Thena: JSON in and out, a time limit per attempt, retries with backoff for
// what may succeed later, errors classified, and the bot token kept out of every log line and
// error (it travels only in its header; anything echoed back is scrubbed).
import type { Clock } from '../sync/clock.ts';
import type { AppError } from '../sync/errors.ts';
import {
  badResponse,
  httpError,
  networkError,
  neverSent,
  timeoutError,
  type RequestContext,
} from './errors.ts';
import { backoffDelay, serverRequestedWait, type RetryPolicy } from './retry-policy.ts';
import { send, TransportTimeout } from './transport.ts';

/** The slice of a pino-style logger the client uses. */
export interface ThenaLogger {
  debug(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

export interface HttpDeps {
  baseUrl: string;
  appsBaseUrl: string;
  botToken: string;
  policy: RetryPolicy;
  clock: Clock;
  logger: ThenaLogger | undefined;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
}

export interface RequestSpec {
  operation: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  /** Published events go to the apps host with `x-bot-key`; the platform API uses `x-api-key`. */
  api?: 'platform' | 'apps';
  /**
   * Safe to send twice. Non-idempotent requests (creates) are retried only when Thena cannot have
   * acted on them: a 429, a 503, or a connection that was never made.
   */
  idempotent: boolean;
}

type Outcome = { ok: true; body: unknown } | { ok: false; error: AppError };

export class ThenaHttp {
  readonly #deps: HttpDeps;

  constructor(deps: HttpDeps) {
    this.#deps = deps;
  }

  /** The parsed JSON answer (undefined for an empty one); throws a classified AppError. */
  async request(spec: RequestSpec): Promise<unknown> {
    const ctx: RequestContext = { operation: spec.operation, method: spec.method, path: spec.path };
    const { logger } = this.#deps;
    for (let attempt = 1; ; attempt += 1) {
      const outcome = await this.#attempt(spec, ctx);
      if (outcome.ok) return outcome.body;
      const error = outcome.error;
      const wait = this.#retryWait(spec, error, attempt);
      if (wait === undefined) {
        if (error.retryable) {
          logger?.warn({ ...ctx, attempt, code: error.code }, 'Thena request failed; giving up for now');
        }
        throw error;
      }
      logger?.debug({ ...ctx, attempt, code: error.code, waitMs: wait }, 'Thena request failed; retrying');
      await this.#deps.sleep(wait);
    }
  }

  #retryWait(spec: RequestSpec, error: AppError, attempt: number): number | undefined {
    const { policy } = this.#deps;
    if (!error.retryable || attempt >= policy.maxAttempts) return undefined;
    const unprocessed = error.code === 'thena_rate_limited' || isUnavailable(error) || neverSent(error);
    if (!spec.idempotent && !unprocessed) return undefined;
    if (error.retryAfterMs !== undefined) {
      if (error.retryAfterMs > policy.maxRetryAfterMs) return undefined;
      // A little jitter on top, so many workers told the same reset do not all return at once.
      return error.retryAfterMs + backoffDelay(policy, 1, this.#deps.random) / 4;
    }
    return backoffDelay(policy, attempt, this.#deps.random);
  }

  async #attempt(spec: RequestSpec, ctx: RequestContext): Promise<Outcome> {
    const { timeoutMs } = this.#deps.policy;
    try {
      const response = await send(this.#url(spec), this.#init(spec), timeoutMs);
      const text = this.#scrub(response.text);
      const body = parseJson(text);
      if (response.ok) {
        return body === INVALID
          ? { ok: false, error: badResponse(spec.operation, 'not JSON') }
          : { ok: true, body };
      }
      const wait = serverRequestedWait(response.headers(), this.#deps.clock.now());
      return { ok: false, error: httpError(ctx, response.status, body === INVALID ? text : body, wait) };
    } catch (err) {
      if (err instanceof TransportTimeout) return { ok: false, error: timeoutError(ctx, timeoutMs) };
      return { ok: false, error: networkError(ctx, err) };
    }
  }

  #url(spec: RequestSpec): string {
    const base = spec.api === 'apps' ? this.#deps.appsBaseUrl : this.#deps.baseUrl;
    // Relative to the base, so a base with a path prefix (behind a proxy) keeps it.
    const url = new URL(spec.path.replace(/^\//, ''), base.endsWith('/') ? base : `${base}/`);
    for (const [key, value] of Object.entries(spec.query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    return url.toString();
  }

  #init(spec: RequestSpec): { method: string; headers: Record<string, string>; body?: string } {
    const authHeader = spec.api === 'apps' ? 'x-bot-key' : 'x-api-key';
    const headers: Record<string, string> = { accept: 'application/json', [authHeader]: this.#deps.botToken };
    if (spec.body === undefined) return { method: spec.method, headers };
    headers['content-type'] = 'application/json';
    return { method: spec.method, headers, body: JSON.stringify(spec.body) };
  }

  #scrub(text: string): string {
    const token = this.#deps.botToken;
    return token === '' ? text : text.split(token).join('[redacted]');
  }
}

const INVALID = Symbol('invalid JSON');

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return INVALID;
  }
}

function isUnavailable(error: AppError): boolean {
  const details = error.details as { status?: unknown } | undefined;
  return details?.status === 503;
}
