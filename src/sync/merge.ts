// The two-way merge of one record, field by field, against the values both sides agreed on at the
// last sync (the base). A side that changed a field since then is propagated in the directions the
// field allows; when both changed it, the field's policy decides; a blank never wipes a value
// unless the settings say so. Pure: the engine applies the patches.
import type { FieldDirection } from './field-config.ts';
import { writesToHubSpot, writesToThena } from './field-config.ts';
import type { CanonicalValues, FieldMapping } from './mapping.ts';
import type { ConflictPolicy } from './settings.ts';
import type { ThenaValue } from './thena-fields.ts';
import { valuesEqual } from './values.ts';

export type Side = 'hubspot' | 'thena';

export interface Conflict {
  field: string;
  hubspot: ThenaValue;
  thena: ThenaValue;
  base: ThenaValue | undefined;
  winner: Side;
  /** Why the winner won: the policy, the field's direction, or a blank that may not wipe a value. */
  reason: 'policy' | 'direction' | 'blank_kept';
  policy: ConflictPolicy;
}

export interface MergeInput {
  fields: readonly Pick<FieldMapping, 'property' | 'fieldType' | 'direction' | 'policy'>[];
  /** Values both sides held after the last sync; null when the records were never synced together. */
  base: CanonicalValues | null;
  hubspot: CanonicalValues;
  /** Null when there is no Thena record yet. */
  thena: CanonicalValues | null;
  hubspotModifiedAt: number | null;
  thenaModifiedAt: number | null;
  blankOverwrites: boolean;
}

export interface MergeResult {
  toThena: CanonicalValues;
  toHubSpot: CanonicalValues;
  conflicts: Conflict[];
  /** What both sides hold once the patches are applied: the next base. */
  merged: CanonicalValues;
}

const isBlank = (value: ThenaValue | undefined): boolean =>
  value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);

function mayFlow(direction: FieldDirection, winner: Side): boolean {
  return winner === 'hubspot' ? writesToThena(direction) : writesToHubSpot(direction);
}

function byPolicy(policy: ConflictPolicy, input: MergeInput): Side {
  if (policy === 'thena_wins') return 'thena';
  if (policy === 'most_recent') {
    return (input.thenaModifiedAt ?? -Infinity) > (input.hubspotModifiedAt ?? -Infinity)
      ? 'thena'
      : 'hubspot';
  }
  return 'hubspot';
}

export function mergeRecord(input: MergeInput): MergeResult {
  const result: MergeResult = { toThena: {}, toHubSpot: {}, conflicts: [], merged: {} };
  for (const field of input.fields) {
    const name = field.property.name;
    const h = input.hubspot[name] ?? null;
    if (input.thena === null) {
      // A new Thena record: it receives whatever may flow to Thena.
      result.merged[name] = h;
      if (writesToThena(field.direction) && !isBlank(h)) result.toThena[name] = h;
      continue;
    }
    const t = input.thena[name] ?? null;
    const same = (a: ThenaValue, b: ThenaValue): boolean => valuesEqual(a, b, field.fieldType);
    if (same(h, t)) {
      result.merged[name] = h;
      continue;
    }
    const base = input.base === null || !(name in input.base) ? undefined : (input.base[name] ?? null);
    const hChanged = base === undefined || !same(h, base);
    const tChanged = base === undefined || !same(t, base);
    let winner: Side;
    let reason: Conflict['reason'] = 'policy';
    if (hChanged && tChanged) {
      winner = byPolicy(field.policy, input);
      if (!mayFlow(field.direction, winner)) {
        winner = winner === 'hubspot' ? 'thena' : 'hubspot';
        reason = 'direction';
      }
    } else {
      winner = hChanged ? 'hubspot' : 'thena';
    }
    // A blank never wipes a value: the filled side wins instead (and fills the blank if it may).
    const winningValue = winner === 'hubspot' ? h : t;
    const losingValue = winner === 'hubspot' ? t : h;
    if (isBlank(winningValue) && !isBlank(losingValue) && !input.blankOverwrites) {
      winner = winner === 'hubspot' ? 'thena' : 'hubspot';
      reason = 'blank_kept';
    }
    if (hChanged && tChanged) {
      result.conflicts.push({
        field: name,
        hubspot: h,
        thena: t,
        base,
        winner,
        reason,
        policy: field.policy,
      });
    }
    const value = winner === 'hubspot' ? h : t;
    if (!mayFlow(field.direction, winner)) {
      // Nothing flows: each side keeps its value. The base stays, so a later change on either
      // side is still seen as one (with no base yet, the value kept is remembered).
      result.merged[name] = base === undefined ? value : base;
      continue;
    }
    if (winner === 'hubspot') result.toThena[name] = h;
    else result.toHubSpot[name] = t;
    result.merged[name] = value;
  }
  return result;
}
