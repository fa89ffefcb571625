// A local Thena platform for tests, benchmarks and the demo: start it, install the app into an
// organization, point the client at `url`, and drive it through the helpers or /_emulator/.
import type { AddressInfo } from 'node:net';
import type { EmulatorConfig, ThenaEmulatorOptions } from './config.ts';
import type { DeliveryCounts } from './delivery/webhook-queue.ts';
import { buildServer } from './http/server.ts';
import { ThenaPlatform, type InstallRequest, type PublishedEvent } from './platform.ts';
import { deliveryView, filterDeliveries } from './routes/control-deliveries.ts';
import { installationView } from './routes/control-orgs.ts';
import { createAccount, deleteAccount, updateAccount } from './state/account-changes.ts';
import { createContact, deleteContact, updateContact } from './state/contact-changes.ts';
import { seedOrganization, type SeedResult } from './state/seed.ts';
import { accountView, contactView } from './state/views.ts';
import { parseFaultRule, type FaultRule } from './traffic/faults.ts';
import type { TrafficSnapshot } from './traffic/stats.ts';

export type { EmulatorConfig, ThenaEmulatorOptions } from './config.ts';
export type { FaultRule } from './traffic/faults.ts';
export type { PublishedEvent, InstallRequest } from './platform.ts';
export { signatureFor, SIGNATURE_HEADER, TIMESTAMP_HEADER } from './delivery/signature.ts';

export type InstalledApp = ReturnType<typeof installationView>;
export type DeliveryView = ReturnType<typeof deliveryView>;
type Json = Record<string, unknown>;

/** Changes made "by a user in Thena": platform events carry the organization admin as actor. */
export interface UserActions {
  createAccount(body: Json): Json;
  updateAccount(id: string, body: Json): Json;
  deleteAccount(id: string): void;
  createContact(body: Json): Json;
  updateContact(id: string, body: Json): Json;
  deleteContact(id: string): void;
}

export interface ThenaEmulator {
  url: string;
  port: number;
  /** Live settings; changes apply to the next request or delivery. */
  config: EmulatorConfig;
  platform: ThenaPlatform;
  install(request?: InstallRequest): InstalledApp;
  uninstall(organizationId: string): void;
  asUser(organizationId: string): UserActions;
  seed(organizationId: string, counts: { accounts?: number; contacts?: number; prefix?: string }): SeedResult;
  deliveries(filter?: Partial<Record<'kind' | 'status' | 'eventType' | 'orgId', string>>): DeliveryView[];
  /** Resolves once no webhook is queued, in flight or waiting to retry; rejects after the timeout. */
  waitForDeliveries(timeoutMs?: number): Promise<void>;
  publishedEvents(): PublishedEvent[];
  injectFault(rule: Json): FaultRule;
  clearFaults(): void;
  stats(): { traffic: TrafficSnapshot; deliveries: DeliveryCounts };
  reset(): void;
  close(): Promise<void>;
}

function userActions(platform: ThenaPlatform, organizationId: string): UserActions {
  const org = platform.org(organizationId);
  if (!org) throw new Error(`no organization ${organizationId}`);
  const ctx = () => platform.asUser(org);
  const contactJson = (contact: Parameters<typeof contactView>[1]) =>
    contactView(org, contact, platform.config.contactAccountsShape);
  return {
    createAccount: (body) => accountView(org, createAccount(ctx(), body)),
    updateAccount: (id, body) => accountView(org, updateAccount(ctx(), id, body)),
    deleteAccount: (id) => deleteAccount(ctx(), id),
    createContact: (body) => contactJson(createContact(ctx(), body)),
    updateContact: (id, body) => contactJson(updateContact(ctx(), id, body)),
    deleteContact: (id) => deleteContact(ctx(), id),
  };
}

export async function startThenaEmulator(options: ThenaEmulatorOptions = {}): Promise<ThenaEmulator> {
  const platform = new ThenaPlatform(options);
  const app = buildServer(platform, { logRequests: options.logRequests ?? false });
  await app.listen({ port: options.port ?? 0, host: options.host ?? '127.0.0.1' });
  const address = app.server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    port: address.port,
    config: platform.config,
    platform,
    install: (request = {}) => {
      const { org, installation, delivery } = platform.install(request);
      return installationView(org, installation, delivery.id);
    },
    uninstall: (organizationId) => {
      const org = platform.org(organizationId);
      if (!org) throw new Error(`no organization ${organizationId}`);
      platform.uninstall(org);
    },
    asUser: (organizationId) => userActions(platform, organizationId),
    seed: (organizationId, counts) => {
      const org = platform.org(organizationId);
      if (!org) throw new Error(`no organization ${organizationId}`);
      const request = {
        accounts: counts.accounts ?? 0,
        contacts: counts.contacts ?? 0,
        prefix: counts.prefix ?? 'seed',
      };
      return seedOrganization(org, request, platform.clock, platform.ids);
    },
    deliveries: (filter = {}) => filterDeliveries(platform.webhooks.list(), filter).map(deliveryView),
    waitForDeliveries: async (timeoutMs = 10_000) => {
      if (!(await platform.webhooks.waitForIdle(timeoutMs))) {
        throw new Error(`webhook deliveries still pending after ${timeoutMs} ms`);
      }
    },
    publishedEvents: () => platform.publishedEvents(),
    injectFault: (rule) => {
      const parsed = parseFaultRule(rule, platform.ids.uuid());
      platform.faults.add(parsed);
      return parsed;
    },
    clearFaults: () => platform.faults.clear(),
    stats: () => ({ traffic: platform.stats.snapshot(), deliveries: platform.webhooks.counts() }),
    reset: () => platform.reset(),
    close: async () => {
      platform.webhooks.clear();
      await app.close();
    },
  };
}
