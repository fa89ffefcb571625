// Parses platform events from Thena's events webhook. Accepts the `{ message: {...} }` wrapper
// and the flat base event, the seed's dotted names (`contact.created`, `account.updated`), ISO or
// Unix timestamps, and both contact payload keys; rejects malformed events with a reason.
import { AppError } from '../sync/errors.ts';
import { toAccount, toContact } from './normalize.ts';
import type { ParseResult } from './parse-result.ts';
import { isJson, object, text, timestamp, type Json } from './read.ts';
import type { ThenaAccount, ThenaContact } from './types.ts';

export type { ParseResult } from './parse-result.ts';
export { parseInstallationEvent, type ThenaInstallationEvent } from './installation-events.ts';
export { verifyThenaSignature, THENA_SIGNATURE_HEADER, THENA_TIMESTAMP_HEADER } from './signature.ts';

export type ThenaEventAction = 'created' | 'updated' | 'deleted';

export interface ThenaEventActor {
  id: string;
  /** e.g. AGENT, CUSTOMER, BOT; compare `id` with the app's bot id to spot the app's own writes. */
  type: string;
  email: string | null;
}

interface EventBase {
  eventId: string;
  /** The canonical `entity:action` name, after aliases are resolved. */
  eventType: string;
  /** The name exactly as received. */
  receivedType: string;
  timestamp: string;
  orgId: string;
  actor: ThenaEventActor;
}

export interface ThenaAccountEvent extends EventBase {
  entity: 'account';
  action: ThenaEventAction;
  /** The reduced account events carry (no domain history, attribute names as values). */
  account: ThenaAccount | null;
  previousAccount: ThenaAccount | null;
}

export interface ThenaContactEvent extends EventBase {
  entity: 'customer-contact';
  action: ThenaEventAction;
  contact: ThenaContact | null;
  previousContact: ThenaContact | null;
}

/** Any other platform event: well-formed, not one the sync handles. */
export interface ThenaOtherEvent extends EventBase {
  entity: 'other';
  payload: Json;
}

export type ThenaPlatformEvent = ThenaAccountEvent | ThenaContactEvent | ThenaOtherEvent;

const ALIASES: Record<string, string> = {
  'contact.created': 'customer-contact:created',
  'contact.updated': 'customer-contact:updated',
  'contact.deleted': 'customer-contact:deleted',
  'account.created': 'account:created',
  'account.updated': 'account:updated',
  'account.deleted': 'account:deleted',
};

const SYNCED = /^(account|customer-contact):(created|updated|deleted)$/;

type Fail = { ok: false; reason: string };
const fail = (reason: string): Fail => ({ ok: false, reason });

function readActor(event: Json, attributes: Json): ThenaEventActor | Fail {
  const actor = event.actor;
  if (isJson(actor)) {
    const id = text(actor, 'id', 'uid');
    if (!id) return fail('actor.id is missing');
    return { id, type: text(actor, 'type') ?? 'UNKNOWN', email: text(actor, 'email') };
  }
  const id = text(attributes, 'context_user_id');
  if (!id) return fail('actor is missing');
  return { id, type: text(attributes, 'context_user_type') ?? 'UNKNOWN', email: null };
}

function readBase(event: Json, attributes: Json): (EventBase & { payload: Json }) | Fail {
  const receivedType = text(event, 'eventType') ?? text(attributes, 'event_name');
  if (!receivedType) return fail('eventType is missing');
  const eventId = text(event, 'eventId') ?? text(attributes, 'event_id');
  if (!eventId) return fail('eventId is missing');
  const orgId = text(event, 'orgId', 'organizationId') ?? text(attributes, 'context_organization_id');
  if (!orgId) return fail('orgId is missing');
  const at = timestamp(event, 'timestamp');
  if (!at) return fail('timestamp is missing or not a date');
  const actor = readActor(event, attributes);
  if ('ok' in actor) return actor;
  if (!isJson(event.payload)) return fail('payload is missing or not an object');
  const eventType = ALIASES[receivedType] ?? receivedType;
  return { eventId, eventType, receivedType, timestamp: at, orgId, actor, payload: event.payload };
}

/** Normalises a record of the payload, turning a shape problem into a reason. */
function record<T>(
  raw: unknown,
  read: (raw: unknown, operation: string) => T,
  what: string,
): T | null | Fail {
  if (raw === undefined || raw === null) return null;
  try {
    return read(raw, what);
  } catch (err) {
    if (err instanceof AppError) return fail(`${what} is malformed: ${err.message}`);
    throw err;
  }
}

const isFail = (value: unknown): value is Fail => isJson(value) && value.ok === false;

export function parsePlatformEvent(body: unknown): ParseResult<ThenaPlatformEvent> {
  if (!isJson(body)) return fail('body is not a JSON object');
  const event = isJson(body.message) ? body.message : body;
  const base = readBase(event, object(body, 'messageAttributes'));
  if ('ok' in base) return base;
  const { payload, ...common } = base;
  const match = SYNCED.exec(base.eventType);
  if (!match) return { ok: true, value: { ...common, entity: 'other', payload } };
  const action = match[2] as ThenaEventAction;
  const current = action === 'deleted' ? undefined : 'required';

  if (match[1] === 'account') {
    const account = record(payload.account, toAccount, 'payload.account');
    const previousAccount = record(payload.previousAccount, toAccount, 'payload.previousAccount');
    if (isFail(account)) return account;
    if (isFail(previousAccount)) return previousAccount;
    if (current && !account) return fail(`${base.eventType} without payload.account`);
    if (!account && !previousAccount) return fail(`${base.eventType} names no account`);
    return { ok: true, value: { ...common, entity: 'account', action, account, previousAccount } };
  }
  const contact = record(
    payload.customerContact ?? payload.contact ?? payload.customer_contact,
    toContact,
    'payload.customerContact',
  );
  const previousContact = record(
    payload.previousCustomerContact ?? payload.previousContact,
    toContact,
    'payload.previousCustomerContact',
  );
  if (isFail(contact)) return contact;
  if (isFail(previousContact)) return previousContact;
  if (current && !contact) return fail(`${base.eventType} without payload.customerContact`);
  if (!contact && !previousContact) return fail(`${base.eventType} names no customer contact`);
  return { ok: true, value: { ...common, entity: 'customer-contact', action, contact, previousContact } };
}

/** True when the app's own bot made the change (so the sync does not echo it back). */
export function isOwnChange(event: ThenaPlatformEvent, botId: string): boolean {
  return event.actor.id === botId;
}
