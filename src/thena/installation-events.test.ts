import { describe, expect, it } from 'vitest';
import { parseInstallationEvent } from './installation-events.ts';

const installation = {
  event_type: 'app:installation',
  installation_id: 'I1',
  organization_id: 'O1',
  team_ids: ['T1'],
  application_id: 'APP1',
  bot_id: 'U1',
  bot_token: 'pk_live_abc',
  configuration: { required_settings: { portal: '42' }, optional_settings: {} },
  created_by: 'U9',
  created_at: '2026-01-01T00:00:00.000Z',
};

describe('parseInstallationEvent', () => {
  it('reads app:installation into camelCase', () => {
    const result = parseInstallationEvent(installation);
    expect(result).toEqual({
      ok: true,
      value: {
        type: 'app:installation',
        organizationId: 'O1',
        installationId: 'I1',
        applicationId: 'APP1',
        teamIds: ['T1'],
        botId: 'U1',
        botToken: 'pk_live_abc',
        configuration: { requiredSettings: { portal: '42' }, optionalSettings: {} },
        occurredAt: '2026-01-01T00:00:00.000Z',
        actorId: 'U9',
      },
    });
  });

  it('reads app:uninstall and later events with a redacted or absent token', () => {
    const uninstall = parseInstallationEvent({
      event_type: 'app:uninstall',
      organization_id: 'O1',
      updated_by: 'U9',
    });
    expect(uninstall).toMatchObject({
      ok: true,
      value: { type: 'app:uninstall', botToken: null, actorId: 'U9' },
    });
    const update = parseInstallationEvent({
      event_type: 'app:configuration:update',
      organization_id: 'O1',
      bot_token: 'pk_live_****',
    });
    expect(update).toMatchObject({ ok: true, value: { botToken: null } });
  });

  it('rejects malformed lifecycle events with a reason', () => {
    expect(parseInstallationEvent(null)).toEqual({ ok: false, reason: 'body is not a JSON object' });
    expect(parseInstallationEvent({ organization_id: 'O1' })).toEqual({
      ok: false,
      reason: 'event_type is missing',
    });
    expect(parseInstallationEvent({ event_type: 'account:created', organization_id: 'O1' })).toEqual({
      ok: false,
      reason: 'event_type account:created is not an installation lifecycle event',
    });
    expect(parseInstallationEvent({ ...installation, organization_id: undefined })).toEqual({
      ok: false,
      reason: 'organization_id is missing',
    });
    expect(parseInstallationEvent({ ...installation, bot_token: '[redacted]' })).toEqual({
      ok: false,
      reason: 'app:installation carries no usable bot_token',
    });
  });
});
