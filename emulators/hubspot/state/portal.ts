// One HubSpot account ("portal", "hub"): its records, property definitions, associations, users
// and owners, association labels, and the apps installed in it.
import { COMPANIES, CONTACTS, type ObjectTypeInfo, type ObjectTypeName } from '../crm/object-types.ts';
import { indexAll } from '../crm/unique.ts';
import { PropertyRegistry } from '../properties/registry.ts';
import type { PropertyOption } from '../properties/types.ts';
import { AssociationStore } from './associations.ts';
import { ObjectStore } from './object-store.ts';

export interface Owner {
  ownerId: string;
  userId: number;
  firstName: string;
  lastName: string;
  email: string;
}

/** A custom (USER_DEFINED) contact <-> company association label. */
export interface AssociationLabel {
  name: string;
  label: string;
  inverseLabel?: string;
  contactToCompany: number;
  companyToContact: number;
}

const OWNER_NAMES: ReadonlyArray<readonly [string, string]> = [
  ['Riley', 'Morgan'],
  ['Jordan', 'Lee'],
  ['Casey', 'Nguyen'],
  ['Avery', 'Patel'],
  ['Quinn', 'Schmidt'],
];

export class Portal {
  readonly contacts: ObjectStore;
  readonly companies: ObjectStore;
  readonly contactProperties: PropertyRegistry;
  readonly companyProperties: PropertyRegistry;
  readonly associations: AssociationStore;
  readonly installedApps = new Set<number>();
  readonly owners: Owner[];
  readonly labels: AssociationLabel[] = [];
  private nextLabelTypeId = 1001;

  constructor(
    readonly id: number,
    readonly name: string,
    readonly hubDomain: string,
    readonly createdAt: number,
    /** The "private app" whose token `POST /_emulator/portals` hands out. */
    readonly privateAppId: number,
  ) {
    // Ids differ between object types, as in HubSpot, so a company id used as a contact id misses.
    this.contacts = new ObjectStore(CONTACTS, 101);
    this.companies = new ObjectStore(COMPANIES, 50_000_001);
    this.owners = OWNER_NAMES.map(([firstName, lastName], index) => ({
      ownerId: String(70_000_000 + id * 10 + index),
      userId: 9_000_000 + id * 10 + index,
      firstName,
      lastName,
      email: `${firstName.toLowerCase()}.${lastName.toLowerCase()}@${hubDomain}`,
    }));
    const ownerOptions = (): PropertyOption[] =>
      this.owners.map((owner, index) => ({
        label: `${owner.firstName} ${owner.lastName}`,
        value: owner.ownerId,
        hidden: false,
        displayOrder: index,
      }));
    this.contactProperties = new PropertyRegistry('contacts', ownerOptions);
    this.companyProperties = new PropertyRegistry('companies', ownerOptions);
    this.associations = new AssociationStore(this.contacts, this.companies);
    this.contacts.onMaterialize = (record) => indexAll(this, CONTACTS, record);
    this.companies.onMaterialize = (record) => indexAll(this, COMPANIES, record);
  }

  /** The user acting "in the HubSpot UI" when a control call names none. */
  get defaultUserId(): number {
    return (this.owners[0] as Owner).userId;
  }

  store(type: ObjectTypeInfo | ObjectTypeName): ObjectStore {
    const name = typeof type === 'string' ? type : type.name;
    return name === 'contacts' ? this.contacts : this.companies;
  }

  properties(type: ObjectTypeInfo | ObjectTypeName): PropertyRegistry {
    const name = typeof type === 'string' ? type : type.name;
    return name === 'contacts' ? this.contactProperties : this.companyProperties;
  }

  addLabel(label: string, name: string, inverseLabel: string | undefined): AssociationLabel {
    const created: AssociationLabel = {
      name,
      label,
      ...(inverseLabel === undefined ? {} : { inverseLabel }),
      contactToCompany: this.nextLabelTypeId++,
      companyToContact: this.nextLabelTypeId++,
    };
    this.labels.push(created);
    return created;
  }
}
