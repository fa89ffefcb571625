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

export class IdGenerator {
  #counter = 0;
  readonly #salt = randomChars(6);

  /** A 26-character ULID-like id: time, a per-process salt, then a counter (unique and sortable). */
  record(nowMs: number): string {
    this.#counter += 1;
    return encode(nowMs, 10) + this.#salt + encode(this.#counter, 10);
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
