// The emulator's whole state and services, independent of HTTP: apps, portals, tokens, the clock,
// rate limiter, fault injector, stats, the CRM write service and webhook delivery.
import { EmulatorClock } from './clock.ts';
import { CrmService } from './crm/service.ts';
import { conflict } from './errors.ts';
import { FaultInjector } from './faults.ts';
import type { ResolvedOptions } from './options.ts';
import { RateLimiter } from './rate-limit.ts';
import { prng } from './seed/hash.ts';
import { seedPortal, type SeedRequest, type SeedResult } from './seed/seed-portal.ts';
import { AppRegistry, type App } from './state/apps.ts';
import { Portal } from './state/portal.ts';
import { TokenStore, type AccessTokenRecord } from './state/tokens.ts';
import { Stats } from './stats.ts';
import { WebhookDispatcher } from './webhooks/dispatcher.ts';
import { WebhookFanout } from './webhooks/fanout.ts';

/** Every CRM scope the emulator knows; private-app tokens get all of them. */
export const ALL_CRM_SCOPES = [
  'crm.objects.contacts.read',
  'crm.objects.contacts.write',
  'crm.objects.companies.read',
  'crm.objects.companies.write',
  'crm.schemas.contacts.read',
  'crm.schemas.contacts.write',
  'crm.schemas.companies.read',
  'crm.schemas.companies.write',
];

export interface RecordedResponse {
  method: string;
  url: string;
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface CreatePortalInput {
  portalId?: number;
  name?: string;
  /** Scopes of the private-app token (default: every CRM scope). */
  scopes?: string[];
  /** Apps installed without going through OAuth (their webhooks fire for this portal). */
  installApps?: number[];
  seed?: SeedRequest;
}

export interface CreatedPortal {
  portal: Portal;
  token: AccessTokenRecord;
  seeded: SeedResult | undefined;
}

export class Emulator {
  readonly clock = new EmulatorClock();
  readonly apps = new AppRegistry();
  readonly tokens = new TokenStore();
  readonly portals = new Map<number, Portal>();
  readonly stats = new Stats();
  readonly random: () => number;
  readonly rateLimiter: RateLimiter;
  readonly faults: FaultInjector;
  readonly dispatcher: WebhookDispatcher;
  readonly crm: CrmService;
  /** The last API responses as sent (only with `recordResponses`). */
  readonly recorded: RecordedResponse[] = [];
  /** Set once the server listens; used in paging links. */
  baseUrl = '';
  private nextPortalId = 40_000_001;
  private nextPrivateAppId = 7_000_001;

  constructor(readonly options: ResolvedOptions) {
    this.random = prng(options.randomSeed);
    this.rateLimiter = new RateLimiter(this.clock, options.rateLimit);
    this.faults = new FaultInjector(this.random);
    this.dispatcher = new WebhookDispatcher({
      clock: this.clock,
      apps: this.apps,
      stats: this.stats,
      options: () => this.options.webhooks,
      random: this.random,
    });
    const fanout = new WebhookFanout(this.portals, this.apps, this.dispatcher);
    this.crm = new CrmService(fanout, () => this.options.search.indexDelayMs);
    this.addDefaultApp();
  }

  get defaultApp(): App {
    return this.apps.get(this.options.appId) as App;
  }

  createPortal(input: CreatePortalInput = {}): CreatedPortal {
    const id = input.portalId ?? this.nextPortalId++;
    if (this.portals.has(id)) throw conflict(`Portal ${id} already exists`);
    if (id >= this.nextPortalId) this.nextPortalId = id + 1;
    const now = this.clock.now();
    const portal = new Portal(
      id,
      input.name ?? `Portal ${id}`,
      `portal-${id}.hs-emulator.test`,
      now,
      this.nextPrivateAppId++,
    );
    this.portals.set(id, portal);
    for (const appId of input.installApps ?? []) portal.installedApps.add(appId);
    const token = this.tokens.issuePrivate(
      id,
      portal.privateAppId,
      input.scopes ?? ALL_CRM_SCOPES,
      portal.defaultUserId,
      now,
    );
    const seeded = input.seed ? seedPortal(portal, input.seed, now) : undefined;
    return { portal, token, seeded };
  }

  portal(id: number): Portal | undefined {
    return this.portals.get(id);
  }

  seed(portal: Portal, request: SeedRequest): SeedResult {
    return seedPortal(portal, request, this.clock.now());
  }

  /** Back to a fresh emulator: no portals, tokens, faults, stats or queued webhooks; apps reset. */
  reset(): void {
    this.dispatcher.clear();
    this.portals.clear();
    this.tokens.clear();
    this.faults.clear();
    this.stats.reset();
    this.rateLimiter.reset();
    this.clock.reset();
    this.apps.apps.clear();
    this.addDefaultApp();
    this.nextPortalId = 40_000_001;
  }

  close(): void {
    this.dispatcher.stop();
  }

  private addDefaultApp(): void {
    this.apps.add(
      {
        appId: this.options.appId,
        clientId: this.options.clientId,
        clientSecret: this.options.clientSecret,
        developerApiKey: this.options.developerApiKey,
        name: 'Emulated app',
        ...(this.options.webhookUrl ? { webhookUrl: this.options.webhookUrl } : {}),
      },
      this.clock.now(),
    );
  }
}
