// Property-based tests: a value survives the trip to HubSpot and back unchanged, the HubSpot form
// of a value is a fixed point, and no input makes conversion throw.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ALL_PROPERTIES, P } from './hubspot-fixtures.testing.ts';
import { optionValues, type HubSpotProperty } from './properties.ts';
import { targetFor } from './standard-fields.ts';
import { targetFieldType, type ThenaTarget, type ThenaValue } from './thena-fields.ts';
import { codePointLength, formatDay, formatInstant, isEmail } from './value-parsing.ts';
import { coerceThenaValue, toHubSpot, toThena } from './values.ts';

const MIN_MS = Date.parse('0001-01-01T00:00:00.000Z');
const MAX_MS = Date.parse('9999-12-31T23:59:59.999Z');
const DAY = 86_400_000;

const instant = fc.integer({ min: MIN_MS, max: MAX_MS });
const day = fc.integer({ min: Math.ceil(MIN_MS / DAY), max: Math.floor(MAX_MS / DAY) }).map((d) => d * DAY);
const text = (max: number) =>
  fc.string({ unit: 'grapheme', maxLength: max }).filter((s) => codePointLength(s) <= max);
const finite = fc.double({ noNaN: true, noDefaultInfinity: true });
const orEmpty = <T extends ThenaValue>(arb: fc.Arbitrary<T>) => fc.oneof(arb, fc.constant(null));

interface Case {
  name: string;
  property: HubSpotProperty;
  target: ThenaTarget;
  values: fc.Arbitrary<ThenaValue>;
}

const contactTarget = (p: HubSpotProperty) => targetFor('contacts', p);

const CASES: Case[] = [
  { name: 'single line text', property: P.firstname, target: contactTarget(P.firstname), values: text(255) },
  { name: 'long text', property: P.notes, target: contactTarget(P.notes), values: text(2_000) },
  { name: 'rich text', property: P.bio, target: contactTarget(P.bio), values: text(500) },
  { name: 'phone', property: P.phone, target: contactTarget(P.phone), values: text(40) },
  {
    name: 'email',
    property: P.email,
    target: contactTarget(P.email),
    values: orEmpty(fc.emailAddress().filter(isEmail)),
  },
  { name: 'decimal', property: P.amount, target: contactTarget(P.amount), values: orEmpty(finite) },
  { name: 'currency', property: P.revenue, target: contactTarget(P.revenue), values: orEmpty(finite) },
  {
    name: 'integer',
    property: P.employees,
    target: targetFor('companies', P.employees),
    values: orEmpty(fc.maxSafeInteger()),
  },
  {
    name: 'date',
    property: P.renewal,
    target: contactTarget(P.renewal),
    values: orEmpty(day.map(formatDay)),
  },
  {
    name: 'date-time',
    property: P.lastSeen,
    target: contactTarget(P.lastSeen),
    values: orEmpty(instant.map(formatInstant)),
  },
  { name: 'checkbox', property: P.vip, target: contactTarget(P.vip), values: orEmpty(fc.boolean()) },
  {
    name: 'single checkbox enumeration',
    property: P.optIn,
    target: contactTarget(P.optIn),
    values: orEmpty(fc.boolean()),
  },
  {
    name: 'dropdown',
    property: P.tier,
    target: contactTarget(P.tier),
    values: orEmpty(fc.constantFrom(...optionValues(P.tier))),
  },
  {
    name: 'radio',
    property: P.stage,
    target: contactTarget(P.stage),
    values: orEmpty(fc.constantFrom(...optionValues(P.stage))),
  },
  {
    name: 'multi checkbox',
    property: P.tags,
    target: contactTarget(P.tags),
    values: fc.shuffledSubarray(optionValues(P.tags)),
  },
  {
    name: 'text as time',
    property: P.firstname,
    target: { kind: 'custom', fieldName: 'At', fieldType: 'time' },
    values: orEmpty(
      fc
        .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
        .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`),
    ),
  },
];

function unwrap<T>(result: { ok: true; value: T } | { ok: false; message: string }): T {
  if (!result.ok) throw new Error(result.message);
  return result.value;
}

describe('Thena -> HubSpot -> Thena gives the value back', () => {
  it.each(CASES)('$name', ({ property, target, values }) => {
    fc.assert(
      fc.property(values, (value) => {
        const expected = unwrap(coerceThenaValue(value, targetFieldType(target)));
        const hubspot = unwrap(toHubSpot(property, value, target));
        expect(toThena(property, hubspot, target)).toEqual({ ok: true, value: expected });
      }),
    );
  });
});

// HubSpot strings in every form HubSpot may send for a kind, not only the form we write.
const HUBSPOT_FORMS: { name: string; property: HubSpotProperty; raw: fc.Arbitrary<string> }[] = [
  {
    name: 'numbers in any notation',
    property: P.amount,
    raw: finite.chain((n) => fc.constantFrom(String(n), n.toExponential(), n.toFixed(2), ` ${n} `)),
  },
  {
    name: 'dates as YYYY-MM-DD, midnight epoch ms or ISO',
    property: P.renewal,
    raw: day.chain((ms) => fc.constantFrom(formatDay(ms), String(ms), formatInstant(ms))),
  },
  {
    name: 'date-times as ISO with offsets or epoch ms',
    property: P.lastSeen,
    raw: fc
      .integer({ min: MIN_MS + DAY, max: MAX_MS - DAY })
      .chain((ms) =>
        fc.constantFrom(
          String(ms),
          formatInstant(ms),
          new Date(ms + 3_600_000).toISOString().replace('Z', '+01:00'),
        ),
      ),
  },
  { name: 'booleans in any case', property: P.vip, raw: fc.constantFrom('true', 'false', 'TRUE', ' False ') },
  {
    name: 'multi-checkboxes with append syntax, repeats and empty segments',
    property: P.tags,
    raw: fc
      .array(fc.constantFrom(...optionValues(P.tags), ''), { maxLength: 6 })
      .chain((parts) => fc.constantFrom(parts.join(';'), `;${parts.join(';')}`)),
  },
];

describe('the HubSpot form we write is a fixed point', () => {
  it.each(HUBSPOT_FORMS)('$name', ({ property, raw }) => {
    const target = contactTarget(property);
    fc.assert(
      fc.property(raw, (input) => {
        const first = unwrap(toThena(property, input, target));
        const written = unwrap(toHubSpot(property, first, target));
        expect(unwrap(toThena(property, written, target))).toEqual(first);
        expect(unwrap(toHubSpot(property, first, target))).toBe(written);
      }),
    );
  });
});

describe('conversion is total', () => {
  const properties = [...ALL_PROPERTIES.values()];

  it('toThena returns a result for any string on any property', () => {
    fc.assert(
      fc.property(fc.constantFrom(...properties), fc.option(fc.string(), { nil: undefined }), (p, raw) => {
        expect(typeof toThena(p, raw, contactTarget(p)).ok).toBe('boolean');
      }),
    );
  });

  it('toHubSpot returns a result for any value on any property', () => {
    fc.assert(
      fc.property(fc.constantFrom(...properties), fc.anything(), (p, value) => {
        expect(typeof toHubSpot(p, value as ThenaValue, contactTarget(p)).ok).toBe('boolean');
      }),
    );
  });
});
