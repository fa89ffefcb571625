// The shape of a property definition as the emulator keeps it (timestamps as epoch ms).
export type PropertyType =
  'bool' | 'date' | 'datetime' | 'enumeration' | 'number' | 'phone_number' | 'string';

export const PROPERTY_TYPES: readonly PropertyType[] = [
  'bool',
  'date',
  'datetime',
  'enumeration',
  'number',
  'phone_number',
  'string',
];

export const FIELD_TYPES = [
  'booleancheckbox',
  'calculation_equation',
  'checkbox',
  'date',
  'file',
  'html',
  'number',
  'phonenumber',
  'radio',
  'select',
  'text',
  'textarea',
] as const;

/** Which field types HubSpot allows for each property type (developers.hubspot.com/docs/api/crm/properties). */
export const VALID_FIELD_TYPES: Record<PropertyType, readonly string[]> = {
  bool: ['booleancheckbox', 'calculation_equation'],
  enumeration: ['booleancheckbox', 'checkbox', 'radio', 'select', 'calculation_equation'],
  date: ['date'],
  datetime: ['date'],
  string: ['file', 'text', 'textarea', 'calculation_equation', 'html', 'phonenumber'],
  number: ['number', 'calculation_equation'],
  phone_number: ['phonenumber'],
};

export interface PropertyOption {
  label: string;
  value: string;
  hidden: boolean;
  displayOrder: number;
  description?: string;
}

export interface PropertyDefinition {
  name: string;
  label: string;
  type: PropertyType;
  fieldType: string;
  groupName: string;
  description: string;
  options: PropertyOption[];
  displayOrder: number;
  hidden: boolean;
  formField: boolean;
  hasUniqueValue: boolean;
  hubspotDefined: boolean;
  calculated: boolean;
  externalOptions: boolean;
  readOnlyValue: boolean;
  readOnlyDefinition: boolean;
  archivable: boolean;
  dataSensitivity: 'non_sensitive' | 'sensitive' | 'highly_sensitive';
  referencedObjectType?: string;
  showCurrencySymbol?: boolean;
  numberDisplayHint?: string;
  textDisplayHint?: string;
  calculationFormula?: string;
  createdAt?: number;
  updatedAt?: number;
  createdUserId?: string;
  updatedUserId?: string;
  archived: boolean;
  archivedAt?: number;
}

export interface PropertyGroupDefinition {
  name: string;
  label: string;
  displayOrder: number;
  archived: boolean;
}
