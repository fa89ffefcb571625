// An object's sync settings as the admin saves them: which fields (and which way), the filters,
// and the conflict and deletion policies. Validated against HubSpot's properties on save.
import {
  defaultFieldSelection,
  isFieldDirection,
  validateFieldSelection,
  withLockedFields,
  type FieldDirection,
  type FieldSelection,
} from './field-config.ts';
import { validateFilters } from './filters.ts';
import type { FilterInput } from './filter-types.ts';
import type { HubSpotObjectType, HubSpotProperty } from './properties.ts';

export const CONFLICT_POLICIES = ['hubspot_wins', 'thena_wins', 'most_recent'] as const;
export type ConflictPolicy = (typeof CONFLICT_POLICIES)[number];

export const DELETION_POLICIES = ['keep', 'delete'] as const;
export type DeletionPolicy = (typeof DELETION_POLICIES)[number];

export interface SelectedField extends FieldSelection {
  /** Overrides the object's conflict policy for this field. */
  conflictPolicy?: ConflictPolicy;
}

export interface SyncSettings {
  fields: SelectedField[];
  filters: FilterInput[];
  /** Who wins when both sides changed a field since the last sync (HubSpot, like HubSpot Data Sync). */
  conflictPolicy: ConflictPolicy;
  /** Whether an emptied field may clear a filled one on the other side (off: blanks never wipe). */
  blankOverwrites: boolean;
  /** What a deletion on one side does to the linked record on the other (the seed: nothing). */
  deletion: { hubspotToThena: DeletionPolicy; thenaToHubSpot: DeletionPolicy };
}

export interface SettingsProblem {
  path: string;
  code: string;
  message: string;
}

export function defaultSettings(objectType: HubSpotObjectType): SyncSettings {
  return {
    fields: defaultFieldSelection(objectType),
    filters: [],
    conflictPolicy: 'hubspot_wins',
    blankOverwrites: false,
    deletion: { hubspotToThena: 'keep', thenaToHubSpot: 'keep' },
  };
}

/** Settings as stored, with the locked fields always present (they cannot be deselected). */
export function normalizeSettings(objectType: HubSpotObjectType, settings: SyncSettings): SyncSettings {
  return { ...settings, fields: withLockedFields(settings.fields, objectType) };
}

const isPolicy = (value: unknown): value is ConflictPolicy =>
  typeof value === 'string' && (CONFLICT_POLICIES as readonly string[]).includes(value);

/** Every problem with the settings, each with a path into the submitted document. */
export function validateSettings(
  objectType: HubSpotObjectType,
  settings: SyncSettings,
  properties: ReadonlyMap<string, HubSpotProperty>,
): SettingsProblem[] {
  const problems: SettingsProblem[] = validateFieldSelection(settings.fields, properties, objectType).map(
    (p) => ({
      path: p.path,
      code: p.code,
      message: p.message,
    }),
  );
  settings.fields.forEach((field, index) => {
    if (field.conflictPolicy !== undefined && !isPolicy(field.conflictPolicy)) {
      problems.push({
        path: `fields/${index}/conflictPolicy`,
        code: 'unknown_conflict_policy',
        message: `conflictPolicy must be one of ${CONFLICT_POLICIES.join(', ')}`,
      });
    }
  });
  const selected = withLockedFields(settings.fields, objectType).map((f) => f.property);
  problems.push(
    ...validateFilters(settings.filters, { selectedFields: selected, properties }).map((p) => ({
      path: p.path,
      code: p.code,
      message: p.message,
    })),
  );
  if (!isPolicy(settings.conflictPolicy)) {
    problems.push({
      path: 'conflictPolicy',
      code: 'unknown_conflict_policy',
      message: `conflictPolicy must be one of ${CONFLICT_POLICIES.join(', ')}`,
    });
  }
  return problems;
}

/** The direction each selected field flows, by property name. */
export function directions(settings: SyncSettings): Map<string, FieldDirection> {
  return new Map(
    settings.fields
      .filter((f) => isFieldDirection(f.direction))
      .map((f) => [f.property, f.direction] as const),
  );
}
