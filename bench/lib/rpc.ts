// Calls between the harness and the processes it starts (the emulators, our service), over Node's
// IPC channel. A host process exposes a record of functions; the harness calls them by name.
import type { Serializable } from 'node:child_process';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Handlers = Record<string, (...args: any[]) => unknown>;

interface Request {
  id: number;
  op: string;
  args: unknown[];
}

interface Reply {
  id: number;
  ok: boolean;
  value?: unknown;
  error?: string;
}

/** Child side: answers the harness's calls; `ready` goes to the parent once listening. */
export function serveRpc(handlers: Handlers, ready: Serializable): void {
  const send = process.send?.bind(process);
  if (send === undefined) throw new Error('a host must be started by the harness (no IPC channel)');
  process.on('message', (message: Request) => {
    const handler = handlers[message.op];
    void (async () => {
      try {
        if (handler === undefined) throw new Error(`unknown operation ${message.op}`);
        const value = await handler(...message.args);
        send({ id: message.id, ok: true, value } satisfies Reply);
      } catch (err) {
        const error = err instanceof Error ? (err.stack ?? err.message) : String(err);
        send({ id: message.id, ok: false, error } satisfies Reply);
      }
    })();
  });
  // The harness gone means nobody reads our results: stop.
  process.on('disconnect', () => process.exit(0));
  send({ ready });
}

export type Remote<H extends Handlers> = {
  [K in keyof H]: (...args: Parameters<H[K]>) => Promise<Awaited<ReturnType<H[K]>>>;
};

export interface Channel {
  send(message: Serializable, callback: (error: Error | null) => void): boolean;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'exit', listener: (code: number | null, signal: string | null) => void): unknown;
}

/** Parent side: a typed proxy whose methods call the child's handlers. */
export function remote<H extends Handlers>(channel: Channel, label: string): Remote<H> {
  let next = 0;
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  channel.on('message', (message) => {
    const reply = message as Reply;
    const call = waiting.get(reply.id);
    if (call === undefined) return;
    waiting.delete(reply.id);
    if (reply.ok) call.resolve(reply.value);
    else call.reject(new Error(`${label}: ${reply.error}`));
  });
  // A host that dies (an emulator out of memory...) fails the calls it will never answer.
  channel.on('exit', (code, signal) => {
    for (const call of waiting.values()) call.reject(new Error(`${label} exited (${signal ?? code})`));
    waiting.clear();
  });
  return new Proxy({} as Remote<H>, {
    get: (_target, op: string) =>
      // Not a thenable: an async function may return the proxy without it being awaited into.
      op === 'then'
        ? undefined
        : (...args: unknown[]) =>
            new Promise((resolve, reject) => {
              const id = ++next;
              waiting.set(id, { resolve, reject });
              channel.send({ id, op, args }, (error) => {
                if (error === null) return;
                waiting.delete(id);
                reject(new Error(`${label}: ${error.message}`));
              });
            }),
  });
}
