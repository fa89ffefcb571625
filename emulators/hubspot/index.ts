// `startHubSpotEmulator(options)`: a local HubSpot on a (random by default) port, for tests,
// benchmarks and the one-command demo.
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import type { Control } from './control/control.ts';
import { Emulator } from './emulator.ts';
import { resolveOptions, type HubSpotEmulatorOptions } from './options.ts';

export type { HubSpotEmulatorOptions, RateLimitProfile, RateLimitProfileName } from './options.ts';
export type { Control, PortalInfo, IssuedTokens, SettingsPatch } from './control/control.ts';
export type { WebhookEvent } from './webhooks/events.ts';
export { signatureV1, signatureV2, signatureV3 } from './webhooks/signature.ts';

export interface HubSpotEmulator {
  /** e.g. `http://127.0.0.1:53817`; use it as the SDK's `basePath`. */
  url: string;
  port: number;
  /** The default app's credentials (current values). */
  readonly app: { appId: number; clientId: string; clientSecret: string; developerApiKey: string };
  /** Created at start-up when seeding was asked for. */
  defaultPortal: { portalId: number; accessToken: string } | undefined;
  control: Control;
  /** Internal state, for white-box assertions. */
  state: Emulator;
  fastify: FastifyInstance;
  close(): Promise<void>;
}

export async function startHubSpotEmulator(options: HubSpotEmulatorOptions = {}): Promise<HubSpotEmulator> {
  const resolved = resolveOptions(options);
  const emulator = new Emulator(resolved);
  const { app, control } = buildApp(emulator);
  await app.listen({ port: resolved.port, host: resolved.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : resolved.port;
  const url = `http://${resolved.host.includes(':') ? `[${resolved.host}]` : resolved.host}:${port}`;
  emulator.baseUrl = url;
  let defaultPortal: HubSpotEmulator['defaultPortal'];
  if (resolved.seedContacts > 0 || resolved.seedCompanies > 0) {
    const info = control.createPortal({
      installApps: [resolved.appId],
      seed: { contacts: resolved.seedContacts, companies: resolved.seedCompanies, seed: resolved.seed },
    });
    defaultPortal = { portalId: info.portalId, accessToken: info.accessToken };
  }
  return {
    url,
    port,
    // A getter: the control surface may rotate the default app's credentials.
    get app() {
      const { appId, clientId, clientSecret, developerApiKey } = emulator.defaultApp;
      return { appId, clientId, clientSecret, developerApiKey };
    },
    defaultPortal,
    control,
    state: emulator,
    fastify: app,
    async close() {
      emulator.close();
      await app.close();
    },
  };
}
