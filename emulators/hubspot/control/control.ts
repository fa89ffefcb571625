// The control surface as functions: used by the `/_emulator/` routes and by the handle that
// `startHubSpotEmulator` returns, so tests can drive the emulator with or without HTTP.
import { checkAssociationSpec } from '../crm/service.ts';
import { mergeRecords, purgeRecord } from '../crm/merge.ts';
import { resolveObjectType, CONTACTS } from '../crm/object-types.ts';
import { serializeRecord } from '../crm/serialize.ts';
import type { WriteContext } from '../crm/service.ts';
import type { CreatePortalInput, Emulator } from '../emulator.ts';
import { objectNotFound, resourceNotFound, validationError } from '../errors.ts';
import { checkFaultInput, type FaultRule } from '../faults.ts';
import {
  resolveRateLimit,
  type RateLimitProfile,
  type RateLimitProfileName,
  type SearchSettings,
  type WebhookFaults,
} from '../options.ts';
import type { SeedRequest, SeedResult } from '../seed/seed-portal.ts';
import type { AppConfig } from '../state/apps.ts';
import { CONTACT_TO_COMPANY, PRIMARY_CONTACT_TO_COMPANY } from '../state/associations.ts';
import type { Portal } from '../state/portal.ts';
import { applySettings, createSubscription, subscriptionJson } from '../routes/webhooks-settings.ts';

export interface PortalInfo {
  portalId: number;
  name: string;
  hubDomain: string;
  accessToken: string;
  privateAppId: number;
  installedApps: number[];
  owners: Array<{ ownerId: string; userId: number; email: string }>;
  counts: { contacts: { live: number; archived: number }; companies: { live: number; archived: number } };
  seeded?: SeedResult;
}

export interface IssuedTokens {
  access_token: string;
  refresh_token: string;
  expires_in: number;
  hub_id: number;
  scopes: string[];
}

export interface SettingsPatch {
  rateLimit?: RateLimitProfileName | RateLimitProfile;
  tokenTtlSeconds?: number;
  latencyMs?: number;
  oauthAutoApprove?: boolean;
  search?: Partial<SearchSettings>;
  webhooks?: {
    batchWindowMs?: number;
    maxBatchSize?: number;
    timeoutMs?: number;
    retryDelaysMs?: number[];
    retryJitter?: number;
    faults?: Partial<WebhookFaults>;
  };
}

export class Control {
  constructor(private readonly emulator: Emulator) {}

  // ---- portals ----

  createPortal(input: CreatePortalInput = {}): PortalInfo {
    const { portal, token, seeded } = this.emulator.createPortal(input);
    return { ...this.portalInfo(portal, token.token), ...(seeded ? { seeded } : {}) };
  }

  listPortals(): PortalInfo[] {
    return [...this.emulator.portals.values()].map((portal) => this.portalInfo(portal));
  }

  portalInfo(portal: Portal, accessToken?: string): PortalInfo {
    const token =
      accessToken ??
      [...this.emulator.tokens.access.values()].find((t) => t.kind === 'private' && t.portalId === portal.id)
        ?.token ??
      '';
    return {
      portalId: portal.id,
      name: portal.name,
      hubDomain: portal.hubDomain,
      accessToken: token,
      privateAppId: portal.privateAppId,
      installedApps: [...portal.installedApps],
      owners: portal.owners.map(({ ownerId, userId, email }) => ({ ownerId, userId, email })),
      counts: { contacts: portal.contacts.counts(), companies: portal.companies.counts() },
    };
  }

  portal(portalId: number): Portal {
    const portal = this.emulator.portal(portalId);
    if (!portal) throw resourceNotFound(`Portal ${portalId} does not exist`);
    return portal;
  }

  seed(portalId: number, request: SeedRequest): SeedResult {
    return this.emulator.seed(this.portal(portalId), request);
  }

  install(portalId: number, appId = this.emulator.options.appId): void {
    if (!this.emulator.apps.get(appId)) throw resourceNotFound(`App ${appId} does not exist`);
    this.portal(portalId).installedApps.add(appId);
  }

  /** Uninstall: the app's tokens for this portal stop working and its webhooks stop. */
  uninstall(portalId: number, appId = this.emulator.options.appId): void {
    this.portal(portalId).installedApps.delete(appId);
    this.emulator.tokens.revokeInstall(portalId, appId);
  }

  /** OAuth tokens for an app in a portal without the consent round trip (installs the app). */
  issueTokens(portalId: number, input: { appId?: number; scopes?: string[] } = {}): IssuedTokens {
    const portal = this.portal(portalId);
    const app = this.emulator.apps.get(input.appId ?? this.emulator.options.appId);
    if (!app) throw resourceNotFound(`App ${String(input.appId)} does not exist`);
    portal.installedApps.add(app.appId);
    const scopes = input.scopes ?? [
      'oauth',
      'crm.objects.contacts.read',
      'crm.objects.contacts.write',
      'crm.objects.companies.read',
      'crm.objects.companies.write',
      'crm.schemas.contacts.read',
      'crm.schemas.companies.read',
    ];
    const now = this.emulator.clock.now();
    const grant = { portalId, appId: app.appId, scopes, userId: portal.defaultUserId };
    const ttl = this.emulator.options.tokenTtlSeconds;
    const access = this.emulator.tokens.issueOAuth(grant, now, ttl);
    const refresh = this.emulator.tokens.issueRefresh({ ...grant, clientId: app.clientId }, now);
    return {
      access_token: access.token,
      refresh_token: refresh.token,
      expires_in: ttl,
      hub_id: portalId,
      scopes,
    };
  }

  // ---- tokens ----

  /** Makes an access token expired now (401 EXPIRED_AUTHENTICATION from then on). */
  expireToken(accessToken: string): void {
    const record = this.emulator.tokens.access.get(accessToken);
    if (!record) throw resourceNotFound('Unknown access token');
    record.expiresAt = this.emulator.clock.now();
  }

  revokeToken(input: { accessToken?: string; refreshToken?: string }): void {
    if (input.accessToken !== undefined) {
      const record = this.emulator.tokens.access.get(input.accessToken);
      if (!record) throw resourceNotFound('Unknown access token');
      record.revoked = true;
    }
    if (input.refreshToken !== undefined) {
      const record = this.emulator.tokens.refresh.get(input.refreshToken);
      if (!record) throw resourceNotFound('Unknown refresh token');
      record.revoked = true;
    }
  }

  // ---- changes "as a user in the HubSpot UI" (changeSource CRM_UI) ----

  private userContext(portalId: number, userId: number | undefined): WriteContext {
    const portal = this.portal(portalId);
    return {
      portal,
      actor: { kind: 'user', userId: userId ?? portal.defaultUserId },
      now: this.emulator.clock.now(),
    };
  }

  uiCreate(
    portalId: number,
    objectType: string,
    input: { properties?: unknown; associations?: unknown; userId?: number },
  ): Record<string, unknown> {
    const type = resolveObjectType(objectType);
    const ctx = this.userContext(portalId, input.userId);
    const record = this.emulator.crm.create(ctx, type, input);
    return serializeRecord(ctx.portal, type, record, { alsoProperties: record.propertyNames() });
  }

  uiUpdate(
    portalId: number,
    objectType: string,
    id: number,
    input: { properties?: unknown; userId?: number },
  ): Record<string, unknown> {
    const type = resolveObjectType(objectType);
    const ctx = this.userContext(portalId, input.userId);
    const record = this.emulator.crm.update(ctx, type, id, input.properties);
    return serializeRecord(ctx.portal, type, record, { alsoProperties: record.propertyNames() });
  }

  uiArchive(portalId: number, objectType: string, id: number, userId?: number): void {
    const type = resolveObjectType(objectType);
    const ctx = this.userContext(portalId, userId);
    if (!ctx.portal.store(type).find(id)) throw objectNotFound(String(id));
    this.emulator.crm.archive(ctx, type, id);
  }

  uiRestore(portalId: number, objectType: string, id: number, userId?: number): Record<string, unknown> {
    const type = resolveObjectType(objectType);
    const ctx = this.userContext(portalId, userId);
    const record = this.emulator.crm.restore(ctx, type, id);
    return serializeRecord(ctx.portal, type, record, { alsoProperties: record.propertyNames() });
  }

  uiMerge(
    portalId: number,
    objectType: string,
    primaryId: number,
    mergedId: number,
    userId?: number,
  ): Record<string, unknown> {
    const type = resolveObjectType(objectType);
    const ctx = this.userContext(portalId, userId);
    const record = mergeRecords(
      this.emulator.crm,
      ctx,
      type,
      primaryId,
      mergedId,
      this.emulator.options.search.indexDelayMs,
    );
    return serializeRecord(ctx.portal, type, record, { alsoProperties: record.propertyNames() });
  }

  uiPurge(portalId: number, objectType: string, id: number, userId?: number): void {
    const type = resolveObjectType(objectType);
    purgeRecord(this.emulator.crm, this.userContext(portalId, userId), type, id);
  }

  /** Associates a contact with a company (unlabeled, plus primary when asked), as a user would. */
  uiAssociate(
    portalId: number,
    contactId: number,
    companyId: number,
    input: { primary?: boolean; typeIds?: number[]; userId?: number } = {},
  ): void {
    const ctx = this.userContext(portalId, input.userId);
    this.requireLive(ctx.portal, 'contacts', contactId);
    this.requireLive(ctx.portal, 'companies', companyId);
    const types = input.typeIds
      ? input.typeIds.map((typeId) =>
          checkAssociationSpec(ctx.portal, CONTACTS, {
            associationCategory:
              typeId === CONTACT_TO_COMPANY || typeId === PRIMARY_CONTACT_TO_COMPANY
                ? 'HUBSPOT_DEFINED'
                : 'USER_DEFINED',
            associationTypeId: typeId,
          }),
        )
      : input.primary
        ? [PRIMARY_CONTACT_TO_COMPANY]
        : [CONTACT_TO_COMPANY];
    this.emulator.crm.associate(ctx, contactId, companyId, types);
  }

  uiDissociate(portalId: number, contactId: number, companyId: number, userId?: number): void {
    this.emulator.crm.dissociate(this.userContext(portalId, userId), contactId, companyId);
  }

  private requireLive(portal: Portal, type: 'contacts' | 'companies', id: number): void {
    const record = portal.store(type).find(id);
    if (!record || record.archived) throw objectNotFound(String(id));
  }

  // ---- apps & webhooks ----

  addApp(config: AppConfig): void {
    if (this.emulator.apps.get(config.appId)) throw validationError(`App ${config.appId} already exists`);
    if (this.emulator.apps.byClientId(config.clientId))
      throw validationError(`Client id ${config.clientId} is taken`);
    this.emulator.apps.add(config, this.emulator.clock.now());
  }

  updateApp(appId: number, patch: Partial<Omit<AppConfig, 'appId'>>): void {
    const app = this.emulator.apps.get(appId);
    if (!app) throw resourceNotFound(`App ${appId} does not exist`);
    if (patch.clientId !== undefined) app.clientId = patch.clientId;
    if (patch.clientSecret !== undefined) app.clientSecret = patch.clientSecret;
    if (patch.developerApiKey !== undefined) app.developerApiKey = patch.developerApiKey;
    if (patch.name !== undefined) app.name = patch.name;
    if (patch.webhookUrl !== undefined || patch.maxConcurrentRequests !== undefined) {
      applySettings(this.emulator, app, {
        targetUrl: patch.webhookUrl ?? app.settings?.targetUrl,
        throttling: {
          maxConcurrentRequests: patch.maxConcurrentRequests ?? app.settings?.maxConcurrentRequests ?? 10,
        },
      });
    }
  }

  listApps(): unknown[] {
    return [...this.emulator.apps.apps.values()].map((app) => ({
      appId: app.appId,
      name: app.name,
      clientId: app.clientId,
      clientSecret: app.clientSecret,
      developerApiKey: app.developerApiKey,
      webhookUrl: app.settings?.targetUrl,
      maxConcurrentRequests: app.settings?.maxConcurrentRequests,
      subscriptions: [...app.subscriptions.values()].map(subscriptionJson),
    }));
  }

  /** Subscriptions without the developer API key; `active` defaults to true here for convenience. */
  subscribe(appId: number, eventType: string, propertyName?: string, active = true): Record<string, unknown> {
    const app = this.emulator.apps.get(appId);
    if (!app) throw resourceNotFound(`App ${appId} does not exist`);
    return subscriptionJson(
      createSubscription(this.emulator, app, {
        eventType,
        active,
        ...(propertyName ? { propertyName } : {}),
      }),
    );
  }

  // ---- clock, faults, settings, stats ----

  clock(): { now: number; iso: string; offsetMs: number } {
    const now = this.emulator.clock.now();
    return { now, iso: new Date(now).toISOString(), offsetMs: this.emulator.clock.offset };
  }

  advanceClock(ms: number): { now: number; iso: string; offsetMs: number } {
    this.emulator.clock.advance(ms);
    return this.clock();
  }

  setClock(at: number | string): { now: number; iso: string; offsetMs: number } {
    const ms = typeof at === 'number' ? at : Date.parse(at);
    if (Number.isNaN(ms)) throw validationError(`Not a time: ${String(at)}`);
    this.emulator.clock.set(ms);
    return this.clock();
  }

  addFault(input: unknown): FaultRule {
    try {
      return this.emulator.faults.add(checkFaultInput(input));
    } catch (error) {
      throw validationError((error as Error).message);
    }
  }

  faults(): FaultRule[] {
    return this.emulator.faults.list();
  }

  removeFault(id: string): void {
    if (!this.emulator.faults.remove(id)) throw resourceNotFound(`Fault ${id} does not exist`);
  }

  clearFaults(): void {
    this.emulator.faults.clear();
  }

  settings(): Record<string, unknown> {
    const o = this.emulator.options;
    return {
      rateLimit: o.rateLimit,
      tokenTtlSeconds: o.tokenTtlSeconds,
      latencyMs: o.latencyMs,
      oauthAutoApprove: o.oauthAutoApprove,
      search: o.search,
      webhooks: o.webhooks,
    };
  }

  updateSettings(patch: SettingsPatch): Record<string, unknown> {
    const o = this.emulator.options;
    if (patch.rateLimit !== undefined) {
      try {
        o.rateLimit = resolveRateLimit(patch.rateLimit);
      } catch (error) {
        throw validationError((error as Error).message);
      }
      this.emulator.rateLimiter.profile = o.rateLimit;
    }
    if (patch.tokenTtlSeconds !== undefined) o.tokenTtlSeconds = patch.tokenTtlSeconds;
    if (patch.latencyMs !== undefined) o.latencyMs = patch.latencyMs;
    if (patch.oauthAutoApprove !== undefined) o.oauthAutoApprove = patch.oauthAutoApprove;
    if (patch.search) o.search = { ...o.search, ...patch.search };
    if (patch.webhooks) {
      const { faults, ...rest } = patch.webhooks;
      o.webhooks = { ...o.webhooks, ...rest, faults: { ...o.webhooks.faults, ...faults } };
    }
    return this.settings();
  }

  stats(): Record<string, unknown> {
    const stats = this.emulator.stats;
    return {
      since: new Date(stats.startedAt).toISOString(),
      requests: stats.requestsJson(),
      rateLimited: { ...this.emulator.rateLimiter.counters },
      faultsInjected: this.emulator.faults.injected,
      webhooks: { ...stats.webhooks, ...this.emulator.dispatcher.pendingCounts() },
    };
  }

  deliveries(): unknown[] {
    return this.emulator.stats.recentDeliveries();
  }

  /** Waits until queued webhooks are delivered (scheduled retries too, when asked). */
  async drainWebhooks(includeRetries = false): Promise<void> {
    await this.emulator.dispatcher.idle(includeRetries);
  }

  reset(): void {
    this.emulator.reset();
  }
}
