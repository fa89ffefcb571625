// Everything the Companies or Contacts tab edits: the HubSpot fields, the saved configuration,
// the draft with its dirty check, problems (the page's own checks and the server's), saving
// and previewing. It lives above the tabs, so switching tabs keeps unsaved changes.
import { useCallback, useMemo, useState } from 'react';
import type { FieldInfo, FieldList, ObjectName, SyncConfig } from '../../contracts/api.ts';
import { toApiError, type ApiError } from '../lib/api.ts';
import {
  bodyOf,
  draftOf,
  isDirty,
  newFilterKey,
  withSelection,
  type Draft,
  type DraftFilter,
} from '../lib/draft.ts';
import { checkFilter, type FilterCheck } from '../lib/filter-input.ts';
import {
  indexProblems,
  NO_PROBLEMS,
  problemsOf,
  withoutField,
  withoutFilter,
  type ProblemIndex,
} from '../lib/problems.ts';
import { useFields } from './use-fields.ts';
import { useObjectConfig, type ObjectConfigResource } from './use-object-config.ts';
import { usePreview, type Preview } from './use-preview.ts';
import type { Resource } from './use-resource.ts';

export type SaveOutcome =
  | { kind: 'saved'; at: number }
  | { kind: 'not_sent' }
  | { kind: 'refused'; error: ApiError; problemCount: number }
  | { kind: 'conflict'; error: ApiError }
  | { kind: 'failed'; error: ApiError };

export interface ObjectEditor {
  object: ObjectName;
  fields: Resource<FieldList>;
  config: ObjectConfigResource;
  fieldsByName: ReadonlyMap<string, FieldInfo>;
  draft: Draft | undefined;
  dirty: boolean;
  /** Client-side problems per filter key; `missing` ones show after a save or preview attempt. */
  checks: Readonly<Record<string, FilterCheck>>;
  attempted: boolean;
  problems: ProblemIndex;
  saving: boolean;
  outcome: SaveOutcome | undefined;
  preview: Preview;
  /** The draft the shown preview was made for, to tell when it is out of date. */
  previewedBody: string | undefined;
  update: (change: (draft: Draft) => Draft) => void;
  select: (names: readonly string[]) => void;
  updateField: (property: string, change: Partial<Draft['fields'][number]>) => void;
  addFilter: () => void;
  updateFilter: (key: string, change: (filter: DraftFilter) => DraftFilter) => void;
  removeFilter: (key: string) => void;
  save: () => Promise<void>;
  runPreview: () => Promise<void>;
  discard: () => void;
  reload: () => void;
}

const REFUSED = new Set(['invalid_config', 'invalid_request']);

export function useObjectEditor(org: string, object: ObjectName): ObjectEditor {
  const fields = useFields(org, object);
  const config = useObjectConfig(org, object);
  const preview = usePreview(org, object);
  const [editing, setEditing] = useState<{ base: SyncConfig | undefined; draft: Draft | undefined }>({
    base: undefined,
    draft: undefined,
  });
  const [problems, setProblems] = useState<ProblemIndex>(NO_PROBLEMS);
  const [attempted, setAttempted] = useState(false);
  const [saving, setSaving] = useState(false);
  const [outcome, setOutcome] = useState<SaveOutcome | undefined>(undefined);
  const [previewedBody, setPreviewedBody] = useState<string | undefined>(undefined);

  // A newly loaded or saved configuration replaces the draft (derived state, set while rendering).
  if (config.data !== editing.base) {
    setEditing({ base: config.data, draft: config.data === undefined ? undefined : draftOf(config.data) });
  }
  const { draft, base } = editing;

  const fieldsByName = useMemo(
    () => new Map((fields.data?.fields ?? []).map((f) => [f.name, f])),
    [fields.data],
  );
  const checks = useMemo(() => {
    const out: Record<string, FilterCheck> = {};
    if (draft === undefined || fields.data === undefined) return out;
    const selected = new Set(draft.fields.map((f) => f.property));
    for (const filter of draft.filters) {
      const check = checkFilter(filter, fieldsByName, selected);
      if (check !== null) out[filter.key] = check;
    }
    return out;
  }, [draft, fields.data, fieldsByName]);

  const dirty = useMemo(
    () => draft !== undefined && base !== undefined && isDirty(draft, base),
    [draft, base],
  );

  const update = useCallback((change: (draft: Draft) => Draft) => {
    setEditing((e) => (e.draft === undefined ? e : { ...e, draft: change(e.draft) }));
  }, []);

  const select = useCallback(
    (names: readonly string[]) => update((d) => withSelection(d, names, fields.data?.fields ?? [])),
    [update, fields.data],
  );
  const updateField = useCallback(
    (property: string, change: Partial<Draft['fields'][number]>) => {
      setProblems((p) => withoutField(p, property));
      update((d) => ({
        ...d,
        fields: d.fields.map((f) => (f.property === property ? { ...f, ...change } : f)),
      }));
    },
    [update],
  );
  const addFilter = useCallback(
    () =>
      update((d) => ({ ...d, filters: [...d.filters, { key: newFilterKey(), field: '', operator: '' }] })),
    [update],
  );
  const updateFilter = useCallback(
    (key: string, change: (filter: DraftFilter) => DraftFilter) => {
      setProblems((p) => withoutFilter(p, key));
      update((d) => ({ ...d, filters: d.filters.map((f) => (f.key === key ? change(f) : f)) }));
    },
    [update],
  );
  const removeFilter = useCallback(
    (key: string) => {
      setProblems((p) => withoutFilter(p, key));
      update((d) => ({ ...d, filters: d.filters.filter((f) => f.key !== key) }));
    },
    [update],
  );

  const save = async (): Promise<void> => {
    if (draft === undefined || base === undefined) return;
    setAttempted(true);
    if (Object.keys(checks).length > 0) {
      setOutcome({ kind: 'not_sent' });
      return;
    }
    setSaving(true);
    setOutcome(undefined);
    try {
      await config.save({ ...bodyOf(draft), expectedVersion: base.version });
      setProblems(NO_PROBLEMS);
      setAttempted(false);
      setOutcome({ kind: 'saved', at: Date.now() });
      fields.reload();
    } catch (err) {
      setOutcome(describeFailure(toApiError(err), draft, setProblems));
    } finally {
      setSaving(false);
    }
  };

  const runPreview = async (): Promise<void> => {
    if (draft === undefined) return;
    setAttempted(true);
    if (Object.keys(checks).length > 0) return;
    const body = bodyOf(draft);
    setPreviewedBody(JSON.stringify(body));
    const error = await preview.run(body);
    if (error !== undefined && REFUSED.has(error.code)) {
      setProblems(indexProblems(problemsOf(error.details), draft));
    }
  };

  const discard = (): void => {
    if (base !== undefined) setEditing({ base, draft: draftOf(base) });
    setProblems(NO_PROBLEMS);
    setAttempted(false);
    setOutcome(undefined);
  };
  const reload = (): void => {
    setProblems(NO_PROBLEMS);
    setAttempted(false);
    setOutcome(undefined);
    config.reload();
    fields.reload();
  };

  return {
    object,
    fields,
    config,
    fieldsByName,
    draft,
    dirty,
    checks,
    attempted,
    problems,
    saving,
    outcome,
    preview,
    previewedBody,
    update,
    select,
    updateField,
    addFilter,
    updateFilter,
    removeFilter,
    save,
    runPreview,
    discard,
    reload,
  };
}

function describeFailure(
  error: ApiError,
  submitted: Draft,
  setProblems: (problems: ProblemIndex) => void,
): SaveOutcome {
  if (error.status === 409) return { kind: 'conflict', error };
  const problems = REFUSED.has(error.code) ? problemsOf(error.details) : [];
  if (problems.length === 0) return { kind: 'failed', error };
  setProblems(indexProblems(problems, submitted));
  return { kind: 'refused', error, problemCount: problems.length };
}
