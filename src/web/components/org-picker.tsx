// Without `?org=`, the organizations the token may see, to pick one.
import { Anchor, Badge, Card, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { useOrgs } from '../hooks/use-orgs.ts';
import { navigateToOrg } from '../lib/session.ts';
import { ErrorAlert } from './error-alert.tsx';

export function OrgPicker() {
  const orgs = useOrgs();
  return (
    <Card withBorder padding="lg" radius="md" maw={720} mx="auto" data-testid="org-picker">
      <Stack gap="md">
        <Title order={2} size="h4">
          Choose an organization
        </Title>
        {orgs.loading && <Loader aria-label="Loading organizations" />}
        {orgs.error !== undefined && (
          <ErrorAlert title="Could not list the organizations" error={orgs.error} />
        )}
        {orgs.data?.orgs.length === 0 && (
          <Text size="sm" c="dimmed">
            No organization has installed the HubSpot integration yet.
          </Text>
        )}
        {orgs.data !== undefined && orgs.data.orgs.length > 0 && (
          <Table highlightOnHover verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Organization</Table.Th>
                <Table.Th>HubSpot</Table.Th>
                <Table.Th>Portal ID</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {orgs.data.orgs.map((org) => (
                <Table.Tr key={org.orgId} data-testid="org-row">
                  <Table.Td>
                    <Anchor
                      href={`?org=${encodeURIComponent(org.orgId)}`}
                      onClick={(e) => {
                        e.preventDefault();
                        navigateToOrg(org.orgId);
                      }}
                      fw={500}
                    >
                      {org.orgId}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={org.status === 'connected' ? 'teal' : 'gray'}>
                      {org.status.replace(/_/g, ' ')}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{org.portalId ?? '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Card>
  );
}
