import { useCallback, useEffect, useRef, useState } from 'react';
import type { ObjectName, ObjectStatus } from '../../contracts/api.ts';
import { apiPath, apiRequest, isAbort, toApiError, type ApiError } from '../lib/api.ts';
import { isActiveRun } from '../lib/labels.ts';

/** While a run is queued or running the page follows it closely; otherwise it checks now and then. */
export const ACTIVE_POLL_MS = 1_500;
export const IDLE_POLL_MS = 15_000;

export interface StatusResource {
  data: ObjectStatus | undefined;
  error: ApiError | undefined;
  /** Asks again now, and keeps asking often for a while (a run was just started). */
  refresh: (options?: { expectRun?: boolean }) => void;
}

/** GET /orgs/{org}/objects/{object}/status, polled. */
export function useObjectStatus(org: string, object: ObjectName): StatusResource {
  const path = apiPath('orgs', org, 'objects', object, 'status');
  const [state, setState] = useState<{ path: string; data?: ObjectStatus; error?: ApiError }>({ path });
  const [tick, setTick] = useState(0);
  // A run that was just started may not show up in the first answer; poll fast until it does.
  const expectRunUntil = useRef(0);

  useEffect(() => {
    const controller = new AbortController();
    let timer: number | undefined;
    apiRequest<ObjectStatus>(path, { signal: controller.signal }).then(
      (data) => {
        setState({ path, data });
        const active = isActiveRun(data.lastRun) || data.recentRuns.some(isActiveRun);
        if (active) expectRunUntil.current = 0;
        const fast = active || Date.now() < expectRunUntil.current;
        timer = window.setTimeout(() => setTick((t) => t + 1), fast ? ACTIVE_POLL_MS : IDLE_POLL_MS);
      },
      (err: unknown) => {
        if (controller.signal.aborted || isAbort(err)) return;
        setState((s) => ({ ...(s.path === path ? s : { path }), error: toApiError(err) }));
        timer = window.setTimeout(() => setTick((t) => t + 1), IDLE_POLL_MS);
      },
    );
    return () => {
      controller.abort();
      window.clearTimeout(timer);
    };
  }, [path, tick]);

  const refresh = useCallback((options: { expectRun?: boolean } = {}) => {
    if (options.expectRun === true) expectRunUntil.current = Date.now() + 10_000;
    setTick((t) => t + 1);
  }, []);

  const current = state.path === path;
  return { data: current ? state.data : undefined, error: current ? state.error : undefined, refresh };
}
