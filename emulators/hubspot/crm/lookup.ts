// Finding records by id (following merges) or by a unique property (`idProperty`), and the
// opaque paging cursor of list endpoints.
import { validationError } from '../errors.ts';
import type { Portal } from '../state/portal.ts';
import type { RecordView } from '../state/records.ts';
import type { ObjectTypeInfo } from './object-types.ts';
import { uniqueNamespace } from './unique.ts';

/** Resolves `idProperty` to a property that can identify a record, or 400. */
export function checkIdProperty(
  portal: Portal,
  type: ObjectTypeInfo,
  idProperty: string | undefined,
): string | undefined {
  if (idProperty === undefined || idProperty === '' || idProperty === 'hs_object_id') return undefined;
  if (!portal.properties(type).get(idProperty)) {
    throw validationError(`Property "${idProperty}" does not exist for ${type.name}.`);
  }
  if (!uniqueNamespace(portal, type, idProperty)) {
    throw validationError(`Property "${idProperty}" is not a unique identifier property for ${type.name}.`);
  }
  return idProperty;
}

/**
 * The record an id refers to: numeric ids follow merges (a merged-away id reads as the record
 * that absorbed it); with an idProperty the value is looked up among live records.
 */
export function findRecord(
  portal: Portal,
  type: ObjectTypeInfo,
  rawId: string,
  idProperty: string | undefined,
): RecordView | undefined {
  const store = portal.store(type);
  const property = checkIdProperty(portal, type, idProperty);
  if (property === undefined) {
    if (!/^\d+$/.test(rawId)) return undefined;
    return store.find(store.resolve(Number(rawId)));
  }
  const namespace = uniqueNamespace(portal, type, property) as string;
  const value = namespace === 'email' ? rawId.trim().toLowerCase() : rawId;
  return store.findUnique(namespace, property, value);
}

export function encodeCursor(id: number): string {
  return Buffer.from(String(id)).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): number {
  if (cursor === undefined || cursor === '') return 0;
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^\d+$/.test(decoded)) throw validationError(`Invalid paging cursor: ${cursor}`);
  return Number(decoded);
}
