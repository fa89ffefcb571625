// Batch writes to HubSpot: updates by id, contact upserts by email, creates, up to 100 per call.
// A record HubSpot rejects fails alone: per-input errors (207) are mapped back to their record,
// and a batch refused as a whole is split until the culprit stands alone.
import type { Client } from '@hubspot/api-client';
import type { AppError } from '../sync/errors.ts';
import { isAppError } from '../sync/errors.ts';
import type { HubSpotRecord, HubSpotWrite, HubSpotWriteResult } from '../sync/hubspot-port.ts';
import type { HubSpotObjectType } from '../sync/properties.ts';
import type { HubSpotCaller, HttpInfo } from './caller.ts';
import { toRecord, type SdkObject } from './records.ts';

type Mode = 'update' | 'upsert' | 'create';

interface SdkBatchError {
  message: string;
  category?: string;
  status?: string;
  context?: Record<string, string[]>;
}

interface SdkBatchResult {
  results: (SdkObject & { objectWriteTraceId?: string; _new?: boolean })[];
  errors?: SdkBatchError[];
}

const BATCH = 100;

function modeOf(objectType: HubSpotObjectType, write: HubSpotWrite): Mode {
  if (write.id !== undefined) return 'update';
  return objectType === 'contacts' && write.email !== undefined ? 'upsert' : 'create';
}

function api(
  client: Client,
  objectType: HubSpotObjectType,
): Client['crm']['contacts'] | Client['crm']['companies'] {
  return objectType === 'contacts' ? client.crm.contacts : client.crm.companies;
}

// The SDK types each batch answer differently; the fields read here are common to all of them.
function asResult(info: Promise<HttpInfo<unknown>>): Promise<HttpInfo<SdkBatchResult>> {
  return info as Promise<HttpInfo<SdkBatchResult>>;
}

async function send(
  caller: HubSpotCaller,
  objectType: HubSpotObjectType,
  mode: Mode,
  writes: readonly HubSpotWrite[],
): Promise<SdkBatchResult> {
  const operation = `${objectType}.batch.${mode}`;
  return caller.call<SdkBatchResult>('api', operation, async (c): Promise<HttpInfo<SdkBatchResult>> => {
    const batch = api(c, objectType).batchApi;
    if (mode === 'update') {
      return asResult(
        batch.updateWithHttpInfo({
          inputs: writes.map((w) => ({ id: w.id!, properties: w.properties, objectWriteTraceId: w.ref })),
        }),
      );
    }
    if (mode === 'upsert') {
      return asResult(
        batch.upsertWithHttpInfo({
          inputs: writes.map((w) => ({
            id: w.email!,
            idProperty: 'email',
            properties: w.properties,
            objectWriteTraceId: w.ref,
          })),
        }),
      );
    }
    return asResult(
      batch.createWithHttpInfo({
        inputs: writes.map((w) => ({
          properties: w.properties,
          associations: [],
          objectWriteTraceId: w.ref,
        })),
      }),
    );
  });
}

/** Which write a result belongs to: the trace id we sent, else the id or email it carries. */
function matcher(
  mode: Mode,
  writes: readonly HubSpotWrite[],
): (r: SdkBatchResult['results'][number]) => HubSpotWrite | undefined {
  const byRef = new Map(writes.map((w) => [w.ref, w]));
  const byId = new Map(writes.filter((w) => w.id !== undefined).map((w) => [w.id!, w]));
  const byEmail = new Map(
    writes.filter((w) => w.email !== undefined).map((w) => [w.email!.toLowerCase(), w]),
  );
  let next = 0;
  return (result) => {
    if (result.objectWriteTraceId !== undefined && byRef.has(result.objectWriteTraceId))
      return byRef.get(result.objectWriteTraceId);
    if (mode === 'update') return byId.get(String(result.id));
    if (mode === 'upsert') return byEmail.get(String(result.properties.email ?? '').toLowerCase());
    return writes[next++];
  };
}

function failuresFrom(
  errors: readonly SdkBatchError[],
  writes: readonly HubSpotWrite[],
): Map<string, SdkBatchError> {
  const failed = new Map<string, SdkBatchError>();
  const byId = new Map(writes.filter((w) => w.id !== undefined).map((w) => [w.id!, w.ref]));
  const byEmail = new Map(
    writes.filter((w) => w.email !== undefined).map((w) => [w.email!.toLowerCase(), w.ref]),
  );
  for (const error of errors) {
    const refs = [
      ...(error.context?.objectWriteTraceId ?? []),
      ...(error.context?.ids ?? []).map((id) => byId.get(id) ?? byEmail.get(id.toLowerCase())),
      ...(error.context?.emails ?? []).map((email) => byEmail.get(email.toLowerCase())),
    ].filter((ref): ref is string => ref !== undefined);
    for (const ref of refs) failed.set(ref, error);
  }
  return failed;
}

async function writeGroup(
  caller: HubSpotCaller,
  objectType: HubSpotObjectType,
  mode: Mode,
  writes: readonly HubSpotWrite[],
): Promise<HubSpotWriteResult[]> {
  let result: SdkBatchResult;
  try {
    result = await send(caller, objectType, mode, writes);
  } catch (err) {
    if (!isAppError(err) || err.retryable) throw err;
    if (writes.length === 1) return [failure(writes[0]!.ref, err)];
    // Refused as a whole: halve until the rejected record stands alone.
    const half = Math.ceil(writes.length / 2);
    return [
      ...(await writeGroup(caller, objectType, mode, writes.slice(0, half))),
      ...(await writeGroup(caller, objectType, mode, writes.slice(half))),
    ];
  }
  const out = new Map<string, HubSpotWriteResult>();
  const match = matcher(mode, writes);
  for (const object of result.results) {
    const write = match(object);
    if (write === undefined) continue;
    const record: HubSpotRecord = toRecord(object, false);
    out.set(write.ref, {
      ref: write.ref,
      ok: true,
      id: record.id,
      created: mode === 'create' || object._new === true,
      record,
    });
  }
  for (const [ref, error] of failuresFrom(result.errors ?? [], writes)) {
    if (!out.has(ref))
      out.set(ref, { ref, ok: false, code: codeOf(error), message: error.message, retryable: false });
  }
  return writes.map(
    (w) =>
      out.get(w.ref) ?? {
        ref: w.ref,
        ok: false,
        code: 'hubspot_write_unconfirmed',
        message: 'HubSpot did not report this record in its answer',
        retryable: true,
      },
  );
}

function codeOf(error: SdkBatchError): string {
  if (error.category === 'CONFLICT') return 'hubspot_conflict';
  if (error.category === 'OBJECT_NOT_FOUND') return 'hubspot_not_found';
  return 'hubspot_validation';
}

function failure(ref: string, err: AppError): HubSpotWriteResult {
  return { ref, ok: false, code: err.code, message: err.message, retryable: err.retryable };
}

export async function writeBatch(
  caller: HubSpotCaller,
  objectType: HubSpotObjectType,
  writes: readonly HubSpotWrite[],
): Promise<HubSpotWriteResult[]> {
  const groups = new Map<Mode, HubSpotWrite[]>();
  for (const write of writes) {
    const mode = modeOf(objectType, write);
    groups.set(mode, [...(groups.get(mode) ?? []), write]);
  }
  const results = new Map<string, HubSpotWriteResult>();
  for (const [mode, group] of groups) {
    for (let i = 0; i < group.length; i += BATCH) {
      for (const result of await writeGroup(caller, objectType, mode, group.slice(i, i + BATCH))) {
        results.set(result.ref, result);
      }
    }
  }
  return writes.map((w) => results.get(w.ref)!);
}
