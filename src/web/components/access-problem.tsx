// What the page shows without a token, or when the service refuses it.
import { Alert, Code, Stack, Text } from '@mantine/core';
import type { ApiError } from '../lib/api.ts';

export function AccessProblem({ error }: { error: ApiError | null }) {
  const forbidden = error?.status === 403;
  return (
    <Alert
      color={forbidden ? 'orange' : 'red'}
      variant="light"
      title={forbidden ? 'Not allowed' : 'Not signed in'}
      maw={720}
      mx="auto"
      data-testid="access-problem"
      data-kind={forbidden ? 'forbidden' : 'signed-out'}
    >
      <Stack gap="xs">
        <Text size="sm">
          {forbidden
            ? 'Your access token does not allow this organization. Open the link you were given for it, or ask an administrator for a token of this organization.'
            : error === null
              ? 'This page needs an access token. Open it with the link printed by the service (it ends with ?org=…&token=…).'
              : 'The access token was refused: it may have expired or been revoked. Open the page again with a valid link.'}
        </Text>
        <Text size="sm">
          An operator can create an organization’s token with{' '}
          <Code>thena-hubspot token create --org &lt;org&gt;</Code>.
        </Text>
        {error !== null && (
          <Text size="xs" c="dimmed">
            {error.message} ({error.code})
          </Text>
        )}
      </Stack>
    </Alert>
  );
}
