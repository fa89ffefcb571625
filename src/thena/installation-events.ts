// Parses installation lifecycle events (snake_case, posted to the app's installation URL):
// app:installation, app:reinstall, app:uninstall, app:configuration:update, app:team:added|removed.
import { isJson, object, text, timestamp, type Json } from './read.ts';
import type { ParseResult } from './parse-result.ts';

export const INSTALLATION_EVENT_TYPES = [
  'app:installation',
  'app:reinstall',
  'app:uninstall',
  'app:configuration:update',
  'app:team:added',
  'app:team:removed',
] as const;

export type ThenaInstallationEventType = (typeof INSTALLATION_EVENT_TYPES)[number];

export interface ThenaInstallationEvent {
  type: ThenaInstallationEventType;
  organizationId: string;
  installationId: string | null;
  applicationId: string | null;
  teamIds: string[];
  botId: string | null;
  /** Present on installation and reinstall; later events may omit or redact it. */
  botToken: string | null;
  configuration: { requiredSettings: Json; optionalSettings: Json };
  occurredAt: string | null;
  actorId: string | null;
}

const isType = (value: string | null): value is ThenaInstallationEventType =>
  value !== null && (INSTALLATION_EVENT_TYPES as readonly string[]).includes(value);

/** A redacted token (masked with `*`, or a placeholder) is no token. */
function usableToken(raw: string | null): string | null {
  if (raw === null || raw.trim() === '' || raw.includes('*') || /redacted/i.test(raw)) return null;
  return raw;
}

export function parseInstallationEvent(body: unknown): ParseResult<ThenaInstallationEvent> {
  if (!isJson(body)) return { ok: false, reason: 'body is not a JSON object' };
  const type = text(body, 'event_type', 'eventType');
  if (type === null) return { ok: false, reason: 'event_type is missing' };
  if (!isType(type))
    return { ok: false, reason: `event_type ${type} is not an installation lifecycle event` };
  const organizationId = text(body, 'organization_id', 'organizationId');
  if (!organizationId) return { ok: false, reason: 'organization_id is missing' };
  const botToken = usableToken(text(body, 'bot_token', 'botToken'));
  if ((type === 'app:installation' || type === 'app:reinstall') && botToken === null) {
    return { ok: false, reason: `${type} carries no usable bot_token` };
  }
  const teamIds = body.team_ids ?? body.teamIds;
  const configuration = object(body, 'configuration');
  return {
    ok: true,
    value: {
      type,
      organizationId,
      installationId: text(body, 'installation_id', 'installationId'),
      applicationId: text(body, 'application_id', 'applicationId'),
      teamIds: Array.isArray(teamIds) ? teamIds.filter((id): id is string => typeof id === 'string') : [],
      botId: text(body, 'bot_id', 'botId'),
      botToken,
      configuration: {
        requiredSettings: object(configuration, 'required_settings'),
        optionalSettings: object(configuration, 'optional_settings'),
      },
      occurredAt: timestamp(body, 'created_at') ?? timestamp(body, 'updated_at'),
      actorId: text(body, 'created_by', 'updated_by'),
    },
  };
}
