import type { FieldList, ObjectName } from '../../contracts/api.ts';
import { apiPath, apiRequest } from '../lib/api.ts';
import { useResource, type Resource } from './use-resource.ts';

/** GET /orgs/{org}/objects/{object}/fields: HubSpot's properties and how each maps to Thena. */
export function useFields(org: string, object: ObjectName): Resource<FieldList> {
  const path = apiPath('orgs', org, 'objects', object, 'fields');
  return useResource(path, (signal) => apiRequest<FieldList>(path, { signal }));
}
