// A small in-memory stand-in for the service's REST API, for the page's smoke test only (the
// journey test runs against the real demo stack). Every answer is checked against the contract's
// schema, so the fake cannot drift from what the real API promises.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type, type TSchema } from 'typebox';
import { Check, Errors } from 'typebox/value';
import {
  AuditPage,
  ConfigBody,
  Connection,
  FieldList,
  ObjectStatus,
  OrgList,
  PreviewResult,
  RetryStarted,
  type SyncConfig,
  type AuditEntry,
  type ConfigProblem,
  type FieldInfo,
  type ObjectName,
  type PutConfigBody,
  type Run,
} from '../../src/contracts/api.ts';

export const FAKE_ORG = 'acme';
export const FAKE_TOKEN = 'smoke-token';
/** A filter value the fake refuses, to show the server's problems on the page. */
export const REFUSED_VALUE = 'refuse-me';

const RUN_MS = 2_000;

// The contract's SyncConfig intersects ConfigBody, which forbids additional properties, with
// { version, updatedAt }: no value can pass it. Checked here as the object it means to be.
const StoredConfig = Type.Object(
  { ...ConfigBody.properties, version: Type.Integer(), updatedAt: Type.Union([Type.String(), Type.Null()]) },
  { additionalProperties: false },
);

export interface FakeApiLog {
  authorizations: string[];
  puts: PutConfigBody[];
  retries: number[];
}

export function registerFakeApi(app: FastifyInstance): FakeApiLog {
  const log: FakeApiLog = { authorizations: [], puts: [], retries: [] };
  const state = {
    configs: {
      contacts: config(['firstname', 'lastname', 'email', 'phone', 'lifecyclestage']),
      companies: config(['name', 'domain', 'phone']),
    },
    runs: { contacts: [] as Run[], companies: [] as Run[] },
    runStarts: new Map<string, number>(),
  };

  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/api/')) return;
    const auth = request.headers.authorization ?? '';
    log.authorizations.push(auth);
    if (auth !== `Bearer ${FAKE_TOKEN}`) return fail(reply, 401, 'unauthorized', 'Missing or unknown token.');
  });

  const send = (reply: FastifyReply, schema: TSchema, body: unknown, status = 200) => {
    if (!Check(schema, body)) {
      throw new Error(
        `fake API answer breaks the contract: ${JSON.stringify([...Errors(schema, body)].slice(0, 3))}`,
      );
    }
    return reply.status(status).send(body);
  };
  const objectOf = (request: FastifyRequest): ObjectName => {
    const { object } = request.params as { object: string };
    if (object !== 'contacts' && object !== 'companies') throw new Error(`unknown object ${object}`);
    return object;
  };

  app.get('/api/v1/orgs', (_req, reply) =>
    send(reply, OrgList, { orgs: [{ orgId: FAKE_ORG, status: 'connected', portalId: '4242' }] }),
  );
  app.get('/api/v1/orgs/:org/connection', (_req, reply) =>
    send(reply, Connection, {
      orgId: FAKE_ORG,
      status: 'connected',
      statusReason: null,
      portalId: '4242',
      scopes: ['crm.objects.contacts.read', 'crm.objects.contacts.write', 'crm.schemas.contacts.read'],
      installUrl: `/oauth/hubspot/install?org=${FAKE_ORG}`,
    }),
  );
  app.get('/api/v1/orgs/:org/objects/:object/fields', (req, reply) =>
    send(reply, FieldList, { fields: FIELDS[objectOf(req)] }),
  );
  app.get('/api/v1/orgs/:org/objects/:object/config', (req, reply) =>
    send(reply, StoredConfig, state.configs[objectOf(req)]),
  );
  app.put('/api/v1/orgs/:org/objects/:object/config', (req, reply) => {
    const object = objectOf(req);
    const body = req.body as PutConfigBody;
    log.puts.push(body);
    const current = state.configs[object];
    if (body.expectedVersion !== undefined && body.expectedVersion !== current.version) {
      return fail(reply, 409, 'config_version_conflict', 'The configuration changed since it was loaded.');
    }
    const problems = problemsOf(body);
    if (problems.length > 0) {
      return fail(reply, 400, 'invalid_config', 'The configuration has problems.', problems);
    }
    const { expectedVersion: _v, ...rest } = body;
    state.configs[object] = { ...rest, version: current.version + 1, updatedAt: new Date().toISOString() };
    return send(reply, StoredConfig, state.configs[object]);
  });
  app.post('/api/v1/orgs/:org/objects/:object/preview', (req, reply) => {
    const body = req.body as PutConfigBody;
    const problems = problemsOf(body);
    if (problems.length > 0)
      return fail(reply, 400, 'invalid_config', 'The configuration has problems.', problems);
    const matching = 1200 - 300 * body.filters.length;
    return send(reply, PreviewResult, {
      total: 1200,
      scanned: 1000,
      matching,
      complete: false,
      sample: [
        { hubspotId: '101', values: { email: 'ada@example.com', firstname: 'Ada' }, problems: [] },
        {
          hubspotId: '102',
          values: { email: 'bob@example.com', firstname: null },
          problems: ['phone: not a phone number'],
        },
      ],
    });
  });
  app.post('/api/v1/orgs/:org/objects/:object/sync', (req, reply) => {
    const object = objectOf(req);
    const id = `run-${state.runStarts.size + 1}`;
    state.runStarts.set(id, Date.now());
    state.runs[object].unshift(run(id, 'queued', 0));
    return reply.status(202).send({ runId: id });
  });
  app.get('/api/v1/orgs/:org/objects/:object/status', (req, reply) => {
    const object = objectOf(req);
    state.runs[object] = state.runs[object].map((r) => advance(r, state.runStarts.get(r.id) ?? 0));
    const runs = state.runs[object];
    return send(reply, ObjectStatus, {
      object,
      enabled: state.configs[object].enabled,
      connection: 'connected',
      hubspotTotal: 1200,
      synced: 1180,
      failed: 2,
      excluded: 18,
      lastRun: runs[0] ?? null,
      recentRuns: runs,
    });
  });
  app.get('/api/v1/orgs/:org/audit', (req, reply) => {
    const query = req.query as Record<string, string | undefined>;
    const entries = AUDIT.filter((e) => query.status === undefined || e.status === query.status);
    if (query.format === 'csv') {
      return reply
        .type('text/csv')
        .send(['id,status', ...entries.map((e) => `${e.id},${e.status}`)].join('\n'));
    }
    const start = Number(query.cursor ?? 0);
    const limit = Number(query.limit ?? 50);
    const page = entries.slice(start, start + limit);
    const next = start + limit < entries.length ? String(start + limit) : null;
    return send(reply, AuditPage, { entries: page, nextCursor: next });
  });
  app.post('/api/v1/orgs/:org/audit/:id/retry', (req, reply) => {
    log.retries.push(Number((req.params as { id: string }).id));
    return send(reply, RetryStarted, { queued: true, message: 'Retry queued.' }, 202);
  });
  return log;
}

function fail(reply: FastifyReply, status: number, code: string, message: string, details?: unknown) {
  return reply
    .status(status)
    .send({ error: details === undefined ? { code, message } : { code, message, details } });
}

function problemsOf(body: PutConfigBody): ConfigProblem[] {
  return body.filters.flatMap((f, i) =>
    f.value === REFUSED_VALUE
      ? [
          {
            path: `filters/${i}/value`,
            code: 'invalid_value',
            message: `Filter ${i + 1}: "${REFUSED_VALUE}" is refused by the server`,
          },
        ]
      : [],
  );
}

function config(fields: string[]): SyncConfig {
  return {
    enabled: true,
    fields: fields.map((property) => ({ property, direction: 'both' as const })),
    filters: [],
    conflictPolicy: 'most_recent',
    blankOverwrites: false,
    deletion: { hubspotToThena: 'keep', thenaToHubSpot: 'keep' },
    version: 3,
    updatedAt: '2026-01-05T10:00:00.000Z',
  };
}

function run(id: string, state: Run['state'], progress: number): Run {
  const total = 1200;
  const seen = Math.round(total * progress);
  const now = new Date().toISOString();
  return {
    id,
    direction: 'hubspot_to_thena',
    trigger: 'manual',
    state,
    total,
    seen,
    created: Math.round(seen * 0.1),
    updated: Math.round(seen * 0.2),
    unchanged: seen - Math.round(seen * 0.1) - Math.round(seen * 0.2),
    excluded: 0,
    failed: 0,
    progress,
    etaSeconds: state === 'running' ? Math.round(((1 - progress) * RUN_MS) / 1000) : null,
    error: null,
    createdAt: now,
    startedAt: state === 'queued' ? null : now,
    finishedAt: state === 'succeeded' ? now : null,
  };
}

/** Runs go queued -> running -> succeeded over RUN_MS, as the status is read. */
function advance(r: Run, startedAt: number): Run {
  if (r.state === 'succeeded') return r;
  const progress = Math.min(1, (Date.now() - startedAt) / RUN_MS);
  const next = run(r.id, progress >= 1 ? 'succeeded' : 'running', progress);
  return { ...next, createdAt: r.createdAt, startedAt: r.startedAt ?? next.startedAt };
}

function field(
  name: string,
  label: string,
  type: string,
  fieldType: string,
  extra: Partial<FieldInfo> = {},
): FieldInfo {
  const custom = extra.custom ?? false;
  return {
    name,
    label,
    type,
    fieldType,
    group: custom ? 'Custom properties' : 'Contact information',
    description: '',
    locked: false,
    selected: false,
    direction: 'both',
    allowedDirections: ['hubspot_to_thena', 'thena_to_hubspot', 'both'],
    readOnly: false,
    custom,
    options: [],
    operators: OPERATORS[type] ?? OPERATORS.string ?? [],
    thena: { kind: custom ? 'custom' : 'standard', name: label, fieldType: 'text', fieldId: null },
    ...extra,
  };
}

const TEXT_OPS = [
  'equals',
  'not_equals',
  'contains',
  'not_contains',
  'starts_with',
  'ends_with',
  'is_any_of',
  'is_none_of',
  'is_empty',
  'is_not_empty',
];
const OPERATORS: Record<string, string[]> = {
  string: TEXT_OPS,
  number: [
    'equals',
    'not_equals',
    'greater_than',
    'less_than',
    'is_any_of',
    'is_none_of',
    'is_empty',
    'is_not_empty',
  ],
  date: ['equals', 'not_equals', 'greater_than', 'less_than', 'is_empty', 'is_not_empty'],
  enumeration: ['equals', 'not_equals', 'is_any_of', 'is_none_of', 'is_empty', 'is_not_empty'],
};

const STAGES = [
  { label: 'Lead', value: 'lead' },
  { label: 'Customer', value: 'customer' },
];

const FIELDS: Record<ObjectName, FieldInfo[]> = {
  contacts: [
    field('firstname', 'First name', 'string', 'text', { locked: true }),
    field('lastname', 'Last name', 'string', 'text', { locked: true }),
    field('email', 'Email', 'string', 'text', { locked: true }),
    field('phone', 'Phone number', 'string', 'phonenumber', { locked: true }),
    field('lifecyclestage', 'Lifecycle stage', 'enumeration', 'select', { options: STAGES }),
    field('jobtitle', 'Job title', 'string', 'text'),
    field('renewal_date', 'Renewal date', 'date', 'date', { custom: true }),
    field('seats', 'Seats', 'number', 'number', {
      custom: true,
      allowedDirections: ['hubspot_to_thena'],
      direction: 'hubspot_to_thena',
    }),
  ],
  companies: [
    field('name', 'Company name', 'string', 'text', { locked: true }),
    field('domain', 'Company domain name', 'string', 'text', { locked: true }),
    field('phone', 'Phone number', 'string', 'phonenumber', { locked: true }),
    field('industry', 'Industry', 'enumeration', 'select', {
      options: [{ label: 'Software', value: 'SOFTWARE' }],
    }),
  ],
};

const AUDIT: AuditEntry[] = [
  {
    id: 3,
    at: '2026-01-05T10:02:00.000Z',
    runId: 'run-0',
    direction: 'hubspot_to_thena',
    object: 'contacts',
    hubspotId: '102',
    thenaId: null,
    action: 'create',
    status: 'FAILED',
    errorCode: 'thena_validation_failed',
    message: 'Thena refused the contact: phoneNumber is not a phone number',
    details: { field: 'phoneNumber', value: '12', thenaStatus: 400 },
    durationMs: 84,
  },
  {
    id: 2,
    at: '2026-01-05T10:01:00.000Z',
    runId: 'run-0',
    direction: 'hubspot_to_thena',
    object: 'contacts',
    hubspotId: '101',
    thenaId: 'th-101',
    action: 'create',
    status: 'SUCCESS',
    errorCode: null,
    message: null,
    details: null,
    durationMs: 40,
  },
  {
    id: 1,
    at: '2026-01-05T10:00:00.000Z',
    runId: 'run-0',
    direction: 'hubspot_to_thena',
    object: 'companies',
    hubspotId: '900',
    thenaId: null,
    action: 'exclude',
    status: 'SKIPPED',
    errorCode: null,
    message: 'Excluded by filter 1',
    details: null,
    durationMs: 3,
  },
];
