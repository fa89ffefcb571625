import { describe, expect, it } from 'vitest';
import { isOwnChange, parsePlatformEvent, type ThenaPlatformEvent } from './events.ts';

const account = {
  id: 'A1',
  name: 'Acme',
  domain: 'acme.com',
  industry: 'Technology',
  size: 40,
  status: 'Active',
  health: 'Green',
  classification: null,
  metadata: { hubspotCompanyId: '9' },
  customFields: { F1: ['Gold'], F2: ['a', 'b'] },
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-02T00:00:00.000Z',
};
const contact = {
  id: 'C1',
  firstName: 'Ann',
  lastName: null,
  email: 'ann@acme.com',
  accounts: [{ id: 'A1', name: 'Acme' }],
  customFieldValues: [{ fieldId: 'F3', value: 3 }],
  metadata: {},
};
const base = {
  eventId: 'E1',
  eventType: 'account:updated',
  timestamp: '2026-01-02T00:00:00.000Z',
  orgId: 'O1',
  actor: { id: 'U1', type: 'AGENT', email: 'agent@acme.com' },
  payload: { account, previousAccount: { ...account, name: 'Acme Inc' } },
};

function parsed(body: unknown): ThenaPlatformEvent {
  const result = parsePlatformEvent(body);
  if (!result.ok) throw new Error(result.reason);
  return result.value;
}

function reason(body: unknown): string {
  const result = parsePlatformEvent(body);
  if (result.ok) throw new Error('expected a rejection');
  return result.reason;
}

describe('parsePlatformEvent', () => {
  it('reads the { message } wrapper and the flat base event alike', () => {
    const wrapped = parsed({ message: base, messageAttributes: { event_name: 'account:updated' } });
    expect(parsed(base)).toEqual(wrapped);
    expect(wrapped).toMatchObject({
      entity: 'account',
      action: 'updated',
      eventId: 'E1',
      orgId: 'O1',
      actor: { id: 'U1', type: 'AGENT', email: 'agent@acme.com' },
      account: {
        id: 'A1',
        primaryDomain: 'acme.com',
        status: { id: null, value: 'Active' },
        employees: 40,
        customFieldValues: [
          { fieldId: 'F1', value: 'Gold' },
          { fieldId: 'F2', value: ['a', 'b'] },
        ],
      },
      previousAccount: { name: 'Acme Inc' },
    });
  });

  it('normalises the seed spellings contact.created / account.updated', () => {
    const created = parsed({ ...base, eventType: 'contact.created', payload: { customerContact: contact } });
    expect(created).toMatchObject({
      entity: 'customer-contact',
      action: 'created',
      eventType: 'customer-contact:created',
      receivedType: 'contact.created',
      contact: { id: 'C1', accountIds: ['A1'], customFieldValues: [{ fieldId: 'F3', value: 3 }] },
      previousContact: null,
    });
    expect(parsed({ ...base, eventType: 'account.updated' }).eventType).toBe('account:updated');
  });

  it('accepts Unix timestamps, `contact` as payload key, and deletes that carry only the previous record', () => {
    const event = parsed({
      ...base,
      eventType: 'customer-contact:updated',
      timestamp: 1_767_225_600,
      payload: { contact, previousContact: contact },
    });
    expect(event.timestamp).toBe('2026-01-01T00:00:00.000Z');
    const deleted = parsed({ ...base, eventType: 'account:deleted', payload: { previousAccount: account } });
    expect(deleted).toMatchObject({ action: 'deleted', account: null, previousAccount: { id: 'A1' } });
  });

  it('passes other platform events through as entity "other"', () => {
    const event = parsed({ ...base, eventType: 'ticket:created', payload: { ticket: { id: 'T1' } } });
    expect(event).toMatchObject({
      entity: 'other',
      eventType: 'ticket:created',
      payload: { ticket: { id: 'T1' } },
    });
  });

  it('rejects malformed events with a clear reason, without throwing', () => {
    expect(reason('not json')).toBe('body is not a JSON object');
    expect(reason({ ...base, eventType: undefined })).toBe('eventType is missing');
    expect(reason({ message: { ...base, eventId: '' } })).toBe('eventId is missing');
    expect(reason({ ...base, orgId: 7 })).toBe('orgId is missing');
    expect(reason({ ...base, timestamp: 'yesterday' })).toBe('timestamp is missing or not a date');
    expect(reason({ ...base, actor: { type: 'AGENT' } })).toBe('actor.id is missing');
    expect(reason({ ...base, actor: undefined })).toBe('actor is missing');
    expect(reason({ ...base, payload: 'x' })).toBe('payload is missing or not an object');
    expect(reason({ ...base, eventType: 'account:created', payload: {} })).toBe(
      'account:created without payload.account',
    );
    expect(reason({ ...base, eventType: 'customer-contact:deleted', payload: {} })).toBe(
      'customer-contact:deleted names no customer contact',
    );
    expect(reason({ ...base, payload: { account: { name: 'no id' } } })).toMatch(
      /^payload.account is malformed/,
    );
  });

  it('tells the app’s own changes from a user’s by the actor id', () => {
    const own = parsed({ ...base, actor: { id: 'BOT1', type: 'BOT', email: null } });
    expect(isOwnChange(own, 'BOT1')).toBe(true);
    expect(isOwnChange(parsed(base), 'BOT1')).toBe(false);
  });
});
