// One filter: field (selected fields only), operator (those that fit the field), value; with
// the page's own checks and the server's problems shown next to the part they name.
import { CloseButton, Grid, Select, Text } from '@mantine/core';
import type { FieldInfo, SelectedField } from '../../contracts/api.ts';
import type { DraftFilter, FilterValue } from '../lib/draft.ts';
import { reshapeValue, valueShape, type FilterCheck } from '../lib/filter-input.ts';
import { operatorLabel } from '../lib/labels.ts';
import type { FilterPart } from '../lib/problems.ts';
import { FilterValueInput } from './filter-value-input.tsx';

interface Props {
  index: number;
  filter: DraftFilter;
  selected: readonly SelectedField[];
  fieldsByName: ReadonlyMap<string, FieldInfo>;
  check: FilterCheck | undefined;
  showMissing: boolean;
  problems: Partial<Record<FilterPart, string[]>>;
  onChange: (change: (filter: DraftFilter) => DraftFilter) => void;
  onRemove: () => void;
}

export function FilterRow(props: Props) {
  const { index, filter, selected, fieldsByName, check, showMissing, problems, onChange, onRemove } = props;
  const field = fieldsByName.get(filter.field);
  const n = index + 1;
  const errorOf = (part: FilterPart): string | undefined => {
    const messages = [...(problems[part] ?? [])];
    if (check?.part === part && (showMissing || !check.missing)) messages.unshift(check.message);
    return messages.length > 0 ? messages.join(' ') : undefined;
  };
  const fieldOptions = selected.map((s) => {
    const info = fieldsByName.get(s.property);
    return { value: s.property, label: info?.label || s.property };
  });
  if (filter.field !== '' && !fieldOptions.some((o) => o.value === filter.field)) {
    fieldOptions.push({ value: filter.field, label: `${field?.label ?? filter.field} (not selected)` });
  }
  const operators = (field?.operators ?? []).map((op) => ({ value: op, label: operatorLabel(op) }));

  const setField = (name: string | null) =>
    onChange((f) => {
      const next = name === null ? undefined : fieldsByName.get(name);
      const keepOperator = next?.operators.includes(f.operator) === true;
      const operator = keepOperator ? f.operator : (next?.operators[0] ?? '');
      return { key: f.key, field: name ?? '', operator };
    });
  const setOperator = (operator: string | null) =>
    onChange((f) =>
      withValue({ ...f, operator: operator ?? '' }, reshapeValue(f.value, valueShape(operator ?? ''))),
    );
  const setValue = (value: FilterValue | undefined) => onChange((f) => withValue(f, value));

  return (
    <div data-testid="filter-row" data-index={index} role="group" aria-label={`Filter ${n}`}>
      <Grid gap="xs" align="flex-start">
        <Grid.Col span={{ base: 12, sm: 'content' }} w={44} pt={8}>
          <Text size="xs" fw={600} c="dimmed" ta="right">
            {index === 0 ? 'WHERE' : 'AND'}
          </Text>
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 3 }}>
          <Select
            aria-label={`Filter ${n} field`}
            placeholder="Field"
            data={fieldOptions}
            value={filter.field === '' ? null : filter.field}
            onChange={setField}
            searchable
            nothingFoundMessage="Select the field under Selected fields first"
            error={errorOf('field')}
            data-testid="filter-field"
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 3 }}>
          <Select
            aria-label={`Filter ${n} operator`}
            placeholder="Operator"
            data={operators}
            value={filter.operator === '' ? null : filter.operator}
            onChange={setOperator}
            allowDeselect={false}
            disabled={field === undefined}
            error={errorOf('operator')}
            data-testid="filter-operator"
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 'auto' }}>
          <FilterValueInput
            field={field}
            operator={filter.operator}
            value={filter.value}
            onChange={setValue}
            error={errorOf('value')}
            label={`Filter ${n} value`}
          />
        </Grid.Col>
        <Grid.Col span="content" pt={6}>
          <CloseButton aria-label={`Remove filter ${n}`} onClick={onRemove} data-testid="remove-filter" />
        </Grid.Col>
        {errorOf('row') !== undefined && (
          <Grid.Col span={12}>
            <Text size="sm" c="red" role="alert" data-testid="filter-problem">
              {errorOf('row')}
            </Text>
          </Grid.Col>
        )}
      </Grid>
    </div>
  );
}

function withValue(filter: DraftFilter, value: FilterValue | undefined): DraftFilter {
  const { value: _old, ...rest } = filter;
  return value === undefined ? rest : { ...rest, value };
}
