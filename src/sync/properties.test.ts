import { describe, expect, it } from 'vitest';
import { P, property } from './hubspot-fixtures.testing.ts';
import {
  hasClosedOptions,
  isMultiValue,
  isReadOnly,
  propertiesByName,
  valueKind,
  type HubSpotProperty,
  type ValueKind,
} from './properties.ts';

describe('valueKind', () => {
  const cases: [string, Partial<HubSpotProperty>, ValueKind][] = [
    ['single-line text', { type: 'string', fieldType: 'text' }, 'text'],
    ['textarea', { type: 'string', fieldType: 'textarea' }, 'long_text'],
    ['rich text', { type: 'string', fieldType: 'html' }, 'html'],
    ['string phone field', { type: 'string', fieldType: 'phonenumber' }, 'phone'],
    ['phone_number type', { type: 'phone_number', fieldType: 'phonenumber' }, 'phone'],
    ['text with email hint', { type: 'string', fieldType: 'text', textDisplayHint: 'email' }, 'email'],
    ['file', { type: 'string', fieldType: 'file' }, 'file'],
    ['number', { type: 'number', fieldType: 'number' }, 'number'],
    ['date', { type: 'date', fieldType: 'date' }, 'date'],
    ['datetime', { type: 'datetime', fieldType: 'date' }, 'datetime'],
    ['bool', { type: 'bool', fieldType: 'booleancheckbox' }, 'bool'],
    ['single checkbox enumeration', { type: 'enumeration', fieldType: 'booleancheckbox' }, 'bool'],
    ['dropdown', { type: 'enumeration', fieldType: 'select' }, 'single_choice'],
    ['radio', { type: 'enumeration', fieldType: 'radio' }, 'radio'],
    ['multi-checkbox', { type: 'enumeration', fieldType: 'checkbox' }, 'multi_choice'],
    ['calculated number', { type: 'number', fieldType: 'calculation_equation' }, 'number'],
    ['calculated bool', { type: 'bool', fieldType: 'calculation_equation' }, 'bool'],
    ['calculated enumeration', { type: 'enumeration', fieldType: 'calculation_equation' }, 'single_choice'],
    ['calculated string', { type: 'string', fieldType: 'calculation_equation' }, 'text'],
    ['internal json type', { type: 'json', fieldType: 'text' }, 'text'],
    ['internal coordinates type', { type: 'object_coordinates', fieldType: 'text' }, 'text'],
    ['unknown future field type', { type: 'string', fieldType: 'signature' }, 'text'],
  ];
  it.each(cases)('%s', (_, shape, kind) => {
    expect(valueKind(property({ name: 'custom_prop', ...shape }))).toBe(kind);
  });

  it('treats the contact email property as an email although HubSpot types it as text', () => {
    expect(valueKind(P.email)).toBe('email');
    expect(valueKind(property({ name: 'email_notes' }))).toBe('text');
  });
});

describe('isReadOnly', () => {
  const cases: [string, HubSpotProperty, boolean][] = [
    ['a plain custom property', P.amount, false],
    ['readOnlyValue from modificationMetadata', property({ name: 'x', readOnlyValue: true }), true],
    ['calculated flag', property({ name: 'x', calculated: true }), true],
    [
      'calculation field type without the flag',
      property({ name: 'x', fieldType: 'calculation_equation' }),
      true,
    ],
    ['system property without metadata', property({ name: 'hs_object_id', type: 'number' }), true],
    ['createdate', P.createdate, true],
    ['lastmodifieddate', property({ name: 'lastmodifieddate', type: 'datetime' }), true],
    ['a HubSpot-defined writable property', P.firstname, false],
  ];
  it.each(cases)('%s', (_, p, expected) => {
    expect(isReadOnly(p)).toBe(expected);
  });
});

describe('isMultiValue', () => {
  it('is true only for enumeration checkboxes', () => {
    expect(isMultiValue(P.tags)).toBe(true);
    expect(isMultiValue(P.tier)).toBe(false);
    expect(isMultiValue(P.optIn)).toBe(false);
    expect(isMultiValue(property({ name: 'x', type: 'string', fieldType: 'checkbox' }))).toBe(false);
  });
});

describe('hasClosedOptions', () => {
  it('is true for choices with their own option list', () => {
    expect(hasClosedOptions(P.tier)).toBe(true);
    expect(hasClosedOptions(P.tags)).toBe(true);
  });

  it('is false for owner-like properties, option-less enumerations and non-choices', () => {
    expect(hasClosedOptions(P.owner)).toBe(false);
    expect(hasClosedOptions(property({ name: 'x', type: 'enumeration', fieldType: 'select' }))).toBe(false);
    expect(hasClosedOptions(P.optIn)).toBe(false);
    expect(hasClosedOptions(P.firstname)).toBe(false);
  });
});

describe('propertiesByName', () => {
  it('indexes by name, the last definition winning', () => {
    const byName = propertiesByName([P.amount, { ...P.amount, label: 'Renamed' }, P.tags]);
    expect([...byName.keys()]).toEqual(['amount', 'tags']);
    expect(byName.get('amount')?.label).toBe('Renamed');
  });
});
