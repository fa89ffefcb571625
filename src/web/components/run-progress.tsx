// The progress of a sync run: live while it is queued or running, then how it ended.
import { Group, Progress, Stack, Text } from '@mantine/core';
import type { Run } from '../../contracts/api.ts';
import { formatCount, formatEta, formatPercent } from '../lib/format.ts';
import { DIRECTION_LABELS, isActiveRun, RUN_STATE_COLORS } from '../lib/labels.ts';

export function RunProgress({ run }: { run: Run }) {
  const active = isActiveRun(run);
  const fraction = run.state === 'succeeded' ? 1 : run.progress;
  const known = fraction !== null;
  const eta = active ? formatEta(run.etaSeconds) : null;
  return (
    <Stack gap={4} data-testid="sync-progress" data-run-id={run.id} data-state={run.state}>
      <Group justify="space-between">
        <Text size="sm" fw={500}>
          {heading(run)} · {DIRECTION_LABELS[run.direction]}
        </Text>
        <Text size="sm" c="dimmed" data-testid="sync-progress-label">
          {counted(run)}
          {known && ` (${formatPercent(fraction)})`}
          {eta !== null && ` · ${eta}`}
        </Text>
      </Group>
      <Progress
        value={known ? Math.min(100, Math.max(0, fraction * 100)) : 100}
        color={active ? 'blue' : RUN_STATE_COLORS[run.state]}
        animated={active}
        striped={active && !known}
        size="lg"
        aria-label="Sync progress"
        aria-valuetext={known ? formatPercent(fraction) : 'In progress'}
      />
      <Text size="xs" c="dimmed">
        Created {formatCount(run.created)} · updated {formatCount(run.updated)} · unchanged{' '}
        {formatCount(run.unchanged)} · excluded {formatCount(run.excluded)} · failed {formatCount(run.failed)}
      </Text>
      {run.error !== null && (
        <Text size="sm" c="red">
          {run.error}
        </Text>
      )}
    </Stack>
  );
}

function heading(run: Run): string {
  switch (run.state) {
    case 'queued':
      return 'Sync queued';
    case 'running':
      return 'Syncing';
    case 'succeeded':
      return 'Sync finished';
    case 'failed':
      return 'Sync failed';
    case 'cancelled':
      return 'Sync cancelled';
  }
}

function counted(run: Run): string {
  if (run.state === 'queued') return 'Waiting to start';
  return run.total !== null
    ? `${formatCount(run.seen)} of ${formatCount(run.total)} records`
    : `${formatCount(run.seen)} records`;
}
