// Properties API: definitions and groups (`/crm/v3/properties/{type}`).
import type { FastifyInstance } from 'fastify';
import { scopes } from '../auth.ts';
import { resolveObjectType } from '../crm/object-types.ts';
import type { Emulator } from '../emulator.ts';
import { HubSpotError, standardError, toStandardError, type StandardError } from '../errors.ts';
import { boolParam, listParam, objectBody, stringParam, text, type Query } from '../http/params.ts';
import { groupJson, propertyJson } from '../properties/serialize.ts';
import { batchInputs, batchResponse } from './batch-response.ts';
import { guard } from './guard.ts';

interface TypeParams {
  objectType: string;
}
interface PropertyParams extends TypeParams {
  propertyName: string;
}
interface GroupParams extends TypeParams {
  groupName: string;
}

export function registerPropertyRoutes(app: FastifyInstance, emulator: Emulator): void {
  const base = '/crm/v3/properties/:objectType';

  app.get<{ Params: TypeParams; Querystring: Query }>(base, async (request, reply) => {
    const type = resolveObjectType(request.params.objectType);
    const caller = guard(emulator, request, reply, { scopes: scopes.schemaRead(type) });
    const registry = caller.portal.properties(type);
    const archived = boolParam(request.query, 'archived', false);
    const sensitivity = stringParam(request.query, 'dataSensitivity') ?? 'non_sensitive';
    const only = listParam(request.query, 'properties');
    const results = registry
      .list(archived)
      .filter((def) => def.dataSensitivity === sensitivity)
      .filter((def) => !only || only.length === 0 || only.includes(def.name))
      .map((def) => propertyJson(registry, def));
    return { results };
  });

  app.post<{ Params: TypeParams }>(base, async (request, reply) => {
    const type = resolveObjectType(request.params.objectType);
    const caller = guard(emulator, request, reply, { scopes: scopes.schemaWrite(type) });
    const registry = caller.portal.properties(type);
    const def = registry.create(objectBody(request.body), emulator.clock.now(), String(caller.token.userId));
    void reply.code(201);
    return propertyJson(registry, def);
  });

  app.post<{ Params: TypeParams }>(`${base}/batch/read`, async (request, reply) => {
    const type = resolveObjectType(request.params.objectType);
    const caller = guard(emulator, request, reply, { scopes: scopes.schemaRead(type) });
    const registry = caller.portal.properties(type);
    const body = objectBody(request.body);
    const archived = body.archived === true;
    const startedAt = emulator.clock.now();
    const results: unknown[] = [];
    const errors: StandardError[] = [];
    for (const input of batchInputs(body)) {
      const name = text(input.name);
      const def = registry.list(archived).find((candidate) => candidate.name === name);
      if (def) results.push(propertyJson(registry, def));
      else
        errors.push(
          standardError('OBJECT_NOT_FOUND', `Unable to find property with name '${name}'`, { name: [name] }),
        );
    }
    return batchResponse(reply, emulator.clock, startedAt, results, errors, 200);
  });

  app.post<{ Params: TypeParams }>(`${base}/batch/create`, async (request, reply) => {
    const type = resolveObjectType(request.params.objectType);
    const caller = guard(emulator, request, reply, { scopes: scopes.schemaWrite(type) });
    const registry = caller.portal.properties(type);
    const startedAt = emulator.clock.now();
    const results: unknown[] = [];
    const errors: StandardError[] = [];
    for (const input of batchInputs(objectBody(request.body))) {
      try {
        results.push(
          propertyJson(registry, registry.create(input, emulator.clock.now(), String(caller.token.userId))),
        );
      } catch (error) {
        if (!(error instanceof HubSpotError)) throw error;
        errors.push(toStandardError(error, { name: [text(input.name)] }));
      }
    }
    return batchResponse(reply, emulator.clock, startedAt, results, errors, 201);
  });

  app.post<{ Params: TypeParams }>(`${base}/batch/archive`, async (request, reply) => {
    const type = resolveObjectType(request.params.objectType);
    const caller = guard(emulator, request, reply, { scopes: scopes.schemaWrite(type) });
    const registry = caller.portal.properties(type);
    const inputs = batchInputs(objectBody(request.body));
    for (const input of inputs) registry.require(text(input.name));
    for (const input of inputs) registry.archive(text(input.name), emulator.clock.now());
    return reply.code(204).send();
  });

  app.get<{ Params: TypeParams; Querystring: Query }>(`${base}/groups`, async (request, reply) => {
    const type = resolveObjectType(request.params.objectType);
    const caller = guard(emulator, request, reply, { scopes: scopes.schemaRead(type) });
    return { results: caller.portal.properties(type).listGroups(false).map(groupJson) };
  });

  app.post<{ Params: TypeParams }>(`${base}/groups`, async (request, reply) => {
    const type = resolveObjectType(request.params.objectType);
    const caller = guard(emulator, request, reply, { scopes: scopes.schemaWrite(type) });
    const group = caller.portal.properties(type).createGroup(objectBody(request.body));
    void reply.code(201);
    return groupJson(group);
  });

  app.get<{ Params: GroupParams }>(`${base}/groups/:groupName`, async (request, reply) => {
    const type = resolveObjectType(request.params.objectType);
    const caller = guard(emulator, request, reply, { scopes: scopes.schemaRead(type) });
    return groupJson(caller.portal.properties(type).requireGroupDefinition(request.params.groupName));
  });

  app.patch<{ Params: GroupParams }>(`${base}/groups/:groupName`, async (request, reply) => {
    const type = resolveObjectType(request.params.objectType);
    const caller = guard(emulator, request, reply, { scopes: scopes.schemaWrite(type) });
    return groupJson(
      caller.portal.properties(type).updateGroup(request.params.groupName, objectBody(request.body)),
    );
  });

  app.delete<{ Params: GroupParams }>(`${base}/groups/:groupName`, async (request, reply) => {
    const type = resolveObjectType(request.params.objectType);
    const caller = guard(emulator, request, reply, { scopes: scopes.schemaWrite(type) });
    caller.portal.properties(type).archiveGroup(request.params.groupName);
    return reply.code(204).send();
  });

  app.get<{ Params: PropertyParams; Querystring: Query }>(`${base}/:propertyName`, async (request, reply) => {
    const type = resolveObjectType(request.params.objectType);
    const caller = guard(emulator, request, reply, { scopes: scopes.schemaRead(type) });
    const registry = caller.portal.properties(type);
    const archived = boolParam(request.query, 'archived', false);
    const def = archived
      ? registry.list(true).find((candidate) => candidate.name === request.params.propertyName)
      : registry.get(request.params.propertyName);
    return propertyJson(registry, def ?? registry.require(request.params.propertyName));
  });

  app.patch<{ Params: PropertyParams }>(`${base}/:propertyName`, async (request, reply) => {
    const type = resolveObjectType(request.params.objectType);
    const caller = guard(emulator, request, reply, { scopes: scopes.schemaWrite(type) });
    const registry = caller.portal.properties(type);
    const def = registry.update(
      request.params.propertyName,
      objectBody(request.body),
      emulator.clock.now(),
      String(caller.token.userId),
    );
    return propertyJson(registry, def);
  });

  app.delete<{ Params: PropertyParams }>(`${base}/:propertyName`, async (request, reply) => {
    const type = resolveObjectType(request.params.objectType);
    const caller = guard(emulator, request, reply, { scopes: scopes.schemaWrite(type) });
    caller.portal.properties(type).archive(request.params.propertyName, emulator.clock.now());
    return reply.code(204).send();
  });
}
