import { useCallback } from 'react';
import type { ObjectName, PutConfigBody, SyncConfig } from '../../contracts/api.ts';
import { apiPath, apiRequest } from '../lib/api.ts';
import { useResource, type Resource } from './use-resource.ts';

export interface ObjectConfigResource extends Resource<SyncConfig> {
  /** PUT config; resolves with the saved configuration, throws ApiError (400, 409, ...). */
  save: (body: PutConfigBody) => Promise<SyncConfig>;
}

/** GET|PUT /orgs/{org}/objects/{object}/config */
export function useObjectConfig(org: string, object: ObjectName): ObjectConfigResource {
  const path = apiPath('orgs', org, 'objects', object, 'config');
  const resource = useResource(path, (signal) => apiRequest<SyncConfig>(path, { signal }));
  const { set } = resource;
  const save = useCallback(
    async (body: PutConfigBody) => {
      const saved = await apiRequest<SyncConfig | undefined>(path, { method: 'PUT', body });
      // The PUT answers with the stored configuration; if it did not, read it back.
      const config =
        saved !== undefined && typeof saved.version === 'number' ? saved : await apiRequest<SyncConfig>(path);
      set(config);
      return config;
    },
    [path, set],
  );
  return { ...resource, save };
}
