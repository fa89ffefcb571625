// Page-by-page reading to the end, and request batching, shared by the record APIs.
import { badResponse } from './errors.ts';

/** Thena's documented default page size is 10; 100 is the largest the client asks for. */
export const PAGE_LIMIT = 100;
/** The largest batch the client sends to bulk and lookup endpoints (see emulators/thena/README.md). */
export const BATCH_LIMIT = 100;

/**
 * Pages until one comes back short or empty. A server that ignores `page` (and so repeats the
 * first page forever) is caught rather than looped on.
 */
export async function* readAllPages<T extends { id: string }>(
  operation: string,
  firstPage: number,
  limit: number,
  fetchPage: (page: number, limit: number) => Promise<T[]>,
): AsyncGenerator<T[]> {
  let previousFirstId: string | undefined;
  for (let page = firstPage; ; page += 1) {
    const items = await fetchPage(page, limit);
    if (items.length === 0) return;
    const firstId = items[0]?.id;
    if (firstId !== undefined && firstId === previousFirstId) {
      throw badResponse(operation, `page ${page} repeated the previous page`);
    }
    previousFirstId = firstId;
    yield items;
    if (items.length < limit) return;
  }
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size) out.push(items.slice(start, start + size));
  return out;
}
