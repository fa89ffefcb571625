// The audit log: every sync action, filterable, a page at a time, with the full error of a
// failed one, a retry per failed record, and a CSV export.
import { Button, Card, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { AuditEntry } from '../../contracts/api.ts';
import { useAudit, type AuditFilters } from '../hooks/use-audit.ts';
import { useAuditExport } from '../hooks/use-audit-export.ts';
import { useAuditRetry } from '../hooks/use-audit-retry.ts';
import { ALL_ENTRIES, AuditFilterBar, queryOf, type AuditFilterState } from './audit-filters.tsx';
import { AuditDetail } from './audit-detail.tsx';
import { AuditTable } from './audit-table.tsx';
import { ErrorAlert } from './error-alert.tsx';
import { IconDownload, IconRefresh } from './icons.tsx';

export function AuditLog({ org }: { org: string }) {
  const [filters, setFilters] = useState<{ state: AuditFilterState; query: AuditFilters }>({
    state: ALL_ENTRIES,
    query: queryOf(ALL_ENTRIES),
  });
  const audit = useAudit(org, filters.query);
  const { retries, retry } = useAuditRetry(org);
  const csv = useAuditExport(org, filters.query);
  // The drawer keeps showing its entry while it closes.
  const [detail, setDetail] = useState<{ id: number; opened: boolean } | undefined>(undefined);
  const shown = audit.entries.find((e) => e.id === detail?.id);
  const onRetry = (entry: AuditEntry) => void retry(entry.id);

  return (
    <Card
      withBorder
      padding="lg"
      radius="md"
      component="section"
      aria-labelledby="audit-title"
      data-testid="audit-log"
    >
      <Stack gap="md">
        <Group justify="space-between" align="flex-end">
          <Stack gap={2}>
            <Group gap="xs">
              <Title order={2} size="h4" id="audit-title">
                Audit log
              </Title>
              {audit.loading && <Loader size="xs" aria-label="Loading entries" />}
            </Group>
            <Text size="sm" c="dimmed">
              Every synchronization action, newest first. Open a FAILED entry to see its full error.
            </Text>
          </Stack>
          <Group gap="sm">
            <Button
              variant="default"
              leftSection={<IconRefresh />}
              onClick={audit.reload}
              disabled={audit.loading}
              data-testid="audit-refresh"
            >
              Refresh
            </Button>
            <Button
              variant="default"
              leftSection={<IconDownload />}
              onClick={() => void csv.download()}
              loading={csv.downloading}
              data-testid="export-csv"
            >
              Export CSV
            </Button>
          </Group>
        </Group>
        <AuditFilterBar
          value={filters.state}
          onChange={(state) => setFilters({ state, query: queryOf(state) })}
        />
        {csv.error !== undefined && <ErrorAlert title="Could not export the audit log" error={csv.error} />}
        {audit.error !== undefined && <ErrorAlert title="Could not read the audit log" error={audit.error} />}
        {audit.entries.length > 0 ? (
          <AuditTable
            entries={audit.entries}
            retries={retries}
            onOpen={(e) => setDetail({ id: e.id, opened: true })}
            onRetry={onRetry}
          />
        ) : (
          !audit.loading && (
            <Text size="sm" c="dimmed" data-testid="audit-empty">
              No entries match these filters.
            </Text>
          )
        )}
        {audit.nextCursor !== null && (
          <Group justify="center">
            <Button variant="light" onClick={audit.loadMore} loading={audit.loading} data-testid="load-more">
              Load more
            </Button>
          </Group>
        )}
      </Stack>
      <AuditDetail
        opened={detail?.opened === true && shown !== undefined}
        entry={shown}
        retry={shown === undefined ? undefined : retries[shown.id]}
        onRetry={onRetry}
        onClose={() => setDetail((d) => (d === undefined ? d : { ...d, opened: false }))}
      />
    </Card>
  );
}
