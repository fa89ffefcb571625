// The HubSpot install flow cannot be hijacked: the install link's ticket and the OAuth `state` are
// signed, bound to one org, short-lived and (the state) single-use. A tampered, expired, foreign
// or replayed one is refused before any code is exchanged, and nothing about the installation
// changes: no tokens stored, no portal connected, no sync started.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settle } from '../helpers/settle.ts';
import { startStack, type Stack } from '../helpers/stack.ts';
import { expectNothingWritten, snapshot } from '../bad-input/helpers.ts';

describe('the OAuth install flow', () => {
  let stack: Stack;
  let orgId: string;
  let otherOrgId: string;
  /** The service's clock runs this far ahead of the wall clock (to expire tickets and states). */
  let offsetMs = 0;

  beforeAll(async () => {
    stack = await startStack({ runtime: { clock: { now: () => Date.now() + offsetMs } } });
    orgId = stack.thena.install().organizationId;
    otherOrgId = stack.thena.install().organizationId;
    await stack.thena.waitForDeliveries(10_000);
  }, 60_000);
  afterAll(async () => stack?.close());

  const get = (url: string) => fetch(url, { redirect: 'manual' });
  const installUrl = (org = orgId) => new URL(stack.runtime.services.installations.installUrl(org));

  /** Our install route -> HubSpot's consent URL (with our state) -> HubSpot's redirect back with a code. */
  async function consentFor(org = orgId): Promise<URL> {
    const start = await get(installUrl(org).toString());
    expect(start.status).toBe(302);
    const consent = await get(start.headers.get('location')!);
    return new URL(consent.headers.get('location')!);
  }

  async function expectRefused(url: string | URL, status: number, code: string): Promise<void> {
    const before = await snapshot(stack);
    const response = await get(url.toString());
    expect(response.status).toBe(status);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe(code);
    expect(body.error.message).not.toBe('');
    await expectNothingWritten(stack, before);
  }

  const tamper = (token: string, at: 'payload' | 'signature'): string => {
    const [payload, signature] = token.split('.') as [string, string];
    if (at === 'signature')
      return `${payload}.${signature.slice(0, -2)}${signature.endsWith('AA') ? 'BB' : 'AA'}`;
    const body = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...body, o: otherOrgId })).toString('base64url');
    return `${forged}.${signature}`;
  };

  it('refuses an install link whose ticket is missing, tampered, for another org or expired', async () => {
    const url = installUrl();
    const ticket = url.searchParams.get('ticket')!;
    const without = new URL(url);
    without.searchParams.delete('ticket');
    await expectRefused(without, 400, 'invalid_request');
    for (const forged of [tamper(ticket, 'signature'), tamper(ticket, 'payload'), 'x.y', 'garbage']) {
      const bad = new URL(url);
      bad.searchParams.set('ticket', forged);
      await expectRefused(bad, 401, 'invalid_ticket');
    }
    const foreign = new URL(url);
    foreign.searchParams.set('org', otherOrgId);
    await expectRefused(foreign, 401, 'invalid_ticket');
    offsetMs = 16 * 60_000;
    try {
      await expectRefused(url, 401, 'invalid_ticket');
    } finally {
      offsetMs = 0;
    }
  });

  it('refuses a callback whose state is missing, tampered or forged for another org', async () => {
    const callback = await consentFor();
    const state = callback.searchParams.get('state')!;
    const without = new URL(callback);
    without.searchParams.delete('state');
    await expectRefused(without, 400, 'invalid_request');
    for (const forged of [tamper(state, 'signature'), tamper(state, 'payload'), `${state}.extra`, '']) {
      const bad = new URL(callback);
      bad.searchParams.set('state', forged);
      await expectRefused(bad, 400, 'invalid_state');
    }
    const denied = new URL(callback);
    denied.searchParams.delete('code');
    denied.searchParams.set('error', 'access_denied');
    await expectRefused(denied, 400, 'hubspot_authorization_denied');
  });

  it('refuses a state that has expired', async () => {
    const callback = await consentFor();
    offsetMs = 11 * 60_000;
    try {
      await expectRefused(callback, 400, 'expired_state');
    } finally {
      offsetMs = 0;
    }
  });

  it('accepts a state once, and refuses it when it comes back', async () => {
    const callback = await consentFor();
    const first = await get(callback.toString());
    expect(first.status).toBe(302);
    expect((await stack.runtime.store.installations.getByOrg(orgId))?.status).toBe('connected');
    await settle(stack);
    // The same callback replayed, and the used state with a fresh code from another consent.
    await expectRefused(callback, 400, 'state_used');
    const fresh = await consentFor();
    const replay = new URL(fresh);
    replay.searchParams.set('state', callback.searchParams.get('state')!);
    await expectRefused(replay, 400, 'state_used');
    // A state issued for one org cannot connect another, even unused.
    const other = await consentFor(otherOrgId);
    const swapped = new URL(other);
    swapped.searchParams.set('state', fresh.searchParams.get('state')!);
    swapped.searchParams.set('code', other.searchParams.get('code')!);
    const response = await get(swapped.toString());
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toContain(encodeURIComponent(orgId));
    expect((await stack.runtime.store.installations.getByOrg(otherOrgId))?.status).toBe('pending');
  });
});
