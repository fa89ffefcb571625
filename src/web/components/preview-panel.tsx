// A dry run of the draft: how many HubSpot records the filters let through, and a sample.
import { Alert, Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import type { PreviewResult } from '../../contracts/api.ts';
import type { ObjectEditor } from '../hooks/use-object-editor.ts';
import { bodyOf } from '../lib/draft.ts';
import { formatCount } from '../lib/format.ts';
import { ErrorAlert } from './error-alert.tsx';

const SAMPLE_COLUMNS = 6;

export function PreviewPanel({ editor }: { editor: ObjectEditor }) {
  const { preview, draft } = editor;
  const stale =
    preview.result !== undefined &&
    draft !== undefined &&
    editor.previewedBody !== JSON.stringify(bodyOf(draft));
  return (
    <Stack gap="sm">
      <Group gap="sm">
        <Button
          variant="default"
          onClick={() => void editor.runPreview()}
          loading={preview.loading}
          data-testid="preview-button"
        >
          Preview matching records
        </Button>
        <Text size="xs" c="dimmed">
          Uses the settings above, saved or not; nothing is written.
        </Text>
      </Group>
      {preview.error !== undefined && (
        <ErrorAlert title="Could not preview" error={preview.error} testId="preview-error" />
      )}
      {preview.result !== undefined && <PreviewSummary result={preview.result} stale={stale} />}
    </Stack>
  );
}

function PreviewSummary({ result, stale }: { result: PreviewResult; stale: boolean }) {
  const columns = sampleColumns(result);
  return (
    <Alert
      variant="light"
      color={stale ? 'gray' : 'blue'}
      data-testid="preview-result"
      data-matching={result.matching}
      title={summary(result)}
    >
      <Stack gap="xs">
        <Group gap="xs">
          <Text size="sm">
            {formatCount(result.scanned)} of {formatCount(result.total)} records read
          </Text>
          <Badge size="sm" variant="light" color={result.complete ? 'teal' : 'yellow'}>
            {result.complete ? 'Exact count' : 'Estimate from the records read'}
          </Badge>
          {stale && (
            <Badge size="sm" variant="light" color="gray" data-testid="preview-stale">
              Settings changed since this preview
            </Badge>
          )}
        </Group>
        {result.sample.length > 0 && (
          <Table.ScrollContainer minWidth={600} maxHeight={300}>
            <Table withTableBorder verticalSpacing={4} fz="xs" data-testid="preview-sample">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>HubSpot ID</Table.Th>
                  {columns.map((c) => (
                    <Table.Th key={c}>{c}</Table.Th>
                  ))}
                  <Table.Th>Problems</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {result.sample.map((record) => (
                  <Table.Tr key={record.hubspotId}>
                    <Table.Td>{record.hubspotId}</Table.Td>
                    {columns.map((c) => (
                      <Table.Td key={c}>{record.values[c] ?? '—'}</Table.Td>
                    ))}
                    <Table.Td c={record.problems.length > 0 ? 'red' : 'dimmed'}>
                      {record.problems.length > 0 ? record.problems.join('; ') : '—'}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Alert>
  );
}

function summary(result: PreviewResult): string {
  const matching = formatCount(result.matching);
  if (result.complete) return `${matching} of ${formatCount(result.total)} records match`;
  return `${matching} of the first ${formatCount(result.scanned)} records match`;
}

/** The value columns of the sample, the most filled first. */
function sampleColumns(result: PreviewResult): string[] {
  const filled = new Map<string, number>();
  for (const record of result.sample) {
    for (const [key, value] of Object.entries(record.values)) {
      filled.set(key, (filled.get(key) ?? 0) + (value === null || value === '' ? 0 : 1));
    }
  }
  return [...filled.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, SAMPLE_COLUMNS)
    .map(([key]) => key);
}
