// One delivery attempt: POST the batch to the target URL, signed, with HubSpot's 5 s timeout.
export type DeliveryOutcome =
  | { outcome: 'success'; status: number }
  | { outcome: 'http_error'; status: number; retryAfterMs: number | undefined }
  | { outcome: 'timeout' }
  | { outcome: 'connection_error'; message: string };

export async function deliver(
  url: string,
  body: string,
  headers: Record<string, string>,
  timeoutMs: number,
  abort: AbortSignal,
): Promise<DeliveryOutcome> {
  const timeout = AbortSignal.timeout(timeoutMs);
  try {
    const response = await fetch(url, {
      method: 'POST',
      body,
      headers,
      signal: AbortSignal.any([timeout, abort]),
      redirect: 'manual',
    });
    // The receiver's answer body is irrelevant; read it so the connection can be reused.
    await response.arrayBuffer().catch(() => undefined);
    if (response.status >= 200 && response.status < 300)
      return { outcome: 'success', status: response.status };
    return {
      outcome: 'http_error',
      status: response.status,
      retryAfterMs: retryAfter(response.headers.get('retry-after')),
    };
  } catch (error) {
    if (timeout.aborted) return { outcome: 'timeout' };
    return { outcome: 'connection_error', message: error instanceof Error ? error.message : String(error) };
  }
}

function retryAfter(header: string | null): number | undefined {
  if (header === null) return undefined;
  const seconds = Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}
