// /_emulator control routes for organizations: install / uninstall the app, list and seed
// organizations, and make changes "as a user in Thena" (they emit events with a user actor).
import type { FastifyInstance } from 'fastify';
import type { ThenaPlatform } from '../platform.ts';
import { BodyReader, isObject } from '../http/body-reader.ts';
import { notFound } from '../http/errors.ts';
import { createAccount, deleteAccount, updateAccount } from '../state/account-changes.ts';
import { createContact, deleteContact, updateContact } from '../state/contact-changes.ts';
import { createCustomField } from '../state/custom-field-changes.ts';
import type { Installation, Organization } from '../state/organization.ts';
import { seedOrganization } from '../state/seed.ts';
import { accountView, contactView, customFieldView } from '../state/views.ts';

type OrgParams = { Params: { orgId: string } };
type RecordParams = { Params: { orgId: string; id: string } };

export function installationView(org: Organization, installation: Installation, deliveryId: string) {
  return {
    organizationId: org.id,
    organizationName: org.name,
    installationId: installation.id,
    teamIds: installation.teamIds,
    botId: installation.botId,
    botToken: installation.botToken,
    adminUserId: org.admin.id,
    adminEmail: org.admin.email,
    deliveryId,
  };
}

function readInstallRequest(body: unknown) {
  const reader = new BodyReader(body ?? {});
  const organizationId = reader.optionalString('organizationId') ?? undefined;
  const organizationName = reader.optionalString('organizationName') ?? undefined;
  const teamIds = reader.optionalStringArray('teamIds');
  const configuration = reader.optionalObject('configuration') ?? undefined;
  reader.throwIfInvalid();
  return {
    ...(organizationId === undefined ? {} : { organizationId }),
    ...(organizationName === undefined ? {} : { organizationName }),
    ...(teamIds === undefined ? {} : { teamIds }),
    ...(configuration === undefined
      ? {}
      : {
          configuration: {
            required_settings: isObject(configuration.required_settings)
              ? configuration.required_settings
              : {},
            optional_settings: isObject(configuration.optional_settings)
              ? configuration.optional_settings
              : {},
          },
        }),
  };
}

function readCount(reader: BodyReader, key: string, max: number): number {
  const value = reader.optionalNumber(key, { integer: true, min: 0 }) ?? 0;
  if (value > max) reader.fail(`${key} must not be greater than ${max}`);
  return value;
}

export function controlOrgRoutes(app: FastifyInstance, platform: ThenaPlatform): void {
  const orgOf = (orgId: string): Organization => {
    const org = platform.org(orgId);
    if (!org) throw notFound(`Organization ${orgId} not found`);
    return org;
  };
  const asUser = (orgId: string) => platform.asUser(orgOf(orgId));

  app.post('/_emulator/installations', async (request, reply) => {
    const { org, installation, delivery } = platform.install(readInstallRequest(request.body));
    return reply.code(201).send(installationView(org, installation, delivery.id));
  });

  app.delete<OrgParams>('/_emulator/installations/:orgId', async (request) => {
    const delivery = platform.uninstall(orgOf(request.params.orgId));
    return { ok: true, deliveryId: delivery.id };
  });

  app.get('/_emulator/orgs', async () =>
    platform.orgs().map((org) => ({
      id: org.id,
      name: org.name,
      teamIds: org.teamIds,
      installed: org.installation !== undefined,
      botId: org.installation?.botId ?? null,
      adminUserId: org.admin.id,
      accounts: org.accounts.size,
      contacts: org.contacts.size,
    })),
  );

  app.post<OrgParams>('/_emulator/orgs/:orgId/seed', async (request) => {
    const org = orgOf(request.params.orgId);
    const reader = new BodyReader(request.body ?? {});
    const accounts = readCount(reader, 'accounts', 1_000_000);
    const contacts = readCount(reader, 'contacts', 2_000_000);
    const prefix =
      reader.optionalString('prefix', 40) ?? `seed${platform.ids.short('T').slice(1).toLowerCase()}`;
    if (!/^[a-z0-9-]+$/.test(prefix)) reader.fail('prefix must be lower-case letters, digits and dashes');
    reader.throwIfInvalid();
    return seedOrganization(org, { accounts, contacts, prefix }, platform.clock, platform.ids);
  });

  app.post<OrgParams>('/_emulator/orgs/:orgId/accounts', async (request, reply) => {
    const ctx = asUser(request.params.orgId);
    return reply.code(201).send(accountView(ctx.org, createAccount(ctx, request.body)));
  });

  app.put<RecordParams>('/_emulator/orgs/:orgId/accounts/:id', async (request) => {
    const ctx = asUser(request.params.orgId);
    return accountView(ctx.org, updateAccount(ctx, request.params.id, request.body));
  });

  app.delete<RecordParams>('/_emulator/orgs/:orgId/accounts/:id', async (request, reply) => {
    deleteAccount(asUser(request.params.orgId), request.params.id);
    return reply.code(204).send();
  });

  app.post<OrgParams>('/_emulator/orgs/:orgId/contacts', async (request, reply) => {
    const ctx = asUser(request.params.orgId);
    const contact = createContact(ctx, request.body);
    return reply.code(201).send(contactView(ctx.org, contact, ctx.accountsShape));
  });

  app.put<RecordParams>('/_emulator/orgs/:orgId/contacts/:id', async (request) => {
    const ctx = asUser(request.params.orgId);
    return contactView(ctx.org, updateContact(ctx, request.params.id, request.body), ctx.accountsShape);
  });

  app.delete<RecordParams>('/_emulator/orgs/:orgId/contacts/:id', async (request, reply) => {
    deleteContact(asUser(request.params.orgId), request.params.id);
    return reply.code(204).send();
  });

  app.post<OrgParams>('/_emulator/orgs/:orgId/custom-fields', async (request, reply) => {
    const org = orgOf(request.params.orgId);
    const field = createCustomField(org, platform.clock, platform.ids, request.body);
    return reply.code(201).send(customFieldView(field, org.id));
  });

  app.get<{ Querystring: { orgId?: string; eventName?: string } }>(
    '/_emulator/published-events',
    async (request) => {
      const { orgId, eventName } = request.query;
      return platform
        .publishedEvents()
        .filter(
          (event) =>
            (orgId === undefined || event.orgId === orgId) &&
            (eventName === undefined || event.eventName === eventName),
        );
    },
  );
}
