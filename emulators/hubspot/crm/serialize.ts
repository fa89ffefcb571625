// Records in the API's JSON shape (`SimplePublicObject`, `SimplePublicObjectWithAssociations`).
// Every value is a string; a property without a value is left out (the spec types values as
// strings); the identity properties (`hs_object_id`, `createdate`, last-modified) always appear.
import { isoDateTime } from '../properties/dates.ts';
import type { Portal } from '../state/portal.ts';
import type { RecordView } from '../state/records.ts';
import { v3TypeName } from './association-types.ts';
import { encodeCursor } from './lookup.ts';
import { otherType, type ObjectTypeInfo } from './object-types.ts';

export interface SerializeOptions {
  /** Requested properties; undefined means the type's defaults. */
  properties?: readonly string[] | undefined;
  propertiesWithHistory?: readonly string[] | undefined;
  /** Object types whose associations to include (v3 `associations=` read). */
  associations?: readonly ObjectTypeInfo[] | undefined;
  /** Also include these (e.g. the properties a write just set). */
  alsoProperties?: Iterable<string> | undefined;
  objectWriteTraceId?: string | undefined;
  /** Search results and batch responses never carry associations. */
}

export function serializeRecord(
  portal: Portal,
  type: ObjectTypeInfo,
  record: RecordView,
  options: SerializeOptions = {},
): Record<string, unknown> {
  const names = new Set<string>(type.identityProperties);
  for (const name of options.properties && options.properties.length > 0
    ? options.properties
    : type.defaultProperties) {
    names.add(name);
  }
  for (const name of options.alsoProperties ?? []) names.add(name);
  const properties: Record<string, string> = {};
  for (const name of [...names].sort()) {
    const value = record.value(name);
    if (value !== undefined) properties[name] = value;
  }
  const body: Record<string, unknown> = { id: String(record.id), properties };
  if (options.propertiesWithHistory && options.propertiesWithHistory.length > 0) {
    body.propertiesWithHistory = history(portal, type, record, options.propertiesWithHistory);
  }
  body.createdAt = isoDateTime(record.createdAt);
  body.updatedAt = isoDateTime(record.updatedAt);
  body.archived = record.archived;
  if (record.archivedAt !== undefined) body.archivedAt = isoDateTime(record.archivedAt);
  if (options.associations && options.associations.length > 0) {
    const associations = v3Associations(portal, type, record.id, options.associations);
    if (Object.keys(associations).length > 0) body.associations = associations;
  }
  if (options.objectWriteTraceId !== undefined) body.objectWriteTraceId = options.objectWriteTraceId;
  return body;
}

function history(
  portal: Portal,
  type: ObjectTypeInfo,
  record: RecordView,
  names: readonly string[],
): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  const registry = portal.properties(type);
  for (const name of names) {
    if (!registry.get(name)) continue;
    out[name] = record.history(name).map((entry) => ({
      value: entry.value,
      timestamp: isoDateTime(entry.timestamp),
      sourceType: entry.source.sourceType,
      ...(entry.source.sourceId === undefined ? {} : { sourceId: entry.source.sourceId }),
      ...(entry.source.updatedByUserId === undefined
        ? {}
        : { updatedByUserId: entry.source.updatedByUserId }),
    }));
  }
  return out;
}

/** Linked records of the other type that still exist and are not archived, in id order. */
export function liveLinks(portal: Portal, type: ObjectTypeInfo, id: number): Array<[number, Set<number>]> {
  const links =
    type.name === 'contacts' ? portal.associations.companiesOf(id) : portal.associations.contactsOf(id);
  const others = portal.store(otherType(type));
  return [...links]
    .filter(([otherId]) => {
      const other = others.find(otherId);
      return other !== undefined && !other.archived;
    })
    .sort((a, b) => a[0] - b[0]);
}

/** A v3 read lists the links to at most this many records per object type (then `paging`). */
const V3_ASSOCIATION_PAGE = 500;

type V3Associations = Record<string, { results: Array<{ id: string; type: string }>; paging?: unknown }>;

function v3Associations(
  portal: Portal,
  type: ObjectTypeInfo,
  id: number,
  requested: readonly ObjectTypeInfo[],
): V3Associations {
  const out: V3Associations = {};
  for (const other of requested) {
    if (other.name === type.name || out[other.name]) continue;
    const links = liveLinks(portal, type, id);
    if (links.length === 0) continue;
    const results: Array<{ id: string; type: string }> = [];
    for (const [otherId, types] of links.slice(0, V3_ASSOCIATION_PAGE)) {
      // The primary flag first, then the plain link, then labels (HubSpot lists both 1 and 279).
      for (const stored of [...types].sort((a, b) => a - b)) {
        results.push({ id: String(otherId), type: v3TypeName(portal, type.name, stored) });
      }
    }
    out[other.name] = { results };
    if (links.length > V3_ASSOCIATION_PAGE) {
      // The rest is read from the v4 associations endpoint, which takes the same cursor.
      const after = encodeCursor(V3_ASSOCIATION_PAGE);
      out[other.name] = {
        results,
        paging: {
          next: {
            after,
            link: `/crm/v4/objects/${type.name}/${id}/associations/${other.name}?after=${after}`,
          },
        },
      };
    }
  }
  return out;
}
