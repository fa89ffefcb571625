import { useCallback, useState } from 'react';
import { apiDownload, apiPath, toApiError, type ApiError } from '../lib/api.ts';
import type { AuditFilters } from './use-audit.ts';

export interface AuditExport {
  download: () => Promise<void>;
  downloading: boolean;
  error: ApiError | undefined;
}

/**
 * GET /orgs/{org}/audit?format=csv, fetched with the Authorization header and handed to the
 * browser as a file: a plain link would have to carry the token in its address.
 */
export function useAuditExport(org: string, filters: AuditFilters): AuditExport {
  const [state, setState] = useState<{ downloading: boolean; error: ApiError | undefined }>({
    downloading: false,
    error: undefined,
  });
  const download = useCallback(async () => {
    setState({ downloading: true, error: undefined });
    try {
      const blob = await apiDownload(apiPath('orgs', org, 'audit'), { query: { ...filters, format: 'csv' } });
      saveBlob(blob, `hubspot-audit-${org}-${new Date().toISOString().slice(0, 10)}.csv`);
      setState({ downloading: false, error: undefined });
    } catch (err) {
      setState({ downloading: false, error: toApiError(err) });
    }
  }, [org, filters]);
  return { ...state, download };
}

function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // Give the browser a moment to start the download before the address goes away.
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
