// POST /incoming-webhook/events (apps-studio host): an app publishes its own events, e.g.
// `hubspot.contact.synced`, authenticated by its bot token in `x-bot-key`.
import type { FastifyInstance } from 'fastify';
import type { ThenaPlatform } from '../platform.ts';
import { requireOrg } from '../http/auth.ts';
import { BodyReader } from '../http/body-reader.ts';

export function incomingWebhookRoutes(app: FastifyInstance, platform: ThenaPlatform): void {
  app.post('/incoming-webhook/events', async (request) => {
    const org = requireOrg(platform, request, 'x-bot-key');
    const reader = new BodyReader(request.body);
    const eventName = reader.requiredString('event_name');
    const payload = reader.optionalObject('payload');
    if (!reader.has('payload') || payload === null) reader.fail('payload must be an object');
    reader.throwIfInvalid();
    const event = platform.publish(org, eventName, payload ?? {});
    return { success: true, messageId: event.messageId, timestamp: event.receivedAt };
  });
}
