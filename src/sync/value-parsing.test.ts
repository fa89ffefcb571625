import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  codePointLength,
  formatDay,
  formatDecimal,
  formatInstant,
  isBlank,
  isEmail,
  parseBool,
  parseCalendarDay,
  parseDay,
  parseInstant,
  parseNumber,
  parseTime,
  preview,
  splitMulti,
} from './value-parsing.ts';

const valueOf = <T>(r: { ok: true; value: T } | { ok: false; reason: string }): T | string =>
  r.ok ? r.value : `error: ${r.reason}`;

describe('parseNumber', () => {
  const cases: [string, number | RegExp][] = [
    ['1200.50', 1200.5],
    ['  42 ', 42],
    ['-3', -3],
    ['+7', 7],
    ['.5', 0.5],
    ['5.', 5],
    ['-0', 0],
    ['1e3', 1000],
    ['2.5E-3', 0.0025],
    ['1,000', /thousands separators/],
    ['1.000,50', /thousands separators/],
    ['12;13', /single value/],
    ['', /not a number/],
    ['abc', /not a number/],
    ['0x10', /not a number/],
    ['Infinity', /not a number/],
    ['NaN', /not a number/],
    ['1e999', /too large/],
    ['1 000', /not a number/],
  ];
  it.each(cases)('%j', (text, expected) => {
    const result = parseNumber(text);
    if (typeof expected === 'number') expect(result).toEqual({ ok: true, value: expected });
    else expect(valueOf(result)).toMatch(expected);
  });

  it('reads -0 as 0 so that it compares and formats like zero', () => {
    const result = parseNumber('-0');
    expect(result.ok && Object.is(result.value, 0)).toBe(true);
  });
});

describe('formatDecimal', () => {
  const cases: [number, string][] = [
    [0, '0'],
    [-0, '0'],
    [1200.5, '1200.5'],
    [-42, '-42'],
    [1e21, '1000000000000000000000'],
    [1.5e22, '15000000000000000000000'],
    [1e-7, '0.0000001'],
    [-1.25e-9, '-0.00000000125'],
    [123.456, '123.456'],
    [Number.MAX_SAFE_INTEGER, '9007199254740991'],
  ];
  it.each(cases)('%d -> %s', (n, text) => {
    expect(formatDecimal(n)).toBe(text);
  });

  it('refuses non-finite numbers (a caller bug)', () => {
    expect(() => formatDecimal(Number.NaN)).toThrow();
    expect(() => formatDecimal(Infinity)).toThrow();
  });

  it('never writes an exponent and reads back to the same number', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (n) => {
        const text = formatDecimal(n);
        expect(text).not.toMatch(/e/i);
        expect(parseNumber(text)).toEqual({ ok: true, value: Object.is(n, -0) ? 0 : n });
      }),
    );
  });
});

describe('parseInstant', () => {
  const cases: [string, string | RegExp][] = [
    ['2024-05-01T10:20:30.000Z', '2024-05-01T10:20:30.000Z'],
    ['2024-05-01T10:20:30Z', '2024-05-01T10:20:30.000Z'],
    ['2024-05-01T10:20Z', '2024-05-01T10:20:00.000Z'],
    ['2024-05-01T10:20:30.5Z', '2024-05-01T10:20:30.500Z'],
    ['2024-05-01T10:20:30.123456Z', '2024-05-01T10:20:30.123Z'],
    ['2024-05-01T12:20:30+02:00', '2024-05-01T10:20:30.000Z'],
    ['2024-05-01T05:50:30-0430', '2024-05-01T10:20:30.000Z'],
    ['2024-05-01T10:20:30', '2024-05-01T10:20:30.000Z'],
    ['2024-05-01 10:20:30Z', '2024-05-01T10:20:30.000Z'],
    ['2024-05-01', '2024-05-01T00:00:00.000Z'],
    ['1430438400000', '2015-05-01T00:00:00.000Z'],
    ['0', '1970-01-01T00:00:00.000Z'],
    ['-86400000', '1969-12-31T00:00:00.000Z'],
    ['0099-01-01', '0099-01-01T00:00:00.000Z'],
    ['2024-02-29', '2024-02-29T00:00:00.000Z'],
    ['2023-02-29', /calendar date/],
    ['2024-13-01', /calendar date/],
    ['2024-04-31', /calendar date/],
    ['2024-05-01T24:00:00Z', /time of day/],
    ['2024-05-01T10:60:00Z', /time of day/],
    ['2024-05-01T10:20:30+25:00', /offset/],
    ['0000-01-01', /0001-9999/],
    ['999999999999999', /0001-9999/],
    ['99999999999999', '5138-11-16T09:46:39.999Z'],
    ['May 1, 2024', /not a date-time/],
    ['2024/05/01', /not a date-time/],
  ];
  it.each(cases)('%j', (text, expected) => {
    const result = parseInstant(text);
    if (typeof expected === 'string')
      expect(result.ok ? formatInstant(result.value) : result.reason).toBe(expected);
    else expect(valueOf(result)).toMatch(expected);
  });
});

describe('parseDay', () => {
  it('cuts any instant to its UTC day, including instants before 1970', () => {
    const day = (text: string) => {
      const r = parseDay(text);
      return r.ok ? formatDay(r.value) : r.reason;
    };
    expect(day('2024-05-01')).toBe('2024-05-01');
    expect(day('2024-05-01T23:59:59.999Z')).toBe('2024-05-01');
    expect(day('2024-05-01T23:30:00-02:00')).toBe('2024-05-02');
    expect(day('1430438400000')).toBe('2015-05-01');
    expect(day('-1')).toBe('1969-12-31');
    expect(day('yesterday')).toMatch(/not a date/);
  });

  it('parseCalendarDay accepts only YYYY-MM-DD', () => {
    expect(parseCalendarDay('2024-05-01').ok).toBe(true);
    expect(parseCalendarDay(' 2024-05-01 ').ok).toBe(true);
    expect(parseCalendarDay('2024-05-01T00:00:00Z').ok).toBe(false);
    expect(parseCalendarDay('1430438400000').ok).toBe(false);
    expect(parseCalendarDay('2024-02-30').ok).toBe(false);
  });
});

describe('parseBool', () => {
  it.each([
    ['true', true],
    ['false', false],
    [' TRUE ', true],
    ['False', false],
  ] as const)('%j', (text, expected) => {
    expect(parseBool(text)).toEqual({ ok: true, value: expected });
  });

  it.each(['yes', '1', '0', '', 'truthy'])('refuses %j', (text) => {
    expect(parseBool(text).ok).toBe(false);
  });
});

describe('parseTime', () => {
  it.each([
    ['09:05', '09:05'],
    ['9:05', '09:05'],
    ['23:59', '23:59'],
    ['00:00:00', '00:00'],
  ])('%j -> %j', (text, expected) => {
    expect(parseTime(text)).toEqual({ ok: true, value: expected });
  });

  it.each(['24:00', '12:60', '12:30:15', 'noon', '1230'])('refuses %j', (text) => {
    expect(parseTime(text).ok).toBe(false);
  });
});

describe('splitMulti', () => {
  it.each([
    ['a;b', ['a', 'b']],
    [';a;b', ['a', 'b']],
    ['a;;b;', ['a', 'b']],
    [' a ; b ', ['a', 'b']],
    ['b;a;b', ['b', 'a']],
    [';', []],
    ['', []],
  ])('%j', (raw, expected) => {
    expect(splitMulti(raw)).toEqual(expected);
  });
});

describe('isBlank, isEmail, codePointLength, preview', () => {
  it('isBlank covers null, undefined, empty and whitespace only', () => {
    expect([null, undefined, '', '  \t\n'].every(isBlank)).toBe(true);
    expect(isBlank(' x ')).toBe(false);
  });

  it('isEmail accepts ordinary and unicode addresses and refuses malformed ones', () => {
    expect(isEmail('jane.doe+tag@example.co.uk')).toBe(true);
    expect(isEmail('josé@exämple.com')).toBe(true);
    for (const bad of ['jane', 'jane@', '@example.com', 'jane@example', 'ja ne@example.com', 'a@b@c.com']) {
      expect(isEmail(bad)).toBe(false);
    }
    expect(isEmail(`${'a'.repeat(250)}@x.io`)).toBe(false);
  });

  it('codePointLength counts an emoji as one character', () => {
    expect(codePointLength('abc')).toBe(3);
    expect(codePointLength('😀😀')).toBe(2);
    expect(codePointLength('a\uD800b')).toBe(3);
  });

  it('preview quotes and shortens without splitting an emoji', () => {
    expect(preview('12;13')).toBe('"12;13"');
    expect(preview('😀'.repeat(100), 3)).toBe('"😀😀😀"…');
    expect(preview(['a'])).toBe('"[\\"a\\"]"');
    expect(preview(undefined)).toBe('"undefined"');
  });
});
