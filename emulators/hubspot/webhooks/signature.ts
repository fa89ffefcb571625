// Request signatures HubSpot puts on webhook deliveries (developers.hubspot.com/docs/api/webhooks/validating-requests).
import { createHash, createHmac } from 'node:crypto';

/** v1: hex SHA-256 of client secret + raw body (the webhooks API's `X-HubSpot-Signature`). */
export function signatureV1(clientSecret: string, body: string): string {
  return createHash('sha256')
    .update(clientSecret + body, 'utf8')
    .digest('hex');
}

/** v2: hex SHA-256 of client secret + method + URI + raw body (workflow webhooks, CRM cards). */
export function signatureV2(clientSecret: string, method: string, uri: string, body: string): string {
  return createHash('sha256')
    .update(clientSecret + method + uri + body, 'utf8')
    .digest('hex');
}

/** v3: base64 HMAC-SHA256 keyed with the client secret over method + URI + raw body + timestamp. */
export function signatureV3(
  clientSecret: string,
  method: string,
  uri: string,
  body: string,
  timestamp: number,
): string {
  return createHmac('sha256', clientSecret)
    .update(method + uri + body + String(timestamp), 'utf8')
    .digest('base64');
}

export function signedHeaders(
  clientSecret: string,
  url: string,
  body: string,
  timestamp: number,
): Record<string, string> {
  return {
    'Content-Type': 'application/json',
    'User-Agent': 'HubSpot Connect 2.0 (http://dev.hubspot.com/) - WebhooksExecutorDaemon-executor',
    'X-HubSpot-Signature': signatureV1(clientSecret, body),
    'X-HubSpot-Signature-Version': 'v1',
    'X-HubSpot-Signature-v3': signatureV3(clientSecret, 'POST', url, body, timestamp),
    'X-HubSpot-Request-Timestamp': String(timestamp),
  };
}
