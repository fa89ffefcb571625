// /_emulator control routes for the emulator as a whole: health, config, reset, clock, stats,
// faults. No authentication: these exist for tests, benchmarks and the demo.
import type { FastifyInstance } from 'fastify';
import type { ThenaPlatform } from '../platform.ts';
import { isObject } from '../http/body-reader.ts';
import { badRequest, notFound } from '../http/errors.ts';
import { parseFaultRule } from '../traffic/faults.ts';
import { applyConfigPatch } from './config-patch.ts';

function readTime(value: unknown): number {
  const ms = typeof value === 'number' ? value : typeof value === 'string' ? Date.parse(value) : NaN;
  if (!Number.isFinite(ms)) throw badRequest(['set must be epoch milliseconds or an ISO-8601 date-time']);
  return ms;
}

export function controlTrafficRoutes(app: FastifyInstance, platform: ThenaPlatform): void {
  app.get('/_emulator/health', async () => ({ ok: true }));

  app.get('/_emulator/config', async () => platform.config);

  app.patch('/_emulator/config', async (request) => {
    applyConfigPatch(platform.config, request.body);
    return platform.config;
  });

  app.post('/_emulator/reset', async () => {
    platform.reset();
    return { ok: true };
  });

  app.get('/_emulator/clock', async () => platform.clock.snapshot());

  app.post('/_emulator/clock', async (request) => {
    const body = isObject(request.body) ? request.body : {};
    // Freeze before setting: frozen, `set` is exact; set first, a millisecond could pass before the freeze.
    if (body.freeze === true) platform.clock.freeze();
    if (body.set !== undefined) platform.clock.set(readTime(body.set));
    if (body.advanceMs !== undefined) {
      if (typeof body.advanceMs !== 'number' || !Number.isFinite(body.advanceMs)) {
        throw badRequest(['advanceMs must be a number']);
      }
      platform.clock.advance(body.advanceMs);
    }
    if (body.freeze === false) platform.clock.unfreeze();
    if (body.reset === true) platform.clock.reset();
    return platform.clock.snapshot();
  });

  app.get('/_emulator/stats', async () => ({
    traffic: platform.stats.snapshot(),
    deliveries: platform.webhooks.counts(),
    publishedEvents: platform.publishedEvents().length,
    organizations: platform.orgs().length,
  }));

  app.get('/_emulator/faults', async () => platform.faults.list());

  app.post('/_emulator/faults', async (request, reply) => {
    const rule = parseFaultRule(request.body, platform.ids.uuid());
    platform.faults.add(rule);
    return reply.code(201).send(rule);
  });

  app.delete('/_emulator/faults', async () => {
    platform.faults.clear();
    return { ok: true };
  });

  app.delete<{ Params: { id: string } }>('/_emulator/faults/:id', async (request) => {
    if (!platform.faults.remove(request.params.id)) throw notFound(`Fault ${request.params.id} not found`);
    return { ok: true };
  });
}
