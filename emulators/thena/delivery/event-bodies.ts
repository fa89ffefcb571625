// The bodies Thena posts to an app: platform events (camelCase base event, nested under
// `message` by default, flat on request) and installation lifecycle events (snake_case).
import type { Actor, Installation, Organization } from '../state/organization.ts';

export type EventEnvelope = 'message' | 'flat';

export interface PlatformEventInput {
  eventId: string;
  eventType: string;
  timestampMs: number;
  orgId: string;
  actor: Actor;
  payload: Record<string, unknown>;
}

export function platformEventBody(
  input: PlatformEventInput,
  envelope: EventEnvelope,
): Record<string, unknown> {
  const timestamp = new Date(input.timestampMs).toISOString();
  const base = {
    eventId: input.eventId,
    eventType: input.eventType,
    timestamp,
    orgId: input.orgId,
    actor: input.actor,
    payload: input.payload,
  };
  if (envelope === 'flat') return base;
  return {
    message: base,
    // The SNS-style attributes the workflow docs describe, for consumers that route on them.
    messageAttributes: {
      event_name: input.eventType,
      event_id: input.eventId,
      event_timestamp: timestamp,
      context_user_id: input.actor.id,
      context_user_type: input.actor.type,
      context_organization_id: input.orgId,
    },
  };
}

export interface AppIdentity {
  applicationId: string;
  applicationName: string;
}

export function installationEventBody(
  org: Organization,
  installation: Installation,
  app: AppIdentity,
): Record<string, unknown> {
  return {
    event_type: 'app:installation',
    installation_id: installation.id,
    organization_id: org.id,
    team_ids: installation.teamIds,
    application_id: app.applicationId,
    application_name: app.applicationName,
    application_metadata: { category: 'crm_integration' },
    bot_id: installation.botId,
    bot_token: installation.botToken,
    configuration: installation.configuration,
    created_by: installation.installedBy,
    created_at: new Date(installation.createdAt).toISOString(),
  };
}

/** No bot token: the docs say lifecycle events after installation may redact it. */
export function uninstallEventBody(
  org: Organization,
  installation: Installation,
  app: AppIdentity,
  atMs: number,
): Record<string, unknown> {
  return {
    event_type: 'app:uninstall',
    installation_id: installation.id,
    organization_id: org.id,
    team_ids: installation.teamIds,
    application_id: app.applicationId,
    application_name: app.applicationName,
    bot_id: installation.botId,
    updated_by: org.admin.id,
    updated_at: new Date(atMs).toISOString(),
  };
}
