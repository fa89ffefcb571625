// Runs callbacks at instants of the emulator's clock. Advancing the clock by an hour fires the
// retries due within that hour at once, so a test can walk through HubSpot's day-long retry
// schedule in milliseconds.
import type { EmulatorClock } from '../clock.ts';

interface Entry {
  dueAt: number;
  run: () => void;
}

const MAX_TIMEOUT = 2_147_483_647;

export class ClockScheduler {
  private entries: Entry[] = [];
  private timer: NodeJS.Timeout | undefined;
  private readonly unsubscribe: () => void;

  constructor(private readonly clock: EmulatorClock) {
    this.unsubscribe = clock.onChange(() => this.arm());
  }

  get size(): number {
    return this.entries.length;
  }

  schedule(dueAt: number, run: () => void): void {
    this.entries.push({ dueAt, run });
    this.arm();
  }

  /** Drops every pending callback. */
  clear(): void {
    this.entries = [];
    this.arm();
  }

  stop(): void {
    this.clear();
    this.unsubscribe();
  }

  private arm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.entries.length === 0) return;
    const next = Math.min(...this.entries.map((e) => e.dueAt));
    const delay = Math.min(MAX_TIMEOUT, Math.max(0, next - this.clock.now()));
    this.timer = setTimeout(() => this.fire(), delay);
    this.timer.unref();
  }

  private fire(): void {
    const now = this.clock.now();
    const due = this.entries.filter((e) => e.dueAt <= now);
    this.entries = this.entries.filter((e) => e.dueAt > now);
    for (const entry of due) entry.run();
    this.arm();
  }
}
