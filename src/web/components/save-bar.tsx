// "Save changes", enabled only when the draft differs from the saved configuration, with what
// the last attempt did.
import { Alert, Button, Group, Paper, Text } from '@mantine/core';
import type { ObjectEditor } from '../hooks/use-object-editor.ts';
import { ErrorAlert } from './error-alert.tsx';

export function SaveBar({ editor }: { editor: ObjectEditor }) {
  const { dirty, saving, outcome, problems } = editor;
  return (
    <Paper
      withBorder
      shadow="sm"
      p="sm"
      radius="md"
      pos="sticky"
      bottom={8}
      style={{ zIndex: 5 }}
      data-testid="save-bar"
    >
      {outcome !== undefined && <Outcome editor={editor} />}
      {problems.general.length > 0 && (
        <Alert color="red" variant="light" mb="sm" data-testid="general-problems" title="Problems">
          {problems.general.map((message) => (
            <Text size="sm" key={message}>
              {message}
            </Text>
          ))}
        </Alert>
      )}
      <Group justify="space-between">
        <Text size="sm" c="dimmed" data-testid="save-state">
          {dirty
            ? 'You have unsaved changes.'
            : outcome?.kind === 'saved'
              ? 'All changes saved.'
              : 'No changes.'}
        </Text>
        <Group gap="sm">
          {dirty && (
            <Button
              variant="subtle"
              color="gray"
              onClick={editor.discard}
              disabled={saving}
              data-testid="discard-changes"
            >
              Discard changes
            </Button>
          )}
          <Button
            onClick={() => void editor.save()}
            disabled={!dirty || saving}
            loading={saving}
            data-testid="save-changes"
          >
            Save changes
          </Button>
        </Group>
      </Group>
    </Paper>
  );
}

function Outcome({ editor }: { editor: ObjectEditor }) {
  const { outcome } = editor;
  switch (outcome?.kind) {
    case 'not_sent':
      if (Object.keys(editor.checks).length === 0) return null;
      return (
        <Alert color="red" variant="light" mb="sm" data-testid="save-problems" role="alert">
          Not saved: complete or fix the marked filters first.
        </Alert>
      );
    case 'refused':
      return (
        <Alert color="red" variant="light" mb="sm" data-testid="save-problems" role="alert" title="Not saved">
          {outcome.problemCount === 1 ? 'One problem needs' : `${outcome.problemCount} problems need`} fixing;
          each is shown next to the field or filter it is about.
        </Alert>
      );
    case 'conflict':
      return (
        <ErrorAlert
          title="Someone else changed this configuration"
          error={outcome.error}
          testId="save-conflict"
        >
          <Group mt="xs" gap="sm">
            <Text size="sm">Reload to see their changes; your unsaved changes here will be lost.</Text>
            <Button size="xs" variant="white" color="red" onClick={editor.reload} data-testid="reload-config">
              Reload
            </Button>
          </Group>
        </ErrorAlert>
      );
    case 'failed':
      return <ErrorAlert title="Could not save" error={outcome.error} testId="save-error" />;
    default:
      return null;
  }
}
