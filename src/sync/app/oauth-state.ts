// The OAuth `state`: signed (HMAC), bound to the org, short-lived and, through the store,
// single-use. A tampered, expired or replayed state is refused before any code is exchanged.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export interface StatePort {
  /** Remembers a state so it can be used once. */
  remember(stateHash: string, orgId: string, expiresAt: number): Promise<void>;
  /** Marks a state used; false when unknown, already used or expired. */
  consume(stateHash: string, now: number): Promise<boolean>;
}

export type StateCheck = { ok: true; orgId: string } | { ok: false; code: string; message: string };

const encode = (value: Buffer | string): string => Buffer.from(value).toString('base64url');

function sign(secret: Buffer, payload: string): string {
  return encode(createHmac('sha256', secret).update(payload).digest());
}

export function hashState(state: string): string {
  return createHash('sha256').update(state).digest('hex');
}

export function createState(secret: Buffer, orgId: string, expiresAt: number): string {
  const payload = encode(JSON.stringify({ o: orgId, e: expiresAt, n: encode(randomBytes(12)) }));
  return `${payload}.${sign(secret, payload)}`;
}

export function readState(secret: Buffer, state: string, now: number): StateCheck {
  const [payload, signature, extra] = state.split('.');
  if (payload === undefined || signature === undefined || extra !== undefined) {
    return { ok: false, code: 'invalid_state', message: 'the authorization state is malformed' };
  }
  const expected = Buffer.from(sign(secret, payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    return {
      ok: false,
      code: 'invalid_state',
      message: 'the authorization state was not issued by this service',
    };
  }
  let body: { o?: unknown; e?: unknown };
  try {
    body = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { o?: unknown; e?: unknown };
  } catch {
    return { ok: false, code: 'invalid_state', message: 'the authorization state is malformed' };
  }
  if (typeof body.o !== 'string' || typeof body.e !== 'number') {
    return { ok: false, code: 'invalid_state', message: 'the authorization state is malformed' };
  }
  if (body.e < now)
    return { ok: false, code: 'expired_state', message: 'the authorization took too long; start again' };
  return { ok: true, orgId: body.o };
}
