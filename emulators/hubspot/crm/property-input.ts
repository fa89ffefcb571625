// Checks the `properties` of a create or update against the portal's definitions and turns
// every problem into one of HubSpot's "Property values were not valid" items.
import { validationError, type HubSpotError } from '../errors.ts';
import { checkValue, invalidItem, rawToString, type InvalidPropertyValue } from '../properties/values.ts';
import type { Portal } from '../state/portal.ts';
import type { RecordView } from '../state/records.ts';
import type { ObjectTypeInfo } from './object-types.ts';

export interface CheckedProperties {
  /** Normalised values; '' clears a property. */
  values: Map<string, string>;
  errors: InvalidPropertyValue[];
}

export function checkProperties(
  portal: Portal,
  type: ObjectTypeInfo,
  input: Record<string, unknown>,
  current: RecordView | undefined,
): CheckedProperties {
  const registry = portal.properties(type);
  const values = new Map<string, string>();
  const errors: InvalidPropertyValue[] = [];
  for (const [name, raw] of Object.entries(input)) {
    const def = registry.get(name);
    if (!def) {
      errors.push(invalidItem(name, 'PROPERTY_DOESNT_EXIST', `Property "${name}" does not exist`, portal.id));
      continue;
    }
    if (def.readOnlyValue || def.calculated) {
      errors.push(
        invalidItem(
          name,
          'READ_ONLY_VALUE',
          `"${name}" is a read only property; its value cannot be set.`,
          portal.id,
        ),
      );
      continue;
    }
    const text = rawToString(raw);
    if (text === undefined) {
      errors.push(invalidItem(name, 'INVALID_PROPERTY_VALUE', `${name} must be a string value`, portal.id));
      continue;
    }
    if (text === '') {
      values.set(name, '');
      continue;
    }
    const checked = checkValue(def, text, registry.optionsOf(def), current?.value(name), isEmail(type, name));
    if (checked.ok) values.set(name, checked.value);
    else errors.push(invalidItem(name, checked.error, checked.message, portal.id));
  }
  return { values, errors };
}

function isEmail(type: ObjectTypeInfo, name: string): boolean {
  return type.name === 'contacts' && name === 'email';
}

export function invalidPropertiesError(errors: InvalidPropertyValue[]): HubSpotError {
  return validationError(`Property values were not valid: ${JSON.stringify(errors)}`);
}
