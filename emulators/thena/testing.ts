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
  /** Milliseconds to hold each request before answering, one per request, then none. */
  delays: number[];
  /** The most requests that were open at the same time. */
  maxConcurrent: number;
  close(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const respondWith: number[] = [];
  const delays: number[] = [];
  let open = 0;
  const server = createServer((request, response) => {
    open += 1;
    receiver.maxConcurrent = Math.max(receiver.maxConcurrent, open);
    response.on('close', () => (open -= 1));
    const chunks: Buffer[] = [];
    const delay = delays.shift() ?? 0;
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
      const status = respondWith.shift() ?? 200;
      setTimeout(() => {
        response.statusCode = status;
        response.end('{"status":"ok"}');
      }, delay);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const receiver: WebhookReceiver = {
    url: `http://127.0.0.1:${port}`,
    received,
    respondWith,
    delays,
    maxConcurrent: 0,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return receiver;
}

export interface JsonAnswer {
  status: number;
  headers: Headers;
  body: unknown;
}

/** One JSON call to the emulator, as raw as a test of the wire format needs. */
export async function callJson(
  baseUrl: string,
  method: string,
  path: string,
  options: { apiKey?: string; botKey?: string; body?: unknown; rawBody?: string } = {},
): Promise<JsonAnswer> {
  const headers: Record<string, string> = {};
  if (options.apiKey !== undefined) headers['x-api-key'] = options.apiKey;
  if (options.botKey !== undefined) headers['x-bot-key'] = options.botKey;
  const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body }),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text === '' ? undefined : (JSON.parse(text) as unknown),
  };
}

/** A seeded pseudo-random source (mulberry32), for repeatable chaos. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
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
