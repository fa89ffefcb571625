// Records in creation order for page/limit listing. Soft deletes only mark a record; the list
// drops deleted records lazily, once, on the next read, so deleting stays O(1) and a page read
// is O(offset + limit) without scanning deleted rows again and again.

export class LiveList<T extends { deletedAt: number | null }> {
  #items: T[] = [];
  #dirty = false;

  push(item: T): void {
    this.#items.push(item);
  }

  markDirty(): void {
    this.#dirty = true;
  }

  get size(): number {
    this.#compact();
    return this.#items.length;
  }

  page(offset: number, limit: number): T[] {
    this.#compact();
    return this.#items.slice(offset, offset + limit);
  }

  /** Live records matching `keep`, paged; a scan, for the rarer filtered listings. */
  filteredPage(keep: (item: T) => boolean, offset: number, limit: number): T[] {
    this.#compact();
    const out: T[] = [];
    let skipped = 0;
    for (const item of this.#items) {
      if (!keep(item)) continue;
      if (skipped < offset) skipped += 1;
      else if (out.length < limit) out.push(item);
      else break;
    }
    return out;
  }

  #compact(): void {
    if (!this.#dirty) return;
    this.#items = this.#items.filter((item) => item.deletedAt === null);
    this.#dirty = false;
  }
}
