import { useCallback } from 'react';
import type { Connection } from '../../contracts/api.ts';
import { apiPath, apiRequest } from '../lib/api.ts';
import { useResource, type Resource } from './use-resource.ts';

export interface ConnectionResource extends Resource<Connection> {
  /** DELETE connection: uninstalls the app from HubSpot (the audit log is kept). */
  uninstall: () => Promise<void>;
}

/** GET|DELETE /orgs/{org}/connection */
export function useConnection(org: string): ConnectionResource {
  const path = apiPath('orgs', org, 'connection');
  const resource = useResource(path, (signal) => apiRequest<Connection>(path, { signal }));
  const { reload } = resource;
  const uninstall = useCallback(async () => {
    await apiRequest<unknown>(path, { method: 'DELETE' });
    reload();
  }, [path, reload]);
  return { ...resource, uninstall };
}
