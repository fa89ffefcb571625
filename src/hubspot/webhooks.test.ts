import { Signature } from '@hubspot/api-client';
import { describe, expect, it } from 'vitest';
import { eventDedupeKey, parseWebhookBody, signV3, verifySignatureV3 } from './webhooks.ts';

const secret = 'yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy';
const url = 'https://www.example.com/webhook_uri';
const body = '{"example_field":"example_value"}';

describe('webhook signature v3', () => {
  it('matches the published vector and the SDK', () => {
    expect(signV3('POST', url, body, '1700000000000', secret)).toBe(
      'rQEKkaNUiu+1qGF//O/pw4BCzstSqO1PyUnGICmf+7o=',
    );
    const now = Date.now();
    const signature = signV3('POST', url, body, String(now), secret);
    expect(
      Signature.isValid({
        signature,
        clientSecret: secret,
        requestBody: body,
        signatureVersion: 'v3',
        url,
        method: 'POST',
        timestamp: now,
      }),
    ).toBe(true);
  });

  it('accepts a fresh, correctly signed request and refuses every tampering', () => {
    const now = 1_800_000_000_000;
    const timestamp = String(now - 1000);
    const signature = signV3('POST', url, body, timestamp, secret);
    const base = { method: 'POST', url, rawBody: body, signature, timestamp, clientSecret: secret, now };
    expect(verifySignatureV3(base)).toEqual({ ok: true });
    expect(verifySignatureV3({ ...base, rawBody: body.replace('value', 'valuE') })).toEqual({
      ok: false,
      reason: 'signature does not match',
    });
    expect(verifySignatureV3({ ...base, url: `${url}?x=1` }).ok).toBe(false);
    expect(verifySignatureV3({ ...base, clientSecret: 'other' }).ok).toBe(false);
    expect(verifySignatureV3({ ...base, signature: undefined })).toEqual({
      ok: false,
      reason: 'missing X-HubSpot-Signature-v3 header',
    });
    expect(verifySignatureV3({ ...base, timestamp: 'yesterday' }).ok).toBe(false);
    expect(verifySignatureV3({ ...base, now: now + 5 * 60_000 })).toEqual({
      ok: false,
      reason: 'request timestamp is older than 5 minutes',
    });
    expect(verifySignatureV3({ ...base, signature: signature.slice(0, -2) }).ok).toBe(false);
  });

  it('signs the URI with HubSpot’s decoded escapes', () => {
    const encoded = 'https://x.io/hooks%3Fa%3Ab%40c';
    expect(signV3('POST', encoded, '', '1', secret)).toBe(
      signV3('POST', 'https://x.io/hooks?a:b@c', '', '1', secret),
    );
  });
});

describe('parseWebhookBody', () => {
  const event = {
    eventId: 1,
    subscriptionId: 12345,
    portalId: 62515,
    occurredAt: 1564113600000,
    subscriptionType: 'contact.propertyChange',
    attemptNumber: 0,
    objectId: 123,
    propertyName: 'email',
    propertyValue: 'a@b.io',
    changeSource: 'CRM_UI',
    appId: 54321,
  };

  it('reads contact and company events, ignoring other objects', () => {
    const parsed = parseWebhookBody(JSON.stringify([event, { ...event, subscriptionType: 'deal.creation' }]));
    expect(parsed).toMatchObject({ ok: true, ignored: 1 });
    if (!parsed.ok) return;
    expect(parsed.events[0]).toMatchObject({
      portalId: '62515',
      objectId: '123',
      object: 'contact',
      change: 'propertyChange',
      propertyName: 'email',
      propertyValue: 'a@b.io',
      appId: '54321',
    });
  });

  it('refuses what is not a HubSpot delivery, naming the problem', () => {
    expect(parseWebhookBody('{oops')).toEqual({ ok: false, reason: 'body is not valid JSON' });
    expect(parseWebhookBody('{}')).toEqual({ ok: false, reason: 'body must be a JSON array of events' });
    expect(parseWebhookBody('[1]')).toEqual({ ok: false, reason: 'event 0 is not an object' });
    expect(parseWebhookBody(JSON.stringify([{ ...event, portalId: 'abc' }]))).toEqual({
      ok: false,
      reason: 'event 0 has no numeric portalId',
    });
    expect(parseWebhookBody(JSON.stringify(Array(1001).fill(event))).ok).toBe(false);
  });

  it('gives a retried delivery the same dedupe key', () => {
    const first = parseWebhookBody(JSON.stringify([event]));
    const retry = parseWebhookBody(JSON.stringify([{ ...event, attemptNumber: 3 }]));
    const other = parseWebhookBody(JSON.stringify([{ ...event, occurredAt: event.occurredAt + 1 }]));
    if (!first.ok || !retry.ok || !other.ok) throw new Error('parse failed');
    expect(eventDedupeKey(retry.events[0]!)).toBe(eventDedupeKey(first.events[0]!));
    expect(eventDedupeKey(other.events[0]!)).not.toBe(eventDedupeKey(first.events[0]!));
  });
});
