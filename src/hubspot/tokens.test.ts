import { describe, expect, it } from 'vitest';
import { ManualClock } from '../sync/clock.ts';
import { AppError, RECONNECT_REQUIRED } from '../sync/errors.ts';
import type { HubSpotTokens } from '../sync/hubspot-port.ts';
import type { CredentialPort, StoredCredential } from '../sync/ports.ts';
import { TokenManager } from './tokens.ts';

/** One credential with a lease, like the store keeps it, shared by several managers. */
class MemoryCredentials implements CredentialPort {
  stored: StoredCredential<HubSpotTokens>;
  leaseUntil = 0;
  constructor(
    private readonly clock: ManualClock,
    secret: HubSpotTokens,
  ) {
    this.stored = { secret, expiresAt: secret.expiresAt, version: 1 };
  }
  async get<T>(): Promise<StoredCredential<T> | undefined> {
    return this.stored as unknown as StoredCredential<T>;
  }
  async put(_id: string, _kind: string, secret: unknown): Promise<void> {
    const tokens = secret as HubSpotTokens;
    this.stored = { secret: tokens, expiresAt: tokens.expiresAt, version: this.stored.version + 1 };
    this.leaseUntil = 0;
  }
  async tryLeaseRefresh(_id: string, _kind: string, leaseMs: number): Promise<boolean> {
    if (this.leaseUntil > this.clock.now()) return false;
    this.leaseUntil = this.clock.now() + leaseMs;
    return true;
  }
  async releaseRefreshLease(): Promise<void> {
    this.leaseUntil = 0;
  }
  async delete(): Promise<void> {}
}

const HOUR = 3_600_000;

function tokens(clock: ManualClock, n: number, ttl = HOUR): HubSpotTokens {
  return {
    accessToken: `access-${n}`,
    refreshToken: 'refresh',
    expiresAt: clock.now() + ttl,
    hubId: '1',
    scopes: [],
  };
}

describe('TokenManager', () => {
  it('keeps a valid token, and refreshes once for many callers when it nears expiry', async () => {
    const clock = new ManualClock();
    const credentials = new MemoryCredentials(clock, tokens(clock, 1));
    let refreshes = 0;
    const refresher = { refresh: async () => tokens(clock, ++refreshes + 1) };
    const manager = new TokenManager('i', credentials, refresher, clock, async () => undefined);
    expect(await manager.accessToken()).toBe('access-1');
    clock.advance(HOUR - 60_000); // inside the 5-minute margin
    const all = await Promise.all(Array.from({ length: 5 }, () => manager.accessToken()));
    expect(new Set(all)).toEqual(new Set(['access-2']));
    expect(refreshes).toBe(1);
    expect(credentials.stored.version).toBe(2);
  });

  it('replaces a token HubSpot called expired, unless another caller already did', async () => {
    const clock = new ManualClock();
    const credentials = new MemoryCredentials(clock, tokens(clock, 1));
    let refreshes = 0;
    const manager = new TokenManager(
      'i',
      credentials,
      { refresh: async () => tokens(clock, ++refreshes + 1) },
      clock,
      async () => undefined,
    );
    expect(await manager.replace('access-1')).toBe('access-2');
    expect(await manager.replace('access-1')).toBe('access-2');
    expect(refreshes).toBe(1);
  });

  it('waits for the process that holds the refresh lease and uses its token', async () => {
    const clock = new ManualClock();
    const credentials = new MemoryCredentials(clock, tokens(clock, 1, 60_000));
    credentials.leaseUntil = clock.now() + 30_000; // another process is refreshing
    const refresher = { refresh: async () => Promise.reject(new Error('must not refresh')) };
    let waits = 0;
    const sleep = async () => {
      if (++waits === 3) await credentials.put('i', 'hubspot', tokens(clock, 9));
    };
    const manager = new TokenManager('i', credentials, refresher, clock, sleep);
    expect(await manager.accessToken()).toBe('access-9');
    expect(waits).toBe(3);
  });

  it('turns a refused refresh token into "reconnect required", and releases the lease', async () => {
    const clock = new ManualClock();
    const credentials = new MemoryCredentials(clock, tokens(clock, 1, 1000));
    const refused = new AppError('hubspot_refresh_rejected', 'BAD_REFRESH_TOKEN', { retryable: false });
    const manager = new TokenManager(
      'i',
      credentials,
      { refresh: async () => Promise.reject(refused) },
      clock,
      async () => undefined,
    );
    await expect(manager.accessToken()).rejects.toMatchObject({ code: RECONNECT_REQUIRED, retryable: false });
    expect(credentials.leaseUntil).toBe(0);
  });
});
