// The installation's life: Thena installs the app (bot token), the admin authorizes HubSpot
// (signed single-use state, code exchange, tokens sealed), the sync starts; reconnect keeps the
// configuration and links; uninstall stops everything, revokes HubSpot's token, keeps the audit log.
import { createHmac } from 'node:crypto';
import { startSyncing, stopSyncing } from '../engine/jobs.ts';
import type { EngineDeps } from '../engine/context.ts';
import { AppError, errorMessage } from '../errors.ts';
import type { HubSpotAuthorizer, HubSpotTokens } from '../hubspot-port.ts';
import type { Installation, SyncRun } from '../model.ts';
import type { CredentialPort } from '../ports.ts';
import { createState, hashState, readState, type StatePort } from './oauth-state.ts';

export interface InstallationOptions {
  /** The service's public base URL: HubSpot redirects back to it. */
  publicUrl: string;
  stateSecret: Buffer;
  stateTtlMs?: number;
}

export interface ThenaInstall {
  orgId: string;
  botToken: string;
  botId: string | null;
  thenaInstallationId: string | null;
}

export class InstallationService {
  constructor(
    private readonly engine: EngineDeps,
    private readonly credentials: CredentialPort,
    private readonly states: StatePort,
    private readonly authorizer: HubSpotAuthorizer | undefined,
    private readonly options: InstallationOptions,
  ) {}

  get redirectUri(): string {
    return `${this.options.publicUrl}/oauth/hubspot/callback`;
  }

  async thenaInstalled(input: ThenaInstall): Promise<Installation> {
    const installation = await this.engine.store.installations.recordThenaInstall({
      orgId: input.orgId,
      thenaInstallationId: input.thenaInstallationId,
      thenaBotId: input.botId,
    });
    await this.credentials.put(installation.id, 'thena', { botToken: input.botToken }, null);
    this.engine.logger.info(
      { orgId: input.orgId, installationId: installation.id },
      'Thena installed the app',
    );
    return installation;
  }

  async #installation(orgId: string): Promise<Installation> {
    const installation = await this.engine.store.installations.getByOrg(orgId);
    if (installation === undefined) {
      throw new AppError('unknown_org', `organization ${orgId} has not installed the app in Thena`, {
        httpStatus: 404,
      });
    }
    return installation;
  }

  #ticketSecret(): Buffer {
    return createHmac('sha256', this.options.stateSecret).update('install-ticket').digest();
  }

  /**
   * Where an admin (already authenticated by the API) goes to connect HubSpot: our install route
   * with a short-lived ticket, so nobody can connect a portal of theirs to someone else's org.
   */
  installUrl(orgId: string): string {
    const ticket = createState(this.#ticketSecret(), orgId, this.engine.clock.now() + 15 * 60_000);
    const query = new URLSearchParams({ org: orgId, ticket });
    return `${this.options.publicUrl}/oauth/hubspot/install?${query.toString()}`;
  }

  /** The HubSpot consent URL for the org, with a fresh single-use state. */
  async beginAuthorization(orgId: string, ticket: string): Promise<string> {
    const authorizer = this.#authorizer();
    const checked = readState(this.#ticketSecret(), ticket, this.engine.clock.now());
    if (!checked.ok || checked.orgId !== orgId) {
      throw new AppError(
        'invalid_ticket',
        'this install link is invalid or expired; open it again from the configuration page',
        { httpStatus: 401 },
      );
    }
    await this.#installation(orgId);
    const expiresAt = this.engine.clock.now() + (this.options.stateTtlMs ?? 10 * 60_000);
    const state = createState(this.options.stateSecret, orgId, expiresAt);
    await this.states.remember(hashState(state), orgId, expiresAt);
    return authorizer.authorizeUrl({ redirectUri: this.redirectUri, state });
  }

  async completeAuthorization(code: string, state: string): Promise<{ orgId: string; run: SyncRun }> {
    const authorizer = this.#authorizer();
    const now = this.engine.clock.now();
    const checked = readState(this.options.stateSecret, state, now);
    if (!checked.ok) throw new AppError(checked.code, checked.message, { httpStatus: 400 });
    if (!(await this.states.consume(hashState(state), now))) {
      throw new AppError(
        'state_used',
        'this authorization link was already used or has expired; start again',
        { httpStatus: 400 },
      );
    }
    const installation = await this.#installation(checked.orgId);
    const tokens = await authorizer.exchangeCode(code, this.redirectUri);
    if (
      installation.portalId !== null &&
      installation.portalId !== tokens.hubId &&
      installation.status !== 'uninstalled'
    ) {
      await authorizer.revoke(tokens.refreshToken).catch(() => undefined);
      throw new AppError(
        'different_portal',
        `this organization is connected to HubSpot portal ${installation.portalId}; uninstall before connecting portal ${tokens.hubId}`,
        { httpStatus: 409 },
      );
    }
    return { orgId: checked.orgId, run: await this.#connect(installation, tokens) };
  }

  async #connect(installation: Installation, tokens: HubSpotTokens): Promise<SyncRun> {
    const { store } = this.engine;
    await this.credentials.put(installation.id, 'hubspot', tokens, tokens.expiresAt);
    await store.installations.connectHubSpot(installation.id, tokens.hubId, tokens.scopes);
    const trigger =
      installation.status === 'pending' || installation.status === 'uninstalled' ? 'install' : 'reconnect';
    await this.#auditConnection(installation.id, `HubSpot portal ${tokens.hubId} connected`, {
      scopes: tokens.scopes,
      trigger,
    });
    this.engine.logger.info(
      { orgId: installation.orgId, portalId: tokens.hubId, trigger },
      'HubSpot connected',
    );
    return startSyncing(this.engine, installation.id, trigger);
  }

  /** Stops the sync, revokes HubSpot's refresh token, forgets the tokens; the audit log stays. */
  async uninstall(orgId: string, reason: string): Promise<void> {
    const installation = await this.#installation(orgId);
    await stopSyncing(this.engine, installation.id, reason);
    const stored = await this.credentials.get<HubSpotTokens>(installation.id, 'hubspot');
    if (stored !== undefined && this.authorizer !== undefined) {
      try {
        await this.authorizer.revoke(stored.secret.refreshToken);
      } catch (err) {
        this.engine.logger.warn(
          { orgId, err: errorMessage(err) },
          'could not revoke the HubSpot refresh token',
        );
      }
    }
    await this.credentials.delete(installation.id, 'hubspot');
    await this.engine.store.installations.setStatus(installation.id, 'uninstalled', reason);
    await this.#auditConnection(installation.id, `uninstalled: ${reason}`);
  }

  /** The audit log records each change of the HubSpot connection. */
  async #auditConnection(installationId: string, message: string, details?: unknown): Promise<void> {
    await this.engine.store.audit.append(installationId, [
      {
        runId: null,
        direction: 'hubspot_to_thena',
        objectType: 'contacts',
        hubspotId: null,
        thenaId: null,
        action: 'connection',
        status: 'SUCCESS',
        message,
        ...(details === undefined ? {} : { details }),
      },
    ]);
  }

  #authorizer(): HubSpotAuthorizer {
    if (this.authorizer === undefined) {
      throw new AppError(
        'hubspot_not_configured',
        'HubSpot OAuth is not configured (HUBSPOT_CLIENT_ID, HUBSPOT_CLIENT_SECRET, HUBSPOT_APP_ID)',
        { httpStatus: 503 },
      );
    }
    return this.authorizer;
  }
}
