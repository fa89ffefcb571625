// Custom field definitions per organization. `fieldType` is the documented enum (cut off after
// `phone_number` in the captured docs) plus `url` and `toggle`/`boolean` from the UI guide.

export const FIELD_SOURCES = ['ticket', 'account', 'custom_object', 'customer_contact'] as const;
export type FieldSource = (typeof FIELD_SOURCES)[number];

export const FIELD_TYPES = [
  'single_line',
  'multi_line',
  'rich_text',
  'integer',
  'decimal',
  'currency',
  'date',
  'date_time',
  'time',
  'single_choice',
  'multi_choice',
  'radio_button',
  'checkbox',
  'email',
  'phone_number',
  'url',
  'toggle',
  'boolean',
] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export const CHOICE_TYPES: readonly FieldType[] = ['single_choice', 'multi_choice', 'radio_button'];

export interface FieldOption {
  id: string;
  value: string;
  order: number;
}

export interface CustomFieldRecord {
  uid: string;
  name: string;
  slug: string;
  source: FieldSource;
  fieldType: FieldType;
  options: FieldOption[];
  description: string | null;
  isActive: boolean;
  metadata: Record<string, unknown>;
  defaultValue: string | null;
  teamId: string | null;
  placeholderText: string | null;
  hintText: string | null;
  mandatoryOnCreation: boolean;
  mandatoryOnClose: boolean;
  visibleToCustomer: boolean;
  editableByCustomer: boolean;
  autoAddToAllForms: boolean;
  createdAt: number;
  updatedAt: number;
}

export class CustomFieldTable {
  readonly #byId = new Map<string, CustomFieldRecord>();

  insert(field: CustomFieldRecord): void {
    this.#byId.set(field.uid, field);
  }

  get(uid: string): CustomFieldRecord | undefined {
    return this.#byId.get(uid);
  }

  findByName(source: FieldSource, name: string): CustomFieldRecord | undefined {
    const wanted = name.trim().toLowerCase();
    for (const field of this.#byId.values()) {
      if (field.source === source && field.name.trim().toLowerCase() === wanted) return field;
    }
    return undefined;
  }

  list(filter: { source?: FieldSource; teamId?: string }): CustomFieldRecord[] {
    return [...this.#byId.values()].filter(
      (field) =>
        (filter.source === undefined || field.source === filter.source) &&
        (filter.teamId === undefined || field.teamId === filter.teamId),
    );
  }
}

export const slugify = (name: string): string =>
  name
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
