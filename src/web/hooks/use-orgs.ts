import type { OrgList } from '../../contracts/api.ts';
import { apiRequest } from '../lib/api.ts';
import { useResource, type Resource } from './use-resource.ts';

/** GET /orgs: the organizations the token may see. */
export function useOrgs(): Resource<OrgList> {
  return useResource('orgs', (signal) => apiRequest<OrgList>('orgs', { signal }));
}
