// Where each problem of a refused configuration belongs on the page. The server names problems
// by path in the submitted document (`filters/1/value/0`, `fields/3/direction`); the page turns
// positions into the filter's key and the field's name, so each problem stays with its row
// while the admin edits others.
import type { ConfigProblem } from '../../contracts/api.ts';
import type { Draft } from './draft.ts';

export type FilterPart = 'field' | 'operator' | 'value' | 'row';

export interface ProblemIndex {
  /** Filter key -> part -> messages. */
  filters: Record<string, Partial<Record<FilterPart, string[]>>>;
  /** Property name -> messages. */
  fields: Record<string, string[]>;
  /** Problems that name no filter or field. */
  general: string[];
}

export const NO_PROBLEMS: ProblemIndex = { filters: {}, fields: {}, general: [] };

export function indexProblems(problems: readonly ConfigProblem[], submitted: Draft): ProblemIndex {
  const index: ProblemIndex = { filters: {}, fields: {}, general: [] };
  for (const problem of problems) {
    const [area, position, part] = segments(problem.path);
    const i = position !== undefined && /^\d+$/.test(position) ? Number(position) : -1;
    const filter = area === 'filters' ? submitted.filters[i] : undefined;
    const field = area === 'fields' ? submitted.fields[i] : undefined;
    if (filter !== undefined) {
      const key = part === 'field' || part === 'operator' || part === 'value' ? part : 'row';
      const parts = (index.filters[filter.key] ??= {});
      (parts[key] ??= []).push(problem.message);
    } else if (field !== undefined) {
      (index.fields[field.property] ??= []).push(problem.message);
    } else {
      index.general.push(problem.message);
    }
  }
  return index;
}

/** `/body/filters/1/value` and `filters/1/value` both name filter 1's value. */
function segments(path: string): string[] {
  const parts = path.split('/').filter((s) => s !== '');
  return parts[0] === 'body' ? parts.slice(1) : parts;
}

export function countProblems(index: ProblemIndex): number {
  const inFilters = Object.values(index.filters).flatMap((parts) => Object.values(parts).flat()).length;
  return inFilters + Object.values(index.fields).flat().length + index.general.length;
}

export function withoutFilter(index: ProblemIndex, key: string): ProblemIndex {
  if (!(key in index.filters)) return index;
  const filters = { ...index.filters };
  delete filters[key];
  return { ...index, filters };
}

export function withoutField(index: ProblemIndex, property: string): ProblemIndex {
  if (!(property in index.fields)) return index;
  const fields = { ...index.fields };
  delete fields[property];
  return { ...index, fields };
}

/** The server's problem list, from a 400 `invalid_config` (or a schema `invalid_request`). */
export function problemsOf(details: unknown): ConfigProblem[] {
  if (!Array.isArray(details)) return [];
  return details.flatMap((d: unknown) => {
    if (typeof d !== 'object' || d === null) return [];
    const { path, message, code } = d as Record<string, unknown>;
    if (typeof path !== 'string' || typeof message !== 'string') return [];
    return [{ path, message, code: typeof code === 'string' ? code : 'invalid' }];
  });
}
