// The API suites' stack: both emulators, the service with its database, one org connected to a
// small seeded portal (its first backfill done), tokens for it and for a second, pending org.
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { pino } from 'pino';
import { buildServer } from '../../src/server/app.ts';
import { createApiServices, type ApiOptions } from '../../src/sync/app/api.ts';
import { startStack, type Stack, type StackOptions } from '../helpers/stack.ts';
import type { DialectName } from '../../src/store/dialect.ts';
import type { ObjectType } from '../../src/sync/model.ts';

export const ADMIN_TOKEN = 'admin-token-for-tests-0123456789';

export interface ApiStack {
  stack: Stack;
  orgId: string;
  installationId: string;
  /** A token of `orgId`. */
  orgToken: string;
  /** An org that installed the app in Thena but never connected HubSpot. */
  pendingOrgId: string;
  pendingOrgToken: string;
  call(
    method: NonNullable<InjectOptions['method']>,
    url: string,
    options?: { token?: string | null; body?: unknown; headers?: Record<string, string> },
  ): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export async function waitForIdle(stack: Stack, installationId: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const runs = await Promise.all(
      (['companies', 'contacts'] as ObjectType[]).map((o) =>
        stack.runtime.store.runs.recent(installationId, o, 20),
      ),
    );
    const busy = runs.flat().some((r) => r.state === 'queued' || r.state === 'running');
    if (!busy && runs.every((r) => r.some((run) => run.trigger !== 'schedule')) && !(await jobsDue(stack)))
      return;
    if (Date.now() > deadline) throw new Error('the sync did not settle');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Whether a job is running or due within a second (schedules further out do not count). */
async function jobsDue(stack: Stack): Promise<boolean> {
  const soon = Date.now() + 1_000;
  const due = await stack.runtime.store.db
    .selectFrom('jobs')
    .select('id')
    .where((eb) =>
      eb.or([eb('state', '=', 'active'), eb.and([eb('state', '=', 'pending'), eb('run_at', '<=', soon)])]),
    )
    .limit(1)
    .execute();
  return due.length > 0;
}

export async function startApiStack(
  dialect: DialectName,
  seed: { contacts: number; companies: number } = { contacts: 40, companies: 10 },
  options: StackOptions = {},
): Promise<ApiStack> {
  const stack = await startStack({ dialect, seed, ...options });
  const { orgId, installation } = await stack.install();
  await waitForIdle(stack, installation.id);
  const pending = stack.thena.install();
  await stack.thena.waitForDeliveries(10_000);
  const { tokens } = stack.runtime.services.api;
  const orgToken = (await tokens.create(orgId, 'tests')).secret;
  const pendingOrgToken = (await tokens.create(pending.organizationId, 'pending')).secret;
  return {
    stack,
    orgId,
    installationId: installation.id,
    orgToken,
    pendingOrgId: pending.organizationId,
    pendingOrgToken,
    call: (method, url, options = {}) => {
      const token = options.token === undefined ? ADMIN_TOKEN : options.token;
      return stack.server.inject({
        method,
        url,
        headers: { ...(token === null ? {} : { authorization: `Bearer ${token}` }), ...options.headers },
        ...(options.body === undefined
          ? {}
          : { payload: options.body as NonNullable<InjectOptions['payload']> }),
      });
    },
    close: () => stack.close(),
  };
}

/** The error body's code, with the status: `[409, 'not_connected']`. */
export function failure(response: LightMyRequestResponse): [number, string] {
  return [response.statusCode, response.json<{ error: { code: string } }>().error.code];
}

/** A second server over the same runtime, with API services built with other options. */
export async function serverWith(api: ApiStack, options: Partial<ApiOptions>): Promise<FastifyInstance> {
  const { runtime } = api.stack;
  const services = createApiServices(runtime.engine, runtime.services.installations, runtime.store, {
    adminToken: ADMIN_TOKEN,
    ...options,
  });
  return buildServer({ logger: pino({ level: 'silent' }), readiness: {}, api: services });
}

/** Requests to the Thena emulator that change something (anything but GET), by route. */
export function thenaWrites(stack: Stack): Record<string, number> {
  const writes: Record<string, number> = {};
  for (const [route, byStatus] of Object.entries(stack.thena.stats().traffic.requests)) {
    if (route.startsWith('GET ')) continue;
    writes[route] = Object.values(byStatus).reduce((sum, n) => sum + n, 0);
  }
  return writes;
}
