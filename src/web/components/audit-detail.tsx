// The full record of an audit entry, for FAILED ones above all: code, message, details.
import { Badge, Code, Drawer, Group, Stack, Table, Text, Title } from '@mantine/core';
import type { AuditEntry } from '../../contracts/api.ts';
import type { RetryState } from '../hooks/use-audit-retry.ts';
import { formatTime } from '../lib/format.ts';
import { AUDIT_STATUS_COLORS, DIRECTION_LABELS, humanize, OBJECT_LABELS } from '../lib/labels.ts';
import { RetryCell } from './audit-table.tsx';

interface Props {
  opened: boolean;
  entry: AuditEntry | undefined;
  retry: RetryState | undefined;
  onRetry: (entry: AuditEntry) => void;
  onClose: () => void;
}

export function AuditDetail({ opened, entry, retry, onRetry, onClose }: Props) {
  return (
    <Drawer
      opened={opened}
      onClose={onClose}
      position="right"
      size="lg"
      title={entry === undefined ? '' : `${humanize(entry.action)} · ${entry.status}`}
      closeButtonProps={{ 'aria-label': 'Close the error details' }}
    >
      {entry !== undefined && (
        <Stack gap="md" data-testid="audit-detail" data-audit-id={entry.id}>
          <Group gap="xs">
            <Badge color={AUDIT_STATUS_COLORS[entry.status]} variant="light">
              {entry.status}
            </Badge>
            <Text size="sm" c="dimmed">
              {formatTime(entry.at)}
            </Text>
          </Group>
          <Table withRowBorders={false} verticalSpacing={2} fz="sm">
            <Table.Tbody>
              <Row label="Object" value={OBJECT_LABELS[entry.object]} />
              <Row label="Direction" value={DIRECTION_LABELS[entry.direction]} />
              <Row label="HubSpot ID" value={entry.hubspotId} mono />
              <Row label="Thena ID" value={entry.thenaId} mono />
              <Row label="Run" value={entry.runId} mono />
              <Row label="Duration" value={entry.durationMs === null ? null : `${entry.durationMs} ms`} />
            </Table.Tbody>
          </Table>
          <Stack gap={4}>
            <Title order={4} size="h6">
              Error code
            </Title>
            <Code data-testid="audit-error-code">{entry.errorCode ?? '—'}</Code>
          </Stack>
          <Stack gap={4}>
            <Title order={4} size="h6">
              Message
            </Title>
            <Text size="sm" data-testid="audit-error-message">
              {entry.message ?? '—'}
            </Text>
          </Stack>
          <Stack gap={4}>
            <Title order={4} size="h6">
              Details
            </Title>
            <Code block data-testid="audit-error-details" style={{ maxHeight: 360, overflow: 'auto' }}>
              {formatDetails(entry.details)}
            </Code>
          </Stack>
          {entry.status === 'FAILED' && (
            <Group>
              <RetryCell entry={entry} retry={retry} onRetry={onRetry} size="sm" />
            </Group>
          )}
        </Stack>
      )}
    </Drawer>
  );
}

function Row({ label, value, mono = false }: { label: string; value: string | null; mono?: boolean }) {
  return (
    <Table.Tr>
      <Table.Td c="dimmed" w={120}>
        {label}
      </Table.Td>
      <Table.Td ff={mono ? 'monospace' : 'text'}>{value ?? '—'}</Table.Td>
    </Table.Tr>
  );
}

function formatDetails(details: unknown): string {
  if (details === null || details === undefined) return 'No details.';
  if (typeof details === 'string') return details;
  try {
    return JSON.stringify(details, null, 2);
  } catch {
    return 'The details could not be shown.';
  }
}
