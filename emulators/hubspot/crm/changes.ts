// What changed in a portal, as the CRM layer reports it to the webhook fan-out.
import type { Actor } from './actor.ts';
import type { ObjectTypeName } from './object-types.ts';

export type ChangeNotice =
  | {
      kind: 'creation';
      objectType: ObjectTypeName;
      objectId: number;
      properties: ReadonlyArray<[string, string]>;
    }
  | {
      kind: 'propertyChange';
      objectType: ObjectTypeName;
      objectId: number;
      changes: ReadonlyArray<[string, string]>;
    }
  | { kind: 'deletion'; objectType: ObjectTypeName; objectId: number }
  | { kind: 'privacyDeletion'; objectType: ObjectTypeName; objectId: number }
  | { kind: 'restore'; objectType: ObjectTypeName; objectId: number }
  | {
      kind: 'merge';
      objectType: ObjectTypeName;
      primaryObjectId: number;
      mergedObjectIds: number[];
      newObjectId: number;
      numberOfPropertiesMoved: number;
    }
  | { kind: 'associationChange'; contactId: number; companyId: number; removed: boolean; primary: boolean };

export interface ChangeContext {
  portalId: number;
  actor: Actor;
  occurredAt: number;
}

export interface ChangeSink {
  publish(context: ChangeContext, notices: readonly ChangeNotice[]): void;
}
