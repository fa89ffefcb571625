// Accounts of one organization: by id, by (case-folded) primary domain, and in creation order.
import type { AccountRecord } from './records.ts';
import { LiveList } from './live-list.ts';

export const foldDomain = (domain: string): string => domain.trim().toLowerCase();

export class AccountTable {
  readonly #byId = new Map<string, AccountRecord>();
  readonly #byDomain = new Map<string, AccountRecord>();
  readonly #ordered = new LiveList<AccountRecord>();

  get size(): number {
    return this.#ordered.size;
  }

  insert(account: AccountRecord): void {
    this.#byId.set(account.id, account);
    this.#byDomain.set(foldDomain(account.primaryDomain), account);
    this.#ordered.push(account);
  }

  /** A live (not deleted) account. */
  get(id: string): AccountRecord | undefined {
    const account = this.#byId.get(id);
    return account && account.deletedAt === null ? account : undefined;
  }

  findByPrimaryDomain(domain: string): AccountRecord | undefined {
    return this.#byDomain.get(foldDomain(domain));
  }

  changePrimaryDomain(account: AccountRecord, domain: string): void {
    this.#byDomain.delete(foldDomain(account.primaryDomain));
    account.primaryDomain = domain;
    this.#byDomain.set(foldDomain(domain), account);
  }

  markDeleted(account: AccountRecord, nowMs: number): void {
    account.deletedAt = nowMs;
    this.#byDomain.delete(foldDomain(account.primaryDomain));
    this.#ordered.markDirty();
  }

  page(offset: number, limit: number): AccountRecord[] {
    return this.#ordered.page(offset, limit);
  }
}
