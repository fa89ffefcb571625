// Thena documents "request signing" without the scheme; the emulator signs every webhook like
// this (README, "Webhook signatures"): x-thena-timestamp is Unix seconds and x-thena-signature is
// `sha256=` + hex HMAC-SHA256(secret, `${timestamp}.${rawBody}`).
import { createHmac } from 'node:crypto';

export const TIMESTAMP_HEADER = 'x-thena-timestamp';
export const SIGNATURE_HEADER = 'x-thena-signature';

export function signatureFor(secret: string, timestampSeconds: number, rawBody: string): string {
  const hex = createHmac('sha256', secret).update(`${timestampSeconds}.${rawBody}`).digest('hex');
  return `sha256=${hex}`;
}
