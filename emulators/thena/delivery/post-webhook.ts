// One signed delivery attempt: POST the body with Thena-style headers and report the status
// code or what went wrong (timeout, connection error, or the emulator closing).
import type { DeliveryRecord } from './webhook-queue.ts';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, signatureFor } from './signature.ts';

export interface AttemptOutcome {
  statusCode: number | null;
  /** null on a 2xx; `timeout`, `aborted`, an errno code or `HTTP <status>` otherwise. */
  error: string | null;
}

export async function postWebhook(
  record: DeliveryRecord,
  options: { secret: string; timestampSeconds: number; timeoutMs: number; closing: AbortSignal },
): Promise<AttemptOutcome> {
  const { timestampSeconds } = options;
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'user-agent': 'thena-emulator-webhooks/1',
    'x-thena-delivery-id': record.id,
    'x-thena-delivery-attempt': String(record.attempts),
    'x-thena-event-id': record.eventId,
    'x-thena-event-type': record.eventType,
    [TIMESTAMP_HEADER]: String(timestampSeconds),
    [SIGNATURE_HEADER]: signatureFor(options.secret, timestampSeconds, record.body),
  };
  const timeout = AbortSignal.timeout(options.timeoutMs);
  try {
    const response = await fetch(record.url ?? '', {
      method: 'POST',
      headers,
      body: record.body,
      signal: AbortSignal.any([timeout, options.closing]),
    });
    await response.arrayBuffer().catch(() => undefined);
    return { statusCode: response.status, error: response.ok ? null : `HTTP ${response.status}` };
  } catch (err) {
    if (options.closing.aborted) return { statusCode: null, error: 'aborted' };
    if (timeout.aborted) return { statusCode: null, error: 'timeout' };
    return { statusCode: null, error: describeFetchError(err) };
  }
}

/** `fetch failed` says little; the cause's code (ECONNREFUSED, ECONNRESET, ...) says more. */
function describeFetchError(err: unknown): string {
  const cause = err instanceof Error ? (err.cause as { code?: unknown } | undefined) : undefined;
  if (typeof cause?.code === 'string') return cause.code;
  return err instanceof Error ? err.message : String(err);
}
