// A selected HubSpot property with no Thena field gets one before the first record needs it: an
// existing Thena field of the same name and type is reused, otherwise one is created (with the
// enumeration's options). The map is stored so this happens once.
import { fieldsToCreate, type MappingPlan } from '../mapping.ts';
import type { StorePort } from '../store-port.ts';
import type { ThenaField, ThenaPort } from '../thena-port.ts';

const key = (name: string): string => name.trim().toLowerCase();

export async function ensureCustomFields(
  store: StorePort,
  thena: ThenaPort,
  installationId: string,
  plan: MappingPlan,
): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const field of plan.fields) if (field.fieldId !== null) ids.set(field.property.name, field.fieldId);
  const missing = fieldsToCreate(plan);
  if (missing.length === 0) return ids;
  const existing = new Map<string, ThenaField>();
  for (const field of await thena.listFields(plan.objectType)) existing.set(key(field.name), field);
  for (const mapping of missing) {
    if (mapping.target.kind !== 'custom') continue;
    const { fieldName, fieldType } = mapping.target;
    const found = existing.get(key(fieldName));
    const field =
      found !== undefined && found.fieldType === fieldType
        ? found
        : await thena.createField(plan.objectType, {
            name: found === undefined ? fieldName : `${fieldName} (HubSpot)`,
            fieldType,
            options: mapping.target.options ?? [],
          });
    await store.customFields.put(installationId, plan.objectType, {
      hubspotProperty: mapping.property.name,
      thenaFieldId: field.id,
      thenaFieldType: fieldType,
    });
    ids.set(mapping.property.name, field.id);
  }
  return ids;
}
