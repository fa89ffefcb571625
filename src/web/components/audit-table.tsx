// Audit entries, newest first. A FAILED row opens its full error (click, Enter or Space) and has
// its own "Retry".
import { Badge, Button, Table, Text } from '@mantine/core';
import type { KeyboardEvent } from 'react';
import type { AuditEntry } from '../../contracts/api.ts';
import type { RetryState } from '../hooks/use-audit-retry.ts';
import { formatTime } from '../lib/format.ts';
import { AUDIT_STATUS_COLORS, DIRECTION_LABELS, humanize, OBJECT_LABELS } from '../lib/labels.ts';

const NO_WRAP = { whiteSpace: 'nowrap' } as const;

interface Props {
  entries: readonly AuditEntry[];
  retries: Readonly<Record<number, RetryState>>;
  onOpen: (entry: AuditEntry) => void;
  onRetry: (entry: AuditEntry) => void;
}

export function AuditTable({ entries, retries, onOpen, onRetry }: Props) {
  return (
    <Table.ScrollContainer minWidth={1040}>
      <Table verticalSpacing={6} fz="sm" highlightOnHover data-testid="audit-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Time</Table.Th>
            <Table.Th>Object</Table.Th>
            <Table.Th>Direction</Table.Th>
            <Table.Th>Action</Table.Th>
            <Table.Th w={96}>Status</Table.Th>
            <Table.Th>HubSpot ID</Table.Th>
            <Table.Th>Thena ID</Table.Th>
            <Table.Th>Message</Table.Th>
            <Table.Th w={90}>Retry</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {entries.map((entry) => (
            <AuditRow
              key={entry.id}
              entry={entry}
              retry={retries[entry.id]}
              onOpen={onOpen}
              onRetry={onRetry}
            />
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function AuditRow({
  entry,
  retry,
  onOpen,
  onRetry,
}: {
  entry: AuditEntry;
  retry: RetryState | undefined;
  onOpen: (entry: AuditEntry) => void;
  onRetry: (entry: AuditEntry) => void;
}) {
  const failed = entry.status === 'FAILED';
  const open = () => onOpen(entry);
  const onKeyDown = (e: KeyboardEvent<HTMLTableRowElement>) => {
    if (e.target !== e.currentTarget) return;
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      open();
    }
  };
  const interactive = failed
    ? {
        // The row stays a table row for screen readers; it is focusable and opens on Enter.
        tabIndex: 0,
        'aria-haspopup': 'dialog' as const,
        title: 'Show the full error',
        className: 'audit-row-open',
        onClick: open,
        onKeyDown,
      }
    : {};
  return (
    <Table.Tr data-testid="audit-row" data-audit-id={entry.id} data-status={entry.status} {...interactive}>
      <Table.Td style={NO_WRAP}>{formatTime(entry.at)}</Table.Td>
      <Table.Td>{OBJECT_LABELS[entry.object]}</Table.Td>
      <Table.Td style={NO_WRAP}>{DIRECTION_LABELS[entry.direction]}</Table.Td>
      <Table.Td>{humanize(entry.action)}</Table.Td>
      <Table.Td>
        <Badge
          size="sm"
          variant="light"
          color={AUDIT_STATUS_COLORS[entry.status]}
          styles={{ root: { overflow: 'visible' }, label: { overflow: 'visible' } }}
          data-testid="audit-status"
        >
          {entry.status}
        </Badge>
      </Table.Td>
      <Table.Td>
        <RecordId id={entry.hubspotId} />
      </Table.Td>
      <Table.Td>
        <RecordId id={entry.thenaId} />
      </Table.Td>
      <Table.Td miw={200}>
        <Text size="sm" lineClamp={2} c={failed ? 'red.8' : 'inherit'}>
          {entry.message ?? '—'}
        </Text>
      </Table.Td>
      <Table.Td>{failed && <RetryCell entry={entry} retry={retry} onRetry={onRetry} />}</Table.Td>
    </Table.Tr>
  );
}

export function RetryCell({
  entry,
  retry,
  onRetry,
  size = 'compact-xs',
}: {
  entry: AuditEntry;
  retry: RetryState | undefined;
  onRetry: (entry: AuditEntry) => void;
  size?: 'compact-xs' | 'sm';
}) {
  if (retry?.state === 'done') {
    return (
      <Text size="xs" c={retry.result.queued ? 'teal' : 'dimmed'} data-testid="retry-result">
        {retry.result.message}
      </Text>
    );
  }
  return (
    <>
      <Button
        size={size}
        variant="light"
        loading={retry?.state === 'pending'}
        onClick={(e) => {
          e.stopPropagation();
          onRetry(entry);
        }}
        onKeyDown={(e) => e.stopPropagation()}
        aria-label={`Retry the ${entry.action} of ${entry.hubspotId ?? entry.thenaId ?? 'this record'}`}
        data-testid="retry-button"
      >
        Retry
      </Button>
      {retry?.state === 'failed' && (
        <Text size="xs" c="red" data-testid="retry-result">
          {retry.message}
        </Text>
      )}
    </>
  );
}

/** Long ids (Thena's are UUIDs) are cut short; the full id is in the tooltip and the drawer. */
function RecordId({ id }: { id: string | null }) {
  if (id === null) return '—';
  return (
    <Text size="sm" ff="monospace" truncate="end" maw={130} title={id}>
      {id}
    </Text>
  );
}
