import { describe, expect, it } from 'vitest';
import type { FieldDirection } from './field-config.ts';
import { mergeRecord, type MergeInput } from './merge.ts';
import type { HubSpotProperty } from './properties.ts';
import type { ConflictPolicy } from './settings.ts';

const property = (name: string): HubSpotProperty => ({
  name,
  label: name,
  type: 'string',
  fieldType: 'text',
  groupName: 'contactinformation',
  options: [],
});

function field(name: string, direction: FieldDirection = 'both', policy: ConflictPolicy = 'hubspot_wins') {
  return { property: property(name), fieldType: 'single_line' as const, direction, policy };
}

function input(overrides: Partial<MergeInput>): MergeInput {
  return {
    fields: [field('x')],
    base: { x: 'base' },
    hubspot: { x: 'base' },
    thena: { x: 'base' },
    hubspotModifiedAt: 1000,
    thenaModifiedAt: 2000,
    blankOverwrites: false,
    ...overrides,
  };
}

describe('mergeRecord', () => {
  it('does nothing when both sides still agree', () => {
    expect(mergeRecord(input({}))).toEqual({
      toThena: {},
      toHubSpot: {},
      conflicts: [],
      merged: { x: 'base' },
    });
  });

  it('carries a change made on one side to the other', () => {
    expect(mergeRecord(input({ hubspot: { x: 'new' } }))).toMatchObject({
      toThena: { x: 'new' },
      toHubSpot: {},
      merged: { x: 'new' },
    });
    expect(mergeRecord(input({ thena: { x: 'new' } }))).toMatchObject({
      toThena: {},
      toHubSpot: { x: 'new' },
      merged: { x: 'new' },
    });
  });

  it('lets no change flow against the field’s direction', () => {
    const oneWay = input({ fields: [field('x', 'hubspot_to_thena')], thena: { x: 'edited in thena' } });
    expect(mergeRecord(oneWay)).toEqual({ toThena: {}, toHubSpot: {}, conflicts: [], merged: { x: 'base' } });
  });

  it.each([
    ['hubspot_wins', 'hubspot', { toThena: { x: 'H' } }],
    ['thena_wins', 'thena', { toHubSpot: { x: 'T' } }],
    ['most_recent', 'thena', { toHubSpot: { x: 'T' } }],
  ] as const)('resolves a field both sides changed with %s', (policy, winner, patch) => {
    const result = mergeRecord(
      input({ fields: [field('x', 'both', policy)], hubspot: { x: 'H' }, thena: { x: 'T' } }),
    );
    expect(result).toMatchObject(patch);
    expect(result.conflicts).toEqual([
      { field: 'x', hubspot: 'H', thena: 'T', base: 'base', winner, reason: 'policy', policy },
    ]);
  });

  it('picks the most recent side by modification time', () => {
    const newerHubSpot = input({
      fields: [field('x', 'both', 'most_recent')],
      hubspot: { x: 'H' },
      thena: { x: 'T' },
      hubspotModifiedAt: 3000,
    });
    expect(mergeRecord(newerHubSpot).toThena).toEqual({ x: 'H' });
  });

  it('lets the direction overrule the policy', () => {
    const result = mergeRecord(
      input({
        fields: [field('x', 'hubspot_to_thena', 'thena_wins')],
        hubspot: { x: 'H' },
        thena: { x: 'T' },
      }),
    );
    expect(result.toThena).toEqual({ x: 'H' });
    expect(result.conflicts[0]).toMatchObject({ winner: 'hubspot', reason: 'direction' });
  });

  it('never lets a blank wipe a value, unless the settings allow it', () => {
    expect(mergeRecord(input({ hubspot: { x: null } }))).toMatchObject({
      toThena: {},
      toHubSpot: { x: 'base' },
    });
    const conflict = mergeRecord(input({ hubspot: { x: '' }, thena: { x: 'T' } }));
    expect(conflict.toThena).toEqual({});
    expect(conflict.toHubSpot).toEqual({ x: 'T' });
    expect(conflict.conflicts[0]).toMatchObject({ winner: 'thena', reason: 'blank_kept' });
    expect(mergeRecord(input({ hubspot: { x: null }, blankOverwrites: true })).toThena).toEqual({ x: null });
  });

  it('treats records never synced together as changed on both sides', () => {
    const first = mergeRecord(input({ base: null, hubspot: { x: 'H' }, thena: { x: 'T' } }));
    expect(first.toThena).toEqual({ x: 'H' });
    expect(first.conflicts[0]).toMatchObject({ base: undefined, winner: 'hubspot' });
    const fill = mergeRecord(input({ base: null, hubspot: { x: 'H' }, thena: { x: null } }));
    expect(fill.toThena).toEqual({ x: 'H' });
  });

  it('fills a new Thena record with what may flow to Thena', () => {
    const result = mergeRecord(
      input({
        fields: [field('a'), field('b', 'thena_to_hubspot'), field('c')],
        base: null,
        hubspot: { a: 'A', b: 'B', c: null },
        thena: null,
      }),
    );
    expect(result.toThena).toEqual({ a: 'A' });
    expect(result.merged).toEqual({ a: 'A', b: 'B', c: null });
  });

  it('compares values by their field type, not their spelling', () => {
    const multi = {
      property: property('m'),
      fieldType: 'multi_choice' as const,
      direction: 'both' as const,
      policy: 'hubspot_wins' as const,
    };
    const result = mergeRecord(
      input({
        fields: [multi],
        base: { m: ['a', 'b'] },
        hubspot: { m: ['b', 'a'] },
        thena: { m: ['a', 'b'] },
      }),
    );
    expect(result.toThena).toEqual({});
    expect(result.toHubSpot).toEqual({});
  });
});
