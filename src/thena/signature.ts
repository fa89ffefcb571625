// Verifies the signature on webhooks from Thena. Thena documents "request signing" but not the
// scheme; this is the one emulators/thena/README.md fixes: `x-thena-timestamp` (Unix seconds) and
// `x-thena-signature: sha256=<hex HMAC-SHA256(secret, timestamp + "." + rawBody)>`.
import { createHmac, timingSafeEqual } from 'node:crypto';

export const THENA_TIMESTAMP_HEADER = 'x-thena-timestamp';
export const THENA_SIGNATURE_HEADER = 'x-thena-signature';

export interface SignatureCheck {
  secret: string;
  /** The body exactly as received, before any JSON parsing. */
  rawBody: string | Buffer;
  timestamp: string | string[] | undefined;
  signature: string | string[] | undefined;
  nowMs: number;
  /** How far the timestamp may be from now, either way (default 5 minutes): limits replays. */
  toleranceMs?: number;
}

export type SignatureResult = { ok: true } | { ok: false; reason: string };

const single = (header: string | string[] | undefined): string | undefined =>
  Array.isArray(header) ? header[0] : header;

export function verifyThenaSignature(check: SignatureCheck): SignatureResult {
  const timestamp = single(check.timestamp);
  const signature = single(check.signature);
  if (!timestamp || !signature) return { ok: false, reason: 'signature or timestamp header is missing' };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'timestamp header is not Unix seconds' };
  const skewMs = Math.abs(check.nowMs - Number(timestamp) * 1000);
  if (skewMs > (check.toleranceMs ?? 5 * 60_000)) {
    return { ok: false, reason: 'timestamp is outside the allowed window' };
  }
  const body = typeof check.rawBody === 'string' ? check.rawBody : check.rawBody.toString('utf8');
  const expected = createHmac('sha256', check.secret).update(`${timestamp}.${body}`).digest();
  // Several signatures may be listed (e.g. while a secret is rotated); one match is enough.
  const matches = signature.split(',').some((candidate) => {
    const hex = candidate.trim().replace(/^sha256=/, '');
    if (!/^[0-9a-f]{64}$/i.test(hex)) return false;
    return timingSafeEqual(Buffer.from(hex, 'hex'), expected);
  });
  return matches ? { ok: true } : { ok: false, reason: 'signature does not match' };
}
