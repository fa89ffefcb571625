// HubSpot's OAuth 2.0 for a public app: the authorize URL, code exchange, refresh and revocation.
// Token calls go through the SDK (its base path points at the emulator in tests).
import type { Agent } from 'node:http';
import { Client } from '@hubspot/api-client';
import type { Clock } from '../sync/clock.ts';
import { AppError } from '../sync/errors.ts';
import type { HubSpotAuthorizer, HubSpotTokens } from '../sync/hubspot-port.ts';
import { classifyHubSpotError } from './errors.ts';

export type { HubSpotTokens };

export interface HubSpotOAuthOptions {
  clientId: string;
  clientSecret: string;
  apiUrl: string;
  authorizeUrl: string;
  clock: Clock;
  agent?: Agent;
}

/** The scopes the product asks for (the seed's list). */
export const REQUIRED_SCOPES = [
  'crm.objects.contacts.read',
  'crm.objects.contacts.write',
  'crm.objects.companies.read',
  'crm.objects.companies.write',
  'crm.schemas.contacts.read',
  'crm.schemas.companies.read',
];

export class HubSpotOAuth implements HubSpotAuthorizer {
  readonly #options: HubSpotOAuthOptions;

  constructor(options: HubSpotOAuthOptions) {
    this.#options = options;
  }

  #client(): Client {
    return new Client({
      basePath: this.#options.apiUrl,
      ...(this.#options.agent === undefined ? {} : { httpAgent: this.#options.agent }),
    });
  }

  authorizeUrl(input: { redirectUri: string; state: string; scopes?: readonly string[] }): string {
    const url = new URL(this.#options.authorizeUrl);
    url.searchParams.set('client_id', this.#options.clientId);
    url.searchParams.set('redirect_uri', input.redirectUri);
    url.searchParams.set('scope', (input.scopes ?? REQUIRED_SCOPES).join(' '));
    url.searchParams.set('state', input.state);
    return url.toString();
  }

  /** Exchanges an authorization code; reads the portal id and scopes the token carries. */
  async exchangeCode(code: string, redirectUri: string): Promise<HubSpotTokens> {
    const { clientId, clientSecret } = this.#options;
    const client = this.#client();
    let token;
    try {
      token = await client.oauth.tokensApi.create(
        'authorization_code',
        code,
        redirectUri,
        clientId,
        clientSecret,
      );
    } catch (err) {
      throw this.#rejected(err, 'hubspot_code_rejected', 'HubSpot refused the authorization code');
    }
    return this.#describe(client, token.accessToken, token.refreshToken, token.expiresIn);
  }

  /** Gets a new access token. A refused refresh token means the admin must reconnect. */
  async refresh(refreshToken: string): Promise<HubSpotTokens> {
    const { clientId, clientSecret } = this.#options;
    const client = this.#client();
    let token;
    try {
      token = await client.oauth.tokensApi.create(
        'refresh_token',
        undefined,
        undefined,
        clientId,
        clientSecret,
        refreshToken,
      );
    } catch (err) {
      throw this.#rejected(err, 'hubspot_refresh_rejected', 'HubSpot refused the refresh token');
    }
    return this.#describe(client, token.accessToken, token.refreshToken || refreshToken, token.expiresIn);
  }

  /** Revokes a refresh token (uninstall). Already-unknown tokens count as revoked. */
  async revoke(refreshToken: string): Promise<void> {
    try {
      await this.#client().oauth.refreshTokensApi.archive(refreshToken);
    } catch (err) {
      const error = classifyHubSpotError(err, 'revokeRefreshToken');
      const status = (error.details as { status?: number } | undefined)?.status;
      if (status === 400 || status === 404) return;
      throw error;
    }
  }

  async #describe(
    client: Client,
    accessToken: string,
    refreshToken: string,
    expiresIn: number,
  ): Promise<HubSpotTokens> {
    const expiresAt = this.#options.clock.now() + expiresIn * 1000;
    try {
      const info = await client.oauth.accessTokensApi.get(accessToken);
      return { accessToken, refreshToken, expiresAt, hubId: String(info.hubId), scopes: info.scopes ?? [] };
    } catch (err) {
      throw classifyHubSpotError(err, 'getAccessTokenInfo');
    }
  }

  /** 4xx from the token endpoint: the grant is bad (not retryable); anything else may pass later. */
  #rejected(err: unknown, code: string, message: string): AppError {
    const error = classifyHubSpotError(err, 'oauthToken');
    const status = (error.details as { status?: number } | undefined)?.status;
    if (status === undefined || status >= 500 || status === 429) return error;
    const body = error.details as { status?: unknown } | undefined;
    return new AppError(code, `${message}: ${error.message}`, {
      retryable: false,
      details: body,
      httpStatus: 400,
    });
  }
}
