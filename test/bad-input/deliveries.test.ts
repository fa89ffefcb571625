// Bad deliveries to the routes HubSpot and Thena call: unsigned, wrongly signed, replayed, for
// nobody we know, not JSON, the wrong shape, too many events, too large. Each gets a 4xx whose
// error names the problem; none enqueues or writes anything (jobs, inbox, links, audit, both
// emulators); the service keeps answering, and a good delivery afterwards is handled as usual.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settle } from '../helpers/settle.ts';
import { expectConsistent } from '../faults/consistency.ts';
import { startScenario, type Scenario } from '../faults/scenario.ts';
import {
  expectNothingWritten,
  expectRefused,
  postHubSpot,
  postThena,
  snapshot,
  type Answer,
  type ThenaAuth,
} from './helpers.ts';

const FIVE_MINUTES = 5 * 60_000;

describe('bad deliveries', () => {
  let s: Scenario;
  let contactIds: string[];
  let thenaContactId: string;

  const hubspotEvent = (overrides: Record<string, unknown> = {}, index = 0) => ({
    eventId: 1_000_000 + index,
    subscriptionId: 7,
    portalId: s.stack.portalId,
    appId: Number(s.stack.hubspot.app.appId),
    occurredAt: Date.now(),
    subscriptionType: 'contact.propertyChange',
    attemptNumber: 0,
    objectId: Number(contactIds[index % contactIds.length]),
    propertyName: 'lastname',
    propertyValue: 'Changed',
    changeSource: 'CRM_UI',
    ...overrides,
  });

  const thenaEvent = (overrides: Record<string, unknown> = {}, payload?: unknown) => ({
    message: {
      eventId: `evt-${Math.random()}`,
      eventType: 'customer-contact:updated',
      timestamp: new Date().toISOString(),
      orgId: s.orgId,
      actor: { id: 'U-somebody', type: 'AGENT', email: 'agent@example.com' },
      payload: payload ?? {
        customerContact: { id: thenaContactId, firstName: 'X', email: 'x@example.com' },
      },
      ...overrides,
    },
  });

  beforeAll(async () => {
    s = await startScenario({ seed: { contacts: 20, companies: 4 } });
    const links = await s.stack.runtime.store.db
      .selectFrom('record_links')
      .select(['hubspot_id', 'thena_id'])
      .where('object_type', '=', 'contacts')
      .execute();
    contactIds = links.map((l) => l.hubspot_id);
    thenaContactId = links[0]!.thena_id;
  }, 60_000);
  afterAll(async () => s?.stack.close());

  type Case = [string, () => Promise<Answer>, number, string, RegExp];
  const hubspotCases: Case[] = [
    [
      'unsigned',
      () =>
        postHubSpot(s.stack, JSON.stringify([hubspotEvent()]), {
          headers: { 'X-HubSpot-Signature-v3': undefined },
        }),
      401,
      'invalid_signature',
      /missing X-HubSpot-Signature-v3/,
    ],
    [
      'signed with garbage',
      () =>
        postHubSpot(s.stack, JSON.stringify([hubspotEvent()]), {
          headers: { 'X-HubSpot-Signature-v3': 'AAAA' },
        }),
      401,
      'invalid_signature',
      /does not match/,
    ],
    [
      'signed with another secret',
      () => postHubSpot(s.stack, JSON.stringify([hubspotEvent()]), { secret: 'not-the-client-secret' }),
      401,
      'invalid_signature',
      /does not match/,
    ],
    [
      'altered after signing',
      () =>
        postHubSpot(s.stack, JSON.stringify([hubspotEvent({ objectId: 1 })]), {
          signedBody: JSON.stringify([hubspotEvent()]),
        }),
      401,
      'invalid_signature',
      /does not match/,
    ],
    [
      'replayed after 5 minutes',
      () =>
        postHubSpot(s.stack, JSON.stringify([hubspotEvent()]), {
          timestamp: Date.now() - FIVE_MINUTES - 5_000,
        }),
      401,
      'invalid_signature',
      /older than 5 minutes/,
    ],
    [
      'stamped in the future',
      () =>
        postHubSpot(s.stack, JSON.stringify([hubspotEvent()]), {
          timestamp: Date.now() + FIVE_MINUTES + 5_000,
        }),
      401,
      'invalid_signature',
      /future/,
    ],
    [
      'with a timestamp that is not one',
      () =>
        postHubSpot(s.stack, JSON.stringify([hubspotEvent()]), {
          headers: { 'X-HubSpot-Request-Timestamp': 'yesterday' },
        }),
      401,
      'invalid_signature',
      /Timestamp/,
    ],
    [
      'for a portal nobody connected',
      () => postHubSpot(s.stack, JSON.stringify([hubspotEvent({ portalId: 987_654_321 })])),
      404,
      'unknown_portal',
      /987654321/,
    ],
    [
      'that is not JSON',
      () => postHubSpot(s.stack, '[{"eventId": 1,'),
      400,
      'invalid_webhook',
      /not valid JSON/,
    ],
    ['that is empty', () => postHubSpot(s.stack, ''), 400, 'invalid_webhook', /not valid JSON/],
    ['that is an object', () => postHubSpot(s.stack, '{"events":[]}'), 400, 'invalid_webhook', /JSON array/],
    [
      'of strings',
      () => postHubSpot(s.stack, '["contact.creation"]'),
      400,
      'invalid_webhook',
      /event 0 is not an object/,
    ],
    [
      'without objectId',
      () => postHubSpot(s.stack, JSON.stringify([hubspotEvent(), hubspotEvent({ objectId: undefined })])),
      400,
      'invalid_webhook',
      /event 1 has no numeric objectId/,
    ],
    [
      'with a non-numeric objectId',
      () => postHubSpot(s.stack, JSON.stringify([hubspotEvent({ objectId: '12; DROP TABLE jobs' })])),
      400,
      'invalid_webhook',
      /objectId/,
    ],
    [
      'with a negative objectId',
      () => postHubSpot(s.stack, JSON.stringify([hubspotEvent({ objectId: -5 })])),
      400,
      'invalid_webhook',
      /objectId/,
    ],
    [
      'with a fractional portalId',
      () => postHubSpot(s.stack, JSON.stringify([hubspotEvent({ portalId: s.stack.portalId + 0.5 })])),
      400,
      'invalid_webhook',
      /portalId/,
    ],
    [
      'with a portalId of the wrong type',
      () => postHubSpot(s.stack, JSON.stringify([hubspotEvent({ portalId: { id: 1 } })])),
      400,
      'invalid_webhook',
      /portalId/,
    ],
    [
      'without a subscriptionType',
      () => postHubSpot(s.stack, JSON.stringify([hubspotEvent({ subscriptionType: 42 })])),
      400,
      'invalid_webhook',
      /subscriptionType/,
    ],
    [
      'with no time',
      () => postHubSpot(s.stack, JSON.stringify([hubspotEvent({ occurredAt: 'yesterday' })])),
      400,
      'invalid_webhook',
      /occurredAt/,
    ],
    [
      'with 1,001 events',
      () => postHubSpot(s.stack, JSON.stringify(Array.from({ length: 1001 }, (_, i) => hubspotEvent({}, i)))),
      400,
      'invalid_webhook',
      /too many events/,
    ],
    [
      'larger than the body limit',
      () => postHubSpot(s.stack, JSON.stringify([hubspotEvent({ propertyValue: 'x'.repeat(1_100_000) })])),
      413,
      'payload_too_large',
      /body/i,
    ],
  ];

  it.each(hubspotCases)('refuses a HubSpot webhook %s', async (_name, send, status, code, message) => {
    const before = await snapshot(s.stack);
    expectRefused(await send(), status, code, message);
    await expectNothingWritten(s.stack, before);
  });

  const thenaCases: [
    string,
    '/thena/events' | '/thena/installations',
    string,
    ThenaAuth,
    number,
    string,
    RegExp,
  ][] = [
    ['without the secret', '/thena/events', '{}', 'none', 401, 'invalid_signature', /missing/],
    ['with a wrong token', '/thena/events', '{}', { token: 'guess' }, 401, 'invalid_signature', /token/],
    [
      'signed with another secret',
      '/thena/events',
      '{}',
      { secret: 'other' },
      401,
      'invalid_signature',
      /match/,
    ],
    [
      'replayed after 5 minutes',
      '/thena/events',
      '{}',
      { timestamp: Math.floor(Date.now() / 1000) - 400 },
      401,
      'invalid_signature',
      /window/,
    ],
    ['that is not JSON', '/thena/events', '{"message":', 'signed', 400, 'invalid_event', /not valid JSON/],
    ['that is a list', '/thena/events', '[1,2]', 'signed', 400, 'invalid_event', /not a JSON object/],
    [
      'without a type',
      '/thena/events',
      '{"message":{"eventId":"e"}}',
      'token',
      400,
      'invalid_event',
      /eventType/,
    ],
    [
      'larger than the body limit',
      '/thena/events',
      `"${'x'.repeat(1_100_000)}"`,
      'signed',
      413,
      'payload_too_large',
      /body/i,
    ],
    [
      'installation without the secret',
      '/thena/installations',
      '{}',
      'none',
      401,
      'invalid_signature',
      /missing/,
    ],
    [
      'installation that is not JSON',
      '/thena/installations',
      'event_type=app:installation',
      'signed',
      400,
      'invalid_event',
      /JSON/,
    ],
    [
      'installation without a bot token',
      '/thena/installations',
      JSON.stringify({ event_type: 'app:installation', organization_id: 'O-new', bot_token: '' }),
      'signed',
      400,
      'invalid_event',
      /bot_token/,
    ],
    [
      'installation of an unknown kind',
      '/thena/installations',
      JSON.stringify({ event_type: 'app:explode', organization_id: 'O-new' }),
      'signed',
      400,
      'invalid_event',
      /app:explode/,
    ],
  ];

  it.each(thenaCases)(
    'refuses a Thena delivery %s',
    async (_name, path, body, auth, status, code, message) => {
      const before = await snapshot(s.stack);
      expectRefused(await postThena(s.stack, path, body, auth), status, code, message);
      await expectNothingWritten(s.stack, before);
    },
  );

  it.each([
    [
      'a created event without its contact',
      () => thenaEvent({ eventType: 'customer-contact:created' }, {}),
      400,
      'invalid_event',
      /customerContact/,
    ],
    [
      'a contact that is a string',
      () => thenaEvent({}, { customerContact: 'nope' }),
      400,
      'invalid_event',
      /customerContact/,
    ],
    ['no actor', () => thenaEvent({ actor: undefined }), 400, 'invalid_event', /actor/],
    ['a time out of range', () => thenaEvent({ timestamp: 1e16 }), 400, 'invalid_event', /timestamp/],
    [
      'an org that never installed the app',
      () => thenaEvent({ orgId: 'O-stranger' }),
      404,
      'unknown_org',
      /O-stranger/,
    ],
  ] as const)('refuses a signed Thena event with %s', async (_name, body, status, code, message) => {
    const before = await snapshot(s.stack);
    expectRefused(await postThena(s.stack, '/thena/events', JSON.stringify(body())), status, code, message);
    await expectNothingWritten(s.stack, before);
  });

  it('acknowledges a well-formed Thena event it does not handle, and does nothing with it', async () => {
    const before = await snapshot(s.stack);
    const result = await postThena(
      s.stack,
      '/thena/events',
      JSON.stringify(thenaEvent({ eventType: 'ticket:created' })),
    );
    expect(result).toEqual({
      status: 200,
      body: { accepted: false, reason: 'not an account or contact event' },
    });
    await expectNothingWritten(s.stack, before);
  });

  it('drops the echoes of our own writes at the door, on both routes, storing nothing', async () => {
    const before = await snapshot(s.stack);
    const ours = { changeSource: 'INTEGRATION', sourceId: s.stack.hubspot.app.appId };
    const events = [0, 1, 2].map((i) => hubspotEvent({ ...ours, eventId: 7_000_000 + i }, i));
    const hubspot = await postHubSpot(s.stack, JSON.stringify(events));
    expect(hubspot).toEqual({ status: 200, body: { accepted: 0, duplicates: 0, ignored: 0, echoes: 3 } });
    const installation = await s.stack.runtime.store.installations.getByOrg(s.orgId);
    const botId = installation!.thenaBotId!;
    const thena = await postThena(
      s.stack,
      '/thena/events',
      JSON.stringify(thenaEvent({ actor: { id: botId, type: 'BOT', email: null } })),
    );
    expect(thena).toEqual({ status: 200, body: { accepted: false, reason: 'our own change' } });
    await expectNothingWritten(s.stack, before);
    // The same events from a person are news.
    const person = await postHubSpot(s.stack, JSON.stringify([hubspotEvent({ eventId: 7_000_100 })]));
    expect(person.body).toMatchObject({ accepted: 1, echoes: 0 });
    await settle(s.stack);
  });

  it('keeps serving, and handles a good delivery of 1,000 events (hints: 20 writes for 20 changed contacts)', async () => {
    expect((await fetch(`${s.stack.url}/healthz`)).status).toBe(200);
    // The changes happen in HubSpot with their own webhooks lost: our 1,000-event delivery is the only news.
    s.stack.hubspot.control.updateSettings({ webhooks: { faults: { dropProbability: 1 } } });
    const changed = contactIds.slice(0, 20);
    for (const id of changed)
      s.stack.hubspot.control.uiUpdate(s.stack.portalId, 'contacts', Number(id), {
        properties: { lastname: `Batch ${id}` },
      });
    await settle(s.stack);
    const before = await snapshot(s.stack);
    const events = Array.from({ length: 1000 }, (_, i) =>
      hubspotEvent({ objectId: Number(changed[i % changed.length]), eventId: 5_000_000 + i }, i),
    );
    const result = await postHubSpot(s.stack, JSON.stringify(events));
    expect(result).toEqual({ status: 200, body: { accepted: 1000, duplicates: 0, ignored: 0, echoes: 0 } });
    await settle(s.stack);
    const after = await snapshot(s.stack);
    expect(after.writes.thena - before.writes.thena).toBe(changed.length);
    expect(after.writes.hubspot).toBe(before.writes.hubspot);
    const org = s.stack.thena.platform.org(s.orgId)!;
    const lastNames = new Set(org.contacts.page(0, 1000, {}).map((c) => c.lastName));
    expect(changed.filter((id) => !lastNames.has(`Batch ${id}`))).toEqual([]);
    // The same delivery again (HubSpot retries): all duplicates, nothing written.
    const again = await postHubSpot(s.stack, JSON.stringify(events));
    expect(again.body).toEqual({ accepted: 0, duplicates: 1000, ignored: 0, echoes: 0 });
    await settle(s.stack);
    expect((await snapshot(s.stack)).writes).toEqual(after.writes);
    await expectConsistent(s.stack, s);
  }, 60_000);
});
