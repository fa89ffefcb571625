import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ThenaFieldType, ThenaValue } from './thena-fields.ts';
import { canonical, coerceThenaValue, fingerprint, valuesEqual } from './thena-values.ts';

describe('coerceThenaValue', () => {
  const accepted: [ThenaFieldType, unknown, ThenaValue][] = [
    ['single_line', 'Hello 👋', 'Hello 👋'],
    ['single_line', '  padded  ', '  padded  '],
    ['single_line', 42, '42'],
    ['multi_line', 'line 1\nline 2', 'line 1\nline 2'],
    ['rich_text', '<p>Hi</p>', '<p>Hi</p>'],
    ['email', ' jane@example.com ', 'jane@example.com'],
    ['phone_number', '+1 (555) 010-2030', '+1 (555) 010-2030'],
    ['url', 'example.com/path', 'example.com/path'],
    ['time', '9:05', '09:05'],
    ['integer', 12, 12],
    ['integer', '12', 12],
    ['integer', -0, 0],
    ['decimal', 1200.5, 1200.5],
    ['decimal', '1200.50', 1200.5],
    ['currency', '1e3', 1000],
    ['date', '2024-05-01', '2024-05-01'],
    ['date', '2024-05-01T23:00:00.000Z', '2024-05-01'],
    ['date_time', '2024-05-01T10:20:30Z', '2024-05-01T10:20:30.000Z'],
    ['date_time', '2024-05-01', '2024-05-01T00:00:00.000Z'],
    ['checkbox', true, true],
    ['checkbox', 'false', false],
    ['single_choice', ' gold ', 'gold'],
    ['radio_button', 'lead', 'lead'],
    ['multi_choice', ['b', 'a', 'b', ' '], ['b', 'a']],
    ['multi_choice', 'a;b', ['a', 'b']],
    ['multi_choice', [], null],
    ['single_line', '', null],
    ['single_line', '   ', null],
    ['decimal', null, null],
    ['checkbox', undefined, null],
  ];
  it.each(accepted)('%s accepts %j', (fieldType, value, expected) => {
    expect(coerceThenaValue(value, fieldType)).toEqual({ ok: true, value: expected });
  });

  const refused: [ThenaFieldType, unknown, string][] = [
    ['integer', 12.5, 'invalid_number'],
    ['integer', 2 ** 60, 'invalid_number'],
    ['decimal', '12;13', 'invalid_number'],
    ['decimal', Number.NaN, 'invalid_number'],
    ['currency', true, 'invalid_number'],
    ['date', '2024-02-30', 'invalid_date'],
    ['date', 'tomorrow', 'invalid_date'],
    ['date_time', 'soon', 'invalid_datetime'],
    ['checkbox', 'yes', 'invalid_bool'],
    ['checkbox', 1, 'invalid_bool'],
    ['email', 'not-an-email', 'invalid_email'],
    ['time', '25:00', 'invalid_time'],
    ['single_line', 'x'.repeat(256), 'value_too_long'],
    ['single_line', { a: 1 }, 'invalid_value'],
    ['multi_choice', [1, 2], 'invalid_value'],
    ['multi_line', 'x'.repeat(32_769), 'value_too_long'],
  ];
  it.each(refused)('%s refuses %j with %s', (fieldType, value, code) => {
    const result = coerceThenaValue(value, fieldType);
    expect(result.ok ? 'ok' : result.code).toBe(code);
  });

  it('counts length in characters: 255 emoji fit a single line, 256 do not', () => {
    expect(coerceThenaValue('😀'.repeat(255), 'single_line')).toEqual({ ok: true, value: '😀'.repeat(255) });
    const tooLong = coerceThenaValue('😀'.repeat(256), 'single_line');
    expect(tooLong.ok ? '' : tooLong.message).toMatch(/256 characters.*at most 255/);
  });

  it('keeps a too-long value out of the message', () => {
    const result = coerceThenaValue('y'.repeat(40_000), 'rich_text');
    expect(result.ok ? '' : result.message.length).toBeLessThan(200);
  });
});

describe('canonical and valuesEqual', () => {
  it.each([
    ['multi_choice', ['b', 'a'], ['a', 'b'], true],
    ['multi_choice', ['a', 'a'], 'a', true],
    ['multi_choice', [], null, true],
    ['multi_choice', ['a'], ['a', 'b'], false],
    ['decimal', 1200.5, '1200.50', true],
    ['decimal', 1, 2, false],
    ['date_time', '2024-05-01T12:00:00+02:00', '2024-05-01T10:00:00.000Z', true],
    ['date', '2024-05-01', '2024-05-02', false],
    ['single_line', '', null, true],
    ['single_line', 'A', 'a', false],
    ['checkbox', 'true', true, true],
  ] as [ThenaFieldType, ThenaValue, ThenaValue, boolean][])(
    '%s: %j vs %j -> %s',
    (fieldType, a, b, equal) => {
      expect(valuesEqual(a, b, fieldType)).toBe(equal);
    },
  );

  it('leaves a value that does not coerce as it is, so it still compares unequal to valid ones', () => {
    expect(canonical('abc', 'decimal')).toBe('abc');
    expect(valuesEqual('abc', 0, 'decimal')).toBe(false);
  });
});

describe('fingerprint', () => {
  it('is a sha256 hex digest', () => {
    expect(fingerprint({ a: 'x' })).toMatch(/^[0-9a-f]{64}$/);
  });

  it('ignores key order, list order, repeats and blank-versus-null', () => {
    const a = fingerprint({ name: 'Acme', tags: ['b', 'a'], note: '', list: [] });
    const b = fingerprint({ list: null, note: null, tags: ['a', 'b', 'a'], name: 'Acme' });
    expect(a).toBe(b);
  });

  it('tells apart values that differ, including types and absent-versus-null', () => {
    const base = { n: 1, s: 'x', b: true };
    const variants = [
      { ...base, n: 2 },
      { ...base, s: 'X' },
      { ...base, b: false },
      { ...base, n: '1' },
      { ...base, extra: null },
      { n: 1, s: 'x' },
    ];
    for (const variant of variants) expect(fingerprint(variant)).not.toBe(fingerprint(base));
  });

  it('does not depend on insertion order for any record', () => {
    const value = fc.oneof(
      fc.string(),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.boolean(),
      fc.constant(null),
      fc.array(fc.string()),
    );
    fc.assert(
      fc.property(fc.dictionary(fc.string(), value), (record) => {
        const reversed = Object.fromEntries(Object.entries(record).reverse()) as Record<string, ThenaValue>;
        expect(fingerprint(reversed)).toBe(fingerprint(record));
      }),
    );
  });
});
