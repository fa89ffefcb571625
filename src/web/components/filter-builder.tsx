// "Filters": which HubSpot records are synchronized; every filter must match (AND).
import { Button, Stack, Text } from '@mantine/core';
import type { ObjectEditor } from '../hooks/use-object-editor.ts';
import { FilterRow } from './filter-row.tsx';

export function FilterBuilder({ editor }: { editor: ObjectEditor }) {
  const { draft, fieldsByName, checks, attempted, problems } = editor;
  if (draft === undefined) return null;
  return (
    <Stack gap="sm" data-testid="filters">
      <Text size="sm" c="dimmed" data-testid="filters-and-note">
        Only records that match every filter are synchronized. Multiple filters are combined with AND. Filters
        can use selected fields only.
      </Text>
      {draft.filters.length === 0 && (
        <Text size="sm" data-testid="no-filters">
          No filters: every record is synchronized.
        </Text>
      )}
      {draft.filters.map((filter, index) => (
        <FilterRow
          key={filter.key}
          index={index}
          filter={filter}
          selected={draft.fields}
          fieldsByName={fieldsByName}
          check={checks[filter.key]}
          showMissing={attempted}
          problems={problems.filters[filter.key] ?? {}}
          onChange={(change) => editor.updateFilter(filter.key, change)}
          onRemove={() => editor.removeFilter(filter.key)}
        />
      ))}
      <div>
        <Button variant="light" onClick={editor.addFilter} data-testid="add-filter">
          Add filter
        </Button>
      </div>
    </Stack>
  );
}
