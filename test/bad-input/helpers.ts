// What the bad-input suites share: requests signed the way HubSpot and Thena sign them (with the
// emulators' signers, not ours), and a snapshot of everything a request could have written, so
// each refused request can be shown to have enqueued and written nothing.
import { expect } from 'vitest';
import { signedHeaders } from '../../emulators/hubspot/webhooks/signature.ts';
import { signatureFor } from '../../emulators/thena/index.ts';
import { writeCounts } from '../helpers/settle.ts';
import type { Stack } from '../helpers/stack.ts';

const TABLES = [
  'jobs',
  'webhook_inbox',
  'installations',
  'credentials',
  'record_links',
  'audit_log',
  'sync_runs',
  'sync_configs',
] as const;

export interface Snapshot {
  rows: Record<string, number>;
  writes: { hubspot: number; thena: number };
}

export async function snapshot(stack: Stack): Promise<Snapshot> {
  const rows: Record<string, number> = {};
  for (const table of TABLES) {
    const { n } = await stack.runtime.store.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    rows[table] = Number(n);
  }
  return { rows, writes: writeCounts(stack) };
}

/** Nothing was enqueued, stored or written on either side since `before`. */
export async function expectNothingWritten(stack: Stack, before: Snapshot): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(await snapshot(stack)).toEqual(before);
}

export interface Answer {
  status: number;
  body: { error?: { code: string; message: string } } & Record<string, unknown>;
}

async function answer(response: Response): Promise<Answer> {
  const text = await response.text();
  let body: Answer['body'];
  try {
    body = JSON.parse(text) as Answer['body'];
  } catch {
    body = { raw: text };
  }
  return { status: response.status, body };
}

/** POSTs to the HubSpot webhook route, signed as HubSpot signs (unless headers say otherwise). */
export async function postHubSpot(
  stack: Stack,
  body: string,
  options: {
    timestamp?: number;
    secret?: string;
    /** Sign this body instead of the one sent (a body altered on the way). */
    signedBody?: string;
    headers?: Record<string, string | undefined>;
  } = {},
): Promise<Answer> {
  const url = `${stack.url}/hubspot/webhooks`;
  const signed = signedHeaders(
    options.secret ?? stack.hubspot.app.clientSecret,
    url,
    options.signedBody ?? body,
    options.timestamp ?? Date.now(),
  );
  const headers = Object.fromEntries(
    Object.entries({ ...signed, ...options.headers }).filter(
      (e): e is [string, string] => e[1] !== undefined,
    ),
  );
  return answer(await fetch(url, { method: 'POST', headers, body }));
}

export type ThenaAuth =
  'signed' | 'token' | 'none' | { secret: string } | { timestamp: number } | { token: string };

/** POSTs to a Thena route, authenticated with the shared secret as Thena does (or not). */
export async function postThena(
  stack: Stack,
  path: '/thena/events' | '/thena/installations',
  body: string,
  auth: ThenaAuth = 'signed',
): Promise<Answer> {
  const secret = stack.runtime.config.thenaWebhookSecret!;
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  let url = `${stack.url}${path}`;
  if (auth === 'token') url += `?token=${encodeURIComponent(secret)}`;
  else if (typeof auth === 'object' && 'token' in auth) url += `?token=${encodeURIComponent(auth.token)}`;
  else if (auth !== 'none') {
    const timestamp =
      typeof auth === 'object' && 'timestamp' in auth ? auth.timestamp : Math.floor(Date.now() / 1000);
    const key = typeof auth === 'object' && 'secret' in auth ? auth.secret : secret;
    headers['x-thena-timestamp'] = String(timestamp);
    headers['x-thena-signature'] = signatureFor(key, timestamp, body);
  }
  return answer(await fetch(url, { method: 'POST', headers, body }));
}

/** A refusal: the status, and an error body whose code and message say what was wrong. */
export function expectRefused(result: Answer, status: number, code: string, message?: RegExp): void {
  expect({ status: result.status, code: result.body.error?.code }).toEqual({ status, code });
  expect(result.body.error?.message ?? '').not.toBe('');
  if (message !== undefined) expect(result.body.error?.message).toMatch(message);
}
