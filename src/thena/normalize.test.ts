import { describe, expect, it } from 'vitest';
import { customFieldValues, toAccount, toContact, toCustomField } from './normalize.ts';
import { list, unwrap } from './read.ts';

describe('response shape tolerance', () => {
  it('unwraps { data, status, message, timestamp } and { statusCode, message, data } envelopes only', () => {
    expect(unwrap({ data: [1], status: true, message: 'ok', timestamp: 'now' })).toEqual([1]);
    expect(unwrap({ statusCode: 200, message: 'ok', data: [{ uid: 'cc_1' }] })).toEqual([{ uid: 'cc_1' }]);
    expect(unwrap({ data: 'a record field called data' })).toEqual({ data: 'a record field called data' });
    expect(list({ data: { items: [1, 2] }, status: true })).toEqual([1, 2]);
    expect(list({ total: 1 })).toBeUndefined();
  });

  it('reads every custom field value variant into { fieldId, value }', () => {
    expect(
      customFieldValues([
        { fieldId: 'F1', value: 'a' },
        { customFieldId: 'F2', value: 2 },
        { fieldUid: 'F3', values: ['x', 'y'] },
        { uid: 'F4', data: [{ value: 'only' }] },
        { id: 'F5', values: [] },
        { value: 'no field id' },
        'junk',
      ]),
    ).toEqual([
      { fieldId: 'F1', value: 'a' },
      { fieldId: 'F2', value: 2 },
      { fieldId: 'F3', value: ['x', 'y'] },
      { fieldId: 'F4', value: 'only' },
      { fieldId: 'F5', value: null },
    ]);
    expect(customFieldValues({ F1: ['Gold'], F2: [] })).toEqual([
      { fieldId: 'F1', value: 'Gold' },
      { fieldId: 'F2', value: null },
    ]);
  });

  it('reads picklists as id + name pairs or as objects, and numbers given as text', () => {
    const account = toAccount(
      {
        uid: 'A1',
        name: 'Acme',
        primaryDomain: 'acme.com',
        statusId: 'S1',
        status: 'Active',
        health: { id: 'H1', value: 'Green' },
        annualRevenue: '1200.50',
        createdAt: 1_767_225_600_000,
      },
      'test',
    );
    expect(account).toMatchObject({
      id: 'A1',
      status: { id: 'S1', value: 'Active' },
      health: { id: 'H1', value: 'Green' },
      industry: { id: null, value: null },
      annualRevenue: 1200.5,
      createdAt: '2026-01-01T00:00:00.000Z',
      customFieldValues: [],
      metadata: {},
    });
  });

  it('reads contacts from the current shape and from the older list item shape', () => {
    expect(
      toContact(
        { id: 'C1', firstName: 'Ann', email: 'a@x.com', accounts: ['Acme', { id: 'A2', name: 'Beta' }] },
        'test',
      ),
    ).toMatchObject({
      accounts: [
        { id: null, name: 'Acme' },
        { id: 'A2', name: 'Beta' },
      ],
      accountIds: ['A2'],
    });
    expect(
      toContact(
        { userId: 'C2', user: 'Bo', userEmail: 'bo@x.com', contactType: { id: 'T1', value: 'BILLING' } },
        'test',
      ),
    ).toMatchObject({
      id: 'C2',
      firstName: 'Bo',
      email: 'bo@x.com',
      contactTypeId: 'T1',
      contactType: 'BILLING',
    });
  });

  it('reads custom field options as strings or { value } objects and rejects records without an id', () => {
    expect(toCustomField({ id: 'F1', name: 'Tier', options: ['A', { value: 'B' }] }, 'test').options).toEqual(
      ['A', 'B'],
    );
    expect(() => toContact({ firstName: 'Nobody' }, 'contacts.get')).toThrow(
      expect.objectContaining({ code: 'thena_bad_response' }),
    );
  });
});
