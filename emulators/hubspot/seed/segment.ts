// A block of seeded records held as a formula, not as data: record `index` of the block has id
// `baseId + index`, and each of its property values is computed from (seed, ordinal, property)
// when read. A million seeded contacts therefore cost a few numbers of memory; a record is only
// copied into real storage the first time something writes to it.
import type { ObjectTypeName } from '../crm/object-types.ts';
import { isoDate, isoDateTime } from '../properties/dates.ts';
import type { ChangeSource, HistoryEntry, RecordView } from '../state/records.ts';
import { CHANNELS, INTERESTS, TIERS } from './custom-properties.ts';
import { hash, pick } from './hash.ts';
import {
  COMPANY_NOUNS,
  COMPANY_PREFIXES,
  COMPANY_SUFFIXES,
  FIRST_NAMES,
  FREE_MAIL,
  JOB_TITLES,
  LAST_NAMES,
  PLACES,
  TLDS,
} from './words.ts';

export interface SegmentSpec {
  type: ObjectTypeName;
  baseId: number;
  count: number;
  /** Position of the first record among all seeded records of this type (keeps emails unique). */
  ordinalBase: number;
  seed: number;
  seededAt: number;
  /** Creation dates spread over this span before `seededAt`. */
  spanMs: number;
  owners: ReadonlyArray<{ ownerId: string; userId: number }>;
  customProperties: boolean;
  /** Contacts only: the company block their associations and email domains come from. */
  companies?: SeedSegment;
}

const IMPORT: ChangeSource = { sourceType: 'IMPORT' };
const CALCULATED: ChangeSource = { sourceType: 'CALCULATED' };
const DAY = 86_400_000;

const enum Salt {
  First = 1,
  Last,
  Mail,
  Phone,
  Mobile,
  Title,
  Place,
  Stage,
  Lead,
  Owner,
  Role,
  Lang,
  Birth,
  Created,
  Modified,
  Assoc,
  Assoc2,
  Prefix,
  Noun,
  Suffix,
  Tld,
  Domain,
  Industry,
  CompanyType,
  Employees,
  Revenue,
  Described,
  Founded,
  Public,
  Tech,
  Tier,
  Interests,
  Channel,
  Newsletter,
  Score,
  Vip,
  Renewal,
  Review,
  Notes,
  Ref,
  SupportPhone,
  File,
  Html,
}

const STAGES = [
  'subscriber',
  'lead',
  'lead',
  'lead',
  'lead',
  'marketingqualifiedlead',
  'marketingqualifiedlead',
  'salesqualifiedlead',
  'opportunity',
  'customer',
  'customer',
  'evangelist',
] as const;
const LEAD_STATUSES = [
  'NEW',
  'OPEN',
  'IN_PROGRESS',
  'OPEN_DEAL',
  'UNQUALIFIED',
  'ATTEMPTED_TO_CONTACT',
  'CONNECTED',
];
const ROLES = ['DECISION_MAKER', 'BUDGET_HOLDER', 'CHAMPION', 'END_USER', 'INFLUENCER'];
const LANGS = ['en', 'en', 'en', 'de', 'fr', 'es', 'pt-br', 'ja'];
const INDUSTRY_VALUES = [
  'COMPUTER_SOFTWARE',
  'INTERNET',
  'FINANCIAL_SERVICES',
  'HOSPITAL_HEALTH_CARE',
  'RETAIL',
  'MARKETING_AND_ADVERTISING',
  'INFORMATION_TECHNOLOGY_AND_SERVICES',
  'LOGISTICS_AND_SUPPLY_CHAIN',
  'E_LEARNING',
  'TELECOMMUNICATIONS',
];
const COMPANY_TYPES = ['PROSPECT', 'PROSPECT', 'PARTNER', 'RESELLER', 'VENDOR', 'OTHER'];
const TECH = [
  'google_analytics',
  'hubspot',
  'intercom',
  'salesforce',
  'shopify',
  'stripe',
  'wordpress',
  'zendesk',
];

const CONTACT_NAMES = [
  'firstname',
  'lastname',
  'email',
  'phone',
  'mobilephone',
  'jobtitle',
  'city',
  'state',
  'zip',
  'country',
  'company',
  'lifecyclestage',
  'hs_lead_status',
  'hubspot_owner_id',
  'hs_buying_role',
  'hs_language',
  'date_of_birth',
  'hs_email_domain',
];
const COMPANY_NAMES = [
  'name',
  'domain',
  'website',
  'phone',
  'city',
  'state',
  'zip',
  'country',
  'industry',
  'type',
  'numberofemployees',
  'annualrevenue',
  'description',
  'founded_year',
  'is_public',
  'lifecyclestage',
  'hubspot_owner_id',
  'web_technologies',
];
const CUSTOM_NAMES = [
  'customer_tier',
  'product_interests',
  'preferred_channel',
  'newsletter_opt_in',
  'health_score',
  'is_vip',
  'renewal_date',
  'last_review_at',
  'account_notes',
  'external_ref',
  'support_phone',
  'contract_file',
  'profile_html',
];
const SYSTEM_NAMES = ['hs_object_id', 'createdate', 'hs_object_source'];

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]/g, '');
}

export class SeedSegment {
  readonly endId: number;
  readonly firstCreatedAt: number;
  readonly stepMs: number;
  private readonly names: string[];

  constructor(readonly spec: SegmentSpec) {
    this.endId = spec.baseId + spec.count;
    this.stepMs = Math.max(1, Math.floor(spec.spanMs / Math.max(1, spec.count)));
    this.firstCreatedAt = spec.seededAt - spec.spanMs;
    const lastModified =
      spec.type === 'contacts' ? ['lastmodifieddate', 'hs_lastmodifieddate'] : ['hs_lastmodifieddate'];
    this.names = [
      ...(spec.type === 'contacts' ? CONTACT_NAMES : COMPANY_NAMES),
      ...(spec.customProperties ? CUSTOM_NAMES : []),
      ...SYSTEM_NAMES,
      ...lastModified,
    ];
  }

  get baseId(): number {
    return this.spec.baseId;
  }

  contains(id: number): boolean {
    return id >= this.spec.baseId && id < this.endId;
  }

  /** Latest last-modified instant of any record of the block (search uses it to skip the block). */
  get maxModifiedAt(): number {
    return this.spec.seededAt;
  }

  createdAt(index: number): number {
    return (
      this.firstCreatedAt + index * this.stepMs + (hash(this.spec.seed, index, Salt.Created) % this.stepMs)
    );
  }

  modifiedAt(index: number): number {
    const created = this.createdAt(index);
    const room = this.spec.seededAt - created;
    return room <= 0 ? created : created + (hash(this.spec.seed, index, Salt.Modified) % room);
  }

  view(id: number): RecordView {
    return new SeededRecordView(this, id - this.spec.baseId);
  }

  propertyNames(index: number): string[] {
    return this.names.filter((name) => this.value(index, name) !== undefined);
  }

  /** The value of one property of record `index`, or undefined when it has none. */
  value(index: number, name: string): string | undefined {
    switch (name) {
      case 'hs_object_id':
        return String(this.spec.baseId + index);
      case 'createdate':
        return isoDateTime(this.createdAt(index));
      case 'lastmodifieddate':
        return this.spec.type === 'contacts' ? isoDateTime(this.modifiedAt(index)) : undefined;
      case 'hs_lastmodifieddate':
        return isoDateTime(this.modifiedAt(index));
      case 'hs_object_source':
        return 'IMPORT';
      default:
        if (this.spec.customProperties && CUSTOM_NAMES.includes(name)) return this.customValue(index, name);
        return this.spec.type === 'contacts'
          ? this.contactValue(index, name)
          : this.companyValue(index, name);
    }
  }

  history(index: number, name: string): HistoryEntry[] {
    const value = this.value(index, name);
    if (value === undefined) return [];
    const created = this.createdAt(index);
    if (name === 'lastmodifieddate' || name === 'hs_lastmodifieddate') {
      return [{ value, timestamp: this.modifiedAt(index), source: CALCULATED }];
    }
    if (name === 'hs_object_id') return [{ value, timestamp: created, source: CALCULATED }];
    const modified = this.modifiedAt(index);
    if (name === 'lifecyclestage' && modified - created > DAY) {
      // The record was touched by a person in HubSpot after the import: the stage moved.
      const owner = this.owner(index);
      const source: ChangeSource = owner
        ? { sourceType: 'CRM_UI', sourceId: `userId:${owner.userId}`, updatedByUserId: owner.userId }
        : { sourceType: 'CRM_UI' };
      return [
        { value, timestamp: modified, source },
        { value: 'subscriber', timestamp: created, source: IMPORT },
      ];
    }
    return [{ value, timestamp: created, source: IMPORT }];
  }

  /** Finds the record whose unique property `name` has `value` (email, external_ref). */
  locate(name: string, value: string): number | undefined {
    let ordinal: number | undefined;
    if (name === 'email' && this.spec.type === 'contacts') {
      const match = /^[a-z]+\.[a-z]+(\d+)@/.exec(value);
      ordinal = match ? Number(match[1]) : undefined;
    } else if (name === 'external_ref' && this.spec.customProperties) {
      const match = /^EXT-[A-Z]+-(\d+)$/.exec(value);
      ordinal = match ? Number(match[1]) : undefined;
    }
    if (ordinal === undefined) return undefined;
    const index = ordinal - this.spec.ordinalBase;
    if (index < 0 || index >= this.spec.count) return undefined;
    return this.value(index, name) === value ? index : undefined;
  }

  // ---- associations (contact blocks linked to a company block) ----

  /** Index in the company block of this contact's primary company, or -1. */
  primaryCompany(index: number): number {
    const companies = this.spec.companies;
    if (!companies || companies.spec.count === 0) return -1;
    return hash(this.spec.seed, index, Salt.Assoc) % 10 < 8 ? index % companies.spec.count : -1;
  }

  /** Index of a second, unlabeled company for one contact in twenty, or -1. */
  secondaryCompany(index: number): number {
    const companies = this.spec.companies;
    if (!companies || companies.spec.count < 2 || this.primaryCompany(index) < 0) return -1;
    return hash(this.spec.seed, index, Salt.Assoc2) % 20 === 0 ? (index + 1) % companies.spec.count : -1;
  }

  /** The contacts of this block associated with company `companyIndex`, by inverting the formulas. */
  contactsOfCompany(companyIndex: number): Array<{ index: number; primary: boolean }> {
    const companies = this.spec.companies;
    if (!companies) return [];
    const m = companies.spec.count;
    const found: Array<{ index: number; primary: boolean }> = [];
    for (let i = companyIndex; i < this.spec.count; i += m) {
      if (this.primaryCompany(i) === companyIndex) found.push({ index: i, primary: true });
    }
    for (let i = (companyIndex - 1 + m) % m; i < this.spec.count; i += m) {
      if (this.secondaryCompany(i) === companyIndex) found.push({ index: i, primary: false });
    }
    return found.sort((a, b) => a.index - b.index);
  }

  // ---- value formulas ----

  private h(index: number, salt: Salt): number {
    return hash(this.spec.seed, index, salt);
  }

  private ordinal(index: number): number {
    return this.spec.ordinalBase + index;
  }

  private owner(index: number): { ownerId: string; userId: number } | undefined {
    const owners = this.spec.owners;
    if (owners.length === 0 || this.h(index, Salt.Owner) % 10 >= 7) return undefined;
    return pick(owners, this.h(index, Salt.Owner) >>> 4);
  }

  private place(index: number): readonly [string, string, string, string] | undefined {
    const n = this.h(index, Salt.Place);
    return n % 10 < 7 ? pick(PLACES, n >>> 4) : undefined;
  }

  private contactValue(index: number, name: string): string | undefined {
    const first = pick(FIRST_NAMES, this.h(index, Salt.First));
    const last = pick(LAST_NAMES, this.h(index, Salt.Last));
    switch (name) {
      case 'firstname':
        return first;
      case 'lastname':
        return last;
      case 'email':
        return this.h(index, Salt.Mail) % 100 < 97
          ? `${slug(first)}.${slug(last)}${this.ordinal(index)}@${this.mailDomain(index)}`
          : undefined;
      case 'hs_email_domain':
        return this.value(index, 'email') === undefined ? undefined : this.mailDomain(index);
      case 'phone':
        return this.phone(index, Salt.Phone, 60);
      case 'mobilephone':
        return this.phone(index, Salt.Mobile, 30);
      case 'jobtitle':
        return this.h(index, Salt.Title) % 4 === 0
          ? undefined
          : pick(JOB_TITLES, this.h(index, Salt.Title) >>> 3);
      case 'city':
        return this.place(index)?.[0];
      case 'state':
        return this.place(index)?.[1];
      case 'zip': {
        const place = this.place(index);
        return place ? `${place[2]}${String(this.h(index, Salt.Place) % 100).padStart(2, '0')}` : undefined;
      }
      case 'country':
        return this.place(index)?.[3];
      case 'company': {
        const company = this.primaryCompany(index);
        return company < 0 ? undefined : this.spec.companies?.value(company, 'name');
      }
      case 'lifecyclestage':
        return this.h(index, Salt.Stage) % 10 === 0
          ? undefined
          : pick(STAGES, this.h(index, Salt.Stage) >>> 4);
      case 'hs_lead_status':
        return this.h(index, Salt.Lead) % 2 === 0
          ? pick(LEAD_STATUSES, this.h(index, Salt.Lead) >>> 3)
          : undefined;
      case 'hubspot_owner_id':
        return this.owner(index)?.ownerId;
      case 'hs_buying_role': {
        const n = this.h(index, Salt.Role);
        if (n % 10 !== 0) return undefined;
        const a = pick(ROLES, n >>> 4);
        const b = pick(ROLES, n >>> 8);
        return a === b ? a : `${a};${b}`;
      }
      case 'hs_language':
        return this.h(index, Salt.Lang) % 10 < 3 ? pick(LANGS, this.h(index, Salt.Lang) >>> 4) : undefined;
      case 'date_of_birth': {
        const n = this.h(index, Salt.Birth);
        return n % 20 === 0 ? isoDate(Date.UTC(1960, 0, 1) + (n % 14_000) * DAY) : undefined;
      }
      default:
        return undefined;
    }
  }

  private mailDomain(index: number): string {
    const company = this.primaryCompany(index);
    const domain = company < 0 ? undefined : this.spec.companies?.value(company, 'domain');
    return domain ?? pick(FREE_MAIL, this.h(index, Salt.Mail) >>> 7);
  }

  private phone(index: number, salt: Salt, percent: number): string | undefined {
    const n = this.h(index, salt);
    if (n % 100 >= percent) return undefined;
    return `+1 (555) ${String(100 + (n % 900)).padStart(3, '0')}-${String((n >>> 10) % 10_000).padStart(4, '0')}`;
  }

  private companyValue(index: number, name: string): string | undefined {
    switch (name) {
      case 'name':
        return `${pick(COMPANY_PREFIXES, this.h(index, Salt.Prefix))} ${pick(COMPANY_NOUNS, this.h(index, Salt.Noun))} ${pick(COMPANY_SUFFIXES, this.h(index, Salt.Suffix))}`;
      case 'domain': {
        if (this.h(index, Salt.Domain) % 20 === 0) return undefined;
        const base = `${pick(COMPANY_PREFIXES, this.h(index, Salt.Prefix))}${pick(COMPANY_NOUNS, this.h(index, Salt.Noun))}`;
        return `${slug(base)}${this.ordinal(index)}.${pick(TLDS, this.h(index, Salt.Tld))}`;
      }
      case 'website': {
        const domain = this.companyValue(index, 'domain');
        return domain ? `https://www.${domain}` : undefined;
      }
      case 'phone':
        return this.phone(index, Salt.Phone, 70);
      case 'city':
        return this.place(index)?.[0];
      case 'state':
        return this.place(index)?.[1];
      case 'zip': {
        const place = this.place(index);
        return place ? `${place[2]}${String(this.h(index, Salt.Place) % 100).padStart(2, '0')}` : undefined;
      }
      case 'country':
        return this.place(index)?.[3];
      case 'industry':
        return this.h(index, Salt.Industry) % 20 < 17
          ? pick(INDUSTRY_VALUES, this.h(index, Salt.Industry) >>> 5)
          : undefined;
      case 'type':
        return this.h(index, Salt.CompanyType) % 10 < 6
          ? pick(COMPANY_TYPES, this.h(index, Salt.CompanyType) >>> 4)
          : undefined;
      case 'numberofemployees': {
        const n = this.h(index, Salt.Employees);
        return n % 10 < 8 ? String(Math.round(5 * Math.pow(10, ((n >>> 4) % 4000) / 1000))) : undefined;
      }
      case 'annualrevenue': {
        const n = this.h(index, Salt.Revenue);
        return n % 10 < 6 ? String(100_000 * (1 + ((n >>> 4) % 5000))) : undefined;
      }
      case 'description': {
        const n = this.h(index, Salt.Described);
        if (n % 10 >= 4) return undefined;
        return `${this.companyValue(index, 'name') ?? 'The company'} builds ${pick(COMPANY_NOUNS, n >>> 4).toLowerCase()} products for ${pick(
          INDUSTRY_VALUES,
          n >>> 9,
        )
          .toLowerCase()
          .replace(/_/g, ' ')} teams.`;
      }
      case 'founded_year': {
        const n = this.h(index, Salt.Founded);
        return n % 2 === 0 ? String(1950 + (n % 74)) : undefined;
      }
      case 'is_public': {
        const n = this.h(index, Salt.Public);
        return n % 10 < 4 ? String(n % 7 === 0) : undefined;
      }
      case 'lifecyclestage':
        return this.h(index, Salt.Stage) % 5 === 0
          ? undefined
          : pick(STAGES, this.h(index, Salt.Stage) >>> 4);
      case 'hubspot_owner_id':
        return this.owner(index)?.ownerId;
      case 'web_technologies': {
        const n = this.h(index, Salt.Tech);
        if (n % 10 >= 3) return undefined;
        const picked = [...new Set([pick(TECH, n >>> 4), pick(TECH, n >>> 8), pick(TECH, n >>> 12)])];
        return picked.join(';');
      }
      default:
        return undefined;
    }
  }

  private customValue(index: number, name: string): string | undefined {
    const chance = (salt: Salt, percent: number): number | undefined => {
      const n = this.h(index, salt);
      return n % 100 < percent ? n : undefined;
    };
    switch (name) {
      case 'customer_tier': {
        const n = chance(Salt.Tier, 70);
        return n === undefined ? undefined : pick(TIERS, n >>> 7);
      }
      case 'product_interests': {
        const n = chance(Salt.Interests, 50);
        if (n === undefined) return undefined;
        return [
          ...new Set([pick(INTERESTS, n >>> 7), pick(INTERESTS, n >>> 11), pick(INTERESTS, n >>> 15)]),
        ].join(';');
      }
      case 'preferred_channel': {
        const n = chance(Salt.Channel, 40);
        return n === undefined ? undefined : pick(CHANNELS, n >>> 7);
      }
      case 'newsletter_opt_in': {
        const n = chance(Salt.Newsletter, 60);
        return n === undefined ? undefined : String(n % 3 !== 0);
      }
      case 'health_score': {
        const n = chance(Salt.Score, 65);
        if (n === undefined) return undefined;
        const score = (n >>> 7) % 1001;
        return score % 10 === 0 ? String(score / 10) : (score / 10).toFixed(1);
      }
      case 'is_vip': {
        const n = chance(Salt.Vip, 50);
        return n === undefined ? undefined : String(n % 5 === 0);
      }
      case 'renewal_date': {
        const n = chance(Salt.Renewal, 45);
        if (n === undefined) return undefined;
        const day = Math.floor(this.spec.seededAt / DAY) - 365 + ((n >>> 7) % 730);
        return isoDate(day * DAY);
      }
      case 'last_review_at': {
        const n = chance(Salt.Review, 45);
        if (n === undefined) return undefined;
        const created = this.createdAt(index);
        return isoDateTime(created + ((n >>> 7) % Math.max(1, this.spec.seededAt - created)));
      }
      case 'account_notes': {
        const n = chance(Salt.Notes, 25);
        return n === undefined
          ? undefined
          : `Prefers ${pick(CHANNELS, n >>> 7)}; interested in ${pick(INTERESTS, n >>> 11)}.`;
      }
      case 'external_ref':
        return this.h(index, Salt.Ref) % 5 === 0
          ? undefined
          : `EXT-${this.spec.type === 'contacts' ? 'CT' : 'CO'}-${this.ordinal(index)}`;
      case 'support_phone': {
        return this.phone(index, Salt.SupportPhone, 20);
      }
      case 'contract_file': {
        const n = chance(Salt.File, 10);
        return n === undefined ? undefined : `https://files.example.com/contracts/${this.ordinal(index)}.pdf`;
      }
      case 'profile_html': {
        const n = chance(Salt.Html, 10);
        return n === undefined ? undefined : `<p>Key account since <strong>${1990 + (n % 34)}</strong>.</p>`;
      }
      default:
        return undefined;
    }
  }
}

/** A seeded record that has never been written, read straight from its block's formulas. */
class SeededRecordView implements RecordView {
  readonly archived = false;
  readonly archivedAt = undefined;

  constructor(
    private readonly segment: SeedSegment,
    private readonly index: number,
  ) {}

  get id(): number {
    return this.segment.baseId + this.index;
  }

  get createdAt(): number {
    return this.segment.createdAt(this.index);
  }

  get updatedAt(): number {
    return this.segment.modifiedAt(this.index);
  }

  value(name: string): string | undefined {
    return this.segment.value(this.index, name);
  }

  history(name: string): readonly HistoryEntry[] {
    return this.segment.history(this.index, name);
  }

  propertyNames(): string[] {
    return this.segment.propertyNames(this.index);
  }
}
