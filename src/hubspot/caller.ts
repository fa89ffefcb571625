// Every HubSpot call of one installation goes through here: a paced slot from the shared budget,
// a fresh token, and the recovery rules (429 waits and retries, an expired token refreshes once,
// outages back off). The SDK's own retry and limiter stay off: they are process-wide singletons
// and would mix one tenant's settings into another's.
import type { Agent } from 'node:http';
import { Client } from '@hubspot/api-client';
import type { Clock } from '../sync/clock.ts';
import type { AppError } from '../sync/errors.ts';
import type { Sleep } from '../sync/ports.ts';
import type { BudgetKind, RequestBudget } from './budget.ts';
import { classifyHubSpotError } from './errors.ts';
import type { TokenManager } from './tokens.ts';

export interface HttpInfo<T> {
  httpStatusCode: number;
  headers: Record<string, string>;
  data: T;
}

export interface CallReport {
  operation: string;
  kind: BudgetKind;
  status: number | 'error';
  durationMs: number;
  code?: string;
}

export interface CallerOptions {
  apiUrl: string;
  agent: Agent;
  budget: RequestBudget;
  tokens: TokenManager;
  clock: Clock;
  sleep: Sleep;
  /** Attempts for outages (5xx, network, timeouts) before the error goes to the job. */
  maxAttempts?: number;
  /** 429s tolerated for one call before giving up (the job then retries later). */
  maxRateLimitWaits?: number;
  /** First pause after a 429 with no Retry-After; it grows with each further 429 (default 2 s). */
  rateLimitPauseMs?: number;
  onCall?: (report: CallReport) => void;
}

const RATE_LIMIT_CODES = new Set(['hubspot_rate_limited', 'hubspot_search_rate_limited']);

export class HubSpotCaller {
  readonly #options: CallerOptions;
  #client: { token: string; client: Client } | undefined;

  constructor(options: CallerOptions) {
    this.#options = options;
  }

  #clientFor(token: string): Client {
    if (this.#client?.token !== token) {
      const client = new Client({
        accessToken: token,
        basePath: this.#options.apiUrl,
        httpAgent: this.#options.agent,
      });
      // Build the APIs now: the SDK decorates them from process-wide state when first touched.
      void client.crm.contacts.basicApi;
      void client.crm.companies.basicApi;
      void client.crm.objects.basicApi;
      void client.crm.associations.v4.batchApi;
      void client.crm.properties.coreApi;
      this.#client = { token, client };
    }
    return this.#client.client;
  }

  async call<T>(
    kind: BudgetKind,
    operation: string,
    run: (client: Client) => Promise<HttpInfo<T>>,
  ): Promise<T> {
    const { budget, tokens, clock, sleep } = this.#options;
    const maxAttempts = this.#options.maxAttempts ?? 4;
    const maxRateLimitWaits = this.#options.maxRateLimitWaits ?? 30;
    let failures = 0;
    let rateLimitWaits = 0;
    let refreshed = false;
    for (;;) {
      await budget.take(kind);
      const token = await tokens.accessToken();
      const started = clock.now();
      try {
        const info = await run(this.#clientFor(token));
        this.#report({ operation, kind, status: info.httpStatusCode, durationMs: clock.now() - started });
        await budget.observe(info.headers);
        return info.data;
      } catch (err) {
        const error = classifyHubSpotError(err, operation);
        const status = (error.details as { status?: number } | undefined)?.status ?? 'error';
        this.#report({ operation, kind, status, durationMs: clock.now() - started, code: error.code });
        if (error.code === 'hubspot_token_expired' && !refreshed) {
          refreshed = true;
          await tokens.replace(token);
          continue;
        }
        if (RATE_LIMIT_CODES.has(error.code) && rateLimitWaits < maxRateLimitWaits) {
          rateLimitWaits++;
          await budget.backOff(kind, this.#rateLimitPause(error, rateLimitWaits));
          continue;
        }
        failures++;
        if (!error.retryable || failures >= maxAttempts || RATE_LIMIT_CODES.has(error.code)) throw error;
        await sleep(error.retryAfterMs ?? 250 * 2 ** failures);
      }
    }
  }

  /** A burst 429 clears within the rolling window; pause the whole budget, longer each time. */
  #rateLimitPause(error: AppError, waits: number): number {
    if (error.retryAfterMs !== undefined) return error.retryAfterMs;
    const base = this.#options.rateLimitPauseMs ?? 2000;
    const pause = error.code === 'hubspot_search_rate_limited' ? base / 2 : base;
    return Math.min(pause * waits, 10_000);
  }

  #report(report: CallReport): void {
    this.#options.onCall?.(report);
  }
}
