// HTTP for the Thena client on node:http(s) with keep-alive agents. The global fetch costs about
// four times as much CPU per call (measured by bench/, ~550-830 us against ~140-240 us), and the
// app publishes one event per synced record, so this is on the hot path of every sync.
import http from 'node:http';
import https from 'node:https';

export interface TransportResponse {
  status: number;
  ok: boolean;
  /** Only built when asked (error answers): most calls never read a header. */
  headers(): Headers;
  text: string;
}

export class TransportTimeout extends Error {
  constructor(readonly timeoutMs: number) {
    super(`no answer within ${timeoutMs} ms`);
  }
}

const agents = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: 64 }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: 64 }),
};

function toHeaders(raw: http.IncomingHttpHeaders): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  return headers;
}

/**
 * One request with a deadline for the whole exchange. Network failures reject with an Error whose
 * `cause` carries the system code (ECONNREFUSED...), as fetch's do; the deadline rejects with
 * TransportTimeout.
 */
export function send(
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string },
  timeoutMs: number,
): Promise<TransportResponse> {
  const target = new URL(url);
  const client = target.protocol === 'https:' ? https : http;
  const agent = target.protocol === 'https:' ? agents['https:'] : agents['http:'];
  const headers =
    init.body === undefined
      ? init.headers
      : { ...init.headers, 'content-length': String(Buffer.byteLength(init.body)) };
  return new Promise((resolve, reject) => {
    const request = client.request(target, { method: init.method, headers, agent }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', (err) => fail(err));
      response.on('end', () => {
        clearTimeout(timer);
        const status = response.statusCode ?? 0;
        resolve({
          status,
          ok: status >= 200 && status < 300,
          headers: () => toHeaders(response.headers),
          text: Buffer.concat(chunks).toString('utf8'),
        });
      });
    });
    const fail = (err: Error): void => {
      clearTimeout(timer);
      reject(err instanceof TransportTimeout ? err : new Error(err.message, { cause: err }));
    };
    const timer = setTimeout(() => request.destroy(new TransportTimeout(timeoutMs)), timeoutMs);
    request.on('error', fail);
    request.end(init.body);
  });
}
