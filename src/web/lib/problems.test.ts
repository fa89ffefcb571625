import { describe, expect, it } from 'vitest';
import type { SyncConfig } from '../../contracts/api.ts';
import { draftOf } from './draft.ts';
import { countProblems, indexProblems, problemsOf, withoutFilter } from './problems.ts';

const config: SyncConfig = {
  enabled: true,
  fields: [
    { property: 'email', direction: 'both' },
    { property: 'seats', direction: 'both' },
  ],
  filters: [
    { field: 'email', operator: 'contains', value: 'a' },
    { field: 'seats', operator: 'is_any_of', value: ['x'] },
  ],
  conflictPolicy: 'most_recent',
  blankOverwrites: false,
  deletion: { hubspotToThena: 'keep', thenaToHubSpot: 'keep' },
  version: 1,
  updatedAt: null,
};

describe('problems of a refused configuration', () => {
  it('land on the filter, the part of it and the field their path names', () => {
    const draft = draftOf(config);
    const [first, second] = draft.filters.map((f) => f.key);
    const index = indexProblems(
      problemsOf([
        { path: 'filters/1/value/0', code: 'invalid_number', message: 'not a number' },
        { path: '/body/filters/0/operator', code: 'x', message: 'bad operator' },
        { path: 'fields/1/direction', code: 'x', message: 'one way only' },
        { path: 'conflictPolicy', code: 'x', message: 'unknown policy' },
        { path: 'filters/7/value', code: 'x', message: 'no such filter' },
        { nonsense: true },
      ]),
      draft,
    );
    expect(index.filters[second ?? '']).toEqual({ value: ['not a number'] });
    expect(index.filters[first ?? '']).toEqual({ operator: ['bad operator'] });
    expect(index.fields).toEqual({ seats: ['one way only'] });
    expect(index.general).toEqual(['unknown policy', 'no such filter']);
    expect(countProblems(index)).toBe(5);
    expect(countProblems(withoutFilter(index, second ?? ''))).toBe(4);
  });
});
