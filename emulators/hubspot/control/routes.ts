// The `/_emulator/` control surface over HTTP (documented in README.md). No authentication,
// no latency, no faults, no rate limits.
import type { FastifyInstance } from 'fastify';
import type { CreatePortalInput } from '../emulator.ts';
import { validationError } from '../errors.ts';
import { objectBody, stringParam, text, type Query } from '../http/params.ts';
import type { SeedRequest } from '../seed/seed-portal.ts';
import type { AppConfig } from '../state/apps.ts';
import type { Control, SettingsPatch } from './control.ts';

interface PortalParams {
  portalId: string;
}
interface UiParams extends PortalParams {
  objectType: string;
}
interface UiRecordParams extends UiParams {
  objectId: string;
}
interface PairParams extends PortalParams {
  contactId: string;
  companyId: string;
}

function num(raw: string | number | undefined, name: string): number {
  const value = typeof raw === 'number' ? raw : Number(raw);
  if (!Number.isInteger(value)) throw validationError(`${name} must be an integer`);
  return value;
}

function seedRequest(raw: unknown): SeedRequest {
  const body = (raw ?? {}) as Record<string, unknown>;
  const count = (value: unknown, name: string): number => {
    if (value === undefined) return 0;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
      throw validationError(`${name} must be a non-negative integer`);
    }
    return value;
  };
  return {
    contacts: count(body.contacts, 'contacts'),
    companies: count(body.companies, 'companies'),
    ...(typeof body.seed === 'number' ? { seed: body.seed } : {}),
    ...(typeof body.customProperties === 'boolean' ? { customProperties: body.customProperties } : {}),
  };
}

function optionalNumber(raw: unknown): number | undefined {
  return typeof raw === 'number'
    ? raw
    : typeof raw === 'string' && /^\d+$/.test(raw)
      ? Number(raw)
      : undefined;
}

export function registerControlRoutes(app: FastifyInstance, control: Control, defaultAppId: number): void {
  const base = '/_emulator';

  app.get(`${base}/health`, async () => ({ status: 'ok' }));

  app.post(`${base}/reset`, async () => {
    control.reset();
    return { status: 'reset' };
  });

  // ---- portals ----
  app.post(`${base}/portals`, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const installApps = Array.isArray(body.installApps)
      ? body.installApps.map((id) => num(id as number, 'installApps'))
      : [];
    if (body.installApp === true) installApps.push(defaultAppId);
    if (typeof body.installApp === 'number') installApps.push(body.installApp);
    const input: CreatePortalInput = {
      installApps,
      ...(typeof body.portalId === 'number' ? { portalId: body.portalId } : {}),
      ...(typeof body.name === 'string' ? { name: body.name } : {}),
      ...(Array.isArray(body.scopes) ? { scopes: body.scopes.map((scope) => text(scope)) } : {}),
      ...(body.seed === undefined ? {} : { seed: seedRequest(body.seed) }),
    };
    void reply.code(201);
    return control.createPortal(input);
  });
  app.get(`${base}/portals`, async () => ({ results: control.listPortals() }));
  app.get<{ Params: PortalParams }>(`${base}/portals/:portalId`, async (request) =>
    control.portalInfo(control.portal(num(request.params.portalId, 'portalId'))),
  );
  app.post<{ Params: PortalParams }>(`${base}/portals/:portalId/seed`, async (request) =>
    control.seed(num(request.params.portalId, 'portalId'), seedRequest(request.body)),
  );
  app.post<{ Params: PortalParams }>(`${base}/portals/:portalId/install`, async (request) => {
    const appId = optionalNumber(((request.body ?? {}) as { appId?: unknown }).appId);
    control.install(num(request.params.portalId, 'portalId'), appId);
    return { installed: true };
  });
  app.delete<{ Params: PortalParams & { appId: string } }>(
    `${base}/portals/:portalId/apps/:appId`,
    async (request, reply) => {
      control.uninstall(num(request.params.portalId, 'portalId'), num(request.params.appId, 'appId'));
      return reply.code(204).send();
    },
  );
  app.post<{ Params: PortalParams }>(`${base}/portals/:portalId/oauth-tokens`, async (request) => {
    const body = (request.body ?? {}) as { appId?: unknown; scopes?: unknown };
    const appId = optionalNumber(body.appId);
    return control.issueTokens(num(request.params.portalId, 'portalId'), {
      ...(appId === undefined ? {} : { appId }),
      ...(Array.isArray(body.scopes) ? { scopes: body.scopes.map(String) } : {}),
    });
  });

  // ---- tokens ----
  app.post(`${base}/tokens/expire`, async (request) => {
    const body = objectBody(request.body);
    control.expireToken(text(body.accessToken));
    return { expired: true };
  });
  app.post(`${base}/tokens/revoke`, async (request) => {
    const body = objectBody(request.body) as { accessToken?: string; refreshToken?: string };
    control.revokeToken(body);
    return { revoked: true };
  });

  // ---- user actions in the "HubSpot UI" ----
  const ui = `${base}/portals/:portalId/ui`;
  app.put<{ Params: PairParams }>(`${ui}/associations/:contactId/:companyId`, async (request, reply) => {
    const body = (request.body ?? {}) as { primary?: boolean; typeIds?: number[]; userId?: number };
    control.uiAssociate(
      num(request.params.portalId, 'portalId'),
      num(request.params.contactId, 'contactId'),
      num(request.params.companyId, 'companyId'),
      body,
    );
    return reply.code(204).send();
  });
  app.delete<{ Params: PairParams; Querystring: Query }>(
    `${ui}/associations/:contactId/:companyId`,
    async (request, reply) => {
      control.uiDissociate(
        num(request.params.portalId, 'portalId'),
        num(request.params.contactId, 'contactId'),
        num(request.params.companyId, 'companyId'),
        optionalNumber(stringParam(request.query, 'userId')),
      );
      return reply.code(204).send();
    },
  );
  app.post<{ Params: UiParams }>(`${ui}/:objectType`, async (request, reply) => {
    const body = objectBody(request.body) as {
      properties?: unknown;
      associations?: unknown;
      userId?: number;
    };
    void reply.code(201);
    return control.uiCreate(num(request.params.portalId, 'portalId'), request.params.objectType, body);
  });
  app.post<{ Params: UiParams }>(`${ui}/:objectType/merge`, async (request) => {
    const body = objectBody(request.body);
    return control.uiMerge(
      num(request.params.portalId, 'portalId'),
      request.params.objectType,
      num(body.primaryObjectId as string, 'primaryObjectId'),
      num(body.objectIdToMerge as string, 'objectIdToMerge'),
      optionalNumber(body.userId),
    );
  });
  app.patch<{ Params: UiRecordParams }>(`${ui}/:objectType/:objectId`, async (request) => {
    const body = objectBody(request.body) as { properties?: unknown; userId?: number };
    return control.uiUpdate(
      num(request.params.portalId, 'portalId'),
      request.params.objectType,
      num(request.params.objectId, 'objectId'),
      body,
    );
  });
  app.delete<{ Params: UiRecordParams; Querystring: Query }>(
    `${ui}/:objectType/:objectId`,
    async (request, reply) => {
      control.uiArchive(
        num(request.params.portalId, 'portalId'),
        request.params.objectType,
        num(request.params.objectId, 'objectId'),
        optionalNumber(stringParam(request.query, 'userId')),
      );
      return reply.code(204).send();
    },
  );
  app.post<{ Params: UiRecordParams }>(`${ui}/:objectType/:objectId/restore`, async (request) =>
    control.uiRestore(
      num(request.params.portalId, 'portalId'),
      request.params.objectType,
      num(request.params.objectId, 'objectId'),
      optionalNumber(((request.body ?? {}) as { userId?: unknown }).userId),
    ),
  );
  app.post<{ Params: UiRecordParams }>(`${ui}/:objectType/:objectId/gdpr-delete`, async (request, reply) => {
    control.uiPurge(
      num(request.params.portalId, 'portalId'),
      request.params.objectType,
      num(request.params.objectId, 'objectId'),
      optionalNumber(((request.body ?? {}) as { userId?: unknown }).userId),
    );
    return reply.code(204).send();
  });

  // ---- apps and webhooks ----
  app.get(`${base}/apps`, async () => ({ results: control.listApps() }));
  app.post(`${base}/apps`, async (request, reply) => {
    const body = objectBody(request.body) as unknown as AppConfig;
    const missing = ['appId', 'clientId', 'clientSecret'].filter(
      (f) => (body as unknown as Record<string, unknown>)[f] === undefined,
    );
    if (missing.length > 0) throw validationError(`Missing: ${missing.join(', ')}`);
    control.addApp({ ...body, developerApiKey: body.developerApiKey ?? `dev-key-${body.appId}` });
    void reply.code(201);
    return { results: control.listApps() };
  });
  app.patch<{ Params: { appId: string } }>(`${base}/apps/:appId`, async (request) => {
    control.updateApp(num(request.params.appId, 'appId'), objectBody(request.body));
    return { results: control.listApps() };
  });
  app.post<{ Params: { appId: string } }>(`${base}/apps/:appId/subscriptions`, async (request, reply) => {
    const body = objectBody(request.body);
    void reply.code(201);
    return control.subscribe(
      num(request.params.appId, 'appId'),
      text(body.eventType),
      typeof body.propertyName === 'string' ? body.propertyName : undefined,
      body.active !== false,
    );
  });
  app.get(`${base}/webhooks/deliveries`, async () => ({ results: control.deliveries() }));
  app.post<{ Querystring: Query }>(`${base}/webhooks/drain`, async (request) => {
    await control.drainWebhooks(stringParam(request.query, 'includeRetries') === 'true');
    return { drained: true };
  });

  // ---- clock, faults, settings, stats ----
  app.get(`${base}/clock`, async () => control.clock());
  app.post(`${base}/clock`, async (request) => {
    const body = objectBody(request.body);
    if (typeof body.advanceMs === 'number') return control.advanceClock(body.advanceMs);
    if (typeof body.set === 'number' || typeof body.set === 'string') return control.setClock(body.set);
    throw validationError('Send {"advanceMs": n} or {"set": epochMs | ISO string}');
  });
  app.get(`${base}/faults`, async () => ({ results: control.faults() }));
  app.post(`${base}/faults`, async (request, reply) => {
    void reply.code(201);
    return control.addFault(request.body);
  });
  app.delete(`${base}/faults`, async (_request, reply) => {
    control.clearFaults();
    return reply.code(204).send();
  });
  app.delete<{ Params: { id: string } }>(`${base}/faults/:id`, async (request, reply) => {
    control.removeFault(request.params.id);
    return reply.code(204).send();
  });
  app.get(`${base}/settings`, async () => control.settings());
  app.patch(`${base}/settings`, async (request) =>
    control.updateSettings(objectBody(request.body) as SettingsPatch),
  );
  app.get(`${base}/stats`, async () => control.stats());
}
