// The page's frame: who is signed in for which org, and the signed-out / not-allowed states.
import { AppShell, Anchor, Container, Group, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { AccessProblem } from './components/access-problem.tsx';
import { OrgPage } from './components/org-page.tsx';
import { OrgPicker } from './components/org-picker.tsx';
import { onAuthFailure, type ApiError } from './lib/api.ts';
import { currentOrg, navigateToOrg, type Session } from './lib/session.ts';

export function App({ session }: { session: Session }) {
  const [org, setOrg] = useState(session.org);
  const [authError, setAuthError] = useState<ApiError | null>(null);

  useEffect(() => {
    const onPop = () => {
      setOrg(currentOrg());
      setAuthError(null);
    };
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  useEffect(() => onAuthFailure(setAuthError), []);

  const signedOut = session.token === null || authError !== null;
  return (
    <AppShell header={{ height: 60 }} padding="md">
      <AppShell.Header>
        <Container size="xl" h="100%">
          <Group h="100%" justify="space-between" wrap="nowrap">
            <Group gap="sm" wrap="nowrap">
              <Title order={1} size="h3">
                HubSpot
              </Title>
              <Text size="sm" c="dimmed" visibleFrom="sm">
                Synchronize contacts and companies between HubSpot and Thena
              </Text>
            </Group>
            {org !== null && (
              <Group gap="xs" wrap="nowrap">
                <Text size="sm" data-testid="current-org">
                  {org}
                </Text>
                <Anchor
                  size="sm"
                  href="?"
                  onClick={(e) => {
                    e.preventDefault();
                    navigateToOrg(null);
                  }}
                >
                  Switch organization
                </Anchor>
              </Group>
            )}
          </Group>
        </Container>
      </AppShell.Header>
      <AppShell.Main>
        <Container size="xl" pb="xl">
          {signedOut ? (
            <AccessProblem error={authError} />
          ) : org === null ? (
            <OrgPicker />
          ) : (
            <OrgPage key={org} org={org} />
          )}
        </Container>
      </AppShell.Main>
    </AppShell>
  );
}
