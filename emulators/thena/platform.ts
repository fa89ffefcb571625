// The emulated Thena platform without HTTP: organizations, our app's installations and bot
// tokens, platform events, published events, and the traffic controls the HTTP layer consults.
import { randomBytes } from 'node:crypto';
import { EmulatorClock } from './clock.ts';
import { resolveConfig, type EmulatorConfig, type ThenaEmulatorOptions } from './config.ts';
import { installationEventBody, platformEventBody, uninstallEventBody } from './delivery/event-bodies.ts';
import { WebhookQueue, type DeliveryRecord } from './delivery/webhook-queue.ts';
import { conflict, notFound } from './http/errors.ts';
import { IdGenerator } from './ids.ts';
import { AttributeTable } from './state/attributes.ts';
import type { ChangeContext, PlatformEventType } from './state/change-context.ts';
import { Organization, type Actor, type Installation } from './state/organization.ts';
import { FaultTable } from './traffic/faults.ts';
import { RateLimiter } from './traffic/rate-limit.ts';
import { TrafficStats } from './traffic/stats.ts';

export interface PublishedEvent {
  messageId: string;
  orgId: string;
  eventName: string;
  payload: Record<string, unknown>;
  receivedAt: string;
}

export interface InstallRequest {
  /** Reinstall into an existing organization (after an uninstall); otherwise a new one is made. */
  organizationId?: string;
  organizationName?: string;
  teamIds?: string[];
  configuration?: Installation['configuration'];
}

export class ThenaPlatform {
  readonly clock = new EmulatorClock();
  readonly ids = new IdGenerator();
  readonly config: EmulatorConfig;
  readonly random: () => number;
  readonly webhooks: WebhookQueue;
  readonly stats = new TrafficStats();
  readonly faults = new FaultTable();
  readonly rateLimiter = new RateLimiter();
  #initialConfig: EmulatorConfig;
  #orgs = new Map<string, Organization>();
  #byToken = new Map<string, Organization>();
  #published: PublishedEvent[] = [];

  constructor(options: ThenaEmulatorOptions) {
    this.config = resolveConfig(options, {
      appId: this.ids.appId(),
      secret: `whsec_${randomBytes(24).toString('hex')}`,
    });
    this.#initialConfig = structuredClone(this.config);
    this.random = options.random ?? Math.random;
    this.webhooks = new WebhookQueue({
      settings: () => this.config.delivery,
      secret: () => this.config.webhookSecret,
      clock: this.clock,
      ids: this.ids,
      random: () => this.random(),
    });
  }

  org(id: string): Organization | undefined {
    return this.#orgs.get(id);
  }

  orgs(): Organization[] {
    return [...this.#orgs.values()];
  }

  /** The organization whose installed app owns this bot token. */
  orgByToken(token: string): Organization | undefined {
    return this.#byToken.get(token);
  }

  install(request: InstallRequest): {
    org: Organization;
    installation: Installation;
    delivery: DeliveryRecord;
  } {
    const now = this.clock.now();
    const org =
      request.organizationId === undefined ? this.#newOrg(request) : this.#orgs.get(request.organizationId);
    if (!org) throw notFound(`Organization ${request.organizationId ?? ''} not found`);
    if (org.installation) throw conflict(`The app is already installed in ${org.id}`);
    const installation: Installation = {
      id: this.ids.record(now),
      botId: this.ids.short('U'),
      botToken: this.ids.botToken(),
      teamIds: request.teamIds ?? org.teamIds,
      configuration: request.configuration ?? { required_settings: {}, optional_settings: {} },
      installedBy: org.admin.id,
      createdAt: now,
    };
    org.installation = installation;
    this.#byToken.set(installation.botToken, org);
    const body = installationEventBody(org, installation, this.config);
    const delivery = this.#lifecycleEvent(org, 'app:installation', body);
    return { org, installation, delivery };
  }

  /** Invalidates the bot token at once, then tells the app. */
  uninstall(org: Organization): DeliveryRecord {
    const installation = org.installation;
    if (!installation) throw conflict(`The app is not installed in ${org.id}`);
    this.#byToken.delete(installation.botToken);
    org.installation = undefined;
    const body = uninstallEventBody(org, installation, this.config, this.clock.now());
    return this.#lifecycleEvent(org, 'app:uninstall', body);
  }

  /** A change made through the API with the app's bot token. */
  asBot(org: Organization): ChangeContext {
    return this.#context(org, org.botActor());
  }

  /** A change made "by a user in Thena" (the control API). */
  asUser(org: Organization, actor: Actor = org.userActor()): ChangeContext {
    return this.#context(org, actor);
  }

  publish(org: Organization, eventName: string, payload: Record<string, unknown>): PublishedEvent {
    const event: PublishedEvent = {
      messageId: this.ids.uuid(),
      orgId: org.id,
      eventName,
      payload,
      receivedAt: new Date(this.clock.now()).toISOString(),
    };
    this.#published.push(event);
    if (this.#published.length > 150_000) this.#published = this.#published.slice(-100_000);
    return event;
  }

  publishedEvents(): PublishedEvent[] {
    return [...this.#published];
  }

  /** Back to a freshly started emulator: no organizations, events, faults, stats or config changes. */
  reset(): void {
    this.#orgs = new Map();
    this.#byToken = new Map();
    this.#published = [];
    this.webhooks.clear();
    this.stats.clear();
    this.faults.clear();
    this.rateLimiter.clear();
    this.clock.reset();
    Object.assign(this.config, structuredClone(this.#initialConfig));
  }

  #newOrg(request: InstallRequest): Organization {
    const now = this.clock.now();
    const id = this.ids.short('O');
    const adminId = this.ids.short('U');
    const org = new Organization({
      id,
      name: request.organizationName ?? `Organization ${id}`,
      teamIds: request.teamIds ?? [this.ids.short('T')],
      admin: {
        id: adminId,
        name: 'Avery Admin',
        email: `admin@${id.toLowerCase()}.example.com`,
        avatarUrl: null,
      },
      attributes: new AttributeTable(() => this.ids.record(now), now),
    });
    this.#orgs.set(org.id, org);
    return org;
  }

  #lifecycleEvent(org: Organization, eventType: string, body: Record<string, unknown>): DeliveryRecord {
    return this.webhooks.enqueue({
      kind: 'installation',
      orgId: org.id,
      eventId: this.ids.record(this.clock.now()),
      eventType,
      url: this.config.installationUrl,
      body: JSON.stringify(body),
    });
  }

  #context(org: Organization, actor: Actor): ChangeContext {
    return {
      org,
      actor,
      clock: this.clock,
      ids: this.ids,
      accountsShape: this.config.contactAccountsShape,
      emit: (eventType, payload) => this.#platformEvent(org, actor, eventType, payload),
    };
  }

  /** Only organizations where the app is installed send it events. */
  #platformEvent(
    org: Organization,
    actor: Actor,
    eventType: PlatformEventType,
    payload: Record<string, unknown>,
  ) {
    if (!org.installation) return;
    const timestampMs = this.clock.now();
    const eventId = this.ids.record(timestampMs);
    const body = platformEventBody(
      { eventId, eventType, timestampMs, orgId: org.id, actor, payload },
      this.config.eventEnvelope,
    );
    this.webhooks.enqueue({
      kind: 'platform',
      orgId: org.id,
      eventId,
      eventType,
      url: this.config.eventsUrl,
      body: JSON.stringify(body),
    });
  }
}
