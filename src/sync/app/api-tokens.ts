// Org-scoped API tokens: created by the operator (CLI), shown once, kept only as a SHA-256 hash,
// so a copy of the database does not hand out access to the API.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Clock } from '../clock.ts';
import { AppError } from '../errors.ts';

export interface ApiToken {
  id: string;
  orgId: string;
  label: string | null;
  createdAt: number;
  lastUsedAt: number | null;
  revokedAt: number | null;
}

/** What the token service needs from the store (src/store/api-tokens.ts implements it). */
export interface ApiTokenPort {
  insert(token: ApiToken, tokenHash: string): Promise<void>;
  findByHash(tokenHash: string): Promise<ApiToken | undefined>;
  get(id: string): Promise<ApiToken | undefined>;
  listByOrg(orgId: string): Promise<ApiToken[]>;
  /** Marks the token revoked at `at`; false when it does not exist or already was. */
  revoke(id: string, at: number): Promise<boolean>;
  touch(id: string, at: number): Promise<void>;
}

/** A recognisable prefix lets secret scanners (and people) tell what a leaked string is. */
export const TOKEN_PREFIX = 'thena_hs_';
/** Writing "last used" on every request would turn each read into a write; once a minute says enough. */
const TOUCH_EVERY_MS = 60_000;

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export class ApiTokenService {
  constructor(
    private readonly tokens: ApiTokenPort,
    private readonly clock: Clock,
  ) {}

  /** Creates a token of `orgId`; the returned secret is never stored nor shown again. */
  async create(orgId: string, label: string | null): Promise<{ token: ApiToken; secret: string }> {
    const secret = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
    const token: ApiToken = {
      id: randomUUID(),
      orgId,
      label,
      createdAt: this.clock.now(),
      lastUsedAt: null,
      revokedAt: null,
    };
    await this.tokens.insert(token, hashToken(secret));
    return { token, secret };
  }

  list(orgId: string): Promise<ApiToken[]> {
    return this.tokens.listByOrg(orgId);
  }

  async revoke(id: string): Promise<ApiToken> {
    const token = await this.tokens.get(id);
    if (token === undefined) {
      throw new AppError('token_not_found', `no API token has the id ${id}`, { httpStatus: 404 });
    }
    if (token.revokedAt !== null) return token;
    const at = this.clock.now();
    await this.tokens.revoke(id, at);
    return { ...token, revokedAt: at };
  }

  /** The live token `secret` names, or undefined (unknown, revoked or malformed). */
  async verify(secret: string): Promise<ApiToken | undefined> {
    if (!secret.startsWith(TOKEN_PREFIX)) return undefined;
    const token = await this.tokens.findByHash(hashToken(secret));
    if (token === undefined || token.revokedAt !== null) return undefined;
    const now = this.clock.now();
    if (token.lastUsedAt === null || now - token.lastUsedAt >= TOUCH_EVERY_MS) {
      await this.tokens.touch(token.id, now);
    }
    return token;
  }
}
