import { describe, expect, it } from 'vitest';
import type { FieldInfo, SyncConfig } from '../../contracts/api.ts';
import { bodyOf, draftOf, isDirty, withSelection } from './draft.ts';

const saved: SyncConfig = {
  enabled: true,
  fields: [
    { property: 'email', direction: 'both' },
    { property: 'jobtitle', direction: 'hubspot_to_thena' },
  ],
  filters: [{ field: 'email', operator: 'contains', value: '@acme.com' }],
  conflictPolicy: 'most_recent',
  blankOverwrites: false,
  deletion: { hubspotToThena: 'keep', thenaToHubSpot: 'keep' },
  version: 4,
  updatedAt: null,
};

const field = (name: string, extra: Partial<FieldInfo> = {}): FieldInfo => ({
  name,
  label: name,
  type: 'string',
  fieldType: 'text',
  group: 'g',
  description: '',
  locked: false,
  selected: false,
  direction: 'both',
  allowedDirections: ['hubspot_to_thena', 'both'],
  readOnly: false,
  custom: false,
  options: [],
  operators: ['equals'],
  thena: { kind: 'standard', name, fieldType: 'text', fieldId: null },
  ...extra,
});

describe('the configuration draft', () => {
  it('turns back into the saved body, without the version or the local filter keys', () => {
    const { version: _v, updatedAt: _u, ...body } = saved;
    expect(bodyOf(draftOf(saved))).toEqual(body);
  });

  it('is not dirty as loaded, nor after a field is removed and selected again', () => {
    const draft = draftOf(saved);
    expect(isDirty(draft, saved)).toBe(false);
    const fields = [field('email'), field('jobtitle', { direction: 'hubspot_to_thena' })];
    const removed = withSelection(draft, ['email'], fields);
    expect(isDirty(removed, saved)).toBe(true);
    expect(isDirty(withSelection(removed, ['email', 'jobtitle'], fields), saved)).toBe(false);
  });

  it('is dirty when a filter value, the toggle or a policy changes', () => {
    const draft = draftOf(saved);
    const [first] = draft.filters;
    if (first === undefined) throw new Error('no filter');
    expect(isDirty({ ...draft, filters: [{ ...first, value: '@acme.io' }] }, saved)).toBe(true);
    expect(isDirty({ ...draft, enabled: false }, saved)).toBe(true);
    expect(isDirty({ ...draft, deletion: { ...draft.deletion, thenaToHubSpot: 'delete' } }, saved)).toBe(
      true,
    );
  });

  it('keeps locked fields selected and gives new fields an allowed direction', () => {
    const fields = [field('email', { locked: true }), field('seats', { direction: 'thena_to_hubspot' })];
    const next = withSelection(draftOf({ ...saved, fields: [] }), ['seats'], fields);
    expect([...next.fields].sort((a, b) => a.property.localeCompare(b.property))).toEqual([
      { property: 'email', direction: 'both' },
      { property: 'seats', direction: 'hubspot_to_thena' },
    ]);
  });
});
