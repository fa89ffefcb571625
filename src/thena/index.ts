// The Thena adapter's public surface.
export { ThenaClient, type ThenaClientOptions } from './client.ts';
export type { ThenaAccounts } from './accounts.ts';
export type { ThenaContacts, ThenaContactListParams } from './contacts.ts';
export type { ThenaAttributes, ThenaCustomFields, ThenaCustomFieldListParams } from './custom-fields.ts';
export type { ThenaLogger } from './http.ts';
export type { ThenaRetryOptions } from './retry-policy.ts';
export * from './types.ts';
export {
  isOwnChange,
  parsePlatformEvent,
  type ParseResult,
  type ThenaAccountEvent,
  type ThenaContactEvent,
  type ThenaEventActor,
  type ThenaOtherEvent,
  type ThenaPlatformEvent,
} from './events.ts';
export {
  INSTALLATION_EVENT_TYPES,
  parseInstallationEvent,
  type ThenaInstallationEvent,
  type ThenaInstallationEventType,
} from './installation-events.ts';
export {
  THENA_SIGNATURE_HEADER,
  THENA_TIMESTAMP_HEADER,
  verifyThenaSignature,
  type SignatureCheck,
  type SignatureResult,
} from './signature.ts';
