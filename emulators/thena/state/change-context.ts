// What a change to an organization's records needs: who makes it, time, ids, and where the
// resulting platform event goes. API calls act as the app's bot; control calls act as a user.
import type { EmulatorClock } from '../clock.ts';
import type { IdGenerator } from '../ids.ts';
import type { Actor, Organization } from './organization.ts';
import type { ContactAccountsShape } from './views.ts';

export type PlatformEventType =
  | 'account:created'
  | 'account:updated'
  | 'account:deleted'
  | 'customer-contact:created'
  | 'customer-contact:updated'
  | 'customer-contact:deleted';

export interface ChangeContext {
  org: Organization;
  actor: Actor;
  clock: EmulatorClock;
  ids: IdGenerator;
  accountsShape: ContactAccountsShape;
  emit(eventType: PlatformEventType, payload: Record<string, unknown>): void;
}

/** The largest batch the bulk and filter endpoints take (undocumented; see README). */
export const MAX_BATCH = 100;
