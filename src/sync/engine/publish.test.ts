import { describe, expect, it } from 'vitest';
import type { SyncedEvent } from './batch-result.ts';
import { eventName, eventPayload, groupEvents } from './publish.ts';

const event = (n: number, overrides: Partial<SyncedEvent> = {}): SyncedEvent => ({
  objectType: 'contacts',
  direction: 'hubspot_to_thena',
  action: 'created',
  hubspotId: String(n),
  thenaId: `T${n}`,
  fields: ['email'],
  syncedAt: Date.UTC(2026, 0, 1) + n,
  ...overrides,
});

describe('synced events', () => {
  it('groups records by object and direction, at most 100 to an event', () => {
    const events = [
      ...Array.from({ length: 250 }, (_, i) => event(i)),
      event(900, { objectType: 'companies' }),
      event(901, { direction: 'thena_to_hubspot' }),
    ];
    const groups = groupEvents(events);
    expect(groups.map((g) => g.length)).toEqual([100, 100, 50, 1, 1]);
    expect(groups.flat()).toHaveLength(events.length);
    expect(groups.every((g) => new Set(g.map((e) => `${e.objectType}|${e.direction}`)).size === 1)).toBe(
      true,
    );
  });

  it('names the event by object and carries both ids, the action, the fields and the time', () => {
    expect(eventName('contacts')).toBe('hubspot.contact.synced');
    expect(eventName('companies')).toBe('hubspot.company.synced');
    const payload = eventPayload([event(1), event(2, { action: 'updated', fields: ['lastname'] })], {
      orgId: 'O1',
      portalId: '99',
    });
    expect(payload).toMatchObject({
      object: 'contact',
      direction: 'hubspot_to_thena',
      orgId: 'O1',
      hubspotPortalId: '99',
      count: 2,
      records: [
        {
          hubspotId: '1',
          thenaId: 'T1',
          action: 'created',
          fields: ['email'],
          syncedAt: '2026-01-01T00:00:00.001Z',
        },
        { hubspotId: '2', thenaId: 'T2', action: 'updated', fields: ['lastname'] },
      ],
    });
    expect(eventPayload([event(1)], { orgId: 'O1', portalId: null }).eventId).not.toBe(payload.eventId);
    expect(eventPayload([event(1)], { orgId: 'O1', portalId: null }).eventId).toBe(
      eventPayload([event(1)], { orgId: 'O2', portalId: null }).eventId,
    );
  });
});
