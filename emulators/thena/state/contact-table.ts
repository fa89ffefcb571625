// Customer contacts of one organization. Lookups by id and by email are O(1) (the email index is
// case-folded, since email is unique per organization ignoring case); contacts of an account are
// indexed too, so listing by account does not scan the whole organization.
import type { ContactRecord } from './records.ts';
import { LiveList } from './live-list.ts';

export const foldEmail = (email: string): string => email.trim().toLowerCase();

export class ContactTable {
  readonly #byId = new Map<string, ContactRecord>();
  readonly #byEmail = new Map<string, ContactRecord>();
  readonly #byAccount = new Map<string, Set<ContactRecord>>();
  readonly #ordered = new LiveList<ContactRecord>();

  get size(): number {
    return this.#ordered.size;
  }

  insert(contact: ContactRecord): void {
    this.#byId.set(contact.id, contact);
    this.#byEmail.set(foldEmail(contact.email), contact);
    this.#ordered.push(contact);
    this.#link(contact, contact.accountIds);
  }

  get(id: string): ContactRecord | undefined {
    const contact = this.#byId.get(id);
    return contact && contact.deletedAt === null ? contact : undefined;
  }

  findByEmail(email: string): ContactRecord | undefined {
    return this.#byEmail.get(foldEmail(email));
  }

  changeEmail(contact: ContactRecord, email: string): void {
    this.#byEmail.delete(foldEmail(contact.email));
    contact.email = email;
    this.#byEmail.set(foldEmail(email), contact);
  }

  changeAccounts(contact: ContactRecord, accountIds: readonly string[]): void {
    this.#unlink(contact);
    contact.accountIds = accountIds;
    this.#link(contact, accountIds);
  }

  markDeleted(contact: ContactRecord, nowMs: number): void {
    contact.deletedAt = nowMs;
    this.#byEmail.delete(foldEmail(contact.email));
    this.#unlink(contact);
    this.#ordered.markDirty();
  }

  page(
    offset: number,
    limit: number,
    filter: { accountId?: string; contactTypeId?: string },
  ): ContactRecord[] {
    const typeId = filter.contactTypeId;
    const keep = (contact: ContactRecord): boolean =>
      typeId === undefined || contact.contactTypeId === typeId;
    if (filter.accountId !== undefined) {
      const members = [...(this.#byAccount.get(filter.accountId) ?? [])].filter(keep);
      return members.slice(offset, offset + limit);
    }
    if (typeId === undefined) return this.#ordered.page(offset, limit);
    return this.#ordered.filteredPage(keep, offset, limit);
  }

  #link(contact: ContactRecord, accountIds: readonly string[]): void {
    for (const accountId of accountIds) {
      let members = this.#byAccount.get(accountId);
      if (!members) this.#byAccount.set(accountId, (members = new Set()));
      members.add(contact);
    }
  }

  #unlink(contact: ContactRecord): void {
    for (const accountId of contact.accountIds) this.#byAccount.get(accountId)?.delete(contact);
  }
}
