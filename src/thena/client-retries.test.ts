import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startInstalledThena } from '../../emulators/thena/testing.ts';
import type { InstalledApp, ThenaEmulator } from '../../emulators/thena/index.ts';
import type { AppError } from '../sync/errors.ts';
import { ThenaClient, type ThenaClientOptions } from './client.ts';

let emulator: ThenaEmulator;
let app: InstalledApp;
let waits: number[];

beforeAll(async () => {
  ({ emulator, app } = await startInstalledThena());
});
afterAll(() => emulator.close());
beforeEach(() => {
  emulator.reset();
  app = emulator.install();
  waits = [];
});

/** Waits are recorded and moved onto the emulator's clock, so rate-limit windows pass at once. */
function clientWith(options: Partial<ThenaClientOptions> = {}): ThenaClient {
  return new ThenaClient({
    baseUrl: emulator.url,
    botToken: app.botToken,
    retry: { baseDelayMs: 5, maxDelayMs: 20, timeoutMs: 300, ...options.retry },
    clock: { now: () => emulator.platform.clock.now() },
    sleep: async (ms) => {
      waits.push(ms);
      emulator.platform.clock.advance(ms);
    },
    ...(options.botToken === undefined ? {} : { botToken: options.botToken }),
    ...(options.baseUrl === undefined ? {} : { baseUrl: options.baseUrl }),
  });
}

const failure = async (promise: Promise<unknown>): Promise<AppError> => {
  try {
    await promise;
  } catch (err) {
    return err as AppError;
  }
  throw new Error('expected a failure');
};

const requestsTo = (route: string) => emulator.stats().traffic.requests[route] ?? {};

describe('ThenaClient retries', () => {
  it('retries after an injected 429, honouring Retry-After', async () => {
    emulator.injectFault({
      path: '/v1/accounts',
      method: 'GET',
      status: 429,
      retryAfterSeconds: 2,
      count: 2,
    });
    expect(await clientWith().accounts.list()).toEqual([]);
    expect(requestsTo('GET /v1/accounts')).toEqual({ '429': 2, '200': 1 });
    expect(waits).toHaveLength(2);
    for (const wait of waits) expect(wait).toBeGreaterThanOrEqual(2000);
  });

  it('retries after an injected 503, even for a create that Thena cannot have processed', async () => {
    emulator.injectFault({ path: '/v1/accounts/contacts', method: 'POST', status: 503, count: 1 });
    const contact = await clientWith().contacts.create({ firstName: 'Ann', email: 'ann@acme.com' });
    expect(contact.email).toBe('ann@acme.com');
    expect(requestsTo('POST /v1/accounts/contacts')).toEqual({ '503': 1, '201': 1 });
  });

  it('waits for X-RateLimit-Reset when the rate limit is reached', async () => {
    emulator.config.rateLimit = { enabled: true, limit: 2, windowMs: 60_000 };
    const client = clientWith();
    for (let n = 0; n < 3; n += 1) await client.attributes.list('account_status');
    expect(requestsTo('GET /v1/accounts/attributes')).toEqual({ '200': 3, '429': 1 });
    expect(waits).toHaveLength(1);
    expect(waits[0]).toBeGreaterThan(0);
    expect(waits[0]).toBeLessThanOrEqual(61_000);
  });

  it('retries reads after a timeout or a reset connection', async () => {
    emulator.injectFault({ path: '/v1/accounts', method: 'GET', kind: 'timeout', count: 1 });
    emulator.injectFault({ path: '/v1/accounts', method: 'GET', kind: 'reset', count: 1 });
    expect(await clientWith().accounts.list()).toEqual([]);
    expect(emulator.stats().traffic.faults).toMatchObject({ timeout: 1, reset: 1 });
  });

  it('does not repeat a create whose fate is unknown (timeout, 500)', async () => {
    emulator.injectFault({ path: '/v1/accounts', method: 'POST', kind: 'timeout', count: 1 });
    const timedOut = await failure(clientWith().accounts.create({ name: 'A', primaryDomain: 'a.com' }));
    expect(timedOut).toMatchObject({ code: 'thena_timeout', retryable: true });
    emulator.injectFault({ path: '/v1/accounts', method: 'POST', status: 500, count: 1 });
    const failed = await failure(clientWith().accounts.create({ name: 'A', primaryDomain: 'a.com' }));
    expect(failed).toMatchObject({ code: 'thena_unavailable', retryable: true });
    expect(requestsTo('POST /v1/accounts')).toEqual({ '500': 1 });
  });

  it('gives up after the last attempt with a retryable error', async () => {
    emulator.injectFault({ path: '/v1/accounts', status: 503, count: 10 });
    const error = await failure(clientWith({ retry: { maxAttempts: 3 } }).accounts.list());
    expect(error).toMatchObject({ code: 'thena_unavailable', retryable: true });
    expect(requestsTo('GET /v1/accounts')).toEqual({ '503': 3 });
  });

  it('hands a long Retry-After back to the caller instead of sleeping through it', async () => {
    emulator.injectFault({ path: '/v1/accounts', status: 429, retryAfterSeconds: 3600, count: 1 });
    const error = await failure(clientWith().accounts.list());
    expect(error).toMatchObject({ code: 'thena_rate_limited', retryable: true, retryAfterMs: 3_600_000 });
    expect(waits).toEqual([]);
  });

  it('fails at once, not retryable, on a wrong or revoked key', async () => {
    const wrong = await failure(clientWith({ botToken: 'pk_live_wrong' }).accounts.list());
    expect(wrong).toMatchObject({ code: 'thena_unauthorized', retryable: false });
    emulator.uninstall(app.organizationId);
    const revoked = await failure(clientWith().contacts.list());
    expect(revoked).toMatchObject({ code: 'thena_unauthorized', retryable: false });
    expect(waits).toEqual([]);
  });

  it('classifies an unreachable server as a retryable network error', async () => {
    const error = await failure(
      clientWith({ baseUrl: 'http://127.0.0.1:9', retry: { maxAttempts: 2 } }).accounts.list(),
    );
    expect(error).toMatchObject({ code: 'thena_network', retryable: true });
    expect(waits).toHaveLength(1);
  });
});
