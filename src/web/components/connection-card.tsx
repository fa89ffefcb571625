// The HubSpot connection: its state, the portal and scopes, and the buttons to authorize,
// reconnect or uninstall.
import { Badge, Button, Card, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { Connection } from '../../contracts/api.ts';
import type { ConnectionResource } from '../hooks/use-connection.ts';
import { ErrorAlert } from './error-alert.tsx';
import { UninstallDialog } from './uninstall-dialog.tsx';

const STATUS: Record<Connection['status'], { label: string; color: string }> = {
  connected: { label: 'Connected', color: 'teal' },
  needs_reconnect: { label: 'Needs reconnect', color: 'orange' },
  pending: { label: 'Not connected', color: 'gray' },
  uninstalled: { label: 'Not connected', color: 'gray' },
};

export function ConnectionCard({ connection }: { connection: ConnectionResource }) {
  const [confirming, setConfirming] = useState(false);
  const { data, error } = connection;
  return (
    <Card
      withBorder
      padding="lg"
      radius="md"
      data-testid="connection-card"
      component="section"
      aria-labelledby="connection-title"
    >
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={6}>
          <Group gap="sm">
            <Title order={2} size="h4" id="connection-title">
              HubSpot connection
            </Title>
            {data !== undefined && (
              <Badge
                color={STATUS[data.status].color}
                variant="light"
                data-testid="connection-status"
                data-status={data.status}
              >
                {STATUS[data.status].label}
              </Badge>
            )}
            {data === undefined && connection.loading && (
              <Loader size="xs" aria-label="Loading the connection" />
            )}
          </Group>
          {data !== undefined && <ConnectionDetails connection={data} />}
        </Stack>
        {data !== undefined && (
          <Group gap="sm" wrap="nowrap">
            <Button
              component="a"
              href={data.installUrl}
              variant={data.status === 'connected' ? 'default' : 'filled'}
              data-testid="connect-button"
            >
              {data.status === 'connected' || data.status === 'needs_reconnect'
                ? 'Reconnect'
                : 'Complete HubSpot authorization'}
            </Button>
            {data.status !== 'uninstalled' && (
              <Button
                color="red"
                variant="subtle"
                onClick={() => setConfirming(true)}
                data-testid="uninstall-button"
              >
                Uninstall
              </Button>
            )}
          </Group>
        )}
      </Group>
      {error !== undefined && <ErrorAlert title="Could not read the HubSpot connection" error={error} />}
      <UninstallDialog
        opened={confirming}
        onClose={() => setConfirming(false)}
        onConfirm={connection.uninstall}
      />
    </Card>
  );
}

function ConnectionDetails({ connection }: { connection: Connection }) {
  return (
    <>
      {connection.status === 'needs_reconnect' && (
        <Text size="sm" c="orange.8" data-testid="connection-reason">
          {connection.statusReason ?? 'HubSpot refused our access; reconnect to authorize it again.'}
        </Text>
      )}
      {(connection.status === 'pending' || connection.status === 'uninstalled') && (
        <Text size="sm" c="dimmed">
          {connection.status === 'uninstalled'
            ? 'The app was uninstalled. Authorize HubSpot again to resume syncing; your settings and audit log are kept.'
            : 'Click “Complete HubSpot authorization”, sign in to HubSpot and grant the requested permissions.'}
        </Text>
      )}
      <Text size="sm">
        <Text span c="dimmed">
          Portal ID:{' '}
        </Text>
        <Text span data-testid="portal-id">
          {connection.portalId ?? '—'}
        </Text>
      </Text>
      {connection.scopes.length > 0 && (
        <Group gap={4} aria-label="Granted scopes">
          <Text size="sm" c="dimmed" component="span">
            Scopes:
          </Text>
          {connection.scopes.map((scope) => (
            <Badge key={scope} variant="outline" color="gray" size="sm" tt="none">
              {scope}
            </Badge>
          ))}
        </Group>
      )}
    </>
  );
}
