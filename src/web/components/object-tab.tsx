// The Companies or Contacts tab: sync status, the sync toggle, selected fields, filters with a
// preview, advanced policies and "Save changes".
import { Card, Group, Loader, Stack, Switch, Text, Title, VisuallyHidden } from '@mantine/core';
import type { ReactNode } from 'react';
import type { ObjectEditor } from '../hooks/use-object-editor.ts';
import { OBJECT_LABELS } from '../lib/labels.ts';
import { AdvancedSettings } from './advanced-settings.tsx';
import { ErrorAlert } from './error-alert.tsx';
import { FieldSelector } from './field-selector.tsx';
import { FilterBuilder } from './filter-builder.tsx';
import { PreviewPanel } from './preview-panel.tsx';
import { SaveBar } from './save-bar.tsx';
import { SelectedFieldsTable } from './selected-fields-table.tsx';
import { SyncStatus } from './sync-status.tsx';

export function ObjectTab({ org, editor }: { org: string; editor: ObjectEditor }) {
  const { object, draft, fields, config } = editor;
  const label = OBJECT_LABELS[object];
  const loadError = config.error ?? fields.error;
  return (
    <Stack gap="lg" data-testid={`panel-${object}`}>
      <SyncStatus
        org={org}
        object={object}
        dirty={editor.dirty}
        savedAt={editor.outcome?.kind === 'saved' ? editor.outcome.at : undefined}
      />
      {loadError !== undefined && draft === undefined && (
        <ErrorAlert title={`Could not load the ${label.toLowerCase()} configuration`} error={loadError} />
      )}
      {draft === undefined || fields.data === undefined ? (
        loadError === undefined && (
          <Group justify="center" p="xl">
            <Loader aria-label={`Loading the ${label.toLowerCase()} configuration`} />
          </Group>
        )
      ) : (
        <>
          <Section title="Synchronization" id={`sync-${object}`}>
            <Switch
              label={`Sync ${label.toLowerCase()}`}
              description={`When off, no ${label.toLowerCase()} are synchronized in either direction.`}
              checked={draft.enabled}
              onChange={(e) => {
                const enabled = e.currentTarget.checked;
                editor.update((d) => ({ ...d, enabled }));
              }}
              data-testid="sync-enabled"
            />
          </Section>
          <Section title="Selected fields" id={`fields-${object}`}>
            <FieldSelector
              fields={fields.data.fields}
              selected={draft.fields.map((f) => f.property)}
              onChange={editor.select}
              objectLabel={label}
            />
            <SelectedFieldsTable
              selected={draft.fields}
              fieldsByName={editor.fieldsByName}
              problems={editor.problems.fields}
              onDirection={(property, direction) => editor.updateField(property, { direction })}
              onRemove={(property) =>
                editor.select(draft.fields.map((f) => f.property).filter((p) => p !== property))
              }
            />
          </Section>
          <Section title="Filters" id={`filters-${object}`}>
            <FilterBuilder editor={editor} />
            <PreviewPanel editor={editor} />
          </Section>
          <AdvancedSettings editor={editor} />
          <SaveBar editor={editor} />
        </>
      )}
    </Stack>
  );
}

function Section({ title, id, children }: { title: string; id: string; children: ReactNode }) {
  return (
    <Card withBorder padding="lg" radius="md" component="section" aria-labelledby={id}>
      <Stack gap="md">
        <Title order={3} size="h5" id={id}>
          {title}
        </Title>
        {children}
      </Stack>
    </Card>
  );
}

export function ObjectTabLabel({ editor }: { editor: ObjectEditor }) {
  return (
    <>
      {OBJECT_LABELS[editor.object]}
      {editor.dirty && (
        <>
          <Text span c="orange" fw={700} ml={4} aria-hidden="true">
            •
          </Text>
          <VisuallyHidden> (unsaved changes)</VisuallyHidden>
        </>
      )}
    </>
  );
}
