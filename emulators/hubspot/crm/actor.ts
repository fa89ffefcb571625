// Who changes a record, and how HubSpot reports it. The product recognises the echo of its own
// writes by these values, so they are the same everywhere: `propertiesWithHistory`
// (sourceType/sourceId), webhook events (changeSource/sourceId) and `hs_object_source`.
import type { ChangeSource } from '../state/records.ts';

export type Actor =
  /** An OAuth access token of a public app. */
  | { kind: 'integration'; appId: number }
  /** A private-app token (`POST /_emulator/portals`). */
  | { kind: 'private-app'; appId: number }
  /** A person in the HubSpot UI (the control surface's `/ui/` routes). */
  | { kind: 'user'; userId: number };

export function changeSourceOf(actor: Actor): ChangeSource {
  switch (actor.kind) {
    case 'integration':
      return { sourceType: 'INTEGRATION', sourceId: String(actor.appId) };
    case 'private-app':
      return { sourceType: 'API', sourceId: String(actor.appId) };
    case 'user':
      return { sourceType: 'CRM_UI', sourceId: `userId:${actor.userId}`, updatedByUserId: actor.userId };
  }
}

/** Server-computed values (timestamps, ids, derived properties). */
export const CALCULATED_SOURCE: ChangeSource = { sourceType: 'CALCULATED' };
