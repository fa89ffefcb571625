// Access tokens for one installation: refreshed before they expire, one refresh at a time across
// every process (a lease in the store), and a refused refresh turned into "reconnect required".
import type { Clock } from '../sync/clock.ts';
import { AppError, isAppError, RECONNECT_REQUIRED } from '../sync/errors.ts';
import type { CredentialPort, Sleep } from '../sync/ports.ts';
import type { HubSpotTokens } from './oauth.ts';

export interface TokenRefresher {
  refresh(refreshToken: string): Promise<HubSpotTokens>;
}

export interface TokenManagerOptions {
  /** Refresh this long before expiry, so a long call never starts with a dying token. */
  marginMs?: number;
  /** How long one process may hold the refresh before another may try. */
  leaseMs?: number;
}

export class TokenManager {
  #current: { token: string; expiresAt: number } | undefined;
  #inflight: Promise<string> | undefined;
  readonly #marginMs: number;
  readonly #leaseMs: number;

  constructor(
    private readonly installationId: string,
    private readonly credentials: CredentialPort,
    private readonly refresher: TokenRefresher,
    private readonly clock: Clock,
    private readonly sleep: Sleep,
    options: TokenManagerOptions = {},
  ) {
    this.#marginMs = options.marginMs ?? 5 * 60_000;
    this.#leaseMs = options.leaseMs ?? 30_000;
  }

  /** A token valid for at least the margin. */
  async accessToken(): Promise<string> {
    const current = this.#current;
    if (current !== undefined && current.expiresAt - this.clock.now() > this.#marginMs) return current.token;
    return this.#single(() => this.#ensureFresh(undefined));
  }

  /** After HubSpot said `staleToken` expired: refresh unless someone already did. */
  async replace(staleToken: string): Promise<string> {
    return this.#single(() => this.#ensureFresh(staleToken));
  }

  #single(run: () => Promise<string>): Promise<string> {
    this.#inflight ??= run().finally(() => {
      this.#inflight = undefined;
    });
    return this.#inflight;
  }

  async #ensureFresh(staleToken: string | undefined): Promise<string> {
    const deadline = this.clock.now() + this.#leaseMs * 2;
    for (;;) {
      const stored = await this.credentials.get<HubSpotTokens>(this.installationId, 'hubspot');
      if (stored === undefined) {
        throw new AppError(RECONNECT_REQUIRED, 'HubSpot is not connected for this installation', {
          retryable: false,
        });
      }
      const { secret } = stored;
      const fresh =
        staleToken === undefined
          ? secret.expiresAt - this.clock.now() > this.#marginMs
          : secret.accessToken !== staleToken;
      if (fresh) return this.#remember(secret);
      if (await this.credentials.tryLeaseRefresh(this.installationId, 'hubspot', this.#leaseMs)) {
        return this.#refresh(secret);
      }
      // Another process is refreshing: its new token shows up in the store.
      if (this.clock.now() > deadline) {
        throw new AppError(
          'hubspot_token_refresh_busy',
          'waited too long for another process to refresh the token',
          {
            retryable: true,
          },
        );
      }
      await this.sleep(200);
    }
  }

  async #refresh(secret: HubSpotTokens): Promise<string> {
    try {
      const tokens = await this.refresher.refresh(secret.refreshToken);
      await this.credentials.put(this.installationId, 'hubspot', tokens, tokens.expiresAt);
      return this.#remember(tokens);
    } catch (err) {
      await this.credentials.releaseRefreshLease(this.installationId, 'hubspot').catch(() => undefined);
      if (isAppError(err) && err.code === 'hubspot_refresh_rejected') {
        throw new AppError(
          RECONNECT_REQUIRED,
          'HubSpot refused to refresh the access token: the admin must reconnect HubSpot',
          {
            retryable: false,
            details: err.details,
          },
        );
      }
      throw err;
    }
  }

  #remember(tokens: Pick<HubSpotTokens, 'accessToken' | 'expiresAt'>): string {
    this.#current = { token: tokens.accessToken, expiresAt: tokens.expiresAt };
    return tokens.accessToken;
  }
}
