// Batch endpoints: read, create, update, upsert, archive (at most 100 inputs).
// Writes are all-or-nothing, as in HubSpot, unless every input carries an `objectWriteTraceId`:
// then each input succeeds or fails on its own and failures come back in a 207 with the trace id
// in their context.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { scopes } from '../auth.ts';
import { checkIdProperty, findRecord } from '../crm/lookup.ts';
import { resolveObjectType, type ObjectTypeInfo } from '../crm/object-types.ts';
import { serializeRecord } from '../crm/serialize.ts';
import type { Reservations, WriteContext } from '../crm/service.ts';
import { uniqueNamespace } from '../crm/unique.ts';
import type { Emulator } from '../emulator.ts';
import {
  HubSpotError,
  objectNotFound,
  standardError,
  toStandardError,
  validationError,
  type StandardError,
} from '../errors.ts';
import { boolParam, objectBody, text, type Query } from '../http/params.ts';
import type { RecordView } from '../state/records.ts';
import { batchInputs, batchResponse } from './batch-response.ts';
import { guard, writeContext } from './guard.ts';

interface TypeParams {
  objectType: string;
}

type Step<T> = { ok: true; value: T } | { ok: false; error: HubSpotError };

function attempt<T>(run: () => T): Step<T> {
  try {
    return { ok: true, value: run() };
  } catch (error) {
    if (error instanceof HubSpotError) return { ok: false, error };
    throw error;
  }
}

function traceIdOf(input: Record<string, unknown>): string | undefined {
  return typeof input.objectWriteTraceId === 'string' ? input.objectWriteTraceId : undefined;
}

/**
 * Prepares every input, then either applies all (no failure, or per-input mode) or fails the
 * whole batch with the first error.
 */
function runWrites<P, R>(
  emulator: Emulator,
  reply: FastifyReply,
  inputs: Array<Record<string, unknown>>,
  prepare: (input: Record<string, unknown>) => P,
  apply: (prepared: P, input: Record<string, unknown>) => R,
  okStatus: number,
): Record<string, unknown> {
  const startedAt = emulator.clock.now();
  const perInput = inputs.length > 0 && inputs.every((input) => traceIdOf(input) !== undefined);
  const prepared = inputs.map((input) => attempt(() => prepare(input)));
  const firstFailure = prepared.find((step) => !step.ok);
  if (firstFailure && !firstFailure.ok && !perInput) throw firstFailure.error;
  const results: R[] = [];
  const errors: StandardError[] = [];
  prepared.forEach((step, index) => {
    const input = inputs[index] as Record<string, unknown>;
    if (step.ok) results.push(apply(step.value, input));
    else errors.push(toStandardError(step.error, { objectWriteTraceId: [traceIdOf(input) as string] }));
  });
  return batchResponse(reply, emulator.clock, startedAt, results, errors, okStatus);
}

export function registerBatchRoutes(app: FastifyInstance, emulator: Emulator, prefix: string): void {
  app.post<{ Params: TypeParams; Querystring: Query }>(
    `${prefix}/:objectType/batch/read`,
    async (request, reply) => {
      const type = resolveObjectType(request.params.objectType);
      const caller = guard(emulator, request, reply, { scopes: scopes.read(type) });
      const body = objectBody(request.body);
      const inputs = batchInputs(body);
      const archived = boolParam(request.query, 'archived', false);
      const idProperty = typeof body.idProperty === 'string' ? body.idProperty : undefined;
      checkIdProperty(caller.portal, type, idProperty);
      const startedAt = emulator.clock.now();
      const found = new Map<number, RecordView>();
      const missing: string[] = [];
      for (const input of inputs) {
        const rawId = text(input.id);
        const record = findRecord(caller.portal, type, rawId, idProperty);
        if (record && record.archived === archived) found.set(record.id, record);
        else missing.push(rawId);
      }
      const options = {
        properties: stringList(body.properties),
        propertiesWithHistory: stringList(body.propertiesWithHistory),
      };
      const results = [...found.values()].map((record) =>
        serializeRecord(caller.portal, type, record, options),
      );
      const errors =
        missing.length > 0
          ? [
              standardError(
                'OBJECT_NOT_FOUND',
                `Could not get some ${type.upper} objects, they may be deleted or not exist. Check that ids are valid.`,
                { ids: missing },
              ),
            ]
          : [];
      return batchResponse(reply, emulator.clock, startedAt, results, errors, 200);
    },
  );

  app.post<{ Params: TypeParams }>(`${prefix}/:objectType/batch/create`, async (request, reply) => {
    const type = resolveObjectType(request.params.objectType);
    const caller = guard(emulator, request, reply, { scopes: scopes.write(type) });
    const inputs = batchInputs(objectBody(request.body));
    const ctx = writeContext(emulator, caller);
    const reserved: Reservations = new Map();
    return runWrites(
      emulator,
      reply,
      inputs,
      (input) => emulator.crm.prepareCreate(ctx, type, input, reserved),
      (prepared, input) =>
        serializeRecord(caller.portal, type, emulator.crm.applyCreate(ctx, prepared), {
          alsoProperties: prepared.values.keys(),
          objectWriteTraceId: traceIdOf(input),
        }),
      201,
    );
  });

  app.post<{ Params: TypeParams }>(`${prefix}/:objectType/batch/update`, async (request, reply) => {
    const type = resolveObjectType(request.params.objectType);
    const caller = guard(emulator, request, reply, { scopes: scopes.write(type) });
    const inputs = batchInputs(objectBody(request.body));
    rejectDuplicateIds(inputs);
    const ctx = writeContext(emulator, caller);
    const reserved: Reservations = new Map();
    return runWrites(
      emulator,
      reply,
      inputs,
      (input) => {
        const rawId = text(input.id);
        const idProperty = typeof input.idProperty === 'string' ? input.idProperty : undefined;
        const record = findRecord(caller.portal, type, rawId, idProperty);
        if (!record || record.archived) throw objectNotFound(rawId);
        return emulator.crm.prepareUpdate(ctx, type, record.id, input.properties, reserved);
      },
      (prepared, input) =>
        serializeRecord(caller.portal, type, emulator.crm.applyUpdate(ctx, prepared), {
          alsoProperties: prepared.values.keys(),
          objectWriteTraceId: traceIdOf(input),
        }),
      200,
    );
  });

  app.post<{ Params: TypeParams }>(`${prefix}/:objectType/batch/upsert`, async (request, reply) => {
    const type = resolveObjectType(request.params.objectType);
    const caller = guard(emulator, request, reply, { scopes: scopes.write(type) });
    const inputs = batchInputs(objectBody(request.body));
    rejectDuplicateIds(inputs);
    const ctx = writeContext(emulator, caller);
    const reserved: Reservations = new Map();
    return runWrites(
      emulator,
      reply,
      inputs,
      (input) => prepareUpsert(emulator, ctx, type, input, reserved),
      (prepared, input) => {
        const record =
          prepared.kind === 'create'
            ? emulator.crm.applyCreate(ctx, prepared.create)
            : emulator.crm.applyUpdate(ctx, prepared.update);
        const values = prepared.kind === 'create' ? prepared.create.values : prepared.update.values;
        return {
          ...serializeRecord(caller.portal, type, record, {
            alsoProperties: values.keys(),
            objectWriteTraceId: traceIdOf(input),
          }),
          new: prepared.kind === 'create',
        };
      },
      200,
    );
  });

  app.post<{ Params: TypeParams }>(`${prefix}/:objectType/batch/archive`, async (request, reply) => {
    const type = resolveObjectType(request.params.objectType);
    const caller = guard(emulator, request, reply, { scopes: scopes.write(type) });
    const inputs = batchInputs(objectBody(request.body));
    const ctx = writeContext(emulator, caller);
    for (const input of inputs) {
      const id = text(input.id);
      if (/^\d+$/.test(id)) emulator.crm.archive(ctx, type, Number(id));
    }
    return reply.code(204).send();
  });
}

type PreparedUpsert =
  | { kind: 'create'; create: ReturnType<Emulator['crm']['prepareCreate']> }
  | { kind: 'update'; update: ReturnType<Emulator['crm']['prepareUpdate']> };

function prepareUpsert(
  emulator: Emulator,
  ctx: WriteContext,
  type: ObjectTypeInfo,
  input: Record<string, unknown>,
  reserved: Reservations,
): PreparedUpsert {
  const idProperty = typeof input.idProperty === 'string' ? input.idProperty : undefined;
  const rawId = text(input.id);
  if (idProperty === undefined || idProperty === 'hs_object_id') {
    // Without a unique property there is nothing to create from: the id must exist.
    const record = findRecord(ctx.portal, type, rawId, undefined);
    if (!record || record.archived) throw objectNotFound(rawId);
    return {
      kind: 'update',
      update: emulator.crm.prepareUpdate(ctx, type, record.id, input.properties, reserved),
    };
  }
  if (!uniqueNamespace(ctx.portal, type, idProperty)) checkIdProperty(ctx.portal, type, idProperty);
  const record = findRecord(ctx.portal, type, rawId, idProperty);
  const properties = { ...((input.properties ?? {}) as Record<string, unknown>) };
  if (record && !record.archived) {
    return { kind: 'update', update: emulator.crm.prepareUpdate(ctx, type, record.id, properties, reserved) };
  }
  properties[idProperty] ??= rawId;
  return { kind: 'create', create: emulator.crm.prepareCreate(ctx, type, { properties }, reserved) };
}

function rejectDuplicateIds(inputs: Array<Record<string, unknown>>): void {
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  for (const input of inputs) {
    const id = text(input.id);
    if (seen.has(id)) duplicates.add(id);
    seen.add(id);
  }
  if (duplicates.size > 0) {
    throw validationError(
      `Duplicate IDs found in batch input: [${[...duplicates].join(', ')}]. IDs must be unique`,
    );
  }
}

function stringList(raw: unknown): string[] | undefined {
  return Array.isArray(raw) ? raw.filter((item): item is string => typeof item === 'string') : undefined;
}
