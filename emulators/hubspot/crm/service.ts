// Record writes: create, update, archive, restore, associate. Shared by the public API (actor =
// the calling app) and the control surface (actor = a user in the HubSpot UI), so both validate
// the same way, keep the same server-side properties and emit the same webhook notices.
import { conflict, objectNotFound, validationError } from '../errors.ts';
import { isoDateTime } from '../properties/dates.ts';
import type { LinkChange } from '../state/associations.ts';
import { EMAIL_NAMESPACE, type ObjectStore } from '../state/object-store.ts';
import type { Portal } from '../state/portal.ts';
import { StoredRecord, type ChangeSource, type RecordView } from '../state/records.ts';
import { CALCULATED_SOURCE, changeSourceOf, type Actor } from './actor.ts';
import { categoryOf, toStoredType } from './association-types.ts';
import type { ChangeNotice, ChangeSink } from './changes.ts';
import { COMPANIES, CONTACTS, type ObjectTypeInfo } from './object-types.ts';
import { checkProperties, invalidPropertiesError } from './property-input.ts';
import { afterWrite, beforeWrite } from './search-index.ts';
import { indexAll, uniqueDefinitions, uniqueNamespace, unindexAll } from './unique.ts';

export interface WriteContext {
  portal: Portal;
  actor: Actor;
  now: number;
}

export interface PreparedCreate {
  type: ObjectTypeInfo;
  values: Map<string, string>;
  /** Associations on create, already converted to stored contact -> company type ids. */
  links: Array<{ otherId: number; storedTypes: number[] }>;
}

export interface PreparedUpdate {
  type: ObjectTypeInfo;
  id: number;
  values: Map<string, string>;
}

/** Unique values claimed by earlier inputs of the same batch. */
export type Reservations = Map<string, Set<string>>;

export class CrmService {
  constructor(
    private readonly sink: ChangeSink,
    private readonly searchIndexDelayMs: () => number,
  ) {}

  // ---- create ----

  prepareCreate(
    ctx: WriteContext,
    type: ObjectTypeInfo,
    input: { properties?: unknown; associations?: unknown },
    reserved: Reservations = new Map(),
  ): PreparedCreate {
    const properties = propertiesObject(input.properties);
    const checked = checkProperties(ctx.portal, type, properties, undefined);
    if (checked.errors.length > 0) throw invalidPropertiesError(checked.errors);
    this.checkUnique(ctx.portal, type, checked.values, undefined, reserved);
    const links = this.checkAssociationsOnCreate(ctx.portal, type, input.associations);
    return { type, values: checked.values, links };
  }

  applyCreate(ctx: WriteContext, prepared: PreparedCreate): StoredRecord {
    const { portal, now } = ctx;
    const type = prepared.type;
    const store = portal.store(type);
    const source = changeSourceOf(ctx.actor);
    const record = new StoredRecord(store.allocateId(), now, now);
    record.set('hs_object_id', String(record.id), now, CALCULATED_SOURCE);
    record.set('createdate', isoDateTime(now), now, CALCULATED_SOURCE);
    record.set('hs_object_source', source.sourceType, now, CALCULATED_SOURCE);
    if (source.sourceId !== undefined)
      record.set('hs_object_source_id', source.sourceId, now, CALCULATED_SOURCE);
    touch(record, type, now);
    store.insert(record);
    const set = applyValues(portal, type, record, prepared.values, source, now);
    afterWrite(record, this.searchIndexDelayMs(), now);
    const notices: ChangeNotice[] = [
      { kind: 'creation', objectType: type.name, objectId: record.id, properties: set },
    ];
    for (const link of prepared.links) {
      const [contactId, companyId] =
        type.name === 'contacts' ? [record.id, link.otherId] : [link.otherId, record.id];
      notices.push(...this.linkNotices(portal.associations.add(contactId, companyId, link.storedTypes)));
    }
    this.sink.publish({ portalId: portal.id, actor: ctx.actor, occurredAt: now }, notices);
    return record;
  }

  create(
    ctx: WriteContext,
    type: ObjectTypeInfo,
    input: { properties?: unknown; associations?: unknown },
  ): StoredRecord {
    return this.applyCreate(ctx, this.prepareCreate(ctx, type, input));
  }

  // ---- update ----

  prepareUpdate(
    ctx: WriteContext,
    type: ObjectTypeInfo,
    id: number,
    properties: unknown,
    reserved: Reservations = new Map(),
  ): PreparedUpdate {
    const record = liveRecord(ctx.portal.store(type), id);
    const input = propertiesObject(properties);
    if (Object.keys(input).length === 0) {
      throw validationError('No properties found to update, please provide at least one.');
    }
    const checked = checkProperties(ctx.portal, type, input, record);
    if (checked.errors.length > 0) throw invalidPropertiesError(checked.errors);
    this.checkUnique(ctx.portal, type, checked.values, record.id, reserved);
    return { type, id: record.id, values: checked.values };
  }

  applyUpdate(ctx: WriteContext, prepared: PreparedUpdate): StoredRecord {
    const { portal, now } = ctx;
    const store = portal.store(prepared.type);
    const record = store.materialize(prepared.id) as StoredRecord;
    const delay = this.searchIndexDelayMs();
    beforeWrite(record, delay, false);
    const changed = applyValues(
      portal,
      prepared.type,
      record,
      prepared.values,
      changeSourceOf(ctx.actor),
      now,
    );
    if (changed.length > 0) {
      afterWrite(record, delay, now);
      this.sink.publish({ portalId: portal.id, actor: ctx.actor, occurredAt: now }, [
        { kind: 'propertyChange', objectType: prepared.type.name, objectId: record.id, changes: changed },
      ]);
    }
    return record;
  }

  update(ctx: WriteContext, type: ObjectTypeInfo, id: number, properties: unknown): StoredRecord {
    return this.applyUpdate(ctx, this.prepareUpdate(ctx, type, id, properties));
  }

  // ---- archive / restore ----

  /** Archives a record; archiving a missing or already archived one is a no-op, as in HubSpot. */
  archive(ctx: WriteContext, type: ObjectTypeInfo, id: number): boolean {
    const store = ctx.portal.store(type);
    const view = store.find(id);
    if (!view || view.archived) return false;
    const record = store.materialize(id) as StoredRecord;
    const delay = this.searchIndexDelayMs();
    beforeWrite(record, delay, false);
    store.markArchived(record, true, ctx.now);
    unindexAll(ctx.portal, type, record);
    afterWrite(record, delay, ctx.now);
    this.sink.publish({ portalId: ctx.portal.id, actor: ctx.actor, occurredAt: ctx.now }, [
      { kind: 'deletion', objectType: type.name, objectId: id },
    ]);
    return true;
  }

  restore(ctx: WriteContext, type: ObjectTypeInfo, id: number): StoredRecord {
    const store = ctx.portal.store(type);
    const record = store.records.get(id);
    if (!record?.archived) throw objectNotFound(String(id));
    const values = new Map<string, string>();
    for (const def of uniqueDefinitions(ctx.portal, type)) {
      const value = record.value(def.name);
      if (value !== undefined) values.set(def.name, value);
    }
    this.checkUnique(ctx.portal, type, values, id, new Map());
    const delay = this.searchIndexDelayMs();
    beforeWrite(record, delay, false);
    store.markArchived(record, false, ctx.now);
    indexAll(ctx.portal, type, record);
    touch(record, type, ctx.now);
    afterWrite(record, delay, ctx.now);
    this.sink.publish({ portalId: ctx.portal.id, actor: ctx.actor, occurredAt: ctx.now }, [
      { kind: 'restore', objectType: type.name, objectId: id },
    ]);
    return record;
  }

  // ---- associations ----

  /** Links a contact and a company with stored (contact -> company) type ids. */
  associate(ctx: WriteContext, contactId: number, companyId: number, storedTypes: number[]): void {
    const notices = this.linkNotices(ctx.portal.associations.add(contactId, companyId, storedTypes));
    this.sink.publish({ portalId: ctx.portal.id, actor: ctx.actor, occurredAt: ctx.now }, notices);
  }

  dissociate(ctx: WriteContext, contactId: number, companyId: number, storedTypes?: number[]): void {
    const removed = ctx.portal.associations.remove(contactId, companyId, storedTypes);
    this.sink.publish(
      { portalId: ctx.portal.id, actor: ctx.actor, occurredAt: ctx.now },
      removed.map((change) => linkNotice(change, true)),
    );
  }

  linkNotices(change: { added: LinkChange[]; removed: LinkChange[] }): ChangeNotice[] {
    return [
      ...change.removed.map((c) => linkNotice(c, true)),
      ...change.added.map((c) => linkNotice(c, false)),
    ];
  }

  publish(ctx: WriteContext, notices: ChangeNotice[]): void {
    this.sink.publish({ portalId: ctx.portal.id, actor: ctx.actor, occurredAt: ctx.now }, notices);
  }

  // ---- checks ----

  /** 409 when a unique value (a contact's email, a custom unique property) belongs to another record. */
  checkUnique(
    portal: Portal,
    type: ObjectTypeInfo,
    values: Map<string, string>,
    selfId: number | undefined,
    reserved: Reservations,
  ): void {
    const store = portal.store(type);
    for (const [name, value] of values) {
      if (value === '') continue;
      const namespace = uniqueNamespace(portal, type, name);
      if (!namespace) continue;
      const existing = store.findUnique(namespace, name, value);
      if (existing && existing.id !== selfId) {
        throw conflict(
          namespace === EMAIL_NAMESPACE
            ? `Contact already exists. Existing ID: ${existing.id}`
            : `A ${type.singular} with the unique value "${value}" for property ${name} already exists. Existing ID: ${existing.id}`,
        );
      }
      const claimed = reserved.get(namespace) ?? new Set<string>();
      if (claimed.has(value)) {
        throw validationError(`Duplicate value "${value}" for unique property ${name} in batch input.`);
      }
      claimed.add(value);
      reserved.set(namespace, claimed);
    }
  }

  private checkAssociationsOnCreate(
    portal: Portal,
    type: ObjectTypeInfo,
    raw: unknown,
  ): Array<{ otherId: number; storedTypes: number[] }> {
    if (raw === undefined || raw === null) return [];
    if (!Array.isArray(raw)) throw validationError('associations must be an array');
    const other = type.name === 'contacts' ? COMPANIES : CONTACTS;
    return raw.map((item: unknown) => {
      const entry = (item ?? {}) as { to?: { id?: unknown }; types?: unknown };
      const otherId = Number(entry.to?.id);
      const target = Number.isInteger(otherId) ? portal.store(other).find(otherId) : undefined;
      if (!target || target.archived) {
        throw validationError(
          `One or more associations are invalid: ${other.singular} ${String(entry.to?.id)} does not exist`,
          {
            context: { toObjectId: [String(entry.to?.id)] },
          },
        );
      }
      const types = Array.isArray(entry.types) ? (entry.types as Array<Record<string, unknown>>) : [];
      if (types.length === 0) throw validationError('Each association needs at least one type');
      const storedTypes = types.map((spec) => checkAssociationSpec(portal, type, spec));
      return { otherId, storedTypes };
    });
  }
}

/** Validates one `{associationCategory, associationTypeId}` seen from `from`; returns the stored id. */
export function checkAssociationSpec(
  portal: Portal,
  from: ObjectTypeInfo,
  spec: Record<string, unknown>,
): number {
  const typeId = Number(spec.associationTypeId);
  const stored = Number.isInteger(typeId) ? toStoredType(portal, from.name, typeId) : undefined;
  const category = stored === undefined ? undefined : categoryOf(portal, from.name, typeId);
  if (stored === undefined || category === undefined) {
    throw validationError(
      `${String(spec.associationCategory)} ${String(spec.associationTypeId)} is not a valid association type between ${from.name} and ${from.name === 'contacts' ? 'companies' : 'contacts'}`,
    );
  }
  if (spec.associationCategory !== category) {
    throw validationError(
      `associationTypeId ${typeId} belongs to category ${category}, not ${String(spec.associationCategory)}`,
    );
  }
  return stored;
}

function linkNotice(change: LinkChange, removed: boolean): ChangeNotice {
  return {
    kind: 'associationChange',
    contactId: change.contactId,
    companyId: change.companyId,
    removed,
    primary: change.typeId === 1,
  };
}

function propertiesObject(raw: unknown): Record<string, unknown> {
  if (raw === undefined || raw === null) return {};
  if (typeof raw !== 'object' || Array.isArray(raw)) throw validationError('properties must be an object');
  return raw as Record<string, unknown>;
}

/** The record behind an id for a write, or HubSpot's 404. */
export function liveRecord(store: ObjectStore, id: number): RecordView {
  const view = store.find(id);
  if (!view || view.archived) throw objectNotFound(String(id));
  return view;
}

/** Server-kept "last modified" properties move with every change. */
export function touch(record: StoredRecord, type: ObjectTypeInfo, now: number): void {
  record.updatedAt = now;
  const iso = isoDateTime(now);
  record.set('hs_lastmodifieddate', iso, now, CALCULATED_SOURCE, false);
  if (type.name === 'contacts') record.set('lastmodifieddate', iso, now, CALCULATED_SOURCE, false);
}

/**
 * Writes values that differ from the current ones (same-value writes change nothing and fire no
 * webhook, as in HubSpot) and returns the [name, value] pairs that changed.
 */
export function applyValues(
  portal: Portal,
  type: ObjectTypeInfo,
  record: StoredRecord,
  values: Map<string, string>,
  source: ChangeSource,
  now: number,
): Array<[string, string]> {
  const store = portal.store(type);
  const changed: Array<[string, string]> = [];
  for (const [name, value] of values) {
    const old = record.value(name) ?? '';
    if (old === value) continue;
    const namespace = uniqueNamespace(portal, type, name);
    if (namespace && !record.archived) {
      if (old !== '') store.unindexUnique(namespace, old, record.id);
      if (value !== '') store.indexUnique(namespace, value, record.id);
    }
    record.set(name, value, now, source);
    changed.push([name, value]);
    if (type.name === 'contacts' && name === 'email') {
      const domain = value.includes('@') ? value.slice(value.indexOf('@') + 1) : '';
      if ((record.value('hs_email_domain') ?? '') !== domain) {
        record.set('hs_email_domain', domain, now, CALCULATED_SOURCE);
        changed.push(['hs_email_domain', domain]);
      }
    }
  }
  if (changed.length > 0) touch(record, type, now);
  return changed;
}
