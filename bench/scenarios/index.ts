// Every scenario, in the order the full suite runs them.
import { backfillLimited } from './backfill-limited.ts';
import { backfillUnlimited } from './backfill-unlimited.ts';
import { memory } from './memory.ts';
import { naiveBaseline } from './naive-baseline.ts';
import { queue } from './queue.ts';
import { reverseWrites } from './reverse-writes.ts';
import { scaleOut } from './scale-out.ts';
import type { Scenario } from './types.ts';
import { webhookLatency } from './webhook-latency.ts';

export const SCENARIOS: Scenario[] = [
  backfillLimited,
  naiveBaseline,
  backfillUnlimited,
  webhookLatency,
  reverseWrites,
  memory,
  scaleOut,
  queue,
];
