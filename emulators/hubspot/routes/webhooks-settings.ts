// Webhooks management API (developer API key): app settings and event subscriptions.
import type { FastifyInstance } from 'fastify';
import { developerApp } from '../auth.ts';
import type { Emulator } from '../emulator.ts';
import {
  conflict,
  missingRequiredFields,
  resourceNotFound,
  standardError,
  validationError,
  type StandardError,
} from '../errors.ts';
import { objectBody, type Query } from '../http/params.ts';
import type { App, Subscription, WebhookSettings } from '../state/apps.ts';
import { batchInputs, batchResponse } from './batch-response.ts';

/** Event types HubSpot accepts (the spec's enum); only contact.* and company.* ever fire here. */
export const EVENT_TYPES = [
  'company.associationChange',
  'company.creation',
  'company.deletion',
  'company.merge',
  'company.propertyChange',
  'company.restore',
  'contact.associationChange',
  'contact.creation',
  'contact.deletion',
  'contact.merge',
  'contact.privacyDeletion',
  'contact.propertyChange',
  'contact.restore',
  'conversation.creation',
  'conversation.deletion',
  'conversation.newMessage',
  'conversation.privacyDeletion',
  'conversation.propertyChange',
  'deal.associationChange',
  'deal.creation',
  'deal.deletion',
  'deal.merge',
  'deal.propertyChange',
  'deal.restore',
  'line_item.associationChange',
  'line_item.creation',
  'line_item.deletion',
  'line_item.merge',
  'line_item.propertyChange',
  'line_item.restore',
  'product.creation',
  'product.deletion',
  'product.merge',
  'product.propertyChange',
  'product.restore',
  'ticket.associationChange',
  'ticket.creation',
  'ticket.deletion',
  'ticket.merge',
  'ticket.propertyChange',
  'ticket.restore',
];

const MAX_SUBSCRIPTIONS = 1000;
const OBJECT_TYPE_IDS: Record<string, string> = {
  contact: '0-1',
  company: '0-2',
  deal: '0-3',
  ticket: '0-5',
};

interface AppParams {
  appId: string;
}
interface SubscriptionParams extends AppParams {
  subscriptionId: string;
}

function settingsJson(settings: WebhookSettings): Record<string, unknown> {
  return {
    createdAt: new Date(settings.createdAt).toISOString(),
    ...(settings.updatedAt === settings.createdAt
      ? {}
      : { updatedAt: new Date(settings.updatedAt).toISOString() }),
    targetUrl: settings.targetUrl,
    throttling: {
      maxConcurrentRequests: settings.maxConcurrentRequests,
      ...(settings.period ? { period: settings.period } : {}),
    },
  };
}

export function subscriptionJson(subscription: Subscription): Record<string, unknown> {
  const objectTypeId = OBJECT_TYPE_IDS[subscription.eventType.split('.')[0] ?? ''];
  return {
    eventType: subscription.eventType,
    ...(subscription.propertyName === undefined ? {} : { propertyName: subscription.propertyName }),
    ...(objectTypeId ? { objectTypeId } : {}),
    active: subscription.active,
    id: String(subscription.id),
    createdAt: new Date(subscription.createdAt).toISOString(),
    updatedAt: new Date(subscription.updatedAt).toISOString(),
  };
}

function findSubscription(app: App, raw: string): Subscription {
  const subscription = /^\d+$/.test(raw) ? app.subscriptions.get(Number(raw)) : undefined;
  if (!subscription) throw resourceNotFound(`Subscription ${raw} not found for app ${app.appId}`);
  return subscription;
}

export function createSubscription(
  emulator: Emulator,
  app: App,
  body: Record<string, unknown>,
): Subscription {
  const eventType = body.eventType;
  if (typeof eventType !== 'string') throw missingRequiredFields(['eventType']);
  if (!EVENT_TYPES.includes(eventType)) throw validationError(`${eventType} is not a valid event type.`);
  const propertyName =
    typeof body.propertyName === 'string' && body.propertyName !== '' ? body.propertyName : undefined;
  if (eventType.endsWith('.propertyChange') && propertyName === undefined) {
    throw validationError('propertyName is required for propertyChange subscriptions.');
  }
  if (app.subscriptions.size >= MAX_SUBSCRIPTIONS) {
    throw validationError(
      "Couldn't create another subscription. You've reached the maximum number allowed per application (1000).",
    );
  }
  for (const existing of app.subscriptions.values()) {
    if (existing.eventType === eventType && existing.propertyName === propertyName) {
      throw conflict(
        `A subscription for ${eventType}${propertyName ? ` on ${propertyName}` : ''} already exists (id ${existing.id}).`,
      );
    }
  }
  const now = emulator.clock.now();
  const subscription: Subscription = {
    id: emulator.apps.allocateSubscriptionId(),
    eventType,
    ...(propertyName === undefined || !eventType.endsWith('.propertyChange') ? {} : { propertyName }),
    // New subscriptions are paused unless asked otherwise, as in HubSpot.
    active: body.active === true,
    createdAt: now,
    updatedAt: now,
  };
  app.subscriptions.set(subscription.id, subscription);
  return subscription;
}

export function applySettings(emulator: Emulator, app: App, body: Record<string, unknown>): WebhookSettings {
  const targetUrl = body.targetUrl;
  const throttling = (body.throttling ?? {}) as Record<string, unknown>;
  const missing = [
    ...(typeof targetUrl === 'string' ? [] : ['targetUrl']),
    ...(typeof throttling.maxConcurrentRequests === 'number' ? [] : ['throttling.maxConcurrentRequests']),
  ];
  if (missing.length > 0) throw missingRequiredFields(missing);
  let url: URL;
  try {
    url = new URL(targetUrl as string);
  } catch {
    throw validationError(`targetUrl is not a valid URL: ${String(targetUrl)}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw validationError('targetUrl must be an http(s) URL.');
  const max = throttling.maxConcurrentRequests as number;
  if (!Number.isInteger(max) || max < 1)
    throw validationError('throttling.maxConcurrentRequests must be a positive integer.');
  const now = emulator.clock.now();
  app.settings = {
    targetUrl: targetUrl as string,
    maxConcurrentRequests: max,
    ...(typeof throttling.period === 'string' ? { period: throttling.period } : {}),
    createdAt: app.settings?.createdAt ?? now,
    updatedAt: now,
  };
  return app.settings;
}

export function registerWebhookRoutes(app: FastifyInstance, emulator: Emulator): void {
  const base = '/webhooks/v3/:appId';

  app.get<{ Params: AppParams; Querystring: Query }>(`${base}/settings`, async (request) => {
    const target = developerApp(emulator, request.query, request.params.appId);
    if (!target.settings) throw resourceNotFound(`No webhook settings found for app ${target.appId}`);
    return settingsJson(target.settings);
  });

  app.put<{ Params: AppParams; Querystring: Query }>(`${base}/settings`, async (request) => {
    const target = developerApp(emulator, request.query, request.params.appId);
    return settingsJson(applySettings(emulator, target, objectBody(request.body)));
  });

  app.delete<{ Params: AppParams; Querystring: Query }>(`${base}/settings`, async (request, reply) => {
    const target = developerApp(emulator, request.query, request.params.appId);
    target.settings = undefined;
    return reply.code(204).send();
  });

  app.get<{ Params: AppParams; Querystring: Query }>(`${base}/subscriptions`, async (request) => {
    const target = developerApp(emulator, request.query, request.params.appId);
    return { results: [...target.subscriptions.values()].map(subscriptionJson) };
  });

  app.post<{ Params: AppParams; Querystring: Query }>(`${base}/subscriptions`, async (request, reply) => {
    const target = developerApp(emulator, request.query, request.params.appId);
    const subscription = createSubscription(emulator, target, objectBody(request.body));
    void reply.code(201);
    return subscriptionJson(subscription);
  });

  app.post<{ Params: AppParams; Querystring: Query }>(
    `${base}/subscriptions/batch/update`,
    async (request, reply) => {
      const target = developerApp(emulator, request.query, request.params.appId);
      const startedAt = emulator.clock.now();
      const results: unknown[] = [];
      const errors: StandardError[] = [];
      for (const input of batchInputs(objectBody(request.body))) {
        const subscription = target.subscriptions.get(Number(input.id));
        if (!subscription || typeof input.active !== 'boolean') {
          errors.push(
            standardError('OBJECT_NOT_FOUND', `Subscription ${String(input.id)} not found`, {
              id: [String(input.id)],
            }),
          );
          continue;
        }
        subscription.active = input.active;
        subscription.updatedAt = emulator.clock.now();
        results.push(subscriptionJson(subscription));
      }
      return batchResponse(reply, emulator.clock, startedAt, results, errors, 200);
    },
  );

  app.get<{ Params: SubscriptionParams; Querystring: Query }>(
    `${base}/subscriptions/:subscriptionId`,
    async (request) => {
      const target = developerApp(emulator, request.query, request.params.appId);
      return subscriptionJson(findSubscription(target, request.params.subscriptionId));
    },
  );

  app.patch<{ Params: SubscriptionParams; Querystring: Query }>(
    `${base}/subscriptions/:subscriptionId`,
    async (request) => {
      const target = developerApp(emulator, request.query, request.params.appId);
      const subscription = findSubscription(target, request.params.subscriptionId);
      const body = objectBody(request.body);
      if (typeof body.active === 'boolean') subscription.active = body.active;
      subscription.updatedAt = emulator.clock.now();
      return subscriptionJson(subscription);
    },
  );

  app.delete<{ Params: SubscriptionParams; Querystring: Query }>(
    `${base}/subscriptions/:subscriptionId`,
    async (request, reply) => {
      const target = developerApp(emulator, request.query, request.params.appId);
      target.subscriptions.delete(findSubscription(target, request.params.subscriptionId).id);
      return reply.code(204).send();
    },
  );
}
