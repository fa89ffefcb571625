import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startInstalledThena } from '../../emulators/thena/testing.ts';
import type { InstalledApp, ThenaEmulator } from '../../emulators/thena/index.ts';
import { ThenaClient } from './client.ts';
import type { ThenaLogger } from './http.ts';

let emulator: ThenaEmulator;
let app: InstalledApp;

beforeAll(async () => {
  ({ emulator, app } = await startInstalledThena());
});
afterAll(() => emulator.close());

function capturingLogger(lines: string[]): ThenaLogger {
  const write = (level: string) => (obj: object, msg?: string) =>
    lines.push(JSON.stringify({ level, ...obj, msg }));
  return { debug: write('debug'), warn: write('warn') };
}

/** Everything an error could leak through: message, stack, details, cause. */
function everythingIn(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const { details } = err as { details?: unknown };
  return [
    err.message,
    err.stack ?? '',
    JSON.stringify(details ?? null),
    JSON.stringify(err.cause ?? null),
  ].join('\n');
}

async function errorOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Error('expected a failure');
}

describe('ThenaClient and the bot token', () => {
  it('keeps the token out of log lines and errors on every failure path', async () => {
    const lines: string[] = [];
    const token = app.botToken;
    const client = (overrides: { botToken?: string; baseUrl?: string } = {}) =>
      new ThenaClient({
        baseUrl: overrides.baseUrl ?? emulator.url,
        botToken: overrides.botToken ?? token,
        logger: capturingLogger(lines),
        retry: { maxAttempts: 2, baseDelayMs: 1, timeoutMs: 200 },
      });
    emulator.injectFault({ path: '/v1/accounts', status: 503, count: 2 });
    emulator.injectFault({ path: '/v1/custom-field', status: 429, retryAfterSeconds: 0, count: 2 });
    emulator.injectFault({ path: '/v1/accounts/attributes', kind: 'timeout', count: 2 });
    const errors = [
      await errorOf(client().accounts.list()),
      await errorOf(client().customFields.list()),
      await errorOf(client().attributes.list('account_health')),
      await errorOf(client({ baseUrl: 'http://127.0.0.1:9' }).contacts.list()),
      await errorOf(client({ botToken: `${token}x` }).contacts.get('C1')),
    ];
    expect(errors.map((err) => (err as { code?: string }).code)).toEqual([
      'thena_unavailable',
      'thena_rate_limited',
      'thena_timeout',
      'thena_network',
      'thena_unauthorized',
    ]);
    expect(lines.length).toBeGreaterThanOrEqual(8);
    for (const line of lines) expect(line).not.toContain(token);
    for (const err of errors) expect(everythingIn(err)).not.toContain(token);
  });

  it('scrubs the token from a server answer that echoes it back', async () => {
    const token = 'pk_live_echoed_secret_value';
    const echo = createServer((request, response) => {
      response.statusCode = 400;
      response.setHeader('content-type', 'application/json');
      const key = String(request.headers['x-api-key']);
      response.end(JSON.stringify({ statusCode: 400, message: [`bad key ${key}`], error: 'Bad Request' }));
    });
    await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
    const { port } = echo.address() as AddressInfo;
    try {
      const client = new ThenaClient({ baseUrl: `http://127.0.0.1:${port}`, botToken: token });
      const err = await errorOf(client.accounts.get('A1'));
      expect(err).toMatchObject({ code: 'thena_validation' });
      expect(everythingIn(err)).not.toContain(token);
      expect(everythingIn(err)).toContain('[redacted]');
    } finally {
      echo.close();
    }
  });
});
