// The emulator's notion of "now": real time shifted by an offset, or frozen. Record timestamps,
// event timestamps, signatures and rate-limit windows read it, so tests can move time forward.

export interface ClockSnapshot {
  now: string;
  nowMs: number;
  offsetMs: number;
  frozen: boolean;
}

export class EmulatorClock {
  #offsetMs = 0;
  #frozenAt: number | undefined;

  now(): number {
    return this.#frozenAt ?? Date.now() + this.#offsetMs;
  }

  advance(ms: number): void {
    if (this.#frozenAt === undefined) this.#offsetMs += ms;
    else this.#frozenAt += ms;
  }

  set(ms: number): void {
    if (this.#frozenAt === undefined) this.#offsetMs = ms - Date.now();
    else this.#frozenAt = ms;
  }

  freeze(): void {
    this.#frozenAt ??= this.now();
  }

  unfreeze(): void {
    if (this.#frozenAt === undefined) return;
    this.#offsetMs = this.#frozenAt - Date.now();
    this.#frozenAt = undefined;
  }

  reset(): void {
    this.#offsetMs = 0;
    this.#frozenAt = undefined;
  }

  snapshot(): ClockSnapshot {
    const nowMs = this.now();
    return {
      now: new Date(nowMs).toISOString(),
      nowMs,
      offsetMs: this.#frozenAt === undefined ? this.#offsetMs : nowMs - Date.now(),
      frozen: this.#frozenAt !== undefined,
    };
  }
}
