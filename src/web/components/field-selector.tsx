// "Selected fields": a searchable picker grouped by HubSpot property group. Locked fields are
// always selected: their options cannot be unticked and their pills have no remove button.
import { Badge, Group, MultiSelect, Pill, Text } from '@mantine/core';
import type { ComboboxItem, ComboboxItemGroup, ComboboxParsedItem, OptionsFilter } from '@mantine/core';
import { useMemo } from 'react';
import type { FieldInfo } from '../../contracts/api.ts';
import { IconLock } from './icons.tsx';

interface Props {
  fields: readonly FieldInfo[];
  selected: readonly string[];
  onChange: (names: string[]) => void;
  objectLabel: string;
}

export function FieldSelector({ fields, selected, onChange, objectLabel }: Props) {
  const byName = useMemo(() => new Map(fields.map((f) => [f.name, f])), [fields]);
  const data = useMemo(() => groupedOptions(fields), [fields]);
  const filter = useMemo(() => searchFields(byName), [byName]);
  return (
    <MultiSelect
      label="Field selector"
      description={`The HubSpot ${objectLabel.toLowerCase()} properties to synchronize. Search by label or internal name; locked fields are always synchronized.`}
      placeholder="Search fields"
      data={data}
      value={[...selected]}
      onChange={onChange}
      searchable
      filter={filter}
      nothingFoundMessage="No field matches"
      maxDropdownHeight={360}
      hidePickedOptions={false}
      comboboxProps={{ shadow: 'md' }}
      data-testid="field-selector"
      renderOption={({ option, checked }) => {
        const field = byName.get(option.value);
        return (
          <Group
            gap={6}
            wrap="nowrap"
            data-testid="field-option"
            data-field={option.value}
            data-checked={checked}
          >
            {field?.locked === true && <IconLock aria-label="Locked" />}
            <Text size="sm">{option.label}</Text>
            <Text size="xs" c="dimmed">
              {option.value}
            </Text>
            {field?.custom === true && (
              <Badge size="xs" variant="light" color="violet">
                Custom
              </Badge>
            )}
          </Group>
        );
      }}
      renderPill={({ option, onRemove }) => {
        const locked = byName.get(String(option.value))?.locked === true;
        return (
          <Pill
            withRemoveButton={!locked}
            onRemove={() => onRemove?.()}
            removeButtonProps={{ 'aria-label': `Remove ${option.label}` }}
            data-locked={locked}
          >
            {locked && <IconLock size={11} style={{ marginRight: 4, verticalAlign: -1 }} />}
            {option.label}
          </Pill>
        );
      }}
    />
  );
}

function groupedOptions(fields: readonly FieldInfo[]): ComboboxItemGroup<ComboboxItem>[] {
  const groups = new Map<string, ComboboxItem[]>();
  for (const f of fields) {
    const group = f.group.trim() === '' ? 'Other' : f.group;
    const items = groups.get(group) ?? [];
    items.push({ value: f.name, label: f.label || f.name, disabled: f.locked });
    groups.set(group, items);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([group, items]) => ({ group, items: items.sort((a, b) => a.label.localeCompare(b.label)) }));
}

/** Matches the label, the internal name and the group, ignoring case. */
function searchFields(byName: ReadonlyMap<string, FieldInfo>): OptionsFilter<string> {
  return ({ options, search }) => {
    const needle = search.trim().toLowerCase();
    if (needle === '') return options;
    const matches = (item: ComboboxItem) => {
      const f = byName.get(item.value);
      return [item.label, item.value, f?.group ?? ''].some((text) => text.toLowerCase().includes(needle));
    };
    return options.flatMap((entry): ComboboxParsedItem[] => {
      if ('group' in entry) {
        const items = entry.items.filter(matches);
        return items.length > 0 ? [{ ...entry, items }] : [];
      }
      return matches(entry) ? [entry] : [];
    });
  };
}
