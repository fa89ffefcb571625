// Which HubSpot value kinds can live in which Thena field types, and in which directions; and the
// field type a new Thena custom field gets for a HubSpot property.
import { isChoiceKind, valueKind, type HubSpotProperty, type ValueKind } from './properties.ts';
import type { ThenaFieldType } from './thena-fields.ts';

const NATURAL_TYPE: Record<ValueKind, ThenaFieldType> = {
  text: 'single_line',
  long_text: 'multi_line',
  html: 'rich_text',
  phone: 'phone_number',
  email: 'email',
  number: 'decimal',
  date: 'date',
  datetime: 'date_time',
  bool: 'checkbox',
  single_choice: 'single_choice',
  radio: 'radio_button',
  multi_choice: 'multi_choice',
  file: 'url',
};

/** The Thena custom field type created for a HubSpot property. */
export function thenaFieldTypeFor(p: HubSpotProperty): ThenaFieldType {
  const kind = valueKind(p);
  if (kind === 'number' && p.showCurrencySymbol === true) return 'currency';
  // Owner-like options live outside the property (and change with the portal's users): a Thena
  // choice field could not list them, so their values are shown as text.
  if (isChoiceKind(kind) && p.externalOptions === true) return 'single_line';
  return NATURAL_TYPE[kind];
}

// Pairs whose values survive the trip both ways, after HubSpot Data Sync's compatibility table
// (text<->text, number<->number, date<->date/datetime, checkbox<->boolean, choice<->choice).
const TWO_WAY: Record<ValueKind, readonly ThenaFieldType[]> = {
  text: ['single_line', 'multi_line', 'rich_text', 'email', 'phone_number', 'url', 'time'],
  long_text: ['multi_line', 'rich_text', 'single_line'],
  html: ['rich_text', 'multi_line'],
  phone: ['phone_number', 'single_line'],
  email: ['email', 'single_line'],
  file: [],
  number: ['decimal', 'currency', 'integer'],
  date: ['date', 'date_time'],
  datetime: ['date_time', 'date'],
  bool: ['checkbox'],
  single_choice: ['single_choice', 'radio_button'],
  radio: ['radio_button', 'single_choice'],
  multi_choice: ['multi_choice'],
};

// A typed value can always be shown as text in Thena; text edited in Thena cannot be trusted to
// parse back into the typed property, so these pairs are HubSpot -> Thena only. File properties
// hold HubSpot file references: Thena can show the link, but a link cannot become a HubSpot file.
const AS_TEXT: readonly ThenaFieldType[] = ['single_line', 'multi_line', 'rich_text'];
const ONE_WAY: Partial<Record<ValueKind, readonly ThenaFieldType[]>> = {
  number: AS_TEXT,
  date: AS_TEXT,
  datetime: AS_TEXT,
  bool: AS_TEXT,
  single_choice: AS_TEXT,
  radio: AS_TEXT,
  multi_choice: AS_TEXT,
  file: ['url', ...AS_TEXT],
};

export type ConversionSupport = 'two_way' | 'to_thena_only' | 'none';

export function conversionSupport(kind: ValueKind, fieldType: ThenaFieldType): ConversionSupport {
  if (TWO_WAY[kind].includes(fieldType)) return 'two_way';
  if (ONE_WAY[kind]?.includes(fieldType) === true) return 'to_thena_only';
  return 'none';
}
