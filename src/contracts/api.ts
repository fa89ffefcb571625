// The REST API behind the configuration page, as TypeBox schemas: the server validates and
// serialises with them, the page takes their static types. Paths are under /api/v1.
import { Type, type Static } from 'typebox';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);

export const ErrorBody = Type.Object({
  error: Type.Object({
    code: Type.String(),
    message: Type.String(),
    details: Type.Optional(Type.Unknown()),
  }),
});
export type ErrorBody = Static<typeof ErrorBody>;

export const ObjectName = Type.Union([Type.Literal('contacts'), Type.Literal('companies')]);
export type ObjectName = Static<typeof ObjectName>;

export const Direction = Type.Union([Type.Literal('hubspot_to_thena'), Type.Literal('thena_to_hubspot')]);
export type Direction = Static<typeof Direction>;

export const FieldDirection = Type.Union([
  Type.Literal('hubspot_to_thena'),
  Type.Literal('thena_to_hubspot'),
  Type.Literal('both'),
]);
export type FieldDirection = Static<typeof FieldDirection>;

export const ConflictPolicy = Type.Union([
  Type.Literal('hubspot_wins'),
  Type.Literal('thena_wins'),
  Type.Literal('most_recent'),
]);
export type ConflictPolicy = Static<typeof ConflictPolicy>;

export const DeletionPolicy = Type.Union([Type.Literal('keep'), Type.Literal('delete')]);

export const FILTER_OPERATORS = [
  'equals',
  'not_equals',
  'contains',
  'not_contains',
  'greater_than',
  'less_than',
  'is_empty',
  'is_not_empty',
  'starts_with',
  'ends_with',
  'is_any_of',
  'is_none_of',
] as const;
export type FilterOperator = (typeof FILTER_OPERATORS)[number];

export const OrgParams = Type.Object({ org: Type.String({ minLength: 1, maxLength: 200 }) });
export const ObjectParams = Type.Object({
  org: Type.String({ minLength: 1, maxLength: 200 }),
  object: ObjectName,
});

// --- connection ---------------------------------------------------------------------------

export const Connection = Type.Object({
  orgId: Type.String(),
  status: Type.Union([
    Type.Literal('pending'),
    Type.Literal('connected'),
    Type.Literal('needs_reconnect'),
    Type.Literal('uninstalled'),
  ]),
  statusReason: Nullable(Type.String()),
  portalId: Nullable(Type.String()),
  scopes: Type.Array(Type.String()),
  /** Where the browser goes to (re)connect HubSpot. */
  installUrl: Type.String(),
});
export type Connection = Static<typeof Connection>;

export const OrgSummary = Type.Object({
  orgId: Type.String(),
  status: Type.String(),
  portalId: Nullable(Type.String()),
});
export const OrgList = Type.Object({ orgs: Type.Array(OrgSummary) });
export type OrgList = Static<typeof OrgList>;

// --- fields -------------------------------------------------------------------------------

export const ThenaTarget = Type.Object({
  kind: Type.Union([Type.Literal('standard'), Type.Literal('custom')]),
  /** The Thena field's name: a standard field (firstName) or the custom field's label. */
  name: Type.String(),
  fieldType: Type.String(),
  /** The custom field's id once it exists in Thena. */
  fieldId: Nullable(Type.String()),
});

export const FieldInfo = Type.Object({
  name: Type.String(),
  label: Type.String(),
  type: Type.String(),
  fieldType: Type.String(),
  group: Type.String(),
  description: Type.String(),
  /** Always synced; cannot be deselected. */
  locked: Type.Boolean(),
  selected: Type.Boolean(),
  direction: FieldDirection,
  allowedDirections: Type.Array(FieldDirection),
  readOnly: Type.Boolean(),
  custom: Type.Boolean(),
  options: Type.Array(Type.Object({ label: Type.String(), value: Type.String() })),
  /** Filter operators that fit the field's type. */
  operators: Type.Array(Type.String()),
  thena: ThenaTarget,
});
export type FieldInfo = Static<typeof FieldInfo>;

export const FieldList = Type.Object({ fields: Type.Array(FieldInfo) });
export type FieldList = Static<typeof FieldList>;

// --- configuration ------------------------------------------------------------------------

// Nested objects refuse unknown keys too: a misspelt `conflictpolicy` must be a 400, not a setting
// silently dropped.
export const SelectedField = Type.Object(
  {
    property: Type.String({ minLength: 1, maxLength: 200 }),
    direction: FieldDirection,
    conflictPolicy: Type.Optional(ConflictPolicy),
  },
  { additionalProperties: false },
);
export type SelectedField = Static<typeof SelectedField>;

export const FilterValue = Type.Union([
  Type.String({ maxLength: 1000 }),
  Type.Number(),
  Type.Boolean(),
  Type.Array(Type.String({ maxLength: 1000 }), { maxItems: 500 }),
]);

export const FilterRule = Type.Object(
  {
    field: Type.String({ minLength: 1, maxLength: 200 }),
    operator: Type.String({ minLength: 1, maxLength: 40 }),
    value: Type.Optional(FilterValue),
  },
  { additionalProperties: false },
);
export type FilterRule = Static<typeof FilterRule>;

export const ConfigBody = Type.Object(
  {
    enabled: Type.Boolean(),
    fields: Type.Array(SelectedField, { maxItems: 600 }),
    filters: Type.Array(FilterRule, { maxItems: 60 }),
    conflictPolicy: ConflictPolicy,
    blankOverwrites: Type.Boolean(),
    deletion: Type.Object(
      { hubspotToThena: DeletionPolicy, thenaToHubSpot: DeletionPolicy },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type ConfigBody = Static<typeof ConfigBody>;

// One flat object rather than an intersection with ConfigBody: ConfigBody refuses properties it
// does not list, so as an `allOf` member it would refuse (or strip) `expectedVersion`.
export const PutConfigBody = Type.Object(
  { ...ConfigBody.properties, expectedVersion: Type.Optional(Type.Integer({ minimum: 0 })) },
  { additionalProperties: false },
);
export type PutConfigBody = Static<typeof PutConfigBody>;

// One flat object (not an allOf): ConfigBody refuses unknown properties, which would refuse
// `version` and `updatedAt` too.
export const SyncConfig = Type.Object(
  { ...ConfigBody.properties, version: Type.Integer(), updatedAt: Nullable(Type.String()) },
  { additionalProperties: false },
);
export type SyncConfig = Static<typeof SyncConfig>;

/** Each problem of a refused configuration, with its path in the submitted document. */
export const ConfigProblem = Type.Object({
  path: Type.String(),
  code: Type.String(),
  message: Type.String(),
});
export type ConfigProblem = Static<typeof ConfigProblem>;

// --- preview ------------------------------------------------------------------------------

export const PreviewResult = Type.Object({
  /** Records HubSpot holds for the object. */
  total: Type.Integer(),
  /** Records read for the preview (the first ones, at most a few thousand). */
  scanned: Type.Integer(),
  matching: Type.Integer(),
  /** True when every record was read, so `matching` is exact. */
  complete: Type.Boolean(),
  sample: Type.Array(
    Type.Object({
      hubspotId: Type.String(),
      values: Type.Record(Type.String(), Nullable(Type.String())),
      /** Problems converting the record's values for Thena, if any. */
      problems: Type.Array(Type.String()),
    }),
  ),
});
export type PreviewResult = Static<typeof PreviewResult>;

// --- runs and status ----------------------------------------------------------------------

export const Run = Type.Object({
  id: Type.String(),
  direction: Direction,
  trigger: Type.String(),
  state: Type.Union([
    Type.Literal('queued'),
    Type.Literal('running'),
    Type.Literal('succeeded'),
    Type.Literal('failed'),
    Type.Literal('cancelled'),
  ]),
  total: Nullable(Type.Integer()),
  seen: Type.Integer(),
  created: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer(),
  excluded: Type.Integer(),
  failed: Type.Integer(),
  /** 0..1 when the total is known. */
  progress: Nullable(Type.Number()),
  etaSeconds: Nullable(Type.Number()),
  error: Nullable(Type.String()),
  createdAt: Type.String(),
  startedAt: Nullable(Type.String()),
  finishedAt: Nullable(Type.String()),
});
export type Run = Static<typeof Run>;

export const SyncStarted = Type.Object({ runId: Type.String() });

export const ObjectStatus = Type.Object({
  object: ObjectName,
  enabled: Type.Boolean(),
  connection: Connection.properties.status,
  /** Records in HubSpot (null when HubSpot could not be asked). */
  hubspotTotal: Nullable(Type.Integer()),
  /** Records linked to a Thena record. */
  synced: Type.Integer(),
  /** Records whose latest attempt failed. */
  failed: Type.Integer(),
  /** Records the filters excluded in the last full run. */
  excluded: Type.Integer(),
  lastRun: Nullable(Run),
  recentRuns: Type.Array(Run),
});
export type ObjectStatus = Static<typeof ObjectStatus>;

// --- audit --------------------------------------------------------------------------------

export const AuditStatus = Type.Union([
  Type.Literal('SUCCESS'),
  Type.Literal('FAILED'),
  Type.Literal('SKIPPED'),
]);
export type AuditStatus = Static<typeof AuditStatus>;

export const AuditQuery = Type.Object({
  status: Type.Optional(AuditStatus),
  object: Type.Optional(ObjectName),
  direction: Type.Optional(Direction),
  /** ISO time: entries at or after it. */
  since: Type.Optional(Type.String({ format: 'date-time' })),
  cursor: Type.Optional(Type.String({ pattern: '^[0-9]+$', maxLength: 20 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
  format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv')])),
});
export type AuditQuery = Static<typeof AuditQuery>;

export const AuditEntry = Type.Object({
  id: Type.Integer(),
  at: Type.String(),
  runId: Nullable(Type.String()),
  direction: Direction,
  object: ObjectName,
  hubspotId: Nullable(Type.String()),
  thenaId: Nullable(Type.String()),
  action: Type.String(),
  status: AuditStatus,
  errorCode: Nullable(Type.String()),
  message: Nullable(Type.String()),
  details: Type.Unknown(),
  durationMs: Nullable(Type.Integer()),
});
export type AuditEntry = Static<typeof AuditEntry>;

export const AuditPage = Type.Object({
  entries: Type.Array(AuditEntry),
  nextCursor: Nullable(Type.String()),
});
export type AuditPage = Static<typeof AuditPage>;

export const AuditParams = Type.Object({
  org: Type.String({ minLength: 1, maxLength: 200 }),
  id: Type.Integer({ minimum: 1 }),
});
export const RetryStarted = Type.Object({ queued: Type.Boolean(), message: Type.String() });
export type RetryStarted = Static<typeof RetryStarted>;
