// The words the page shows for the API's enumerations (operator names are the seed's).
import type {
  AuditStatus,
  ConfigBody,
  ConflictPolicy,
  Direction,
  FieldDirection,
  FilterOperator,
  ObjectName,
  Run,
} from '../../contracts/api.ts';

export const OPERATOR_LABELS: Record<FilterOperator, string> = {
  equals: 'Equals',
  not_equals: 'Not equals',
  contains: 'Contains',
  not_contains: 'Does not contain',
  greater_than: 'Greater than',
  less_than: 'Less than',
  is_empty: 'Is empty',
  is_not_empty: 'Is not empty',
  starts_with: 'Starts with',
  ends_with: 'Ends with',
  is_any_of: 'Is any of',
  is_none_of: 'Is none of',
};

export function operatorLabel(operator: string): string {
  return operator in OPERATOR_LABELS ? OPERATOR_LABELS[operator as FilterOperator] : operator;
}

export const FIELD_DIRECTION_LABELS: Record<FieldDirection, string> = {
  hubspot_to_thena: 'HubSpot → Thena',
  thena_to_hubspot: 'Thena → HubSpot',
  both: 'Both',
};

export const DIRECTION_LABELS: Record<Direction, string> = {
  hubspot_to_thena: 'HubSpot → Thena',
  thena_to_hubspot: 'Thena → HubSpot',
};

export const OBJECT_LABELS: Record<ObjectName, string> = {
  companies: 'Companies',
  contacts: 'Contacts',
};

export const CONFLICT_POLICY_LABELS: Record<ConflictPolicy, string> = {
  most_recent: 'The most recent change wins',
  hubspot_wins: 'HubSpot wins',
  thena_wins: 'Thena wins',
};

type DeletionPolicy = ConfigBody['deletion']['hubspotToThena'];

export const DELETION_LABELS: Record<'hubspotToThena' | 'thenaToHubSpot', Record<DeletionPolicy, string>> = {
  hubspotToThena: { keep: 'Keep the Thena record', delete: 'Delete the Thena record' },
  thenaToHubSpot: { keep: 'Keep the HubSpot record', delete: 'Delete the HubSpot record' },
};

export const AUDIT_STATUS_COLORS: Record<AuditStatus, string> = {
  SUCCESS: 'teal',
  FAILED: 'red',
  SKIPPED: 'gray',
};

export const RUN_STATE_COLORS: Record<Run['state'], string> = {
  queued: 'gray',
  running: 'blue',
  succeeded: 'teal',
  failed: 'red',
  cancelled: 'yellow',
};

export type ActiveRun = Run & { state: 'queued' | 'running' };

export function isActiveRun(run: Run | null | undefined): run is ActiveRun {
  return run?.state === 'queued' || run?.state === 'running';
}

/** `hubspot_to_thena` and `contact.update` read as words when there is no label for them. */
export function humanize(value: string): string {
  const spaced = value.replace(/[_.]+/g, ' ').trim();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}
