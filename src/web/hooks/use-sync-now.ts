import { useCallback, useState } from 'react';
import type { ObjectName } from '../../contracts/api.ts';
import { apiPath, apiRequest, toApiError, type ApiError } from '../lib/api.ts';

export interface SyncNow {
  start: () => Promise<string | null>;
  starting: boolean;
  error: ApiError | undefined;
  /** The run the last press started. */
  runId: string | undefined;
}

/** POST /orgs/{org}/objects/{object}/sync -> 202 { runId } */
export function useSyncNow(org: string, object: ObjectName): SyncNow {
  const path = apiPath('orgs', org, 'objects', object, 'sync');
  const [state, setState] = useState<{ starting: boolean; error?: ApiError; runId?: string }>({
    starting: false,
  });
  const start = useCallback(async () => {
    setState({ starting: true });
    try {
      const { runId } = await apiRequest<{ runId: string }>(path, { method: 'POST' });
      setState({ starting: false, runId });
      return runId;
    } catch (err) {
      setState({ starting: false, error: toApiError(err) });
      return null;
    }
  }, [path]);
  return { starting: state.starting, error: state.error, runId: state.runId, start };
}
