// The value box of a filter, fitting its field's type and its operator: nothing for "is empty",
// a list for "is any of", options for dropdowns, a number, a date picker, or text.
import { MultiSelect, NumberInput, Select, TagsInput, TextInput } from '@mantine/core';
import type { FieldInfo } from '../../contracts/api.ts';
import type { FilterValue } from '../lib/draft.ts';
import { inputKind, valueShape } from '../lib/filter-input.ts';

interface Props {
  field: FieldInfo | undefined;
  operator: string;
  value: FilterValue | undefined;
  onChange: (value: FilterValue | undefined) => void;
  error: string | undefined;
  label: string;
}

export function FilterValueInput({ field, operator, value, onChange, error, label }: Props) {
  const shape = valueShape(operator);
  const common = { 'aria-label': label, error, 'data-testid': 'filter-value' } as const;
  if (field === undefined || shape === 'none') {
    return (
      <TextInput {...common} value="" disabled placeholder={operator === '' ? 'Value' : 'No value needed'} />
    );
  }
  const kind = inputKind(field);
  const options = field.options.map((o) => ({ value: o.value, label: o.label || o.value }));
  if (shape === 'list') {
    const list = Array.isArray(value) ? value : [];
    return kind === 'option' ? (
      <MultiSelect
        {...common}
        data={options}
        value={list}
        onChange={onChange}
        searchable
        placeholder="Choose values"
      />
    ) : (
      <TagsInput
        {...common}
        value={list}
        onChange={onChange}
        placeholder="Type a value, press Enter"
        splitChars={[',']}
        acceptValueOnBlur
      />
    );
  }
  const single = Array.isArray(value) ? undefined : value;
  switch (kind) {
    case 'option':
      return (
        <Select
          {...common}
          data={options}
          value={single === undefined ? null : String(single)}
          onChange={(v) => onChange(v ?? undefined)}
          searchable
          placeholder="Choose a value"
        />
      );
    case 'bool':
      return (
        <Select
          {...common}
          data={[
            { value: 'true', label: 'True' },
            { value: 'false', label: 'False' },
          ]}
          value={single === undefined ? null : String(single)}
          onChange={(v) => onChange(v === null ? undefined : v === 'true')}
          placeholder="Choose a value"
        />
      );
    case 'number':
      return (
        <NumberInput
          {...common}
          value={typeof single === 'number' ? single : typeof single === 'string' ? single : ''}
          onChange={(v) => onChange(typeof v === 'number' ? v : v.trim() === '' ? undefined : v)}
          placeholder="Number"
          hideControls
        />
      );
    case 'date':
      return (
        <TextInput
          {...common}
          type="date"
          value={typeof single === 'string' ? single : ''}
          onChange={(e) => onChange(e.currentTarget.value === '' ? undefined : e.currentTarget.value)}
          placeholder="YYYY-MM-DD"
        />
      );
    default:
      return (
        <TextInput
          {...common}
          value={single === undefined ? '' : String(single)}
          onChange={(e) => onChange(e.currentTarget.value === '' ? undefined : e.currentTarget.value)}
          placeholder={kind === 'datetime' ? 'YYYY-MM-DD or 2024-05-01T10:20:30Z' : 'Value'}
        />
      );
  }
}
