// Account attribute values (Thena's per-organization picklists), seeded with the default values
// from the "Account fields" guide. Record bodies refer to them by id; names are accepted too
// (the MCP docs show names), matched case-insensitively.

export const ATTRIBUTE_TYPES = [
  'account_status',
  'account_classification',
  'account_health',
  'account_industry',
  'contact_type',
  'activity_type',
  'activity_status',
  'note_type',
  'task_type',
  'task_status',
  'task_priority',
] as const;

export type AttributeType = (typeof ATTRIBUTE_TYPES)[number];

export const isAttributeType = (value: unknown): value is AttributeType =>
  typeof value === 'string' && (ATTRIBUTE_TYPES as readonly string[]).includes(value);

/** Defaults per type; the first listed is the one flagged `isDefault`. */
const DEFAULT_VALUES: Partial<Record<AttributeType, string[]>> = {
  account_status: ['Prospect', 'Trial', 'Active', 'Churned', 'Acquired', 'Alpha'],
  account_classification: ['SMB', 'Mid market', 'Enterprise', 'Strategic'],
  account_health: ['Green', 'Yellow', 'Red'],
  account_industry: ['Technology', 'Finance', 'Healthcare', 'Retail'],
  contact_type: ['PRIMARY', 'BILLING', 'LEGAL', 'EXECUTIVE', 'OTHER'],
};

export interface AttributeValue {
  id: string;
  attribute: AttributeType;
  value: string;
  isDefault: boolean;
  configuration: Record<string, unknown>;
  createdAt: number;
  updatedAt: number;
}

export class AttributeTable {
  readonly #byId = new Map<string, AttributeValue>();

  constructor(newId: () => string, nowMs: number) {
    for (const attribute of ATTRIBUTE_TYPES) {
      (DEFAULT_VALUES[attribute] ?? []).forEach((value, index) => {
        const id = newId();
        const record: AttributeValue = {
          id,
          attribute,
          value,
          isDefault: index === 0,
          configuration: {},
          createdAt: nowMs,
          updatedAt: nowMs,
        };
        this.#byId.set(id, record);
      });
    }
  }

  list(attribute: AttributeType): AttributeValue[] {
    return [...this.#byId.values()].filter((value) => value.attribute === attribute);
  }

  get(id: string | null): AttributeValue | undefined {
    return id === null ? undefined : this.#byId.get(id);
  }

  /** By id first, then by value name, within one attribute type. */
  resolve(attribute: AttributeType, idOrName: string): AttributeValue | undefined {
    const byId = this.#byId.get(idOrName);
    if (byId) return byId.attribute === attribute ? byId : undefined;
    const wanted = idOrName.toLowerCase();
    return this.list(attribute).find((value) => value.value.toLowerCase() === wanted);
  }

  defaultOf(attribute: AttributeType): AttributeValue | undefined {
    return this.list(attribute).find((value) => value.isDefault);
  }
}
