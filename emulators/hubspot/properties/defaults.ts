// The built-in ("hubspotDefined") properties and groups of a fresh portal. No machine-readable
// dump of HubSpot's defaults exists (see the research notes' Gaps), so this is the well-known
// standard set, chosen so that every property `type` and every `fieldType` is represented and the
// server-kept properties are read-only, as in HubSpot.
import type { ObjectTypeName } from '../crm/object-types.ts';
import type { PropertyDefinition, PropertyGroupDefinition, PropertyOption, PropertyType } from './types.ts';

type Extras = Partial<Omit<PropertyDefinition, 'name' | 'label' | 'type' | 'fieldType' | 'groupName'>> & {
  choices?: ReadonlyArray<readonly [value: string, label: string]>;
};

function option(value: string, label: string, index: number): PropertyOption {
  return { label, value, hidden: false, displayOrder: index };
}

export function options(choices: ReadonlyArray<readonly [string, string]>): PropertyOption[] {
  return choices.map(([value, label], index) => option(value, label, index));
}

export const BOOL_OPTIONS: ReadonlyArray<readonly [string, string]> = [
  ['true', 'Yes'],
  ['false', 'No'],
];

function prop(
  name: string,
  label: string,
  type: PropertyType,
  fieldType: string,
  groupName: string,
  extras: Extras = {},
): PropertyDefinition {
  const { choices, ...rest } = extras;
  const readOnly = rest.readOnlyValue ?? false;
  return {
    name,
    label,
    type,
    fieldType,
    groupName,
    description: rest.description ?? '',
    options: choices ? options(choices) : type === 'bool' ? options(BOOL_OPTIONS) : [],
    displayOrder: -1,
    hidden: false,
    formField: !readOnly,
    hasUniqueValue: false,
    hubspotDefined: true,
    calculated: false,
    externalOptions: false,
    readOnlyDefinition: true,
    archivable: false,
    dataSensitivity: 'non_sensitive',
    archived: false,
    ...rest,
    readOnlyValue: readOnly,
  };
}

const READ_ONLY = { readOnlyValue: true } as const;
const CALCULATED = { readOnlyValue: true, calculated: true } as const;

export const LIFECYCLE_STAGES: ReadonlyArray<readonly [string, string]> = [
  ['subscriber', 'Subscriber'],
  ['lead', 'Lead'],
  ['marketingqualifiedlead', 'Marketing Qualified Lead'],
  ['salesqualifiedlead', 'Sales Qualified Lead'],
  ['opportunity', 'Opportunity'],
  ['customer', 'Customer'],
  ['evangelist', 'Evangelist'],
  ['other', 'Other'],
];

export const LEAD_STATUSES: ReadonlyArray<readonly [string, string]> = [
  ['NEW', 'New'],
  ['OPEN', 'Open'],
  ['IN_PROGRESS', 'In Progress'],
  ['OPEN_DEAL', 'Open Deal'],
  ['UNQUALIFIED', 'Unqualified'],
  ['ATTEMPTED_TO_CONTACT', 'Attempted to Contact'],
  ['CONNECTED', 'Connected'],
  ['BAD_TIMING', 'Bad Timing'],
];

export const INDUSTRIES: ReadonlyArray<readonly [string, string]> = [
  ['ACCOUNTING', 'Accounting'],
  ['AIRLINES_AVIATION', 'Airlines/Aviation'],
  ['APPAREL_FASHION', 'Apparel & Fashion'],
  ['AUTOMOTIVE', 'Automotive'],
  ['BANKING', 'Banking'],
  ['BIOTECHNOLOGY', 'Biotechnology'],
  ['BROADCAST_MEDIA', 'Broadcast Media'],
  ['CHEMICALS', 'Chemicals'],
  ['COMPUTER_HARDWARE', 'Computer Hardware'],
  ['COMPUTER_NETWORKING', 'Computer Networking'],
  ['COMPUTER_SOFTWARE', 'Computer Software'],
  ['CONSTRUCTION', 'Construction'],
  ['CONSUMER_ELECTRONICS', 'Consumer Electronics'],
  ['E_LEARNING', 'E-Learning'],
  ['FINANCIAL_SERVICES', 'Financial Services'],
  ['FOOD_BEVERAGES', 'Food & Beverages'],
  ['HOSPITAL_HEALTH_CARE', 'Hospital & Health Care'],
  ['INFORMATION_TECHNOLOGY_AND_SERVICES', 'Information Technology and Services'],
  ['INSURANCE', 'Insurance'],
  ['INTERNET', 'Internet'],
  ['LOGISTICS_AND_SUPPLY_CHAIN', 'Logistics and Supply Chain'],
  ['MARKETING_AND_ADVERTISING', 'Marketing and Advertising'],
  ['MEDICAL_DEVICES', 'Medical Devices'],
  ['REAL_ESTATE', 'Real Estate'],
  ['RETAIL', 'Retail'],
  ['TELECOMMUNICATIONS', 'Telecommunications'],
  ['TRANSPORTATION_TRUCKING_RAILROAD', 'Transportation/Trucking/Railroad'],
];

const COMPANY_TYPES: ReadonlyArray<readonly [string, string]> = [
  ['PROSPECT', 'Prospect'],
  ['PARTNER', 'Partner'],
  ['RESELLER', 'Reseller'],
  ['VENDOR', 'Vendor'],
  ['OTHER', 'Other'],
];

const BUYING_ROLES: ReadonlyArray<readonly [string, string]> = [
  ['BLOCKER', 'Blocker'],
  ['BUDGET_HOLDER', 'Budget Holder'],
  ['CHAMPION', 'Champion'],
  ['DECISION_MAKER', 'Decision Maker'],
  ['END_USER', 'End User'],
  ['EXECUTIVE_SPONSOR', 'Executive Sponsor'],
  ['INFLUENCER', 'Influencer'],
  ['LEGAL_AND_COMPLIANCE', 'Legal & Compliance'],
  ['OTHER', 'Other'],
];

const LANGUAGES: ReadonlyArray<readonly [string, string]> = [
  ['en', 'English'],
  ['de', 'German'],
  ['es', 'Spanish'],
  ['fr', 'French'],
  ['it', 'Italian'],
  ['ja', 'Japanese'],
  ['nl', 'Dutch'],
  ['pt-br', 'Portuguese - Brazil'],
];

const EMPLOYEE_RANGES: ReadonlyArray<readonly [string, string]> = [
  ['1-5', '1-5'],
  ['5-25', '5-25'],
  ['25-50', '25-50'],
  ['50-100', '50-100'],
  ['100-500', '100-500'],
  ['500-1000', '500-1000'],
  ['1000+', '1000+'],
];

const WEB_TECHNOLOGIES: ReadonlyArray<readonly [string, string]> = [
  ['google_analytics', 'Google Analytics'],
  ['hubspot', 'HubSpot'],
  ['intercom', 'Intercom'],
  ['salesforce', 'Salesforce'],
  ['shopify', 'Shopify'],
  ['stripe', 'Stripe'],
  ['wordpress', 'WordPress'],
  ['zendesk', 'Zendesk'],
];

const MARKETABLE: ReadonlyArray<readonly [string, string]> = [
  ['true', 'Marketing contact'],
  ['false', 'Non-marketing contact'],
];

/** Owner options are filled per portal from its owners (`referencedObjectType: OWNER`). */
function ownerProperty(group: string): PropertyDefinition {
  return prop('hubspot_owner_id', 'Contact owner', 'enumeration', 'select', group, {
    referencedObjectType: 'OWNER',
    externalOptions: true,
  });
}

function systemProperties(group: string, lastModified: string): PropertyDefinition[] {
  return [
    prop('hs_object_id', 'Record ID', 'number', 'number', group, {
      ...READ_ONLY,
      description: 'The unique ID for this record. This value is set automatically by HubSpot.',
    }),
    prop('createdate', 'Create Date', 'datetime', 'date', group, READ_ONLY),
    prop(lastModified, 'Last Modified Date', 'datetime', 'date', group, READ_ONLY),
    prop('hs_merged_object_ids', 'Merged record IDs', 'enumeration', 'checkbox', group, READ_ONLY),
    prop('hs_object_source', 'Record source', 'string', 'text', group, READ_ONLY),
    prop('hs_object_source_id', 'Record source detail 1', 'string', 'text', group, READ_ONLY),
  ];
}

function contactProperties(): PropertyDefinition[] {
  const info = 'contactinformation';
  return [
    prop('email', 'Email', 'string', 'text', info, { textDisplayHint: 'email' }),
    prop('firstname', 'First Name', 'string', 'text', info),
    prop('lastname', 'Last Name', 'string', 'text', info),
    prop('phone', 'Phone Number', 'string', 'phonenumber', info),
    prop('mobilephone', 'Mobile Phone Number', 'string', 'phonenumber', info),
    prop('fax', 'Fax Number', 'string', 'phonenumber', info),
    prop('hs_whatsapp_phone_number', 'WhatsApp Phone Number', 'phone_number', 'phonenumber', info),
    prop(
      'hs_calculated_phone_number',
      'Calculated Phone Number',
      'phone_number',
      'phonenumber',
      info,
      CALCULATED,
    ),
    prop('company', 'Company Name', 'string', 'text', info),
    prop('website', 'Website URL', 'string', 'text', info, { textDisplayHint: 'domain_name' }),
    prop('jobtitle', 'Job Title', 'string', 'text', info),
    prop('address', 'Street Address', 'string', 'text', info),
    prop('city', 'City', 'string', 'text', info),
    prop('state', 'State/Region', 'string', 'text', info),
    prop('zip', 'Postal Code', 'string', 'text', info),
    prop('country', 'Country/Region', 'string', 'text', info),
    prop('industry', 'Industry', 'string', 'text', info),
    prop('annualrevenue', 'Annual Revenue', 'string', 'text', info),
    prop('numemployees', 'Number of Employees', 'enumeration', 'select', info, { choices: EMPLOYEE_RANGES }),
    prop('date_of_birth', 'Date of birth', 'date', 'date', info),
    prop('message', 'Message', 'string', 'textarea', info),
    prop('twitterhandle', 'Twitter Username', 'string', 'text', 'social_media_information'),
    prop('hs_content_membership_notes', 'Membership Notes', 'string', 'html', info),
    prop('hs_avatar_filemanager_key', 'Avatar FileManager key', 'string', 'file', info, { hidden: true }),
    prop('lifecyclestage', 'Lifecycle Stage', 'enumeration', 'radio', info, { choices: LIFECYCLE_STAGES }),
    prop('hs_lead_status', 'Lead Status', 'enumeration', 'radio', 'sales_properties', {
      choices: LEAD_STATUSES,
    }),
    prop('hs_buying_role', 'Buying Role', 'enumeration', 'checkbox', 'sales_properties', {
      choices: BUYING_ROLES,
    }),
    prop('hs_language', 'Preferred language', 'enumeration', 'select', info, { choices: LANGUAGES }),
    ownerProperty('sales_properties'),
    prop('hs_marketable_status', 'Marketing contact status', 'enumeration', 'booleancheckbox', info, {
      ...READ_ONLY,
      choices: MARKETABLE,
    }),
    prop(
      'hs_email_optout',
      'Unsubscribed from all email',
      'bool',
      'booleancheckbox',
      'emailinformation',
      READ_ONLY,
    ),
    prop(
      'hs_is_unworked',
      'Contact unworked',
      'bool',
      'calculation_equation',
      'sales_properties',
      CALCULATED,
    ),
    prop('hs_additional_emails', 'Additional email addresses', 'enumeration', 'checkbox', info, READ_ONLY),
    prop('hs_email_domain', 'Email Domain', 'string', 'text', info, CALCULATED),
    prop('closedate', 'Close Date', 'datetime', 'date', 'sales_properties'),
    prop('notes_last_updated', 'Last Activity Date', 'datetime', 'date', 'contact_activity', READ_ONLY),
    prop('num_notes', 'Number of Sales Activities', 'number', 'number', 'contact_activity', READ_ONLY),
    prop('days_to_close', 'Days To Close', 'number', 'calculation_equation', 'sales_properties', {
      ...CALCULATED,
      calculationFormula: 'closedate - createdate',
    }),
    prop(
      'hs_analytics_num_visits',
      'Number of Sessions',
      'number',
      'number',
      'analyticsinformation',
      READ_ONLY,
    ),
    prop('hs_lastmodifieddate', 'Object last modified date/time', 'datetime', 'date', info, READ_ONLY),
    ...systemProperties(info, 'lastmodifieddate'),
  ];
}

function companyProperties(): PropertyDefinition[] {
  const info = 'companyinformation';
  return [
    prop('name', 'Company name', 'string', 'text', info),
    prop('domain', 'Company Domain Name', 'string', 'text', info, { textDisplayHint: 'domain_name' }),
    prop('hs_additional_domains', 'Additional Domains', 'string', 'text', info),
    prop('website', 'Website URL', 'string', 'text', info, { textDisplayHint: 'domain_name' }),
    prop('phone', 'Phone Number', 'string', 'phonenumber', info),
    prop(
      'hs_calculated_phone_number',
      'Calculated Phone Number',
      'phone_number',
      'phonenumber',
      info,
      CALCULATED,
    ),
    prop('address', 'Street Address', 'string', 'text', info),
    prop('address2', 'Street Address 2', 'string', 'text', info),
    prop('city', 'City', 'string', 'text', info),
    prop('state', 'State/Region', 'string', 'text', info),
    prop('zip', 'Postal Code', 'string', 'text', info),
    prop('country', 'Country/Region', 'string', 'text', info),
    prop('industry', 'Industry', 'enumeration', 'select', info, { choices: INDUSTRIES }),
    prop('type', 'Type', 'enumeration', 'select', info, { choices: COMPANY_TYPES }),
    prop('numberofemployees', 'Number of Employees', 'number', 'number', info),
    prop('annualrevenue', 'Annual Revenue', 'number', 'number', info, {
      showCurrencySymbol: true,
      numberDisplayHint: 'currency',
    }),
    prop('description', 'Description', 'string', 'textarea', info),
    prop('about_us', 'About Us', 'string', 'textarea', info),
    prop('founded_year', 'Year Founded', 'string', 'text', info),
    prop('is_public', 'Is Public', 'bool', 'booleancheckbox', info),
    prop('timezone', 'Time Zone', 'string', 'text', info),
    prop('linkedin_company_page', 'LinkedIn Company Page', 'string', 'text', 'socialmediainformation'),
    prop('twitterhandle', 'Twitter Handle', 'string', 'text', 'socialmediainformation'),
    prop('facebook_company_page', 'Facebook Company Page', 'string', 'text', 'socialmediainformation'),
    prop('hs_logo_url', 'Logo URL', 'string', 'text', info),
    prop('web_technologies', 'Web Technologies', 'enumeration', 'checkbox', info, {
      choices: WEB_TECHNOLOGIES,
    }),
    prop('lifecyclestage', 'Lifecycle Stage', 'enumeration', 'radio', info, { choices: LIFECYCLE_STAGES }),
    prop('hs_lead_status', 'Lead Status', 'enumeration', 'radio', info, { choices: LEAD_STATUSES }),
    { ...ownerProperty(info), label: 'Company owner' },
    prop('closedate', 'Close Date', 'datetime', 'date', info),
    prop('first_contact_createdate', 'First Contact Create Date', 'datetime', 'date', info, CALCULATED),
    prop('hs_last_open_task_date', 'Last open task date', 'date', 'date', 'company_activity', CALCULATED),
    prop('total_revenue', 'Total Revenue', 'number', 'calculation_equation', info, {
      ...CALCULATED,
      showCurrencySymbol: true,
    }),
    prop('hs_num_open_deals', 'Number of open deals', 'number', 'number', 'company_activity', CALCULATED),
    ...systemProperties(info, 'hs_lastmodifieddate'),
  ];
}

function groups(list: ReadonlyArray<readonly [string, string]>): PropertyGroupDefinition[] {
  return list.map(([name, label], displayOrder) => ({ name, label, displayOrder, archived: false }));
}

export function defaultGroups(type: ObjectTypeName): PropertyGroupDefinition[] {
  return type === 'contacts'
    ? groups([
        ['contactinformation', 'Contact information'],
        ['emailinformation', 'Email information'],
        ['sales_properties', 'Sales properties'],
        ['contact_activity', 'Contact activity'],
        ['analyticsinformation', 'Web analytics history'],
        ['social_media_information', 'Social Media Information'],
      ])
    : groups([
        ['companyinformation', 'Company information'],
        ['company_activity', 'Company activity'],
        ['socialmediainformation', 'Social media information'],
        ['analyticsinformation', 'Web analytics history'],
      ]);
}

export function defaultProperties(type: ObjectTypeName): PropertyDefinition[] {
  return type === 'contacts' ? contactProperties() : companyProperties();
}
