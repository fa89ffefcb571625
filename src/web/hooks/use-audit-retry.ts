import { useCallback, useState } from 'react';
import type { RetryStarted } from '../../contracts/api.ts';
import { apiPath, apiRequest, toApiError } from '../lib/api.ts';

export type RetryState =
  { state: 'pending' } | { state: 'done'; result: RetryStarted } | { state: 'failed'; message: string };

export interface AuditRetry {
  /** Per audit entry id: what its last retry did. */
  retries: Record<number, RetryState>;
  retry: (id: number) => Promise<void>;
}

/** POST /orgs/{org}/audit/{id}/retry -> 202 RetryStarted */
export function useAuditRetry(org: string): AuditRetry {
  const [retries, setRetries] = useState<Record<number, RetryState>>({});
  const retry = useCallback(
    async (id: number) => {
      setRetries((r) => ({ ...r, [id]: { state: 'pending' } }));
      try {
        const path = apiPath('orgs', org, 'audit', String(id), 'retry');
        const result = await apiRequest<RetryStarted>(path, { method: 'POST' });
        setRetries((r) => ({ ...r, [id]: { state: 'done', result } }));
      } catch (err) {
        setRetries((r) => ({ ...r, [id]: { state: 'failed', message: toApiError(err).message } }));
      }
    },
    [org],
  );
  return { retries, retry };
}
