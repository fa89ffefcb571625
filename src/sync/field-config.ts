// Which HubSpot properties an installation syncs, per object, and in which direction each one
// flows. Stored as data in the sync configuration; validated when the admin saves it.
import { isReadOnly, valueKind, type HubSpotObjectType, type HubSpotProperty } from './properties.ts';
import { defaultSelectedFields, isStandardProperty, lockedFields, targetFor } from './standard-fields.ts';
import { targetFieldType } from './thena-fields.ts';
import { conversionSupport } from './type-compatibility.ts';

export const FIELD_DIRECTIONS = ['hubspot_to_thena', 'thena_to_hubspot', 'both'] as const;
export type FieldDirection = (typeof FIELD_DIRECTIONS)[number];

export interface FieldSelection {
  /** A HubSpot property name. */
  property: string;
  direction: FieldDirection;
}

/** A selection as submitted, before validation. */
export interface FieldSelectionInput {
  property: string;
  direction: string;
}

export type FieldSelectionProblemCode =
  | 'too_many_fields'
  | 'unknown_property'
  | 'duplicate_field'
  | 'unknown_direction'
  | 'read_only_property'
  | 'one_way_only';

export interface FieldSelectionProblem {
  /** Position in the submitted list, from 0; `null` for a problem of the whole list. */
  index: number | null;
  /** `fields/3/direction` */
  path: string;
  code: FieldSelectionProblemCode;
  message: string;
}

/** Each selected field costs request size and a Thena custom field; HubSpot pages get slow beyond this. */
export const MAX_SELECTED_FIELDS = 500;

export function isFieldDirection(direction: string): direction is FieldDirection {
  return (FIELD_DIRECTIONS as readonly string[]).includes(direction);
}

export function writesToThena(direction: FieldDirection): boolean {
  return direction !== 'thena_to_hubspot';
}

export function writesToHubSpot(direction: FieldDirection): boolean {
  return direction !== 'hubspot_to_thena';
}

/**
 * Standard fields (both objects) sync both ways, as the seed's Thena events update HubSpot's
 * contacts and companies; every other property flows HubSpot -> Thena until the admin says otherwise.
 */
export function defaultDirection(objectType: HubSpotObjectType, property: string): FieldDirection {
  return isStandardProperty(objectType, property) ? 'both' : 'hubspot_to_thena';
}

export function defaultFieldSelection(objectType: HubSpotObjectType): FieldSelection[] {
  return defaultSelectedFields(objectType).map((property) => ({
    property,
    direction: defaultDirection(objectType, property),
  }));
}

/** The selection with every locked field present: missing ones are put back in front, not refused. */
export function withLockedFields<S extends FieldSelection>(
  selection: readonly S[],
  objectType: HubSpotObjectType,
): (S | FieldSelection)[] {
  const present = new Set(selection.map((s) => s.property));
  const missing = lockedFields(objectType)
    .filter((property) => !present.has(property))
    .map((property) => ({ property, direction: defaultDirection(objectType, property) }));
  return [...missing, ...selection];
}

/** Directions a property can take: a property HubSpot will not let us write only flows to Thena. */
export function allowedDirections(objectType: HubSpotObjectType, p: HubSpotProperty): FieldDirection[] {
  return canWriteToHubSpot(objectType, p) ? [...FIELD_DIRECTIONS] : ['hubspot_to_thena'];
}

function canWriteToHubSpot(objectType: HubSpotObjectType, p: HubSpotProperty): boolean {
  if (isReadOnly(p)) return false;
  const fieldType = targetFieldType(targetFor(objectType, p));
  return conversionSupport(valueKind(p), fieldType) === 'two_way';
}

export function validateFieldSelection(
  selection: readonly FieldSelectionInput[],
  properties: ReadonlyMap<string, HubSpotProperty>,
  objectType: HubSpotObjectType,
): FieldSelectionProblem[] {
  const problems: FieldSelectionProblem[] = [];
  const firstIndex = new Map<string, number>();
  selection.forEach((field, index) => {
    const earlier = firstIndex.get(field.property);
    if (earlier === undefined) firstIndex.set(field.property, index);
    problems.push(...fieldProblems(field, index, earlier, properties, objectType));
  });
  const count = new Set([...lockedFields(objectType), ...firstIndex.keys()]).size;
  if (count > MAX_SELECTED_FIELDS) {
    problems.push({
      index: null,
      path: 'fields',
      code: 'too_many_fields',
      message: `${count} fields are selected; at most ${MAX_SELECTED_FIELDS} can be synced`,
    });
  }
  return problems;
}

function fieldProblems(
  field: FieldSelectionInput,
  index: number,
  earlier: number | undefined,
  properties: ReadonlyMap<string, HubSpotProperty>,
  objectType: HubSpotObjectType,
): FieldSelectionProblem[] {
  const problem = (
    part: string,
    code: FieldSelectionProblemCode,
    message: string,
  ): FieldSelectionProblem => ({
    index,
    path: `fields/${index}/${part}`,
    code,
    message: `Field ${index + 1} (${field.property}): ${message}`,
  });
  if (earlier !== undefined) {
    return [problem('property', 'duplicate_field', `is selected twice (also field ${earlier + 1})`)];
  }
  const p = properties.get(field.property);
  // A locked field is synced whatever the property list says: never make the admin fix what they cannot change.
  const locked = lockedFields(objectType).includes(field.property);
  const problems: FieldSelectionProblem[] = [];
  if (p === undefined && !locked) {
    problems.push(problem('property', 'unknown_property', `is not a HubSpot ${objectType} property`));
  }
  if (!isFieldDirection(field.direction)) {
    const expected = FIELD_DIRECTIONS.join(', ');
    problems.push(
      problem('direction', 'unknown_direction', `"${field.direction}" is not one of ${expected}`),
    );
  } else if (p !== undefined && writesToHubSpot(field.direction) && !canWriteToHubSpot(objectType, p)) {
    problems.push(writeProblem(p, problem));
  }
  return problems;
}

function writeProblem(
  p: HubSpotProperty,
  problem: (part: string, code: FieldSelectionProblemCode, message: string) => FieldSelectionProblem,
): FieldSelectionProblem {
  if (isReadOnly(p)) {
    return problem(
      'direction',
      'read_only_property',
      'is read-only in HubSpot (calculated or system-maintained), so it can only sync HubSpot -> Thena',
    );
  }
  return problem(
    'direction',
    'one_way_only',
    `a ${valueKind(p).replace('_', ' ')} property cannot be written back from Thena; choose HubSpot -> Thena`,
  );
}
