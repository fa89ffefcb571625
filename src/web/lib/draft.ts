// The configuration being edited: the saved one plus the admin's changes. Filters carry a local
// key so that problems and React rows follow a filter when others are added or removed.
import type { ConfigBody, FieldInfo, FilterRule, SelectedField, SyncConfig } from '../../contracts/api.ts';

export type FilterValue = NonNullable<FilterRule['value']>;

export interface DraftFilter {
  key: string;
  field: string;
  operator: string;
  value?: FilterValue;
}

export interface Draft extends Omit<ConfigBody, 'filters'> {
  filters: DraftFilter[];
}

let nextKey = 0;
export function newFilterKey(): string {
  nextKey += 1;
  return `filter-${nextKey}`;
}

export function draftOf(config: SyncConfig): Draft {
  return {
    enabled: config.enabled,
    fields: config.fields.map((f) => ({ ...f })),
    filters: config.filters.map((f) => ({ ...f, key: newFilterKey() })),
    conflictPolicy: config.conflictPolicy,
    blankOverwrites: config.blankOverwrites,
    deletion: { ...config.deletion },
  };
}

/** The request body for a draft (PUT config and preview take the same document). */
export function bodyOf(draft: Draft): ConfigBody {
  return {
    enabled: draft.enabled,
    fields: draft.fields.map(selectedField),
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

function selectedField(f: SelectedField): SelectedField {
  return f.conflictPolicy === undefined
    ? { property: f.property, direction: f.direction }
    : { property: f.property, direction: f.direction, conflictPolicy: f.conflictPolicy };
}

/**
 * True when saving the draft would change the saved configuration. The order of selected
 * fields does not matter (removing and re-adding a field is no change); the order of filters
 * does, since problems name filters by position.
 */
export function isDirty(draft: Draft, saved: SyncConfig): boolean {
  return canonical(bodyOf(draft)) !== canonical(bodyOf(draftOf(saved)));
}

function canonical(body: ConfigBody): string {
  const fields = [...body.fields].sort((a, b) => a.property.localeCompare(b.property));
  return stableJson({ ...body, fields });
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Selects fields: new ones take their default direction; locked ones can never leave. */
export function withSelection(draft: Draft, names: readonly string[], fields: readonly FieldInfo[]): Draft {
  const byName = new Map(fields.map((f) => [f.name, f]));
  const wanted = new Set(names);
  for (const f of fields) if (f.locked) wanted.add(f.name);
  const kept = draft.fields.filter((f) => wanted.has(f.property));
  const present = new Set(kept.map((f) => f.property));
  const added: SelectedField[] = [];
  for (const name of wanted) {
    const info = byName.get(name);
    if (present.has(name) || info === undefined) continue;
    added.push({ property: name, direction: defaultDirection(info) });
  }
  return { ...draft, fields: [...kept, ...added] };
}

export function defaultDirection(info: FieldInfo): SelectedField['direction'] {
  return info.allowedDirections.includes(info.direction)
    ? info.direction
    : (info.allowedDirections[0] ?? info.direction);
}
