// The queue's vocabulary: what goes in, what a worker gets, what a handler answers.

export type JobState = 'pending' | 'active' | 'completed' | 'dead' | 'cancelled';

export interface JobInput {
  kind: string;
  payload?: unknown;
  /** At most one pending job per dedupe key: a later enqueue coalesces into the pending one. */
  dedupeKey?: string;
  /** Jobs sharing a serial key never run at the same time and run in the order they were enqueued. */
  serialKey?: string;
  /** The installation the job works for, so its jobs can be stopped together. */
  installationId?: string;
  /** Epoch ms before which the job must not run (delayed jobs). */
  runAt?: number;
  priority?: number;
  maxAttempts?: number;
}

export interface Job {
  id: number;
  kind: string;
  payload: unknown;
  state: JobState;
  attempts: number;
  maxAttempts: number;
  dedupeKey: string | null;
  serialKey: string | null;
  installationId: string | null;
  runAt: number;
  lastError: string | null;
  createdAt: number;
  finishedAt: number | null;
}

export interface EnqueueResult {
  id: number;
  /** True when the job merged into an already pending job with the same dedupe key. */
  coalesced: boolean;
}

export interface JobContext {
  job: Job;
  /** Aborted when the worker stops; long handlers should return (their job is released). */
  signal: AbortSignal;
  /** Extends the lease; the worker also does it on a timer while the handler runs. */
  heartbeat(): Promise<void>;
}

/** A handler returns nothing when done, or asks to run again later without spending an attempt. */
export type JobResult = void | { retryInMs: number; reason?: string };

export type JobHandler = (payload: unknown, context: JobContext) => Promise<JobResult>;

export interface ScheduleInput {
  name: string;
  kind: string;
  payload?: unknown;
  everyMs: number;
  installationId?: string;
  serialKey?: string;
  /** First run; defaults to one period from now. */
  firstRunAt?: number;
}
