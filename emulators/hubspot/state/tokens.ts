// Access tokens (OAuth and private-app), refresh tokens and authorization codes.
import * as ids from '../ids.ts';

export interface AccessTokenRecord {
  token: string;
  kind: 'oauth' | 'private';
  portalId: number;
  /** The OAuth app, or the portal's private app. */
  appId: number;
  scopes: string[];
  userId: number;
  issuedAt: number;
  /** Private-app tokens never expire. */
  expiresAt: number | undefined;
  revoked: boolean;
}

export interface RefreshTokenRecord {
  token: string;
  portalId: number;
  appId: number;
  clientId: string;
  scopes: string[];
  userId: number;
  createdAt: number;
  revoked: boolean;
}

export interface AuthCodeRecord {
  code: string;
  clientId: string;
  redirectUri: string;
  portalId: number;
  scopes: string[];
  userId: number;
  expiresAt: number;
  used: boolean;
}

/** Authorization codes are short-lived in HubSpot; ten minutes here. */
export const AUTH_CODE_TTL_MS = 10 * 60_000;

export class TokenStore {
  readonly access = new Map<string, AccessTokenRecord>();
  readonly refresh = new Map<string, RefreshTokenRecord>();
  readonly codes = new Map<string, AuthCodeRecord>();

  issueOAuth(
    grant: { portalId: number; appId: number; scopes: string[]; userId: number },
    now: number,
    ttlSeconds: number,
  ): AccessTokenRecord {
    const record: AccessTokenRecord = {
      token: ids.accessToken(),
      kind: 'oauth',
      ...grant,
      scopes: [...grant.scopes],
      issuedAt: now,
      expiresAt: now + ttlSeconds * 1000,
      revoked: false,
    };
    this.access.set(record.token, record);
    return record;
  }

  issuePrivate(
    portalId: number,
    appId: number,
    scopes: string[],
    userId: number,
    now: number,
  ): AccessTokenRecord {
    const record: AccessTokenRecord = {
      token: ids.privateAppToken(),
      kind: 'private',
      portalId,
      appId,
      scopes: [...scopes],
      userId,
      issuedAt: now,
      expiresAt: undefined,
      revoked: false,
    };
    this.access.set(record.token, record);
    return record;
  }

  issueRefresh(
    grant: Omit<RefreshTokenRecord, 'token' | 'revoked' | 'createdAt'>,
    now: number,
  ): RefreshTokenRecord {
    const record: RefreshTokenRecord = {
      token: ids.refreshToken(),
      ...grant,
      createdAt: now,
      revoked: false,
    };
    this.refresh.set(record.token, record);
    return record;
  }

  issueCode(grant: Omit<AuthCodeRecord, 'code' | 'used' | 'expiresAt'>, now: number): AuthCodeRecord {
    const record: AuthCodeRecord = {
      code: ids.authCode(),
      ...grant,
      expiresAt: now + AUTH_CODE_TTL_MS,
      used: false,
    };
    this.codes.set(record.code, record);
    return record;
  }

  /** Uninstall: every token of an app in a portal stops working at once. */
  revokeInstall(portalId: number, appId: number): void {
    for (const record of this.access.values()) {
      if (record.kind === 'oauth' && record.portalId === portalId && record.appId === appId)
        record.revoked = true;
    }
    for (const record of this.refresh.values()) {
      if (record.portalId === portalId && record.appId === appId) record.revoked = true;
    }
  }

  clear(): void {
    this.access.clear();
    this.refresh.clear();
    this.codes.clear();
  }
}
