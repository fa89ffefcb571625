// Test helpers: an emulator tuned for fast tests, SDK clients that keep the raw responses (so
// bodies can be checked against the specs), and a local webhook receiver.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client } from '@hubspot/api-client';
import { startHubSpotEmulator, type HubSpotEmulator, type HubSpotEmulatorOptions } from '../index.ts';

export const FAST_WEBHOOKS = {
  batchWindowMs: 20,
  retryDelaysMs: [30, 30, 30, 30, 30, 30, 30, 30, 30, 30],
  retryJitter: 0,
  timeoutMs: 1000,
};

/** Rate limits off unless a test wants them; webhooks batched and retried in milliseconds. */
export function startTestEmulator(options: HubSpotEmulatorOptions = {}): Promise<HubSpotEmulator> {
  return startHubSpotEmulator({
    rateLimit: 'off',
    recordResponses: 50,
    ...options,
    webhooks: { ...FAST_WEBHOOKS, ...options.webhooks },
  });
}

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  text: string;
  json: unknown;
}

export interface RecordingClient {
  client: Client;
  /** The last API response the emulator sent (SDK 13.5 ignores configured middleware, so the
   * emulator records what it put on the wire). */
  last: () => RawResponse;
}

/** An SDK client pointed at the emulator. */
export function sdk(
  emulator: HubSpotEmulator,
  accessToken: string | undefined,
  extra: { retries?: number; developerApiKey?: string } = {},
): RecordingClient {
  const client = new Client({
    basePath: emulator.url,
    ...(accessToken === undefined ? {} : { accessToken }),
    ...(extra.developerApiKey === undefined ? {} : { developerApiKey: extra.developerApiKey }),
    ...(extra.retries === undefined ? {} : { numberOfApiCallRetries: extra.retries }),
  });
  return { client, last: () => lastResponse(emulator) };
}

export function lastResponse(emulator: HubSpotEmulator): RawResponse {
  const response = emulator.state.recorded.at(-1);
  if (!response) throw new Error('no response recorded');
  let json: unknown;
  try {
    json = response.body === '' ? undefined : JSON.parse(response.body);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text: response.body, json };
}

/** Runs an SDK call expected to fail and returns the ApiException's code and parsed body. */
export async function failure(
  call: Promise<unknown>,
): Promise<{ code: number; body: Record<string, unknown>; headers: Record<string, string> }> {
  try {
    await call;
  } catch (error) {
    const e = error as { code?: number; body?: unknown; headers?: Record<string, string> };
    const body =
      typeof e.body === 'string'
        ? (JSON.parse(e.body) as Record<string, unknown>)
        : (e.body as Record<string, unknown>);
    return { code: e.code ?? 0, body, headers: e.headers ?? {} };
  }
  throw new Error('expected the call to fail');
}

/** A portal with a private-app token and a recording SDK client on it. */
export function portalClient(
  emulator: HubSpotEmulator,
  input: Parameters<HubSpotEmulator['control']['createPortal']>[0] = {},
): RecordingClient & { portalId: number; token: string } {
  const info = emulator.control.createPortal(input);
  return { ...sdk(emulator, info.accessToken), portalId: info.portalId, token: info.accessToken };
}

export interface ReceivedRequest {
  url: string;
  method: string;
  headers: IncomingHttpHeaders;
  body: string;
  events: Array<Record<string, unknown>>;
  /** What the receiver answered. */
  status: number;
}

export interface WebhookReceiver {
  url: string;
  requests: ReceivedRequest[];
  /** Status to answer the n-th request with (default 200). */
  respond: (index: number) => number;
  /** How long the receiver takes to answer. */
  delayMs: number;
  /** Most requests in flight at once so far. */
  maxInFlight: number;
  events(): Array<Record<string, unknown>>;
  waitFor(predicate: (events: Array<Record<string, unknown>>) => boolean, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startReceiver(path = '/hubspot/webhooks'): Promise<WebhookReceiver> {
  const requests: ReceivedRequest[] = [];
  const receiver: WebhookReceiver = {
    url: '',
    requests,
    respond: () => 200,
    delayMs: 0,
    maxInFlight: 0,
    events: () => requests.filter((r) => r.events.length > 0 && r.status < 300).flatMap((r) => r.events),
    async waitFor(predicate, timeoutMs = 5000) {
      const started = Date.now();
      while (!predicate(receiver.events())) {
        if (Date.now() - started > timeoutMs) {
          throw new Error(
            `webhook condition not met; got ${JSON.stringify(receiver.events()).slice(0, 1500)}`,
          );
        }
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  let inFlight = 0;
  const server: Server = createServer((req, res) => {
    inFlight++;
    receiver.maxInFlight = Math.max(receiver.maxInFlight, inFlight);
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const status = receiver.respond(requests.length);
      let events: Array<Record<string, unknown>> = [];
      try {
        events = JSON.parse(body) as Array<Record<string, unknown>>;
      } catch {
        events = [];
      }
      setTimeout(() => {
        inFlight--;
        requests.push({
          url: req.url ?? '',
          method: req.method ?? '',
          headers: req.headers,
          body,
          events,
          status,
        });
        res.writeHead(status, { 'content-type': 'application/json' }).end('{}');
      }, receiver.delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`;
  return receiver;
}
