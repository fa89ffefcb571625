// Who is calling the REST API: the operator (ADMIN_TOKEN, every org) or one org's token.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { ApiTokenService } from './api-tokens.ts';

export type Principal = { kind: 'admin' } | { kind: 'org'; orgId: string; tokenId: string };

export const ADMIN: Principal = { kind: 'admin' };

/** Longest bearer token we look at; anything longer is not one of ours. */
const MAX_TOKEN_LENGTH = 512;

const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

export class ApiAuth {
  readonly #adminDigest: Buffer | undefined;

  constructor(
    private readonly tokens: ApiTokenService,
    adminToken: string | undefined,
  ) {
    this.#adminDigest = adminToken === undefined || adminToken === '' ? undefined : digest(adminToken);
  }

  /** The principal a bearer token stands for, or undefined when it stands for nobody. */
  async authenticate(bearer: string): Promise<Principal | undefined> {
    if (bearer === '' || bearer.length > MAX_TOKEN_LENGTH) return undefined;
    // Digests have one length, so the comparison takes the same time whatever was sent.
    if (this.#adminDigest !== undefined && timingSafeEqual(digest(bearer), this.#adminDigest)) return ADMIN;
    const token = await this.tokens.verify(bearer);
    return token === undefined ? undefined : { kind: 'org', orgId: token.orgId, tokenId: token.id };
  }
}

/** An org token sees its own org only; the operator sees all. */
export function mayAccess(principal: Principal, orgId: string): boolean {
  return principal.kind === 'admin' || principal.orgId === orgId;
}
