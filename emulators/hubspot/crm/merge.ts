// Merging two records and GDPR deletion. A merge keeps the primary record (its id survives and
// `newObjectId` equals `primaryObjectId`): the primary keeps its values, empty ones are filled
// from the merged record, a contact's other email goes to `hs_additional_emails` (a company's
// domain to `hs_additional_domains`), `hs_merged_object_ids` records the absorbed id, the merged
// record's associations move over, and the merged id keeps resolving to the primary on reads.
import { objectNotFound, validationError } from '../errors.ts';
import type { Portal } from '../state/portal.ts';
import type { RecordView, StoredRecord } from '../state/records.ts';
import { changeSourceOf } from './actor.ts';
import type { ChangeNotice } from './changes.ts';
import type { ObjectTypeInfo } from './object-types.ts';
import { afterWrite, beforeWrite } from './search-index.ts';
import { applyValues, liveRecord, type CrmService, type WriteContext } from './service.ts';
import { indexAll, unindexAll } from './unique.ts';

/** Properties a merge never copies from the merged record. */
const NOT_MOVED = new Set([
  'hs_object_id',
  'createdate',
  'lastmodifieddate',
  'hs_lastmodifieddate',
  'hs_object_source',
  'hs_object_source_id',
  'hs_merged_object_ids',
  'hs_additional_emails',
  'hs_additional_domains',
  'hs_email_domain',
  'email',
  'domain',
]);

export function mergeRecords(
  service: CrmService,
  ctx: WriteContext,
  type: ObjectTypeInfo,
  primaryId: number,
  mergedId: number,
  searchIndexDelayMs: number,
): StoredRecord {
  if (primaryId === mergedId) throw validationError('Unable to merge an object into itself.');
  const { portal, now } = ctx;
  const store = portal.store(type);
  liveRecord(store, primaryId);
  const mergedView = liveRecord(store, mergedId);
  const primary = store.materialize(primaryId) as StoredRecord;
  beforeWrite(primary, searchIndexDelayMs, false);

  const { values, moved } = mergedValues(type, primary, mergedView);
  const mergedRecord = store.materialize(mergedId) as StoredRecord;
  unindexAll(portal, type, mergedRecord);
  const associationNotices = moveAssociations(service, portal, type, mergedId, primaryId);
  store.remove(mergedId, primaryId);

  const changed = applyValues(portal, type, primary, values, changeSourceOf(ctx.actor), now);
  indexAll(portal, type, primary);
  afterWrite(primary, searchIndexDelayMs, now);

  const notices: ChangeNotice[] = [
    {
      kind: 'merge',
      objectType: type.name,
      primaryObjectId: primaryId,
      mergedObjectIds: [mergedId],
      newObjectId: primaryId,
      numberOfPropertiesMoved: moved,
    },
    ...(changed.length > 0
      ? [{ kind: 'propertyChange' as const, objectType: type.name, objectId: primaryId, changes: changed }]
      : []),
    ...associationNotices,
  ];
  service.publish(ctx, notices);
  return primary;
}

function mergedValues(
  type: ObjectTypeInfo,
  primary: RecordView,
  merged: RecordView,
): { values: Map<string, string>; moved: number } {
  const values = new Map<string, string>();
  let moved = 0;
  for (const name of merged.propertyNames()) {
    if (NOT_MOVED.has(name) || primary.value(name) !== undefined) continue;
    values.set(name, merged.value(name) as string);
    moved++;
  }
  const ids = splitList(primary.value('hs_merged_object_ids'));
  ids.push(String(merged.id), ...splitList(merged.value('hs_merged_object_ids')));
  values.set('hs_merged_object_ids', [...new Set(ids)].join(';'));
  const [key, extra] =
    type.name === 'contacts' ? ['email', 'hs_additional_emails'] : ['domain', 'hs_additional_domains'];
  const mergedKey = merged.value(key);
  if (primary.value(key) === undefined && mergedKey !== undefined) {
    values.set(key, mergedKey);
    moved++;
  }
  const additional = [
    ...splitList(primary.value(extra)),
    ...(primary.value(key) !== undefined && mergedKey !== undefined ? [mergedKey] : []),
    ...splitList(merged.value(extra)),
  ].filter((value) => value !== (values.get(key) ?? primary.value(key)));
  if (additional.length > 0) values.set(extra, [...new Set(additional)].join(';'));
  return { values, moved };
}

function splitList(value: string | undefined): string[] {
  return (value ?? '').split(';').filter((part) => part.length > 0);
}

function moveAssociations(
  service: CrmService,
  portal: Portal,
  type: ObjectTypeInfo,
  fromId: number,
  toId: number,
): ChangeNotice[] {
  const associations = portal.associations;
  const notices: ChangeNotice[] = [];
  if (type.name === 'contacts') {
    const keepsPrimary = [...associations.companiesOf(toId).values()].some((types) => types.has(1));
    for (const [companyId, types] of associations.companiesOf(fromId)) {
      associations.remove(fromId, companyId);
      const wanted = [...types].filter((t) => !(keepsPrimary && t === 1));
      notices.push(...service.linkNotices(associations.add(toId, companyId, wanted)));
    }
  } else {
    for (const [contactId, types] of associations.contactsOf(fromId)) {
      associations.remove(contactId, fromId);
      notices.push(...service.linkNotices(associations.add(contactId, toId, [...types])));
    }
  }
  return notices;
}

/** GDPR delete: the record and its associations are gone for good. */
export function purgeRecord(service: CrmService, ctx: WriteContext, type: ObjectTypeInfo, id: number): void {
  const { portal } = ctx;
  const store = portal.store(type);
  const view = store.find(id);
  if (!view) throw objectNotFound(String(id));
  const record = store.materialize(id) as StoredRecord;
  unindexAll(portal, type, record);
  if (type.name === 'contacts') {
    for (const companyId of portal.associations.companiesOf(id).keys())
      portal.associations.remove(id, companyId);
  } else {
    for (const contactId of portal.associations.contactsOf(id).keys())
      portal.associations.remove(contactId, id);
  }
  store.remove(id);
  const notices: ChangeNotice[] = [];
  if (type.name === 'contacts')
    notices.push({ kind: 'privacyDeletion', objectType: type.name, objectId: id });
  notices.push({ kind: 'deletion', objectType: type.name, objectId: id });
  service.publish(ctx, notices);
}
