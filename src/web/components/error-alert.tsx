import { Alert, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import type { ApiError } from '../lib/api.ts';

/** An API error as the admin reads it: what failed, the service's message, and its code. */
export function ErrorAlert({
  title,
  error,
  children,
  testId,
}: {
  title: string;
  error: ApiError;
  children?: ReactNode;
  testId?: string;
}) {
  return (
    <Alert color="red" variant="light" title={title} data-testid={testId ?? 'error-alert'} role="alert">
      <Text size="sm">{error.message}</Text>
      {error.status > 0 && (
        <Text size="xs" c="dimmed" mt={4}>
          Error code: {error.code} (HTTP {error.status})
        </Text>
      )}
      {children}
    </Alert>
  );
}
