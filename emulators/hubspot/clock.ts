// The emulator's own clock. Token expiry, rate-limit windows, record timestamps, webhook
// timestamps and retry schedules all read it, so a test can jump 31 minutes ahead to expire a
// token or 10 seconds ahead to reopen a rate-limit window without waiting.
export class EmulatorClock {
  private offsetMs = 0;
  private readonly listeners = new Set<() => void>();

  now(): number {
    return Date.now() + this.offsetMs;
  }

  advance(ms: number): number {
    this.offsetMs += ms;
    this.notify();
    return this.now();
  }

  set(epochMs: number): number {
    this.offsetMs = epochMs - Date.now();
    this.notify();
    return this.now();
  }

  reset(): void {
    this.offsetMs = 0;
    this.notify();
  }

  get offset(): number {
    return this.offsetMs;
  }

  /** Called after every jump, so schedulers can re-arm their real timers. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }
}
