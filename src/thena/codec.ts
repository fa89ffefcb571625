// The ThenaCodec of the core on the Thena parsers: shared-secret authentication (signature, or
// the `?token=` some Thena apps use), installation events and platform events.
import { timingSafeEqual } from 'node:crypto';
import type {
  InstallationEvent,
  Parsed,
  SignedRequest,
  ThenaChange,
  ThenaCodec,
} from '../sync/app/thena-intake.ts';
import type { Verdict } from '../sync/hubspot-port.ts';
import { parsePlatformEvent } from './events.ts';
import { parseInstallationEvent } from './installation-events.ts';
import { THENA_SIGNATURE_HEADER, THENA_TIMESTAMP_HEADER, verifyThenaSignature } from './signature.ts';

function sameSecret(given: string, secret: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function thenaCodec(secret: string): ThenaCodec {
  return {
    verify(request: SignedRequest, now: number): Verdict {
      if (request.token !== undefined) {
        return sameSecret(request.token, secret)
          ? { ok: true }
          : { ok: false, reason: 'token does not match' };
      }
      return verifyThenaSignature({
        secret,
        rawBody: request.rawBody,
        timestamp: request.headers[THENA_TIMESTAMP_HEADER],
        signature: request.headers[THENA_SIGNATURE_HEADER],
        nowMs: now,
      });
    },

    parseInstallation(body: unknown): Parsed<InstallationEvent> {
      const parsed = parseInstallationEvent(body);
      if (!parsed.ok) return parsed;
      const e = parsed.value;
      if ((e.type === 'app:installation' || e.type === 'app:reinstall') && e.botToken !== null) {
        return {
          ok: true,
          value: {
            kind: 'installed',
            orgId: e.organizationId,
            botToken: e.botToken,
            botId: e.botId,
            thenaInstallationId: e.installationId,
          },
        };
      }
      if (e.type === 'app:uninstall')
        return { ok: true, value: { kind: 'uninstalled', orgId: e.organizationId } };
      return { ok: true, value: { kind: 'other', orgId: e.organizationId, type: e.type } };
    },

    parseChange(body: unknown): Parsed<ThenaChange | null> {
      const parsed = parsePlatformEvent(body);
      if (!parsed.ok) return parsed;
      const e = parsed.value;
      if (e.entity === 'other') return { ok: true, value: null };
      const record =
        e.entity === 'account' ? (e.account ?? e.previousAccount) : (e.contact ?? e.previousContact);
      if (record === null) return { ok: false, reason: `${e.eventType} names no record` };
      return {
        ok: true,
        value: {
          eventId: e.eventId,
          objectType: e.entity === 'account' ? 'companies' : 'contacts',
          action: e.action,
          orgId: e.orgId,
          recordId: record.id,
          actorId: e.actor.id,
          occurredAt: Date.parse(e.timestamp) || 0,
        },
      };
    },
  };
}
