// The SDK's fetch has no timeout: a socket that stops answering would hold a sync forever. These
// agents keep connections alive (HubSpot calls come in streams) and destroy a silent socket.
import http from 'node:http';
import https from 'node:https';
import type { Duplex } from 'node:stream';

function withTimeout<T extends http.Agent>(agent: T, timeoutMs: number): T {
  const create = agent.createConnection.bind(agent) as (...args: unknown[]) => Duplex;
  (agent as unknown as { createConnection: (...args: unknown[]) => Duplex }).createConnection = (...args) => {
    const socket = create(...args) as Duplex & { setTimeout(ms: number, cb: () => void): void };
    socket.setTimeout(timeoutMs, () => {
      // An idle pooled socket just closes; one carrying a request fails that request.
      const busy = (socket as unknown as { _httpMessage?: unknown })._httpMessage != null;
      if (!busy) {
        socket.destroy();
        return;
      }
      const err = new Error(`HubSpot did not answer within ${timeoutMs} ms`) as Error & { code: string };
      err.code = 'HUBSPOT_TIMEOUT';
      socket.destroy(err);
    });
    return socket;
  };
  return agent;
}

export function createAgent(baseUrl: string, timeoutMs: number): http.Agent {
  const options = { keepAlive: true, maxSockets: 64 };
  return baseUrl.startsWith('https:')
    ? withTimeout(new https.Agent(options), timeoutMs)
    : withTimeout(new http.Agent(options), timeoutMs);
}
