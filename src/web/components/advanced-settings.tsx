// Conflict and deletion policies: rarely changed, so folded under "Advanced".
import { Accordion, Select, SimpleGrid, Switch } from '@mantine/core';
import type { ObjectEditor } from '../hooks/use-object-editor.ts';
import { CONFLICT_POLICY_LABELS, DELETION_LABELS } from '../lib/labels.ts';

const options = <K extends string>(labels: Record<K, string>) =>
  (Object.entries(labels) as [K, string][]).map(([value, label]) => ({ value, label }));

export function AdvancedSettings({ editor }: { editor: ObjectEditor }) {
  const { draft } = editor;
  if (draft === undefined) return null;
  const general = editor.problems.general.length > 0;
  return (
    <Accordion variant="contained" defaultValue={general ? 'advanced' : null} data-testid="advanced">
      <Accordion.Item value="advanced">
        <Accordion.Control>Advanced</Accordion.Control>
        <Accordion.Panel>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <Select
              label="When a field changed on both sides"
              description="Which value a two-way field keeps"
              data={options(CONFLICT_POLICY_LABELS)}
              value={draft.conflictPolicy}
              onChange={(v) => v !== null && editor.update((d) => ({ ...d, conflictPolicy: v }))}
              allowDeselect={false}
              size="sm"
              data-testid="conflict-policy"
            />
            <Switch
              label="Blank values overwrite"
              description="When a value is cleared on one side, clear it on the other side too"
              checked={draft.blankOverwrites}
              onChange={(e) => {
                const checked = e.currentTarget.checked;
                editor.update((d) => ({ ...d, blankOverwrites: checked }));
              }}
              mt="md"
              data-testid="blank-overwrites"
            />
            <Select
              label="When a record is deleted in HubSpot"
              data={options(DELETION_LABELS.hubspotToThena)}
              value={draft.deletion.hubspotToThena}
              onChange={(v) =>
                v !== null &&
                editor.update((d) => ({
                  ...d,
                  deletion: { ...d.deletion, hubspotToThena: v },
                }))
              }
              allowDeselect={false}
              size="sm"
              data-testid="deletion-hubspot"
            />
            <Select
              label="When a record is deleted in Thena"
              data={options(DELETION_LABELS.thenaToHubSpot)}
              value={draft.deletion.thenaToHubSpot}
              onChange={(v) =>
                v !== null &&
                editor.update((d) => ({
                  ...d,
                  deletion: { ...d.deletion, thenaToHubSpot: v },
                }))
              }
              allowDeselect={false}
              size="sm"
              data-testid="deletion-thena"
            />
          </SimpleGrid>
        </Accordion.Panel>
      </Accordion.Item>
    </Accordion>
  );
}
