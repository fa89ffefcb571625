// Preloaded into the service process by the soak (`--expose-gc --import`): every few seconds,
// after a full collection, it sends the process's memory to the soak over IPC. Nothing else.
const every = Number(process.env.SOAK_SAMPLE_MS ?? 2_000);
const gc = (globalThis as { gc?: () => void }).gc;

setInterval(() => {
  gc?.();
  const memory = process.memoryUsage();
  process.send?.({
    kind: 'memory',
    at: Date.now(),
    rss: memory.rss,
    heapUsed: memory.heapUsed,
    heapTotal: memory.heapTotal,
    external: memory.external,
  });
}, every).unref();
