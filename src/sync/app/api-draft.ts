// A submitted configuration (PUT config, preview): its settings, checked against the portal's
// properties; every problem is reported at once with its path in the submitted document.
import { AppError } from '../errors.ts';
import type { FilterValue } from '../filters.ts';
import type { ObjectType } from '../model.ts';
import { propertiesByName, type HubSpotProperty } from '../properties.ts';
import { validateSettings, type SyncSettings } from '../settings.ts';

export interface DraftFilter {
  field: string;
  operator: string;
  value?: FilterValue;
}

export interface ConfigDraft extends Omit<SyncSettings, 'filters'> {
  enabled: boolean;
  filters: DraftFilter[];
}

/** Exactly the settings, whatever else the submitted document carried. */
export function settingsOf(draft: ConfigDraft): SyncSettings {
  return {
    fields: draft.fields.map((f) =>
      f.conflictPolicy === undefined
        ? { property: f.property, direction: f.direction }
        : { property: f.property, direction: f.direction, conflictPolicy: f.conflictPolicy },
    ),
    filters: draft.filters.map(({ field, operator, value }) =>
      value === undefined ? { field, operator } : { field, operator, value },
    ),
    conflictPolicy: draft.conflictPolicy,
    blankOverwrites: draft.blankOverwrites,
    deletion: {
      hubspotToThena: draft.deletion.hubspotToThena,
      thenaToHubSpot: draft.deletion.thenaToHubSpot,
    },
  };
}

/** The draft's settings, or a 400 `invalid_config` listing each problem with its path. */
export function checkedSettings(
  objectType: ObjectType,
  draft: ConfigDraft,
  properties: readonly HubSpotProperty[],
): SyncSettings {
  const settings = settingsOf(draft);
  const problems = validateSettings(objectType, settings, propertiesByName(properties));
  if (problems.length > 0) {
    const first = problems[0]?.message ?? '';
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
    throw new AppError('invalid_config', `The configuration cannot be saved: ${first}${more}`, {
      httpStatus: 400,
      details: problems,
    });
  }
  return settings;
}

/** A stored filter value as the API shows it (stored ones were validated when saved). */
export function storedFilterValue(value: unknown): FilterValue | undefined {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.map(String);
  return undefined;
}
