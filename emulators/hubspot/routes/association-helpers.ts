// Shared pieces of the associations endpoints: object-type pairs, id checks, type descriptions.
import { describeStored, type TypeDescription } from '../crm/association-types.ts';
import { resolveObjectType, type ObjectTypeInfo } from '../crm/object-types.ts';
import { objectNotFound, validationError } from '../errors.ts';
import { text } from '../http/params.ts';
import type { Portal } from '../state/portal.ts';

export interface TypePair {
  from: ObjectTypeInfo;
  to: ObjectTypeInfo;
}

/** Only contact <-> company associations are emulated. */
export function typePair(fromRaw: string, toRaw: string): TypePair {
  const from = resolveObjectType(fromRaw);
  const to = resolveObjectType(toRaw);
  if (from.name === to.name) {
    throw validationError(
      `The emulator supports contact <-> company associations only, not ${from.name} -> ${to.name}.`,
    );
  }
  return { from, to };
}

/** [contactId, companyId] for an association written from `from`'s side. */
export function contactCompany(pair: TypePair, fromId: number, toId: number): [number, number] {
  return pair.from.name === 'contacts' ? [fromId, toId] : [toId, fromId];
}

export function parseId(raw: unknown): number | undefined {
  const value = text(raw);
  return /^\d+$/.test(value) ? Number(value) : undefined;
}

/** The live record id behind `raw` (following merges), or undefined. */
export function liveId(portal: Portal, type: ObjectTypeInfo, raw: unknown): number | undefined {
  const id = parseId(raw);
  if (id === undefined) return undefined;
  const store = portal.store(type);
  const record = store.find(store.resolve(id));
  return record && !record.archived ? record.id : undefined;
}

export function requireLiveId(portal: Portal, type: ObjectTypeInfo, raw: unknown): number {
  const id = liveId(portal, type, raw);
  if (id === undefined) throw objectNotFound(text(raw));
  return id;
}

/** The association types of one link, primary first, as seen from `from`. */
export function describeLink(
  portal: Portal,
  from: ObjectTypeInfo,
  stored: Iterable<number>,
): TypeDescription[] {
  const order = (t: number): number => (t === 1 ? 0 : t === 279 ? 1 : 2);
  return [...stored]
    .sort((a, b) => order(a) - order(b) || a - b)
    .map((t) => describeStored(portal, from.name, t));
}

export function labelsOf(descriptions: TypeDescription[]): string[] {
  return descriptions.map((d) => d.label).filter((label): label is string => label !== undefined);
}
