// HubSpot webhook deliveries: the v3 signature over the exact URL and raw body, checked in
// constant time within a 5-minute window; then the JSON array parsed into typed events. Anything
// that fails either step is refused before it can enqueue work.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { HubSpotWebhookEvent, ParsedWebhook, Verdict, WebhookCodec } from '../sync/hubspot-port.ts';

export const MAX_SIGNATURE_AGE_MS = 5 * 60_000;
/** HubSpot sends at most 100 events per request; more than this is not HubSpot. */
export const MAX_EVENTS_PER_REQUEST = 1000;

export interface SignatureInput {
  method: string;
  /** The full URL HubSpot called (scheme, host, path and query), as configured for the app. */
  url: string;
  rawBody: string;
  signature: string | undefined;
  timestamp: string | undefined;
  clientSecret: string;
  now: number;
}

// HubSpot decodes these escapes in the URI before signing (its "validating requests" guide).
const DECODED: Record<string, string> = {
  '%3A': ':',
  '%2F': '/',
  '%3F': '?',
  '%40': '@',
  '%21': '!',
  '%24': '$',
  '%27': "'",
  '%28': '(',
  '%29': ')',
  '%2A': '*',
  '%2C': ',',
  '%3B': ';',
};

export function decodeSignedUri(uri: string): string {
  return uri.replace(
    /%3A|%2F|%3F|%40|%21|%24|%27|%28|%29|%2A|%2C|%3B/gi,
    (m) => DECODED[m.toUpperCase()] ?? m,
  );
}

export function signV3(
  method: string,
  url: string,
  rawBody: string,
  timestamp: string,
  secret: string,
): string {
  return createHmac('sha256', secret)
    .update(`${method.toUpperCase()}${decodeSignedUri(url)}${rawBody}${timestamp}`, 'utf8')
    .digest('base64');
}

export function verifySignatureV3(input: SignatureInput): Verdict {
  if (!input.signature) return { ok: false, reason: 'missing X-HubSpot-Signature-v3 header' };
  if (!input.timestamp || !/^\d{10,16}$/.test(input.timestamp)) {
    return { ok: false, reason: 'missing or malformed X-HubSpot-Request-Timestamp header' };
  }
  const age = input.now - Number(input.timestamp);
  if (age > MAX_SIGNATURE_AGE_MS) return { ok: false, reason: 'request timestamp is older than 5 minutes' };
  if (age < -MAX_SIGNATURE_AGE_MS) return { ok: false, reason: 'request timestamp is in the future' };
  const expected = Buffer.from(
    signV3(input.method, input.url, input.rawBody, input.timestamp, input.clientSecret),
  );
  const given = Buffer.from(input.signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    return { ok: false, reason: 'signature does not match' };
  }
  return { ok: true };
}

export type WebhookEvent = HubSpotWebhookEvent;
export type { ParsedWebhook, Verdict };

// HubSpot ids are whole, non-negative numbers (as JSON numbers or digit strings).
const idOf = (value: unknown): string | undefined =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 0
    ? String(value)
    : typeof value === 'string' && /^\d+$/.test(value)
      ? value
      : undefined;

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

function parseEvent(raw: unknown, index: number): WebhookEvent | string | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return `event ${index} is not an object`;
  const e = raw as Record<string, unknown>;
  const subscriptionType = text(e.subscriptionType) ?? text(e.eventType);
  if (subscriptionType === undefined) return `event ${index} has no subscriptionType`;
  const [object, change] = subscriptionType.split('.');
  // Events for other objects (deals, tickets, ...) are valid HubSpot but not ours.
  if (object !== 'contact' && object !== 'company') return null;
  const portalId = idOf(e.portalId);
  const objectId = idOf(e.objectId);
  const occurredAt = typeof e.occurredAt === 'number' ? e.occurredAt : Number(e.occurredAt);
  if (portalId === undefined) return `event ${index} has no numeric portalId`;
  if (objectId === undefined) return `event ${index} has no numeric objectId`;
  if (!Number.isFinite(occurredAt)) return `event ${index} has no occurredAt time`;
  const event: WebhookEvent = {
    eventId: idOf(e.eventId) ?? text(e.eventId) ?? '',
    subscriptionId: idOf(e.subscriptionId) ?? '',
    portalId,
    appId: idOf(e.appId),
    occurredAt,
    subscriptionType,
    object,
    change: change ?? '',
    attemptNumber: typeof e.attemptNumber === 'number' ? e.attemptNumber : 0,
    objectId,
  };
  assignOptional(event, e);
  return event;
}

function assignOptional(event: WebhookEvent, e: Record<string, unknown>): void {
  const strings = ['propertyName', 'changeSource', 'sourceId', 'associationType'] as const;
  for (const key of strings) {
    const value = text(e[key]);
    if (value !== undefined) event[key] = value;
  }
  const value = e.propertyValue;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    event.propertyValue = String(value);
  }
  const ids = ['primaryObjectId', 'newObjectId', 'fromObjectId', 'toObjectId'] as const;
  for (const key of ids) {
    const value = idOf(e[key]);
    if (value !== undefined) event[key] = value;
  }
  if (Array.isArray(e.mergedObjectIds)) {
    event.mergedObjectIds = e.mergedObjectIds.map(idOf).filter((id): id is string => id !== undefined);
  }
  if (typeof e.associationRemoved === 'boolean') event.associationRemoved = e.associationRemoved;
  if (typeof e.isPrimaryAssociation === 'boolean') event.isPrimaryAssociation = e.isPrimaryAssociation;
}

/** Parses a delivery body: a JSON array of events. Events for other object types are ignored. */
export function parseWebhookBody(rawBody: string): ParsedWebhook {
  let body: unknown;
  try {
    body = JSON.parse(rawBody);
  } catch {
    return { ok: false, reason: 'body is not valid JSON' };
  }
  if (!Array.isArray(body)) return { ok: false, reason: 'body must be a JSON array of events' };
  if (body.length > MAX_EVENTS_PER_REQUEST) {
    return {
      ok: false,
      reason: `too many events in one request (${body.length}, at most ${MAX_EVENTS_PER_REQUEST})`,
    };
  }
  const events: WebhookEvent[] = [];
  let ignored = 0;
  for (const [index, raw] of body.entries()) {
    const parsed = parseEvent(raw, index);
    if (typeof parsed === 'string') return { ok: false, reason: parsed };
    if (parsed === null) ignored++;
    else events.push(parsed);
  }
  return { ok: true, events, ignored };
}

/**
 * HubSpot may deliver one event more than once (retries change attemptNumber, not the event), and
 * does not promise unique eventIds: this key names the change itself.
 */
export function eventDedupeKey(event: WebhookEvent): string {
  return [
    'hs',
    event.portalId,
    event.subscriptionType,
    event.objectId,
    event.eventId,
    event.occurredAt,
    event.propertyName ?? '',
    event.toObjectId ?? '',
  ].join(':');
}

/** The codec the intake service uses, bound to the app's client secret. */
export function webhookCodec(clientSecret: string): WebhookCodec {
  return {
    verify: (input) => verifySignatureV3({ ...input, clientSecret }),
    parse: parseWebhookBody,
    dedupeKey: eventDedupeKey,
  };
}
