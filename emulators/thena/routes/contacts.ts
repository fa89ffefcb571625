// /v1/accounts/contacts: customer contacts (list by account, get, search by email, filter by ids,
// create, bulk create, update, soft delete).
import type { FastifyInstance } from 'fastify';
import type { ThenaPlatform } from '../platform.ts';
import { requireOrg } from '../http/auth.ts';
import { BodyReader, readPaging } from '../http/body-reader.ts';
import { badRequest, notFound } from '../http/errors.ts';
import { documented } from '../http/respond.ts';
import { MAX_BATCH } from '../state/change-context.ts';
import {
  bulkCreateContacts,
  createContact,
  deleteContact,
  requireContact,
  updateContact,
} from '../state/contact-changes.ts';
import type { Organization } from '../state/organization.ts';
import type { ContactRecord } from '../state/records.ts';
import { contactView } from '../state/views.ts';

type IdParams = { Params: { contactId: string } };
type Query = { Querystring: Record<string, string | undefined> };

export function contactRoutes(app: FastifyInstance, platform: ThenaPlatform): void {
  const views = (org: Organization, contacts: (ContactRecord | undefined)[]) =>
    contacts.flatMap((contact) =>
      contact ? [contactView(org, contact, platform.config.contactAccountsShape)] : [],
    );

  app.get<Query>('/v1/accounts/contacts', async (request) => {
    const org = requireOrg(platform, request);
    const { page, limit } = readPaging(request.query, { firstPage: 1, defaultLimit: 10, maxLimit: 100 });
    const { accountId, contactType } = request.query;
    if (accountId !== undefined && !org.accounts.get(accountId))
      throw notFound(`Account ${accountId} not found`);
    const type = contactType === undefined ? undefined : org.attributes.resolve('contact_type', contactType);
    if (contactType !== undefined && !type)
      throw badRequest(['contactType must be the id of a contact_type value']);
    const filter = {
      ...(accountId === undefined ? {} : { accountId }),
      ...(type === undefined ? {} : { contactTypeId: type.id }),
    };
    return documented(platform, views(org, org.contacts.page((page - 1) * limit, limit, filter)));
  });

  app.get<Query>('/v1/accounts/contacts/search', async (request) => {
    const org = requireOrg(platform, request);
    const email = request.query.email;
    if (email === undefined || email.trim() === '') throw badRequest(['email should not be empty']);
    return documented(platform, views(org, [org.contacts.findByEmail(email)]));
  });

  app.post('/v1/accounts/contacts/filter/ids', async (request) => {
    const org = requireOrg(platform, request);
    const reader = new BodyReader(request.body);
    const ids = reader.optionalStringArray('ids', MAX_BATCH);
    if (ids === undefined && reader.errors.length === 0) reader.fail('ids should not be empty');
    reader.throwIfInvalid();
    return documented(
      platform,
      views(
        org,
        (ids ?? []).map((id) => org.contacts.get(id)),
      ),
    );
  });

  app.get<IdParams>('/v1/accounts/contacts/:contactId', async (request) => {
    const org = requireOrg(platform, request);
    return documented(
      platform,
      views(org, [requireContact(platform.asBot(org), request.params.contactId)])[0],
    );
  });

  app.post('/v1/accounts/contacts', async (request, reply) => {
    const org = requireOrg(platform, request);
    const contact = createContact(platform.asBot(org), request.body);
    return reply.code(201).send(documented(platform, views(org, [contact])[0]));
  });

  app.post('/v1/accounts/contacts/bulk', async (request, reply) => {
    const org = requireOrg(platform, request);
    const result = bulkCreateContacts(platform.asBot(org), request.body);
    return reply.code(201).send(documented(platform, { ...result, contacts: views(org, result.contacts) }));
  });

  app.put<IdParams>('/v1/accounts/contacts/:contactId', async (request) => {
    const org = requireOrg(platform, request);
    const contact = updateContact(platform.asBot(org), request.params.contactId, request.body);
    return documented(platform, views(org, [contact])[0]);
  });

  app.delete<IdParams>('/v1/accounts/contacts/:contactId', async (request, reply) => {
    const org = requireOrg(platform, request);
    deleteContact(platform.asBot(org), request.params.contactId);
    return reply.code(204).send();
  });
}
