// Everything about the emulator that can be chosen at start and changed at run time.
import { DEFAULT_DELIVERY, type DeliverySettings } from './delivery/settings.ts';
import type { EventEnvelope } from './delivery/event-bodies.ts';
import type { ContactAccountsShape } from './state/views.ts';
import { DEFAULT_RATE_LIMIT, type RateLimitSettings } from './traffic/rate-limit.ts';

/**
 * `documented`: accounts and contacts answer with bare objects/arrays, custom fields with the
 * `{ data, status, message, timestamp }` envelope (as the docs show). `enveloped`: every /v1 answer
 * uses the envelope (as newer endpoints seem to).
 */
export type ResponseShape = 'documented' | 'enveloped';

export interface EmulatorConfig {
  /** The app's installation lifecycle webhook (manifest `integration.webhooks.installations`). */
  installationUrl: string | undefined;
  /** The app's platform events webhook (manifest `integration.webhooks.events`). */
  eventsUrl: string | undefined;
  /** Shared secret that signs every webhook (see README). */
  webhookSecret: string;
  applicationId: string;
  applicationName: string;
  rateLimit: RateLimitSettings;
  /** Added to every API answer. */
  latencyMs: number;
  delivery: DeliverySettings;
  responseShape: ResponseShape;
  contactAccountsShape: ContactAccountsShape;
  eventEnvelope: EventEnvelope;
}

export interface ThenaEmulatorOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  installationUrl?: string;
  eventsUrl?: string;
  webhookSecret?: string;
  applicationId?: string;
  applicationName?: string;
  rateLimit?: Partial<RateLimitSettings>;
  latencyMs?: number;
  delivery?: Partial<DeliverySettings>;
  responseShape?: ResponseShape;
  contactAccountsShape?: ContactAccountsShape;
  eventEnvelope?: EventEnvelope;
  /** Source of randomness for faults and delivery chaos; seed it for repeatable tests. */
  random?: () => number;
  /** Fastify request logging; off by default. */
  logRequests?: boolean;
}

export function resolveConfig(
  options: ThenaEmulatorOptions,
  generated: { appId: string; secret: string },
): EmulatorConfig {
  return {
    installationUrl: options.installationUrl,
    eventsUrl: options.eventsUrl,
    webhookSecret: options.webhookSecret ?? generated.secret,
    applicationId: options.applicationId ?? generated.appId,
    applicationName: options.applicationName ?? 'HubSpot',
    rateLimit: { ...DEFAULT_RATE_LIMIT, ...options.rateLimit },
    latencyMs: options.latencyMs ?? 0,
    delivery: { ...DEFAULT_DELIVERY, ...options.delivery },
    responseShape: options.responseShape ?? 'documented',
    contactAccountsShape: options.contactAccountsShape ?? 'objects',
    eventEnvelope: options.eventEnvelope ?? 'message',
  };
}
