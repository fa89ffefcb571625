import { describe, expect, it } from 'vitest';
import { P, property } from './hubspot-fixtures.testing.ts';
import {
  customFieldName,
  defaultSelectedFields,
  isLockedField,
  isStandardProperty,
  lockedFields,
  targetFor,
} from './standard-fields.ts';

describe('locked and default fields', () => {
  it('locks first name, last name, email and phone for contacts', () => {
    expect(lockedFields('contacts')).toEqual(['firstname', 'lastname', 'email', 'phone']);
    expect(defaultSelectedFields('contacts')).toEqual(lockedFields('contacts'));
  });

  it('locks name, domain and phone for companies and preselects the fields with a Thena home', () => {
    expect(lockedFields('companies')).toEqual(['name', 'domain', 'phone']);
    expect(defaultSelectedFields('companies')).toEqual([
      'name',
      'domain',
      'phone',
      'website',
      'description',
      'numberofemployees',
      'annualrevenue',
      'address',
    ]);
  });

  it('tells locked and standard properties apart per object', () => {
    expect(isLockedField('contacts', 'email')).toBe(true);
    expect(isLockedField('companies', 'email')).toBe(false);
    expect(isLockedField('companies', 'website')).toBe(false);
    expect(isStandardProperty('companies', 'website')).toBe(true);
    expect(isStandardProperty('contacts', 'website')).toBe(false);
  });
});

describe('targetFor', () => {
  it.each([
    ['contacts', 'firstname', 'firstName'],
    ['contacts', 'lastname', 'lastName'],
    ['contacts', 'email', 'email'],
    ['contacts', 'phone', 'phoneNumber'],
    ['companies', 'name', 'name'],
    ['companies', 'domain', 'primaryDomain'],
    ['companies', 'website', 'website'],
    ['companies', 'description', 'description'],
    ['companies', 'numberofemployees', 'employees'],
    ['companies', 'annualrevenue', 'annualRevenue'],
    ['companies', 'address', 'billingAddress'],
  ] as const)('%s %s -> standard %s', (objectType, name, field) => {
    expect(targetFor(objectType, property({ name }))).toEqual({ kind: 'standard', field });
  });

  it('gives the company phone a custom phone field, since Thena accounts have none', () => {
    expect(targetFor('companies', P.phone)).toEqual({
      kind: 'custom',
      fieldName: 'Phone',
      fieldType: 'phone_number',
    });
  });

  it('maps a contact website (no Thena contact field) to a custom field', () => {
    const website = property({ name: 'website', label: 'Website URL' });
    expect(targetFor('contacts', website)).toEqual({
      kind: 'custom',
      fieldName: 'Website URL',
      fieldType: 'single_line',
    });
  });

  it('creates choice fields with every option value, hidden ones included', () => {
    expect(targetFor('contacts', P.tier)).toEqual({
      kind: 'custom',
      fieldName: 'Tier',
      fieldType: 'single_choice',
      options: ['gold', 'silver', 'bronze'],
    });
    expect(targetFor('contacts', P.tags)).toMatchObject({
      fieldType: 'multi_choice',
      options: ['alpha', 'beta', 'gamma'],
    });
  });

  it('gives no option list to owner-like properties, whose options live elsewhere', () => {
    expect(targetFor('contacts', P.owner)).toEqual({
      kind: 'custom',
      fieldName: 'Contact owner',
      fieldType: 'single_line',
    });
  });

  it('names custom fields by label, falling back to the property name', () => {
    expect(customFieldName(property({ name: 'x_score', label: '  Health score ' }))).toBe('Health score');
    expect(customFieldName(property({ name: 'x_score', label: '  ' }))).toBe('x_score');
  });
});
