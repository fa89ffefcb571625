// Ports the adapters need from the store, declared in the core so neither depends on the other.

/** Request pacing shared by every process (the store keeps it). */
export interface RateLimitPort {
  /** Reserves the next slot under `key`; returns the epoch ms at which the request may start. */
  reserve(key: string, intervalMs: number): Promise<number>;
  /** Holds every later request under `key` until `until`. */
  holdUntil(key: string, until: number): Promise<void>;
}

export interface StoredCredential<T> {
  secret: T;
  expiresAt: number | null;
  version: number;
}

export type CredentialKind = 'hubspot' | 'thena';

/** Sealed credentials with a cross-process refresh lease (the store keeps them). */
export interface CredentialPort {
  get<T>(installationId: string, kind: CredentialKind): Promise<StoredCredential<T> | undefined>;
  put(installationId: string, kind: CredentialKind, secret: unknown, expiresAt: number | null): Promise<void>;
  tryLeaseRefresh(installationId: string, kind: CredentialKind, leaseMs: number): Promise<boolean>;
  releaseRefreshLease(installationId: string, kind: CredentialKind): Promise<void>;
  delete(installationId: string, kind: CredentialKind): Promise<void>;
}

/** Waits; injectable so tests can drive time. */
export type Sleep = (ms: number) => Promise<void>;

export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
