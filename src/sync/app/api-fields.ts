// The HubSpot properties of an object as the field selector shows them: what each is, whether it
// is synced and which way, what it may do, how it can be filtered and where it lands in Thena.
import type { EngineDeps } from '../engine/context.ts';
import { allowedDirections, defaultDirection, type FieldDirection } from '../field-config.ts';
import { operatorsFor } from '../filters.ts';
import type { ObjectType } from '../model.ts';
import { isReadOnly, type HubSpotProperty } from '../properties.ts';
import { defaultSettings, normalizeSettings, type SyncSettings } from '../settings.ts';
import { isLockedField, targetFor } from '../standard-fields.ts';
import { targetFieldType } from '../thena-fields.ts';
import { askHubSpot, connectionsOf, requireConnected } from './api-access.ts';
import type { FieldView, ThenaTargetView } from './api-views.ts';

export class FieldService {
  constructor(private readonly engine: EngineDeps) {}

  async list(orgId: string, objectType: ObjectType): Promise<FieldView[]> {
    const installation = await requireConnected(this.engine, orgId);
    const { hubspot } = await connectionsOf(this.engine, installation);
    const properties = await askHubSpot(this.engine, 'list properties', () =>
      hubspot.listProperties(objectType),
    );
    const stored = await this.engine.store.configs.current<SyncSettings>(installation.id, objectType);
    const settings = normalizeSettings(objectType, stored?.settings ?? defaultSettings(objectType));
    const selected = new Map(settings.fields.map((f) => [f.property, f.direction] as const));
    const mapped = await this.engine.store.customFields.list(installation.id, objectType);
    const fieldIds = new Map(mapped.map((m) => [m.hubspotProperty, m.thenaFieldId] as const));
    return properties
      .map((p) => fieldView(objectType, p, selected.get(p.name), fieldIds.get(p.name) ?? null))
      .sort((a, b) => a.label.localeCompare(b.label) || a.name.localeCompare(b.name));
  }
}

function fieldView(
  objectType: ObjectType,
  p: HubSpotProperty,
  selectedDirection: FieldDirection | undefined,
  fieldId: string | null,
): FieldView {
  return {
    name: p.name,
    label: p.label === '' ? p.name : p.label,
    type: p.type,
    fieldType: p.fieldType,
    group: p.groupName,
    description: p.description ?? '',
    locked: isLockedField(objectType, p.name),
    selected: selectedDirection !== undefined,
    direction: selectedDirection ?? defaultDirection(objectType, p.name),
    allowedDirections: allowedDirections(objectType, p),
    readOnly: isReadOnly(p),
    custom: p.hubspotDefined !== true,
    // Hidden options stay listed: records saved before they were hidden still hold them.
    options: p.options.map((o) => ({ label: o.label, value: o.value })),
    operators: operatorsFor(p),
    thena: thenaTarget(objectType, p, fieldId),
  };
}

function thenaTarget(objectType: ObjectType, p: HubSpotProperty, fieldId: string | null): ThenaTargetView {
  const target = targetFor(objectType, p);
  return target.kind === 'standard'
    ? { kind: 'standard', name: target.field, fieldType: targetFieldType(target), fieldId: null }
    : { kind: 'custom', name: target.fieldName, fieldType: target.fieldType, fieldId };
}
