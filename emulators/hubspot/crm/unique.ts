// Unique values: a contact's email (together with its additional emails) and custom properties
// with `hasUniqueValue`. Written records are indexed; seeded ones are found by formula.
import { EMAIL_NAMESPACE } from '../state/object-store.ts';
import type { Portal } from '../state/portal.ts';
import type { RecordView } from '../state/records.ts';
import type { ObjectTypeInfo } from './object-types.ts';

export function uniqueNamespace(portal: Portal, type: ObjectTypeInfo, name: string): string | undefined {
  if (type.name === 'contacts' && name === 'email') return EMAIL_NAMESPACE;
  return portal.properties(type).get(name)?.hasUniqueValue ? name : undefined;
}

export function uniqueDefinitions(portal: Portal, type: ObjectTypeInfo): Array<{ name: string }> {
  const custom = portal.properties(type).uniqueProperties();
  return type.name === 'contacts' ? [{ name: 'email' }, ...custom] : custom;
}

function forEachUnique(
  portal: Portal,
  type: ObjectTypeInfo,
  record: RecordView,
  fn: (namespace: string, value: string) => void,
): void {
  for (const def of uniqueDefinitions(portal, type)) {
    const value = record.value(def.name);
    const namespace = uniqueNamespace(portal, type, def.name);
    if (value !== undefined && namespace) fn(namespace, value);
  }
  if (type.name === 'contacts') {
    for (const email of (record.value('hs_additional_emails') ?? '').split(';')) {
      if (email) fn(EMAIL_NAMESPACE, email);
    }
  }
}

export function indexAll(portal: Portal, type: ObjectTypeInfo, record: RecordView): void {
  const store = portal.store(type);
  forEachUnique(portal, type, record, (namespace, value) => store.indexUnique(namespace, value, record.id));
}

export function unindexAll(portal: Portal, type: ObjectTypeInfo, record: RecordView): void {
  const store = portal.store(type);
  forEachUnique(portal, type, record, (namespace, value) => store.unindexUnique(namespace, value, record.id));
}
