// Identifiers shaped like Thena's: ULID-style upper-case Crockford base32 for records, short
// letter-prefixed ids for organizations, teams and users, `pk_live_` bot tokens. Record ids come
// from a counter rather than crypto so that seeding a million contacts stays fast.
import { randomBytes, randomUUID } from 'node:crypto';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function encode(value: number, length: number): string {
  let out = '';
  let rest = value;
  for (let i = 0; i < length; i += 1) {
    out = CROCKFORD.charAt(rest % 32) + out;
    rest = Math.floor(rest / 32);
  }
  return out;
}

function randomChars(length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const byte of bytes) out += CROCKFORD.charAt(byte % 32);
  return out;
}

/** Every pair of Crockford characters, so a counter encodes 10 bits per step. */
const PAIRS = Array.from({ length: 1024 }, (_, n) => CROCKFORD.charAt(n >> 5) + CROCKFORD.charAt(n & 31));

/** 10 Crockford characters (50 bits) for a counter, two characters at a time. */
function encodeCounter(value: number): string {
  const high = Math.floor(value / 2 ** 30);
  const low = value % 2 ** 30;
  return (
    (PAIRS[(high >> 10) & 1023] ?? '') +
    (PAIRS[high & 1023] ?? '') +
    (PAIRS[(low >> 20) & 1023] ?? '') +
    (PAIRS[(low >> 10) & 1023] ?? '') +
    (PAIRS[low & 1023] ?? '')
  );
}

export class IdGenerator {
  #counter = 0;
  readonly #salt = randomChars(6);
  #lastMs = -1;
  #timePart = '';

  /** A 26-character ULID-like id: time, a per-process salt, then a counter (unique and sortable). */
  record(nowMs: number): string {
    this.#counter += 1;
    if (nowMs !== this.#lastMs) {
      this.#lastMs = nowMs;
      this.#timePart = encode(nowMs, 10) + this.#salt;
    }
    return this.#timePart + encodeCounter(this.#counter);
  }

  /** `O`/`T`/`U` + 9 characters, like the organization, team and user ids in Thena's examples. */
  short(prefix: 'O' | 'T' | 'U'): string {
    return prefix + randomChars(9);
  }

  /** 29 upper-case characters, like the app id in Thena's docs. */
  appId(): string {
    return randomChars(29);
  }

  botToken(): string {
    return `pk_live_${randomBytes(20).toString('hex')}`;
  }

  uuid(): string {
    return randomUUID();
  }
}
