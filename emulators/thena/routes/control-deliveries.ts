// /_emulator/deliveries: every webhook the emulator sent or tried to send, plus pause/resume and
// a wait-until-idle call so tests need not poll.
import type { FastifyInstance } from 'fastify';
import type { ThenaPlatform } from '../platform.ts';
import type { DeliveryRecord } from '../delivery/webhook-queue.ts';
import { isObject } from '../http/body-reader.ts';

type Filter = Partial<Record<'kind' | 'status' | 'eventType' | 'orgId', string>>;

export function deliveryView(record: DeliveryRecord) {
  const { body, createdAt, deliveredAt, ...rest } = record;
  return {
    ...rest,
    createdAt: new Date(createdAt).toISOString(),
    deliveredAt: deliveredAt === null ? null : new Date(deliveredAt).toISOString(),
    body: JSON.parse(body) as unknown,
  };
}

export function filterDeliveries(records: DeliveryRecord[], filter: Filter): DeliveryRecord[] {
  return records.filter(
    (record) =>
      (filter.kind === undefined || record.kind === filter.kind) &&
      (filter.status === undefined || record.status === filter.status) &&
      (filter.eventType === undefined || record.eventType === filter.eventType) &&
      (filter.orgId === undefined || record.orgId === filter.orgId),
  );
}

export function controlDeliveryRoutes(app: FastifyInstance, platform: ThenaPlatform): void {
  app.get<{ Querystring: Filter }>('/_emulator/deliveries', async (request) =>
    filterDeliveries(platform.webhooks.list(), request.query).map(deliveryView),
  );

  app.post('/_emulator/deliveries/pause', async () => {
    platform.webhooks.pause();
    return { ok: true };
  });

  app.post('/_emulator/deliveries/resume', async () => {
    platform.webhooks.resume();
    return { ok: true };
  });

  app.post('/_emulator/deliveries/wait', async (request) => {
    const body = isObject(request.body) ? request.body : {};
    const timeoutMs = typeof body.timeoutMs === 'number' ? Math.min(body.timeoutMs, 120_000) : 10_000;
    return { idle: await platform.webhooks.waitForIdle(timeoutMs) };
  });
}
