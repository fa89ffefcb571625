// The recent sync runs: what started them, how they went, their counts and times.
import { Badge, Table, Text } from '@mantine/core';
import type { Run } from '../../contracts/api.ts';
import { formatCount, formatTime, runDuration } from '../lib/format.ts';
import { DIRECTION_LABELS, humanize, RUN_STATE_COLORS } from '../lib/labels.ts';

const NO_WRAP = { whiteSpace: 'nowrap' } as const;

export function RunsTable({ runs, highlight }: { runs: readonly Run[]; highlight: string | undefined }) {
  if (runs.length === 0) {
    return (
      <Text size="sm" c="dimmed" data-testid="no-runs">
        No sync has run yet.
      </Text>
    );
  }
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table verticalSpacing={4} fz="sm" highlightOnHover data-testid="runs-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Started</Table.Th>
            <Table.Th>Trigger</Table.Th>
            <Table.Th>Direction</Table.Th>
            <Table.Th>State</Table.Th>
            <Table.Th ta="right">Seen</Table.Th>
            <Table.Th ta="right">Created</Table.Th>
            <Table.Th ta="right">Updated</Table.Th>
            <Table.Th ta="right">Excluded</Table.Th>
            <Table.Th ta="right">Failed</Table.Th>
            <Table.Th>Duration</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {runs.map((run) => (
            <Table.Tr
              key={run.id}
              data-testid="run-row"
              data-run-id={run.id}
              data-state={run.state}
              {...(run.id === highlight ? { bg: 'var(--mantine-color-blue-light)' } : {})}
            >
              <Table.Td style={NO_WRAP}>{formatTime(run.startedAt ?? run.createdAt)}</Table.Td>
              <Table.Td style={NO_WRAP}>{humanize(run.trigger)}</Table.Td>
              <Table.Td style={NO_WRAP}>{DIRECTION_LABELS[run.direction]}</Table.Td>
              <Table.Td>
                <RunState run={run} />
              </Table.Td>
              <Table.Td ta="right">
                {formatCount(run.seen)}
                {run.total !== null && ` / ${formatCount(run.total)}`}
              </Table.Td>
              <Table.Td ta="right">{formatCount(run.created)}</Table.Td>
              <Table.Td ta="right">{formatCount(run.updated)}</Table.Td>
              <Table.Td ta="right">{formatCount(run.excluded)}</Table.Td>
              <Table.Td ta="right" c={run.failed > 0 ? 'red' : 'inherit'}>
                {formatCount(run.failed)}
              </Table.Td>
              <Table.Td>{runDuration(run.startedAt, run.finishedAt)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function RunState({ run }: { run: Run }) {
  return (
    <>
      <Badge
        size="sm"
        variant="light"
        color={RUN_STATE_COLORS[run.state]}
        // A narrow column must not cut the state short ("SUCCEED…").
        styles={{ root: { overflow: 'visible' }, label: { overflow: 'visible' } }}
      >
        {run.state}
      </Badge>
      {run.error !== null && (
        <Text size="xs" c="red" maw={260}>
          {run.error}
        </Text>
      )}
    </>
  );
}
