// How webhooks are delivered; all of it can be changed at run time through /_emulator/config.

export interface DeliverySettings {
  /** Wait before each retry after a non-2xx answer or a timeout; its length is the retry count. */
  retryScheduleMs: number[];
  /** How long one delivery attempt may take before it counts as failed. */
  timeoutMs: number;
  /** Deliveries in flight at once. */
  concurrency: number;
  /** Send queued deliveries in random order instead of first-in first-out. */
  reorder: boolean;
  /** Chance that a delivered event is delivered a second time (same eventId). */
  duplicateProbability: number;
  /** Chance that an event is silently never delivered. */
  dropProbability: number;
}

/** The legacy Thena webhook product's documented schedule: about 10, 20, 30, 50 and 80 seconds. */
export const DEFAULT_DELIVERY: DeliverySettings = {
  retryScheduleMs: [10_000, 20_000, 30_000, 50_000, 80_000],
  timeoutMs: 10_000,
  concurrency: 4,
  reorder: false,
  duplicateProbability: 0,
  dropProbability: 0,
};
