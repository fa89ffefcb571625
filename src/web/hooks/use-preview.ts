import { useCallback, useEffect, useRef, useState } from 'react';
import type { ConfigBody, ObjectName, PreviewResult } from '../../contracts/api.ts';
import { apiPath, apiRequest, isAbort, toApiError, type ApiError } from '../lib/api.ts';

export interface Preview {
  result: PreviewResult | undefined;
  error: ApiError | undefined;
  loading: boolean;
  /** Resolves with the error, if the preview failed. */
  run: (draft: ConfigBody) => Promise<ApiError | undefined>;
  clear: () => void;
}

interface State {
  result: PreviewResult | undefined;
  error: ApiError | undefined;
  loading: boolean;
}

const IDLE: State = { result: undefined, error: undefined, loading: false };

/** POST /orgs/{org}/objects/{object}/preview: a dry run of a draft configuration. */
export function usePreview(org: string, object: ObjectName): Preview {
  const path = apiPath('orgs', org, 'objects', object, 'preview');
  const [state, setState] = useState<State>(IDLE);
  const current = useRef<AbortController | null>(null);
  useEffect(() => () => current.current?.abort(), []);

  const run = useCallback(
    async (body: ConfigBody): Promise<ApiError | undefined> => {
      current.current?.abort();
      const controller = new AbortController();
      current.current = controller;
      setState({ ...IDLE, loading: true });
      try {
        const result = await apiRequest<PreviewResult>(path, {
          method: 'POST',
          body,
          signal: controller.signal,
        });
        setState({ ...IDLE, result });
        return undefined;
      } catch (err) {
        if (isAbort(err)) return undefined;
        const error = toApiError(err);
        setState({ ...IDLE, error });
        return error;
      }
    },
    [path],
  );
  const clear = useCallback(() => setState(IDLE), []);
  return { ...state, run, clear };
}
