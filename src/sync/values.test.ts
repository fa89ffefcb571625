import { describe, expect, it } from 'vitest';
import { P, property } from './hubspot-fixtures.testing.ts';
import type { HubSpotProperty, ValueKind } from './properties.ts';
import { targetFor } from './standard-fields.ts';
import type { ThenaFieldType, ThenaTarget, ThenaValue } from './thena-fields.ts';
import { conversionSupport, thenaFieldTypeFor, toHubSpot, toThena, type Conversion } from './values.ts';

const custom = (fieldType: ThenaFieldType, options?: string[]): ThenaTarget =>
  options === undefined
    ? { kind: 'custom', fieldName: 'Field', fieldType }
    : { kind: 'custom', fieldName: 'Field', fieldType, options };
const natural = (p: HubSpotProperty): ThenaTarget => targetFor('contacts', p);
const outcome = <T>(result: Conversion<T>): T | { error: string } =>
  result.ok ? result.value : { error: result.code };

describe('thenaFieldTypeFor', () => {
  it.each(
    [
      [P.firstname, 'single_line'],
      [P.notes, 'multi_line'],
      [P.bio, 'rich_text'],
      [P.phone, 'phone_number'],
      [P.email, 'email'],
      [P.workEmail, 'email'],
      [P.amount, 'decimal'],
      [P.revenue, 'currency'],
      [P.renewal, 'date'],
      [P.lastSeen, 'date_time'],
      [P.vip, 'checkbox'],
      [P.optIn, 'checkbox'],
      [P.tier, 'single_choice'],
      [P.stage, 'radio_button'],
      [P.tags, 'multi_choice'],
      [P.contract, 'url'],
      [P.score, 'decimal'],
      [P.geo, 'single_line'],
      [P.owner, 'single_line'],
    ].map(([p, type]) => [(p as HubSpotProperty).name, p, type]) as [
      string,
      HubSpotProperty,
      ThenaFieldType,
    ][],
  )('%s -> %s', (_, p, fieldType) => {
    expect(thenaFieldTypeFor(p)).toBe(fieldType);
  });
});

describe('conversionSupport', () => {
  it.each([
    ['text', 'single_line', 'two_way'],
    ['text', 'email', 'two_way'],
    ['number', 'integer', 'two_way'],
    ['date', 'date_time', 'two_way'],
    ['datetime', 'date', 'two_way'],
    ['radio', 'single_choice', 'two_way'],
    ['number', 'single_line', 'to_thena_only'],
    ['multi_choice', 'multi_line', 'to_thena_only'],
    ['file', 'url', 'to_thena_only'],
    ['text', 'decimal', 'none'],
    ['bool', 'multi_choice', 'none'],
    ['multi_choice', 'single_choice', 'none'],
  ] as [ValueKind, ThenaFieldType, string][])('%s -> %s is %s', (kind, fieldType, support) => {
    expect(conversionSupport(kind, fieldType)).toBe(support);
  });
});

describe('toThena on the natural target of each kind', () => {
  const cases: [string, HubSpotProperty, string | null | undefined, ThenaValue | { error: string }][] = [
    ['text keeps unicode and spacing', P.firstname, '  Zoë 👩‍💻 ', '  Zoë 👩‍💻 '],
    ['text: empty string is null', P.firstname, '', null],
    ['text: whitespace only is null', P.firstname, '   ', null],
    ['text: null', P.firstname, null, null],
    ['text: missing', P.firstname, undefined, null],
    ['long text keeps newlines', P.notes, 'a\r\nb', 'a\r\nb'],
    ['html is kept as markup', P.bio, '<b>bold</b>', '<b>bold</b>'],
    ['phone is free text', P.phone, '+49 30 1234-5', '+49 30 1234-5'],
    ['email is trimmed', P.email, ' jane@example.com ', 'jane@example.com'],
    ['email: malformed', P.email, 'jane@', { error: 'invalid_email' }],
    ['number with trailing zero', P.amount, '1200.50', 1200.5],
    ['number in exponent form', P.amount, '1e3', 1000],
    ['negative number', P.amount, '-0.25', -0.25],
    ['number: two values', P.amount, '12;13', { error: 'invalid_number' }],
    ['number: thousands separator', P.amount, '1,000', { error: 'invalid_number' }],
    ['number: words', P.amount, 'n/a', { error: 'invalid_number' }],
    ['currency number', P.revenue, '99.99', 99.99],
    ['date as YYYY-MM-DD', P.renewal, '2024-05-01', '2024-05-01'],
    ['date as epoch ms at midnight UTC', P.renewal, '1430438400000', '2015-05-01'],
    ['date as ISO', P.renewal, '2024-05-01T00:00:00.000Z', '2024-05-01'],
    ['date: Feb 29 of a leap year', P.renewal, '2024-02-29', '2024-02-29'],
    ['date: not a calendar day', P.renewal, '2023-02-29', { error: 'invalid_date' }],
    ['datetime as ISO', P.lastSeen, '2024-05-01T10:20:30Z', '2024-05-01T10:20:30.000Z'],
    ['datetime with offset', P.lastSeen, '2024-05-01T12:20:30+02:00', '2024-05-01T10:20:30.000Z'],
    ['datetime as epoch ms', P.lastSeen, '1714558830000', '2024-05-01T10:20:30.000Z'],
    ['datetime: garbage', P.lastSeen, 'last tuesday', { error: 'invalid_datetime' }],
    ['bool true', P.vip, 'true', true],
    ['bool false', P.vip, 'false', false],
    ['single checkbox enumeration', P.optIn, 'true', true],
    ['bool: other text', P.vip, 'yes', { error: 'invalid_bool' }],
    ['select option', P.tier, 'gold', 'gold'],
    ['select: hidden option still valid', P.tier, 'bronze', 'bronze'],
    ['select: unknown option', P.tier, 'platinum', { error: 'unknown_option' }],
    ['select: option case matters', P.tier, 'Gold', { error: 'unknown_option' }],
    ['radio option', P.stage, 'customer', 'customer'],
    ['owner ids are not checked against options', P.owner, '12345', '12345'],
    ['multi checkbox', P.tags, 'alpha;gamma', ['alpha', 'gamma']],
    ["multi checkbox: HubSpot's append syntax", P.tags, ';alpha;beta', ['alpha', 'beta']],
    ['multi checkbox: empty segments and repeats', P.tags, 'alpha;;alpha;beta;', ['alpha', 'beta']],
    ['multi checkbox: only separators is empty', P.tags, ';;', null],
    ['multi checkbox: unknown option', P.tags, 'alpha;delta', { error: 'unknown_option' }],
    [
      'file reference as a link',
      P.contract,
      'https://files.example.com/1.pdf',
      'https://files.example.com/1.pdf',
    ],
    ['calculated number', P.score, '7', 7],
    ['internal type as text', P.geo, '52.5,13.4', '52.5,13.4'],
  ];
  it.each(cases)('%s', (_, p, raw, expected) => {
    expect(outcome(toThena(p, raw, natural(p)))).toEqual(expected);
  });

  it('names the property and the value in error messages', () => {
    const result = toThena(P.amount, '12;13', natural(P.amount));
    expect(result.ok ? '' : result.message).toBe(
      'amount: "12;13" is not a number (a number holds a single value)',
    );
    const option = toThena(P.tier, 'platinum', natural(P.tier));
    expect(option.ok ? '' : option.message).toMatch(
      /tier: "platinum" is not one of its options \(gold, silver, bronze\)/,
    );
  });
});

describe('toThena on other targets', () => {
  it.each([
    ['number into integer', P.employees, '250', custom('integer'), 250],
    ['fraction into integer', P.employees, '12.5', custom('integer'), { error: 'invalid_number' }],
    [
      'date property into date_time',
      P.renewal,
      '2024-05-01',
      custom('date_time'),
      '2024-05-01T00:00:00.000Z',
    ],
    [
      'datetime property into date (UTC day)',
      P.lastSeen,
      '2024-05-01T23:30:00Z',
      custom('date'),
      '2024-05-01',
    ],
    ['number shown as text', P.amount, '1200.50', custom('single_line'), '1200.5'],
    ['date shown as text', P.renewal, '1430438400000', custom('single_line'), '2015-05-01'],
    ['bool shown as text', P.vip, 'TRUE', custom('multi_line'), 'true'],
    ['multi checkbox shown as text', P.tags, ';beta;alpha', custom('single_line'), 'beta;alpha'],
    ['radio into single choice', P.stage, 'lead', custom('single_choice'), 'lead'],
    ['text into time', P.firstname, '9:30', custom('time'), '09:30'],
    ['text into time: not a time', P.firstname, 'morning', custom('time'), { error: 'invalid_time' }],
    ['text into email', P.firstname, 'a@b.io', custom('email'), 'a@b.io'],
    [
      'option the Thena field lacks',
      P.tier,
      'silver',
      custom('single_choice', ['gold']),
      { error: 'unknown_option' },
    ],
    ['option the Thena field has', P.tier, 'gold', custom('single_choice', ['gold']), 'gold'],
    ['owner id into a choice field is not checked', P.owner, '123', custom('single_choice'), '123'],
    [
      'multi option the Thena field lacks',
      P.tags,
      'alpha;beta',
      custom('multi_choice', ['alpha']),
      { error: 'unknown_option' },
    ],
    ['text into a number field', P.firstname, '12', custom('decimal'), { error: 'incompatible_types' }],
    [
      'multi checkbox into single choice',
      P.tags,
      'alpha',
      custom('single_choice'),
      { error: 'incompatible_types' },
    ],
    ['incompatible even when empty', P.firstname, '', custom('checkbox'), { error: 'incompatible_types' }],
  ] as [string, HubSpotProperty, string, ThenaTarget, ThenaValue | { error: string }][])(
    '%s',
    (_, p, raw, target, expected) => {
      expect(outcome(toThena(p, raw, target))).toEqual(expected);
    },
  );

  it('enforces Thena lengths without truncating: 255 for single line, 32,768 for long text', () => {
    const line = natural(P.firstname);
    expect(outcome(toThena(P.firstname, 'x'.repeat(255), line))).toBe('x'.repeat(255));
    expect(outcome(toThena(P.firstname, 'x'.repeat(256), line))).toEqual({ error: 'value_too_long' });
    const long = natural(P.notes);
    expect(outcome(toThena(P.notes, 'x'.repeat(32_768), long))).toBe('x'.repeat(32_768));
    expect(outcome(toThena(P.notes, 'x'.repeat(32_769), long))).toEqual({ error: 'value_too_long' });
    expect(outcome(toThena(P.bio, '<p>'.repeat(11_000), natural(P.bio)))).toEqual({
      error: 'value_too_long',
    });
  });
});

describe('toHubSpot', () => {
  const cases: [string, HubSpotProperty, ThenaValue, string | { error: string }][] = [
    ['text', P.firstname, 'Zoë 👩‍💻', 'Zoë 👩‍💻'],
    ['null clears with an empty string', P.firstname, null, ''],
    ['blank text clears', P.firstname, '  ', ''],
    ['email trimmed', P.email, ' jane@example.com', 'jane@example.com'],
    ['email: malformed', P.email, 'jane', { error: 'invalid_email' }],
    ['number as plain decimal', P.amount, 1200.5, '1200.5'],
    ['huge number without exponent', P.amount, 1e21, '1000000000000000000000'],
    ['tiny number without exponent', P.amount, 1e-7, '0.0000001'],
    ['numeric string from a loose API', P.amount, '42.0', '42'],
    ['number: not numeric', P.amount, 'lots', { error: 'invalid_number' }],
    ['currency', P.revenue, 99.99, '99.99'],
    ['date', P.renewal, '2024-05-01', '2024-05-01'],
    ['date given as date-time keeps its UTC day', P.renewal, '2024-05-01T22:00:00Z', '2024-05-01'],
    ['date: invalid', P.renewal, '2024-02-30', { error: 'invalid_date' }],
    ['datetime', P.lastSeen, '2024-05-01T12:20:30+02:00', '2024-05-01T10:20:30.000Z'],
    ['datetime given as a date is midnight UTC', P.lastSeen, '2024-05-01', '2024-05-01T00:00:00.000Z'],
    ['bool true', P.vip, true, 'true'],
    ['bool false', P.optIn, false, 'false'],
    ['bool: not a boolean', P.vip, 'maybe', { error: 'invalid_bool' }],
    ['select', P.tier, 'silver', 'silver'],
    ['select: unknown option', P.tier, 'platinum', { error: 'unknown_option' }],
    ['radio', P.stage, 'lead', 'lead'],
    ['owner id shown as text is not written back', P.owner, '987', { error: 'one_way_only' }],
    ['multi checkbox', P.tags, ['gamma', 'alpha'], 'gamma;alpha'],
    ['multi checkbox: repeats dropped', P.tags, ['alpha', 'alpha'], 'alpha'],
    ['multi checkbox: empty list clears', P.tags, [], ''],
    ['multi checkbox: unknown option', P.tags, ['alpha', 'omega'], { error: 'unknown_option' }],
    ['multi checkbox: a list where one value is expected', P.tier, ['gold'], { error: 'invalid_value' }],
    ['text given a list', P.firstname, ['a'], { error: 'invalid_value' }],
    ['read-only calculated property', P.score, 3, { error: 'read_only' }],
    ['read-only system property', P.createdate, '2024-05-01T00:00:00Z', { error: 'read_only' }],
    ['read-only even when clearing', P.score, null, { error: 'read_only' }],
    ['file property is never written back', P.contract, 'https://x.io/a.pdf', { error: 'one_way_only' }],
  ];
  it.each(cases)('%s', (_, p, value, expected) => {
    expect(outcome(toHubSpot(p, value, natural(p)))).toEqual(expected);
  });

  it('refuses a value HubSpot multi-checkboxes cannot hold', () => {
    expect(outcome(toHubSpot(P.tags, ['a;b'], natural(P.tags)))).toEqual({ error: 'invalid_value' });
    const open = property({
      name: 'open_multi',
      type: 'enumeration',
      fieldType: 'checkbox',
      externalOptions: true,
    });
    expect(outcome(toHubSpot(open, ['x;y'], custom('multi_choice')))).toEqual({ error: 'invalid_value' });
  });

  it('refuses one-way and incompatible targets', () => {
    expect(outcome(toHubSpot(P.amount, '12', custom('single_line')))).toEqual({ error: 'one_way_only' });
    expect(outcome(toHubSpot(P.firstname, 12, custom('decimal')))).toEqual({ error: 'incompatible_types' });
  });

  it('refuses text longer than the Thena field allows before anything is sent', () => {
    expect(outcome(toHubSpot(P.notes, 'x'.repeat(32_769), natural(P.notes)))).toEqual({
      error: 'value_too_long',
    });
    expect(outcome(toHubSpot(P.notes, 'x'.repeat(32_768), natural(P.notes)))).toBe('x'.repeat(32_768));
  });
});

describe('the compatibility table and the converters agree', () => {
  const BY_KIND: Record<ValueKind, [HubSpotProperty, string]> = {
    text: [P.firstname, 'a@b.io'],
    long_text: [P.notes, 'a@b.io'],
    html: [P.bio, '<p>x</p>'],
    phone: [P.phone, '+1 555'],
    email: [P.email, 'a@b.io'],
    number: [P.amount, '5'],
    date: [P.renewal, '2024-05-01'],
    datetime: [P.lastSeen, '2024-05-01T10:00:00Z'],
    bool: [P.vip, 'true'],
    single_choice: [P.tier, 'gold'],
    radio: [P.stage, 'lead'],
    multi_choice: [P.tags, 'alpha;beta'],
    file: [P.contract, 'https://files.example.com/a.pdf'],
  };
  const THENA_SAMPLE: Record<ThenaFieldType, ThenaValue> = {
    single_line: 'x',
    multi_line: 'x',
    rich_text: '<p>x</p>',
    integer: 5,
    decimal: 5.5,
    currency: 5.5,
    date: '2024-05-01',
    date_time: '2024-05-01T10:00:00.000Z',
    time: '10:00',
    single_choice: 'gold',
    multi_choice: ['alpha'],
    radio_button: 'lead',
    checkbox: true,
    email: 'a@b.io',
    phone_number: '+1 555',
    url: 'https://x.io',
  };
  const pairs = Object.entries(BY_KIND).flatMap(([kind, [p, raw]]) =>
    (Object.keys(THENA_SAMPLE) as ThenaFieldType[]).map((fieldType) => ({
      kind: kind as ValueKind,
      p,
      raw,
      fieldType,
    })),
  );

  it.each(pairs)('$kind -> $fieldType', ({ kind, p, raw, fieldType }) => {
    const support = conversionSupport(kind, fieldType);
    const target = custom(fieldType);
    const read = toThena(p, raw, target);
    const written = toHubSpot({ ...p, calculated: false }, THENA_SAMPLE[fieldType], target);
    const code = (r: Conversion<unknown>) => (r.ok ? 'ok' : r.code);
    if (support === 'none') {
      expect([code(read), code(written)]).toEqual(['incompatible_types', 'incompatible_types']);
      return;
    }
    expect(code(read)).not.toBe('incompatible_types');
    if (support === 'two_way') expect(code(written)).not.toMatch(/incompatible|one_way/);
    else expect(code(written)).toBe('one_way_only');
  });
});
