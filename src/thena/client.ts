// The Thena client the product uses: one bot token, the platform API for records and the apps
// API for published events, with retries, classified errors and no token in logs or errors.
import { systemClock, type Clock } from '../sync/clock.ts';
import { ThenaAccounts } from './accounts.ts';
import { ThenaContacts } from './contacts.ts';
import { ThenaAttributes, ThenaCustomFields } from './custom-fields.ts';
import { badResponse } from './errors.ts';
import { ThenaHttp, type ThenaLogger } from './http.ts';
import { isJson, text } from './read.ts';
import { retryPolicy, type ThenaRetryOptions } from './retry-policy.ts';
import type { ThenaPublishResult } from './types.ts';

export interface ThenaClientOptions {
  /** The platform API origin, e.g. https://platform.thena.ai (paths start with /v1). */
  baseUrl: string;
  /** The apps API origin for published events, e.g. https://apps-studio.thena.ai; defaults to baseUrl. */
  appsBaseUrl?: string;
  /** The app's bot token from the installation event. */
  botToken: string;
  logger?: ThenaLogger;
  retry?: ThenaRetryOptions;
  /** Reads "now" for Retry-After dates and rate-limit resets. */
  clock?: Clock;
  /** How retries wait; tests may record the waits instead. */
  sleep?: (ms: number) => Promise<void>;
  /** Jitter source, in [0, 1). */
  random?: () => number;
}

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export class ThenaClient {
  readonly accounts: ThenaAccounts;
  readonly contacts: ThenaContacts;
  readonly customFields: ThenaCustomFields;
  readonly attributes: ThenaAttributes;
  readonly #http: ThenaHttp;

  constructor(options: ThenaClientOptions) {
    this.#http = new ThenaHttp({
      baseUrl: options.baseUrl,
      appsBaseUrl: options.appsBaseUrl ?? options.baseUrl,
      botToken: options.botToken,
      policy: retryPolicy(options.retry),
      clock: options.clock ?? systemClock,
      logger: options.logger,
      sleep: options.sleep ?? realSleep,
      random: options.random ?? Math.random,
    });
    this.accounts = new ThenaAccounts(this.#http);
    this.contacts = new ThenaContacts(this.#http);
    this.customFields = new ThenaCustomFields(this.#http);
    this.attributes = new ThenaAttributes(this.#http);
  }

  /** Publishes one of the app's own events (e.g. `hubspot.contact.synced`) with `x-bot-key`. */
  async publishEvent(eventName: string, payload: Record<string, unknown>): Promise<ThenaPublishResult> {
    const operation = 'publishEvent';
    const body = await this.#http.request({
      operation,
      method: 'POST',
      path: '/incoming-webhook/events',
      api: 'apps',
      body: { event_name: eventName, payload },
      // A repeat would publish the event twice; only retried when Thena cannot have taken it.
      idempotent: false,
    });
    const answer = isJson(body) && isJson(body.data) ? body.data : body;
    if (!isJson(answer) || answer.success === false) throw badResponse(operation, 'no success flag');
    const messageId = text(answer, 'messageId', 'message_id', 'id');
    if (messageId === null) throw badResponse(operation, 'no messageId');
    return { messageId, timestamp: text(answer, 'timestamp') };
  }
}
