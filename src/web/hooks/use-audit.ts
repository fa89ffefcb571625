import { useCallback, useEffect, useRef, useState } from 'react';
import type { AuditEntry, AuditPage, AuditStatus, Direction, ObjectName } from '../../contracts/api.ts';
import { apiPath, apiRequest, isAbort, toApiError, type ApiError } from '../lib/api.ts';

export interface AuditFilters {
  status?: AuditStatus;
  object?: ObjectName;
  direction?: Direction;
  /** ISO time: entries at or after it. */
  since?: string;
}

export const AUDIT_PAGE_SIZE = 50;

export interface AuditLog {
  entries: AuditEntry[];
  nextCursor: string | null;
  loading: boolean;
  error: ApiError | undefined;
  loadMore: () => void;
  reload: () => void;
}

interface State {
  entries: AuditEntry[];
  nextCursor: string | null;
  loading: boolean;
  error: ApiError | undefined;
}

/**
 * GET /orgs/{org}/audit, newest first, a page at a time ("Load more" follows `nextCursor`).
 * `filters` must keep its identity until it changes (keep it in state).
 */
export function useAudit(org: string, filters: AuditFilters): AuditLog {
  const path = apiPath('orgs', org, 'audit');
  const [state, setState] = useState<State>({
    entries: [],
    nextCursor: null,
    loading: true,
    error: undefined,
  });
  const inFlight = useRef<AbortController | null>(null);

  const fetchPage = useCallback(
    async (cursor: string | null) => {
      inFlight.current?.abort();
      const controller = new AbortController();
      inFlight.current = controller;
      setState((s) => ({ ...s, loading: true, error: undefined }));
      const query = { ...filters, limit: AUDIT_PAGE_SIZE, cursor: cursor ?? undefined };
      try {
        const page = await apiRequest<AuditPage>(path, { query, signal: controller.signal });
        if (controller.signal.aborted) return;
        setState((s) => ({
          entries: cursor === null ? page.entries : [...s.entries, ...page.entries],
          nextCursor: page.nextCursor,
          loading: false,
          error: undefined,
        }));
      } catch (err) {
        if (controller.signal.aborted || isAbort(err)) return;
        setState((s) => ({ ...s, loading: false, error: toApiError(err) }));
      }
    },
    [path, filters],
  );

  useEffect(() => {
    // New filters start over from the newest entry.
    setState({ entries: [], nextCursor: null, loading: true, error: undefined });
    void fetchPage(null);
    return () => inFlight.current?.abort();
  }, [fetchPage]);

  const { nextCursor } = state;
  const loadMore = useCallback(() => {
    if (nextCursor !== null) void fetchPage(nextCursor);
  }, [fetchPage, nextCursor]);
  const reload = useCallback(() => void fetchPage(null), [fetchPage]);

  return { ...state, loadMore, reload };
}
