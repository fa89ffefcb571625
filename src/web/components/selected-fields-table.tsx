// Each selected field with its direction and the Thena field it maps to.
import {
  Badge,
  CloseButton,
  Group,
  Select,
  Stack,
  Table,
  Text,
  Tooltip,
  VisuallyHidden,
} from '@mantine/core';
import type { FieldDirection, FieldInfo, SelectedField } from '../../contracts/api.ts';
import { FIELD_DIRECTION_LABELS } from '../lib/labels.ts';
import { IconLock } from './icons.tsx';

interface Props {
  selected: readonly SelectedField[];
  fieldsByName: ReadonlyMap<string, FieldInfo>;
  problems: Readonly<Record<string, string[]>>;
  onDirection: (property: string, direction: FieldDirection) => void;
  onRemove: (property: string) => void;
}

export function SelectedFieldsTable({ selected, fieldsByName, problems, onDirection, onRemove }: Props) {
  const rows = [...selected].sort((a, b) => order(a, fieldsByName) - order(b, fieldsByName));
  return (
    <Table.ScrollContainer minWidth={640} maxHeight={420}>
      <Table striped highlightOnHover verticalSpacing={6} stickyHeader data-testid="selected-fields">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>HubSpot field</Table.Th>
            <Table.Th w={200}>Direction</Table.Th>
            <Table.Th>Thena field</Table.Th>
            <Table.Th w={48}>
              <VisuallyHidden>Remove</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((s) => (
            <FieldRow
              key={s.property}
              selected={s}
              field={fieldsByName.get(s.property)}
              problems={problems[s.property] ?? []}
              onDirection={onDirection}
              onRemove={onRemove}
            />
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** Locked fields first, then the rest as they were selected. */
function order(s: SelectedField, fieldsByName: ReadonlyMap<string, FieldInfo>): number {
  return fieldsByName.get(s.property)?.locked === true ? 0 : 1;
}

function FieldRow({
  selected,
  field,
  problems,
  onDirection,
  onRemove,
}: {
  selected: SelectedField;
  field: FieldInfo | undefined;
  problems: string[];
  onDirection: (property: string, direction: FieldDirection) => void;
  onRemove: (property: string) => void;
}) {
  const label = field?.label ?? selected.property;
  const allowed = field?.allowedDirections ?? [selected.direction];
  const options = (allowed.includes(selected.direction) ? allowed : [...allowed, selected.direction]).map(
    (d) => ({ value: d, label: FIELD_DIRECTION_LABELS[d] }),
  );
  const error = problems.length > 0 ? problems.join(' ') : undefined;
  return (
    <Table.Tr data-testid="selected-field-row" data-field={selected.property}>
      <Table.Td>
        <Stack gap={2}>
          <Group gap={6} wrap="nowrap">
            {field?.locked === true && (
              <Tooltip label="Always synchronized">
                <span
                  data-testid="locked-field"
                  aria-label="Locked"
                  role="img"
                  style={{ display: 'inline-flex' }}
                >
                  <IconLock />
                </span>
              </Tooltip>
            )}
            <Text size="sm" fw={500}>
              {label}
            </Text>
            {field?.custom === true && (
              <Badge size="xs" variant="light" color="violet">
                Custom
              </Badge>
            )}
            {field?.readOnly === true && (
              <Badge size="xs" variant="light" color="gray">
                Read-only in HubSpot
              </Badge>
            )}
          </Group>
          <Text size="xs" c="dimmed">
            {selected.property}
            {field === undefined && ' · no longer in HubSpot'}
          </Text>
        </Stack>
      </Table.Td>
      <Table.Td>
        <Select
          aria-label={`Direction of ${label}`}
          data={options}
          value={selected.direction}
          onChange={(value) => value !== null && onDirection(selected.property, value)}
          allowDeselect={false}
          disabled={options.length < 2}
          size="xs"
          error={error}
          data-testid="field-direction"
        />
      </Table.Td>
      <Table.Td>{field !== undefined ? <ThenaTarget field={field} /> : '—'}</Table.Td>
      <Table.Td>
        {field?.locked !== true && (
          <CloseButton
            aria-label={`Remove ${label}`}
            onClick={() => onRemove(selected.property)}
            size="sm"
            data-testid="remove-field"
          />
        )}
      </Table.Td>
    </Table.Tr>
  );
}

function ThenaTarget({ field }: { field: FieldInfo }) {
  const { thena } = field;
  return (
    <Group gap={6} wrap="nowrap">
      <Text size="sm">{thena.name}</Text>
      {thena.kind === 'custom' && (
        <Badge size="xs" variant="outline" color="violet">
          {thena.fieldId === null ? 'New custom field' : 'Custom field'}
        </Badge>
      )}
      <Text size="xs" c="dimmed">
        {thena.fieldType}
      </Text>
    </Group>
  );
}
