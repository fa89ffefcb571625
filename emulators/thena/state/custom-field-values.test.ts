import { describe, expect, it } from 'vitest';
import type { CustomFieldRecord, FieldType } from './custom-fields.ts';
import { valueProblem } from './custom-field-values.ts';

function field(fieldType: FieldType): CustomFieldRecord {
  return {
    uid: 'F1',
    name: 'Field',
    slug: 'field',
    source: 'account',
    fieldType,
    options: ['Gold', 'Silver'].map((value, order) => ({ id: `O${order}`, value, order })),
    description: null,
    isActive: true,
    metadata: {},
    defaultValue: null,
    teamId: null,
    placeholderText: null,
    hintText: null,
    mandatoryOnCreation: false,
    mandatoryOnClose: false,
    visibleToCustomer: false,
    editableByCustomer: false,
    autoAddToAllForms: false,
    createdAt: 0,
    updatedAt: 0,
  };
}

/** [type, a canonical value, values that must be refused] */
const CASES: [FieldType, unknown, unknown[]][] = [
  ['single_line', 'text', [1, 'x'.repeat(256), ['text']]],
  ['multi_line', 'a\nb', [true]],
  ['rich_text', '<b>x</b>', [{}]],
  ['email', 'a@b.co', ['a@b', 5]],
  ['phone_number', '+1 (555) 010-0100', ['call me', 15550100]],
  ['url', 'https://acme.com', ['acme.com', 'ftp://acme.com']],
  ['integer', -7, [1.5, '7']],
  ['decimal', 1.25, ['1.25', Number.NaN]],
  ['currency', 10, ['$10', Infinity]],
  ['date', '2024-02-29', ['2023-02-29', '2024-02-29T00:00:00Z', 20240229]],
  ['date_time', '2024-02-29T10:20:30.000Z', ['2024-02-29', '2024-02-29T10:20:30', 'soon']],
  ['time', '23:59', ['24:00', '9:30', '09:30:00']],
  ['single_choice', 'Gold', ['Bronze', ['Gold']]],
  ['radio_button', 'Silver', ['silver']],
  ['multi_choice', ['Gold', 'Silver'], ['Gold', ['Gold', 'Bronze']]],
  ['checkbox', false, ['true', 1]],
  ['toggle', true, ['yes']],
  ['boolean', true, [0]],
];

describe('valueProblem', () => {
  it.each(CASES)('accepts the canonical %s value and refuses others', (fieldType, good, bad) => {
    expect(valueProblem(field(fieldType), good)).toBeUndefined();
    for (const value of bad) expect(valueProblem(field(fieldType), value)).toEqual(expect.any(String));
  });

  it('names the offending options', () => {
    expect(valueProblem(field('multi_choice'), ['Gold', 'Bronze'])).toBe(
      'expects options from [Gold, Silver]; got unknown [Bronze]',
    );
  });
});
