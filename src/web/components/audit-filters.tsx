// The audit log's filters: status, object, direction and how far back.
import { Group, Select } from '@mantine/core';
import type { AuditStatus, Direction, ObjectName } from '../../contracts/api.ts';
import type { AuditFilters } from '../hooks/use-audit.ts';
import { DIRECTION_LABELS, OBJECT_LABELS } from '../lib/labels.ts';

export type SincePreset = 'any' | '1h' | '24h' | '7d' | '30d';

const SINCE: Record<SincePreset, { label: string; ms: number | null }> = {
  any: { label: 'Any time', ms: null },
  '1h': { label: 'Last hour', ms: 3_600_000 },
  '24h': { label: 'Last 24 hours', ms: 86_400_000 },
  '7d': { label: 'Last 7 days', ms: 7 * 86_400_000 },
  '30d': { label: 'Last 30 days', ms: 30 * 86_400_000 },
};

export interface AuditFilterState {
  status: AuditStatus | 'all';
  object: ObjectName | 'all';
  direction: Direction | 'all';
  since: SincePreset;
}

export const ALL_ENTRIES: AuditFilterState = { status: 'all', object: 'all', direction: 'all', since: 'any' };

/** The API query for the chosen filters; `since` is fixed at the moment the filters change. */
export function queryOf(state: AuditFilterState, now = Date.now()): AuditFilters {
  const query: AuditFilters = {};
  if (state.status !== 'all') query.status = state.status;
  if (state.object !== 'all') query.object = state.object;
  if (state.direction !== 'all') query.direction = state.direction;
  const ms = SINCE[state.since].ms;
  if (ms !== null) query.since = new Date(now - ms).toISOString();
  return query;
}

const STATUS_OPTIONS = [
  { value: 'all', label: 'All statuses' },
  { value: 'SUCCESS', label: 'SUCCESS' },
  { value: 'FAILED', label: 'FAILED' },
  { value: 'SKIPPED', label: 'SKIPPED' },
];
const OBJECT_OPTIONS = [
  { value: 'all', label: 'All objects' },
  ...Object.entries(OBJECT_LABELS).map(([value, label]) => ({ value, label })),
];
const DIRECTION_OPTIONS = [
  { value: 'all', label: 'Both directions' },
  ...Object.entries(DIRECTION_LABELS).map(([value, label]) => ({ value, label })),
];
const SINCE_OPTIONS = Object.entries(SINCE).map(([value, { label }]) => ({ value, label }));

export function AuditFilterBar({
  value,
  onChange,
}: {
  value: AuditFilterState;
  onChange: (value: AuditFilterState) => void;
}) {
  const select = <K extends keyof AuditFilterState>(
    key: K,
    label: string,
    data: { value: string; label: string }[],
  ) => (
    <Select
      label={label}
      data={data}
      value={value[key]}
      onChange={(v) => v !== null && onChange({ ...value, [key]: v })}
      allowDeselect={false}
      size="sm"
      w={180}
      data-testid={`audit-filter-${key}`}
    />
  );
  return (
    <Group gap="sm" align="flex-end" data-testid="audit-filters">
      {select('status', 'Status', STATUS_OPTIONS)}
      {select('object', 'Object', OBJECT_OPTIONS)}
      {select('direction', 'Direction', DIRECTION_OPTIONS)}
      {select('since', 'Time', SINCE_OPTIONS)}
    </Group>
  );
}
