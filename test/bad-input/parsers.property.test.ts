// Property-based tests of everything that reads untrusted input: the HubSpot webhook parser and
// signature check, the Thena platform and installation event parsers (and the codec the routes
// use), and the filter validator and compiler. Whatever arrives, they never throw: they answer a
// value, or a reason that says what is wrong.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseWebhookBody, signV3, verifySignatureV3 } from '../../src/hubspot/webhooks.ts';
import { AppError } from '../../src/sync/errors.ts';
import {
  compileFilters,
  FILTER_OPERATORS,
  validateFilters,
  type RecordValues,
} from '../../src/sync/filters.ts';
import { ALL_PROPERTIES } from '../../src/sync/hubspot-fixtures.testing.ts';
import { validateSettings, defaultSettings, type SyncSettings } from '../../src/sync/settings.ts';
import { thenaCodec } from '../../src/thena/codec.ts';
import { parsePlatformEvent } from '../../src/thena/events.ts';
import { parseInstallationEvent } from '../../src/thena/installation-events.ts';
import { verifyThenaSignature } from '../../src/thena/signature.ts';

const RUNS = { numRuns: 300 };

/** Any JSON, and values JSON cannot hold but a loosely typed object can. */
const anything = fc.oneof(
  fc.jsonValue(),
  fc.constantFrom(
    undefined,
    NaN,
    Infinity,
    -Infinity,
    1e16,
    -1e16,
    2 ** 53,
    '',
    ' ',
    '\u0000',
    '👩‍💻',
    '__proto__',
  ),
  fc.string(),
  fc.integer(),
  fc.double(),
);
const weird = fc.oneof(
  anything,
  fc.array(anything, { maxLength: 4 }),
  fc.dictionary(fc.string({ maxLength: 8 }), anything, { maxKeys: 4 }),
);

/** Records shaped like the real thing, with any value in any key: reaches the deep branches. */
function shaped(keys: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<Record<string, unknown>> {
  const record = fc.record(
    Object.fromEntries(
      Object.entries(keys).map(([key, plausible]) => [
        key,
        fc.oneof({ arbitrary: plausible, weight: 12 }, { arbitrary: weird, weight: 1 }),
      ]),
    ),
  );
  // Now and then a key is missing altogether.
  const missing = fc.oneof(
    { arbitrary: fc.constant(null), weight: 5 },
    { arbitrary: fc.constantFrom(...Object.keys(keys)), weight: 1 },
  );
  return fc.tuple(record, missing).map(([value, drop]) => {
    const copy: Record<string, unknown> = { ...value };
    if (drop !== null) delete copy[drop];
    return copy;
  });
}

/** Counts what a parser accepted, so a property is known to reach past the first refusal. */
function tally(): { ok: number; seen(result: { ok: boolean }): void } {
  return {
    ok: 0,
    seen(result) {
      if (result.ok) this.ok++;
    },
  };
}

const reason = (result: { ok: boolean; reason?: unknown }) => {
  if (!result.ok) {
    expect(typeof result.reason).toBe('string');
    expect((result.reason as string).length).toBeGreaterThan(0);
  }
};

describe('the HubSpot webhook parser', () => {
  const event = shaped({
    eventId: fc.integer(),
    subscriptionId: fc.integer(),
    portalId: fc.oneof(fc.integer({ min: 1 }), fc.string()),
    appId: fc.integer(),
    occurredAt: fc.oneof(fc.integer(), fc.string()),
    subscriptionType: fc.constantFrom(
      'contact.creation',
      'contact.propertyChange',
      'company.merge',
      'contact.associationChange',
      'deal.creation',
      'contact',
      '.',
    ),
    objectId: fc.oneof(fc.integer({ min: 1 }), fc.string()),
    propertyName: fc.string(),
    propertyValue: anything,
    changeSource: fc.string(),
    mergedObjectIds: fc.array(anything),
    associationRemoved: fc.boolean(),
  });

  it('never throws on any text, and refuses with a reason', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' })), (raw) =>
        reason(parseWebhookBody(raw)),
      ),
      RUNS,
    );
  });

  it('never throws on any JSON; what it accepts is typed as promised', () => {
    const accepted = tally();
    fc.assert(
      fc.property(fc.oneof(fc.array(event, { maxLength: 6 }), weird), (body) => {
        const parsed = parseWebhookBody(JSON.stringify(body) ?? 'undefined');
        reason(parsed);
        accepted.seen(parsed);
        if (!parsed.ok) return;
        for (const e of parsed.events) {
          expect(e.portalId).toMatch(/^\d+$/);
          expect(e.objectId).toMatch(/^\d+$/);
          expect(Number.isFinite(e.occurredAt)).toBe(true);
          expect(['contact', 'company']).toContain(e.object);
        }
      }),
      RUNS,
    );
    expect(accepted.ok).toBeGreaterThan(20);
  });

  it('checks signatures without throwing, accepts the right one and refuses any change', () => {
    const input = fc.record({
      url: fc.webUrl(),
      rawBody: fc.string(),
      secret: fc.string({ minLength: 1 }),
      signature: fc.option(fc.string(), { nil: undefined }),
      timestamp: fc.option(fc.oneof(fc.string(), fc.integer().map(String)), { nil: undefined }),
    });
    fc.assert(
      fc.property(input, fc.string({ minLength: 1, maxLength: 3 }), (i, tamper) => {
        const now = Date.now();
        const given = verifySignatureV3({ method: 'POST', clientSecret: i.secret, now, ...i });
        reason(given);
        const timestamp = String(now - 1000);
        const signature = signV3('POST', i.url, i.rawBody, timestamp, i.secret);
        const check = (rawBody: string) =>
          verifySignatureV3({
            method: 'POST',
            url: i.url,
            rawBody,
            signature,
            timestamp,
            clientSecret: i.secret,
            now,
          });
        expect(check(i.rawBody)).toEqual({ ok: true });
        expect(check(i.rawBody + tamper).ok).toBe(false);
      }),
      RUNS,
    );
  });
});

describe('the Thena event parsers', () => {
  const id = fc.string({ minLength: 1, maxLength: 12 });
  const record = shaped({
    id,
    firstName: fc.string({ minLength: 1 }),
    lastName: anything,
    email: fc.emailAddress(),
    name: fc.string(),
    primaryDomain: fc.domain(),
    accounts: fc.array(shaped({ id: fc.string(), name: fc.string() })),
    accountIds: fc.array(fc.string()),
    customFieldValues: fc.array(shaped({ fieldId: fc.string(), value: anything })),
    customFields: fc.dictionary(fc.string(), fc.array(fc.string())),
    createdAt: anything,
    updatedAt: anything,
  });
  const base = shaped({
    eventId: id,
    eventType: fc.constantFrom(
      'customer-contact:created',
      'customer-contact:updated',
      'customer-contact:deleted',
      'account:created',
      'account:updated',
      'account:deleted',
      'contact.updated',
      'ticket:created',
    ),
    timestamp: fc.oneof(
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
      fc.integer(),
      fc.double(),
    ),
    orgId: id,
    actor: shaped({ id, type: fc.string(), email: anything }),
    payload: fc.oneof(
      shaped({ customerContact: record, previousCustomerContact: record }),
      shaped({ contact: record }),
      shaped({ account: record, previousAccount: record }),
    ),
  });
  const platformEvent = fc.oneof(
    base,
    base.map((message) => ({ message, messageAttributes: { event_name: message.eventType } })),
    weird,
  );

  it('never throw on any platform event; what they accept names its event, org and actor', () => {
    const codec = thenaCodec('secret');
    const accepted = tally();
    const changes = tally();
    fc.assert(
      fc.property(platformEvent, (body) => {
        const parsed = parsePlatformEvent(body);
        reason(parsed);
        accepted.seen(parsed);
        if (parsed.ok) {
          expect(parsed.value.eventId).not.toBe('');
          expect(parsed.value.orgId).not.toBe('');
          expect(typeof parsed.value.actor.id).toBe('string');
          expect(Number.isNaN(Date.parse(parsed.value.timestamp))).toBe(false);
        }
        const change = codec.parseChange(body);
        reason(change);
        if (change.ok && change.value !== null) {
          changes.seen(change);
          expect(['contacts', 'companies']).toContain(change.value.objectType);
        }
      }),
      RUNS,
    );
    expect(accepted.ok).toBeGreaterThan(20);
    expect(changes.ok).toBeGreaterThan(5);
  });

  it('never throw on any installation event', () => {
    const codec = thenaCodec('secret');
    const installation = fc.oneof(
      shaped({
        event_type: fc.constantFrom(
          'app:installation',
          'app:reinstall',
          'app:uninstall',
          'app:team:added',
          'app:x',
        ),
        organization_id: fc.string({ minLength: 1 }),
        bot_token: fc.oneof(fc.string(), fc.constant('pk_****')),
        team_ids: fc.array(anything),
        configuration: shaped({ required_settings: weird, optional_settings: weird }),
        created_at: anything,
      }),
      weird,
    );
    const accepted = tally();
    fc.assert(
      fc.property(installation, (body) => {
        const parsed = parseInstallationEvent(body);
        reason(parsed);
        accepted.seen(parsed);
        if (parsed.ok) expect(parsed.value.organizationId).not.toBe('');
        reason(codec.parseInstallation(body));
      }),
      RUNS,
    );
    expect(accepted.ok).toBeGreaterThan(20);
  });

  it('check the shared secret without throwing, whatever the headers and query say', () => {
    const codec = thenaCodec('the-secret');
    const header = fc.option(fc.oneof(fc.string(), fc.array(fc.string(), { maxLength: 3 })), {
      nil: undefined,
    });
    fc.assert(
      fc.property(
        fc.string(),
        header,
        header,
        fc.option(fc.string(), { nil: undefined }),
        (rawBody, ts, sig, token) => {
          const verdict = codec.verify(
            { rawBody, token, headers: { 'x-thena-timestamp': ts, 'x-thena-signature': sig } },
            Date.now(),
          );
          reason(verdict);
          expect(verdict.ok).toBe(false);
          reason(
            verifyThenaSignature({
              secret: 'the-secret',
              rawBody,
              timestamp: ts,
              signature: sig,
              nowMs: Date.now(),
            }),
          );
        },
      ),
      RUNS,
    );
  });
});

describe('the filter validator and compiler', () => {
  const fields = [...ALL_PROPERTIES.keys()];
  const filter = fc.record(
    {
      field: fc.oneof(
        fc.constantFrom(...fields, '', 'constructor', '__proto__', 'no_such_field'),
        fc.string(),
      ),
      operator: fc.oneof(fc.constantFrom(...FILTER_OPERATORS), fc.string()),
      value: fc.oneof(
        weird,
        fc.array(fc.string(), { maxLength: 600 }),
        fc.constantFrom(
          'gold',
          'alpha;beta',
          '2024-02-30',
          '2024-05-01',
          'true',
          'maybe',
          '1e309',
          'x'.repeat(1200),
        ),
      ),
    },
    { requiredKeys: ['field', 'operator'] },
  );
  const records = fc.array(
    fc.dictionary(fc.constantFrom(...fields, 'constructor', 'other'), anything) as fc.Arbitrary<RecordValues>,
    { maxLength: 5 },
  );

  it('never throw: problems name the filter and the place, valid filters compile, predicates answer booleans', () => {
    let valid = 0;
    fc.assert(
      fc.property(fc.array(filter, { maxLength: 55 }), records, (filters, values) => {
        const problems = validateFilters(filters, { selectedFields: fields, properties: ALL_PROPERTIES });
        for (const p of problems) {
          expect(p.path).toMatch(/^filters\/\d+(\/(field|operator|value)(\/\d+)?)?$/);
          expect(p.message).toMatch(/^(Filter \d+ |There are \d+ filters)/);
        }
        let predicate: ((record: RecordValues) => boolean) | undefined;
        try {
          predicate = compileFilters(filters, ALL_PROPERTIES);
        } catch (err) {
          expect(err).toBeInstanceOf(AppError);
          expect((err as AppError).code).toBe('invalid_filters');
        }
        if (problems.length === 0) {
          valid++;
          expect(predicate).toBeDefined();
        }
        for (const record of values) if (predicate) expect(typeof predicate(record)).toBe('boolean');
      }),
      RUNS,
    );
    expect(valid).toBeGreaterThan(10);
  });

  it('validate whole settings documents without throwing, every problem with a path', () => {
    const settings = fc.record({
      fields: fc.array(
        fc.record({ property: fc.oneof(fc.constantFrom(...fields), fc.string()), direction: fc.string() }),
        {
          maxLength: 8,
        },
      ),
      filters: fc.array(filter, { maxLength: 6 }),
      conflictPolicy: fc.oneof(fc.constantFrom('hubspot_wins', 'thena_wins', 'most_recent'), fc.string()),
    });
    fc.assert(
      fc.property(settings, (draft) => {
        const document = { ...defaultSettings('contacts'), ...draft } as unknown as SyncSettings;
        for (const p of validateSettings('contacts', document, ALL_PROPERTIES)) {
          expect(p.path).not.toBe('');
          expect(p.message).not.toBe('');
        }
      }),
      RUNS,
    );
  });
});
