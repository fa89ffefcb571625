import { describe, expect, it } from 'vitest';
import {
  MAX_SELECTED_FIELDS,
  allowedDirections,
  defaultDirection,
  defaultFieldSelection,
  validateFieldSelection,
  withLockedFields,
  writesToHubSpot,
  writesToThena,
  type FieldSelectionInput,
} from './field-config.ts';
import { ALL_PROPERTIES, P, property } from './hubspot-fixtures.testing.ts';
import { propertiesByName } from './properties.ts';

const companyProperties = propertiesByName([
  property({ name: 'name' }),
  property({ name: 'domain' }),
  property({ name: 'phone', fieldType: 'phonenumber' }),
  property({ name: 'website' }),
  property({
    name: 'industry',
    type: 'enumeration',
    fieldType: 'select',
    options: [{ label: 'Tech', value: 'tech' }],
  }),
]);

describe('defaults', () => {
  it('syncs standard contact fields both ways and the rest HubSpot -> Thena', () => {
    expect(defaultFieldSelection('contacts')).toEqual([
      { property: 'firstname', direction: 'both' },
      { property: 'lastname', direction: 'both' },
      { property: 'email', direction: 'both' },
      { property: 'phone', direction: 'both' },
    ]);
    expect(defaultDirection('contacts', 'lifecyclestage')).toBe('hubspot_to_thena');
  });

  it('syncs company standard fields both ways too', () => {
    const selection = defaultFieldSelection('companies');
    expect(selection.every((s) => s.direction === 'both')).toBe(true);
    expect(selection.map((s) => s.property)).toContain('annualrevenue');
    expect(defaultDirection('companies', 'industry')).toBe('hubspot_to_thena');
  });

  it('reads directions', () => {
    expect([writesToThena('hubspot_to_thena'), writesToHubSpot('hubspot_to_thena')]).toEqual([true, false]);
    expect([writesToThena('thena_to_hubspot'), writesToHubSpot('thena_to_hubspot')]).toEqual([false, true]);
    expect([writesToThena('both'), writesToHubSpot('both')]).toEqual([true, true]);
  });
});

describe('withLockedFields', () => {
  it('puts missing locked fields back in front and keeps the rest as chosen', () => {
    const chosen = [
      { property: 'lifecyclestage', direction: 'hubspot_to_thena' as const },
      { property: 'email', direction: 'hubspot_to_thena' as const },
    ];
    expect(withLockedFields(chosen, 'contacts')).toEqual([
      { property: 'firstname', direction: 'both' },
      { property: 'lastname', direction: 'both' },
      { property: 'phone', direction: 'both' },
      { property: 'lifecyclestage', direction: 'hubspot_to_thena' },
      { property: 'email', direction: 'hubspot_to_thena' },
    ]);
  });

  it('changes nothing when every locked field is present', () => {
    const selection = defaultFieldSelection('companies');
    expect(withLockedFields(selection, 'companies')).toEqual(selection);
  });
});

describe('allowedDirections', () => {
  it('allows every direction for a writable property', () => {
    expect(allowedDirections('contacts', P.tier)).toEqual(['hubspot_to_thena', 'thena_to_hubspot', 'both']);
  });

  it.each([
    ['calculated', P.score],
    ['system-maintained', P.createdate],
    ['file', P.contract],
    ['owner shown as text', P.owner],
  ])('allows only HubSpot -> Thena for a %s property', (_, p) => {
    expect(allowedDirections('contacts', p)).toEqual(['hubspot_to_thena']);
  });
});

describe('validateFieldSelection', () => {
  const validate = (selection: FieldSelectionInput[]) =>
    validateFieldSelection(selection, ALL_PROPERTIES, 'contacts');

  it('accepts the defaults and a mix of directions', () => {
    expect(validate(defaultFieldSelection('contacts'))).toEqual([]);
    expect(
      validate([
        { property: 'tags', direction: 'both' },
        { property: 'score', direction: 'hubspot_to_thena' },
        { property: 'email', direction: 'thena_to_hubspot' },
      ]),
    ).toEqual([]);
  });

  it('does not ask for locked fields: they are re-added, not refused', () => {
    expect(validate([{ property: 'amount', direction: 'hubspot_to_thena' }])).toEqual([]);
  });

  it('names the field, the path and the problem', () => {
    const problems = validate([
      { property: 'amount', direction: 'hubspot_to_thena' },
      { property: 'no_such_prop', direction: 'hubspot_to_thena' },
      { property: 'amount', direction: 'both' },
      { property: 'score', direction: 'both' },
      { property: 'createdate', direction: 'thena_to_hubspot' },
      { property: 'contract', direction: 'both' },
      { property: 'tier', direction: 'sideways' },
    ]);
    expect(problems).toEqual([
      {
        index: 1,
        path: 'fields/1/property',
        code: 'unknown_property',
        message: 'Field 2 (no_such_prop): is not a HubSpot contacts property',
      },
      {
        index: 2,
        path: 'fields/2/property',
        code: 'duplicate_field',
        message: 'Field 3 (amount): is selected twice (also field 1)',
      },
      {
        index: 3,
        path: 'fields/3/direction',
        code: 'read_only_property',
        message: expect.stringMatching(/^Field 4 \(score\): is read-only in HubSpot/) as string,
      },
      {
        index: 4,
        path: 'fields/4/direction',
        code: 'read_only_property',
        message: expect.stringMatching(/^Field 5 \(createdate\)/) as string,
      },
      {
        index: 5,
        path: 'fields/5/direction',
        code: 'one_way_only',
        message: expect.stringMatching(
          /^Field 6 \(contract\): a file property cannot be written back/,
        ) as string,
      },
      {
        index: 6,
        path: 'fields/6/direction',
        code: 'unknown_direction',
        message: 'Field 7 (tier): "sideways" is not one of hubspot_to_thena, thena_to_hubspot, both',
      },
    ]);
  });

  it('does not refuse a locked field missing from an incomplete property list', () => {
    const problems = validateFieldSelection(
      [{ property: 'phone', direction: 'both' }],
      new Map(),
      'contacts',
    );
    expect(problems).toEqual([]);
  });

  it('validates against the object type given', () => {
    const problems = validateFieldSelection(
      [{ property: 'industry', direction: 'both' }],
      companyProperties,
      'companies',
    );
    expect(problems).toEqual([]);
    const onContacts = validateFieldSelection(
      [{ property: 'industry', direction: 'both' }],
      ALL_PROPERTIES,
      'contacts',
    );
    expect(onContacts.map((p) => p.code)).toEqual(['unknown_property']);
  });

  it(`refuses more than ${MAX_SELECTED_FIELDS} fields, counting locked ones`, () => {
    const many = Array.from({ length: MAX_SELECTED_FIELDS }, (_, i) => property({ name: `p${i}` }));
    const properties = propertiesByName(many);
    const selection = many.map((p) => ({ property: p.name, direction: 'hubspot_to_thena' }));
    const problems = validateFieldSelection(selection, properties, 'contacts');
    expect(problems).toEqual([
      {
        index: null,
        path: 'fields',
        code: 'too_many_fields',
        message: `${MAX_SELECTED_FIELDS + 4} fields are selected; at most ${MAX_SELECTED_FIELDS} can be synced`,
      },
    ]);
    const fewer = selection.slice(0, MAX_SELECTED_FIELDS - 4);
    expect(validateFieldSelection(fewer, properties, 'contacts')).toEqual([]);
  });
});
