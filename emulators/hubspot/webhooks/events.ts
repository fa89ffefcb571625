// Turns CRM change notices into webhook events for every app installed in the portal, following
// each app's active subscriptions (property changes only for subscribed properties).
import { changeSourceOf } from '../crm/actor.ts';
import type { ChangeContext, ChangeNotice } from '../crm/changes.ts';
import type { App, Subscription } from '../state/apps.ts';

export interface WebhookEvent {
  eventId: number;
  subscriptionId: number;
  portalId: number;
  appId: number;
  occurredAt: number;
  subscriptionType: string;
  attemptNumber: number;
  objectId: number;
  propertyName?: string;
  propertyValue?: string;
  changeSource: string;
  sourceId?: string;
  changeFlag?: string;
  primaryObjectId?: number;
  mergedObjectIds?: number[];
  newObjectId?: number;
  numberOfPropertiesMoved?: number;
  associationType?: string;
  fromObjectId?: number;
  toObjectId?: number;
  associationRemoved?: boolean;
  isPrimaryAssociation?: boolean;
}

type Draft = Omit<
  WebhookEvent,
  | 'eventId'
  | 'subscriptionId'
  | 'portalId'
  | 'appId'
  | 'occurredAt'
  | 'attemptNumber'
  | 'changeSource'
  | 'sourceId'
>;

const SINGULAR = { contacts: 'contact', companies: 'company' } as const;

/** The drafts a notice produces, keyed by the subscription type (and property) they need. */
function drafts(notice: ChangeNotice): Array<{ eventType: string; propertyName?: string; draft: Draft }> {
  switch (notice.kind) {
    case 'creation': {
      const prefix = SINGULAR[notice.objectType];
      // A creation also reports the properties it set, to their propertyChange subscribers.
      return [
        {
          eventType: `${prefix}.creation`,
          draft: { subscriptionType: `${prefix}.creation`, objectId: notice.objectId, changeFlag: 'CREATED' },
        },
        ...propertyDrafts(prefix, notice.objectId, notice.properties),
      ];
    }
    case 'propertyChange':
      return propertyDrafts(SINGULAR[notice.objectType], notice.objectId, notice.changes);
    case 'deletion':
    case 'privacyDeletion':
    case 'restore': {
      const prefix = SINGULAR[notice.objectType];
      const flag = notice.kind === 'restore' ? 'RESTORED' : 'DELETED';
      const eventType = `${prefix}.${notice.kind}`;
      return [
        { eventType, draft: { subscriptionType: eventType, objectId: notice.objectId, changeFlag: flag } },
      ];
    }
    case 'merge': {
      const eventType = `${SINGULAR[notice.objectType]}.merge`;
      return [
        {
          eventType,
          draft: {
            subscriptionType: eventType,
            objectId: notice.newObjectId,
            changeFlag: 'MERGED',
            primaryObjectId: notice.primaryObjectId,
            mergedObjectIds: notice.mergedObjectIds,
            newObjectId: notice.newObjectId,
            numberOfPropertiesMoved: notice.numberOfPropertiesMoved,
          },
        },
      ];
    }
    case 'associationChange': {
      const common = { associationRemoved: notice.removed, isPrimaryAssociation: notice.primary };
      return [
        {
          eventType: 'contact.associationChange',
          draft: {
            subscriptionType: 'contact.associationChange',
            objectId: notice.contactId,
            associationType: 'CONTACT_TO_COMPANY',
            fromObjectId: notice.contactId,
            toObjectId: notice.companyId,
            ...common,
          },
        },
        {
          eventType: 'company.associationChange',
          draft: {
            subscriptionType: 'company.associationChange',
            objectId: notice.companyId,
            associationType: 'COMPANY_TO_CONTACT',
            fromObjectId: notice.companyId,
            toObjectId: notice.contactId,
            ...common,
          },
        },
      ];
    }
  }
}

function propertyDrafts(
  prefix: string,
  objectId: number,
  changes: ReadonlyArray<[string, string]>,
): Array<{ eventType: string; propertyName: string; draft: Draft }> {
  const eventType = `${prefix}.propertyChange`;
  return changes.map(([propertyName, propertyValue]) => ({
    eventType,
    propertyName,
    draft: { subscriptionType: eventType, objectId, propertyName, propertyValue },
  }));
}

function findSubscription(
  app: App,
  eventType: string,
  propertyName: string | undefined,
): Subscription | undefined {
  for (const subscription of app.subscriptions.values()) {
    if (!subscription.active || subscription.eventType !== eventType) continue;
    if (propertyName !== undefined && subscription.propertyName !== propertyName) continue;
    return subscription;
  }
  return undefined;
}

/** Builds the events one app receives for a batch of notices. */
export function eventsFor(
  app: App,
  context: ChangeContext,
  notices: readonly ChangeNotice[],
  nextEventId: () => number,
): WebhookEvent[] {
  const source = changeSourceOf(context.actor);
  const events: WebhookEvent[] = [];
  for (const notice of notices) {
    for (const { eventType, propertyName, draft } of drafts(notice)) {
      const subscription = findSubscription(app, eventType, propertyName);
      if (!subscription) continue;
      const { subscriptionType, objectId, ...rest } = draft;
      events.push({
        eventId: nextEventId(),
        subscriptionId: subscription.id,
        portalId: context.portalId,
        appId: app.appId,
        occurredAt: context.occurredAt,
        subscriptionType,
        attemptNumber: 0,
        objectId,
        ...(rest.propertyName === undefined
          ? {}
          : { propertyName: rest.propertyName, propertyValue: rest.propertyValue ?? '' }),
        changeSource: source.sourceType,
        ...(source.sourceId === undefined ? {} : { sourceId: source.sourceId }),
        ...withoutProperty(rest),
      });
    }
  }
  return events;
}

function withoutProperty(
  rest: Omit<Draft, 'subscriptionType' | 'objectId'>,
): Omit<Draft, 'subscriptionType' | 'objectId' | 'propertyName' | 'propertyValue'> {
  const { propertyName: _name, propertyValue: _value, ...others } = rest;
  return others;
}
