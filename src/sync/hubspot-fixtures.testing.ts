// HubSpot property definitions for tests of mapping, conversion and filters: one of every kind,
// shaped like GET /crm/v3/properties/{objectType} results.
import { propertiesByName, type HubSpotProperty } from './properties.ts';

export function property(overrides: Partial<HubSpotProperty> & { name: string }): HubSpotProperty {
  return {
    label: overrides.name,
    type: 'string',
    fieldType: 'text',
    groupName: 'contactinformation',
    options: [],
    ...overrides,
  };
}

const options = (...values: string[]) =>
  values.map((value) => ({ label: value.charAt(0).toUpperCase() + value.slice(1), value }));

export const P = {
  firstname: property({ name: 'firstname', label: 'First Name', hubspotDefined: true }),
  lastname: property({ name: 'lastname', label: 'Last Name', hubspotDefined: true }),
  email: property({ name: 'email', label: 'Email', hubspotDefined: true }),
  phone: property({ name: 'phone', label: 'Phone Number', fieldType: 'phonenumber', hubspotDefined: true }),
  notes: property({ name: 'notes', label: 'Notes', fieldType: 'textarea' }),
  bio: property({ name: 'bio', label: 'Bio', fieldType: 'html' }),
  workEmail: property({ name: 'work_email', label: 'Work email', textDisplayHint: 'email' }),
  amount: property({ name: 'amount', label: 'Amount', type: 'number', fieldType: 'number' }),
  revenue: property({
    name: 'annualrevenue',
    label: 'Annual Revenue',
    type: 'number',
    fieldType: 'number',
    showCurrencySymbol: true,
  }),
  employees: property({
    name: 'numberofemployees',
    label: 'Number of Employees',
    type: 'number',
    fieldType: 'number',
  }),
  renewal: property({ name: 'renewal_date', label: 'Renewal date', type: 'date', fieldType: 'date' }),
  lastSeen: property({ name: 'last_seen', label: 'Last seen', type: 'datetime', fieldType: 'date' }),
  vip: property({ name: 'vip', label: 'VIP', type: 'bool', fieldType: 'booleancheckbox' }),
  optIn: property({
    name: 'opt_in',
    label: 'Opt in',
    type: 'enumeration',
    fieldType: 'booleancheckbox',
    options: options('true', 'false'),
  }),
  stage: property({
    name: 'lifecyclestage',
    label: 'Lifecycle Stage',
    type: 'enumeration',
    fieldType: 'radio',
    options: options('lead', 'customer', 'evangelist'),
    hubspotDefined: true,
  }),
  tier: property({
    name: 'tier',
    label: 'Tier',
    type: 'enumeration',
    fieldType: 'select',
    options: [...options('gold', 'silver'), { label: 'Bronze (retired)', value: 'bronze', hidden: true }],
  }),
  tags: property({
    name: 'tags',
    label: 'Tags',
    type: 'enumeration',
    fieldType: 'checkbox',
    options: options('alpha', 'beta', 'gamma'),
  }),
  owner: property({
    name: 'hubspot_owner_id',
    label: 'Contact owner',
    type: 'enumeration',
    fieldType: 'select',
    externalOptions: true,
  }),
  contract: property({ name: 'contract', label: 'Contract', fieldType: 'file' }),
  score: property({
    name: 'score',
    label: 'Score',
    type: 'number',
    fieldType: 'calculation_equation',
    calculated: true,
  }),
  createdate: property({ name: 'createdate', label: 'Create Date', type: 'datetime', fieldType: 'date' }),
  geo: property({ name: 'geo', label: 'Geo', type: 'object_coordinates', fieldType: 'text' }),
};

export const ALL_PROPERTIES = propertiesByName(Object.values(P));
