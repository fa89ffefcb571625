// "Records in HubSpot" for the status page, which polls while a run goes: each count is reused for
// a while, one request at a time, and a slow or failing HubSpot yields null instead of an error.
import type { Clock } from '../clock.ts';
import type { Sleep } from '../ports.ts';

export interface TotalsOptions {
  /** How long a count is reused. */
  ttlMs: number;
  /** How long a failure is remembered before HubSpot is asked again. */
  failureTtlMs: number;
  /** How long a status request waits for HubSpot. */
  timeoutMs: number;
}

export const DEFAULT_TOTALS_OPTIONS: TotalsOptions = { ttlMs: 30_000, failureTtlMs: 5_000, timeoutMs: 3_000 };

interface Entry {
  value: number | null;
  at: number;
  pending: Promise<number | null> | undefined;
}

const TIMED_OUT = Symbol('timed out');

export class HubSpotTotals {
  readonly #entries = new Map<string, Entry>();

  constructor(
    private readonly clock: Clock,
    private readonly sleep: Sleep,
    private readonly options: TotalsOptions = DEFAULT_TOTALS_OPTIONS,
  ) {}

  async get(key: string, count: () => Promise<number>): Promise<number | null> {
    const entry = this.#entries.get(key);
    const now = this.clock.now();
    if (entry !== undefined) {
      const ttl = entry.value === null ? this.options.failureTtlMs : this.options.ttlMs;
      if (now - entry.at < ttl) return entry.value;
    }
    const pending = entry?.pending ?? this.#refresh(key, count, entry);
    const answer = await Promise.race([pending, this.sleep(this.options.timeoutMs).then(() => TIMED_OUT)]);
    // Too slow this time: the last known count (if any) rather than nothing; the refresh goes on.
    return answer === TIMED_OUT ? (entry?.value ?? null) : (answer as number | null);
  }

  #refresh(key: string, count: () => Promise<number>, previous: Entry | undefined): Promise<number | null> {
    const pending = count().then(
      (value) => value,
      () => null,
    );
    this.#entries.set(key, { value: previous?.value ?? null, at: previous?.at ?? 0, pending });
    void pending.then((value) => this.#entries.set(key, { value, at: this.clock.now(), pending: undefined }));
    return pending;
  }
}
