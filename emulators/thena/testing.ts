// Helpers for tests that drive the emulator: an emulator with the app already installed, and a
// local webhook receiver that records what Thena would post to the app.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  startThenaEmulator,
  type InstalledApp,
  type ThenaEmulator,
  type ThenaEmulatorOptions,
} from './index.ts';

export interface ReceivedWebhook {
  path: string;
  headers: IncomingHttpHeaders;
  rawBody: string;
  body: unknown;
}

export interface WebhookReceiver {
  url: string;
  received: ReceivedWebhook[];
  /** Status codes to answer with, one per request, before falling back to 200. */
  respondWith: number[];
  close(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const respondWith: number[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const rawBody = Buffer.concat(chunks).toString('utf8');
      let body: unknown = null;
      try {
        body = JSON.parse(rawBody) as unknown;
      } catch {
        body = rawBody;
      }
      received.push({ path: request.url ?? '/', headers: request.headers, rawBody, body });
      response.statusCode = respondWith.shift() ?? 200;
      response.end('{"status":"ok"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    respondWith,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** An emulator with the app installed into one fresh organization. */
export async function startInstalledThena(
  options: ThenaEmulatorOptions = {},
): Promise<{ emulator: ThenaEmulator; app: InstalledApp }> {
  const emulator = await startThenaEmulator(options);
  return { emulator, app: emulator.install() };
}

/** Fast retry settings for webhook deliveries in tests. */
export const FAST_DELIVERY: NonNullable<ThenaEmulatorOptions['delivery']> = {
  retryScheduleMs: [20, 40],
  timeoutMs: 1000,
};
