// Waiting for a stack to reach a quiet state, and counting what each emulator was asked to write.
import type { Stack } from './stack.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until webhooks on both sides are delivered and no job is waiting or running. */
export async function settle(stack: Stack, timeoutMs = 30_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  let quiet = 0;
  while (quiet < 3) {
    if (Date.now() > end) throw new Error('the stack did not settle in time');
    await stack.hubspot.control.drainWebhooks(false);
    await stack.thena.waitForDeliveries(timeoutMs);
    const { byState } = await stack.runtime.queue.depth();
    quiet = (byState.pending ?? 0) + (byState.active ?? 0) === 0 ? quiet + 1 : 0;
    await sleep(quiet === 0 ? 50 : 120);
  }
}

export async function waitFor(
  check: () => Promise<boolean> | boolean,
  timeoutMs = 30_000,
  what = 'condition',
): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`${what} not met in time`);
    await sleep(50);
  }
}

const WRITE = /^(POST|PUT|PATCH|DELETE) /;
const READ_ONLY = /search|batch\/read|filter|\/_emulator|oauth|incoming-webhook/;

function writes(byRoute: Record<string, Record<string, number>>): number {
  let total = 0;
  for (const [route, statuses] of Object.entries(byRoute)) {
    if (!WRITE.test(route) || READ_ONLY.test(route)) continue;
    for (const [status, count] of Object.entries(statuses)) if (Number(status) < 300) total += count;
  }
  return total;
}

/** Successful write calls each emulator has served so far. */
export function writeCounts(stack: Stack): { hubspot: number; thena: number } {
  const hubspotStats = stack.hubspot.control.stats() as {
    requests: { byRoute: Record<string, Record<string, number>> };
  };
  return {
    hubspot: writes(hubspotStats.requests.byRoute),
    thena: writes(stack.thena.stats().traffic.requests),
  };
}
