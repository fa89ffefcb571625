import { describe, expect, it } from 'vitest';
import {
  THENA_STANDARD_FIELDS,
  describeTarget,
  requiredStandardFields,
  targetFieldType,
  type ThenaStandardField,
} from './thena-fields.ts';

describe('targetFieldType', () => {
  it.each([
    ['firstName', 'single_line'],
    ['email', 'email'],
    ['phoneNumber', 'phone_number'],
    ['primaryDomain', 'single_line'],
    ['description', 'multi_line'],
    ['annualRevenue', 'currency'],
    ['employees', 'integer'],
    ['website', 'url'],
    ['billingAddress', 'multi_line'],
  ] as const)('standard %s follows %s rules', (field, fieldType) => {
    expect(targetFieldType({ kind: 'standard', field })).toBe(fieldType);
  });

  it('is the declared type for a custom field', () => {
    expect(targetFieldType({ kind: 'custom', fieldName: 'Tier', fieldType: 'radio_button' })).toBe(
      'radio_button',
    );
  });

  it('throws on a standard field that does not exist (a bug in the caller)', () => {
    expect(() => targetFieldType({ kind: 'standard', field: 'fax' as ThenaStandardField })).toThrow(/fax/);
  });
});

describe('requiredStandardFields', () => {
  it('names what Thena needs to create a contact or an account', () => {
    expect(requiredStandardFields('contacts')).toEqual(['firstName', 'email']);
    expect(requiredStandardFields('companies')).toEqual(['name', 'primaryDomain']);
  });

  it('covers every standard field exactly once per object', () => {
    expect(Object.keys(THENA_STANDARD_FIELDS.contacts)).toHaveLength(4);
    expect(Object.keys(THENA_STANDARD_FIELDS.companies)).toHaveLength(9);
  });
});

describe('describeTarget', () => {
  it('names standard and custom targets for messages', () => {
    expect(describeTarget({ kind: 'standard', field: 'email' })).toBe('Thena field email');
    expect(describeTarget({ kind: 'custom', fieldName: 'Phone', fieldType: 'phone_number' })).toBe(
      'Thena custom field "Phone" (phone_number)',
    );
  });
});
