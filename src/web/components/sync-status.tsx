// "Sync status": records in HubSpot, synced, failed and excluded; the run in progress with its
// live progress; "Sync now"; the recent runs.
import { Alert, Badge, Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useEffect } from 'react';
import type { ObjectName, ObjectStatus } from '../../contracts/api.ts';
import { useObjectStatus } from '../hooks/use-object-status.ts';
import { useSyncNow } from '../hooks/use-sync-now.ts';
import { formatCount } from '../lib/format.ts';
import { isActiveRun, OBJECT_LABELS } from '../lib/labels.ts';
import { ErrorAlert } from './error-alert.tsx';
import { RunProgress } from './run-progress.tsx';
import { RunsTable } from './runs-table.tsx';

interface Props {
  org: string;
  object: ObjectName;
  dirty: boolean;
  /** When the configuration was last saved from this page. */
  savedAt: number | undefined;
}

export function SyncStatus({ org, object, dirty, savedAt }: Props) {
  const status = useObjectStatus(org, object);
  const syncNow = useSyncNow(org, object);
  const { refresh } = status;
  // A save that changes the fields or filters starts a run over every record: show it now, not
  // at the next idle poll (until then "Sync now" would look free and only join that run).
  useEffect(() => {
    if (savedAt !== undefined) refresh({ expectRun: true });
  }, [savedAt, refresh]);
  const { data } = status;
  const active = data === undefined ? undefined : activeRun(data);
  // The run this page started stays in view once it ends, so its outcome is seen.
  const followed = active ?? findRun(data, syncNow.runId);
  const connected = data?.connection === 'connected';
  const start = async () => {
    const runId = await syncNow.start();
    status.refresh({ expectRun: runId !== null });
  };
  return (
    <Card
      withBorder
      padding="lg"
      radius="md"
      component="section"
      aria-labelledby={`status-${object}`}
      data-testid="sync-status"
    >
      <Stack gap="md">
        <Group justify="space-between">
          <Group gap="sm">
            <Title order={3} size="h5" id={`status-${object}`}>
              Sync status
            </Title>
            {data !== undefined && !data.enabled && (
              <Badge color="gray" variant="light" data-testid="sync-disabled">
                {OBJECT_LABELS[object]} sync is off
              </Badge>
            )}
          </Group>
          <Button
            onClick={() => void start()}
            loading={syncNow.starting}
            disabled={data === undefined || !connected || active !== undefined}
            data-testid="sync-now"
          >
            {active !== undefined ? 'Sync running' : 'Sync now'}
          </Button>
        </Group>
        {data !== undefined && !connected && (
          <Text size="sm" c="dimmed">
            Connect HubSpot to synchronize.
          </Text>
        )}
        {dirty && connected && (
          <Text size="xs" c="dimmed" data-testid="unsaved-sync-note">
            A sync uses the saved configuration; save your changes first to sync with them.
          </Text>
        )}
        {syncNow.error !== undefined && (
          <ErrorAlert title="Could not start a sync" error={syncNow.error} testId="sync-error" />
        )}
        {syncNow.runId !== undefined && followed === undefined && (
          <Alert variant="light" data-testid="sync-started">
            Sync started (run {syncNow.runId}).
          </Alert>
        )}
        {status.error !== undefined && data === undefined && (
          <ErrorAlert title="Could not read the sync status" error={status.error} />
        )}
        {data !== undefined && <Counts status={data} />}
        {followed !== undefined && <RunProgress run={followed} />}
        {data !== undefined && (
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              Recent runs
            </Text>
            <RunsTable runs={data.recentRuns} highlight={syncNow.runId} />
          </Stack>
        )}
      </Stack>
    </Card>
  );
}

function Counts({ status }: { status: ObjectStatus }) {
  const items = [
    { label: 'Records in HubSpot', value: status.hubspotTotal, testId: 'count-hubspot' },
    { label: 'Records synced', value: status.synced, testId: 'count-synced' },
    { label: 'Failed', value: status.failed, testId: 'count-failed' },
    { label: 'Excluded by filters', value: status.excluded, testId: 'count-excluded' },
  ];
  return (
    <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
      {items.map((item) => (
        <Card key={item.label} withBorder padding="sm" radius="sm" bg="var(--mantine-color-gray-0)">
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            {item.label}
          </Text>
          <Text
            size="xl"
            fw={600}
            data-testid={item.testId}
            c={item.testId === 'count-failed' && item.value !== 0 ? 'red' : 'inherit'}
          >
            {formatCount(item.value)}
          </Text>
          {item.value === null && (
            <Text size="xs" c="dimmed">
              HubSpot could not be asked
            </Text>
          )}
        </Card>
      ))}
    </SimpleGrid>
  );
}

function activeRun(status: ObjectStatus) {
  if (isActiveRun(status.lastRun)) return status.lastRun;
  return status.recentRuns.find(isActiveRun);
}

function findRun(status: ObjectStatus | undefined, runId: string | undefined) {
  if (status === undefined || runId === undefined) return undefined;
  return status.lastRun?.id === runId ? status.lastRun : status.recentRuns.find((r) => r.id === runId);
}
