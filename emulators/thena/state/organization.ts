// One Thena organization: its people, its picklists, its records and our app's installation.
import { AccountTable } from './account-table.ts';
import type { AttributeTable } from './attributes.ts';
import { ContactTable } from './contact-table.ts';
import { CustomFieldTable } from './custom-fields.ts';

export interface OrgUser {
  id: string;
  name: string;
  email: string;
  avatarUrl: string | null;
}

/** Who made a change, as platform events report it. */
export interface Actor {
  id: string;
  type: string;
  email: string | null;
}

export interface Installation {
  id: string;
  botId: string;
  botToken: string;
  teamIds: string[];
  configuration: {
    required_settings: Record<string, unknown>;
    optional_settings: Record<string, unknown>;
  };
  installedBy: string;
  createdAt: number;
}

export class Organization {
  readonly id: string;
  readonly name: string;
  readonly teamIds: string[];
  /** The human who installed the app; user-style changes are made in their name. */
  readonly admin: OrgUser;
  readonly users = new Map<string, OrgUser>();
  readonly attributes: AttributeTable;
  readonly accounts = new AccountTable();
  readonly contacts = new ContactTable();
  readonly customFields = new CustomFieldTable();
  installation: Installation | undefined;

  constructor(input: {
    id: string;
    name: string;
    teamIds: string[];
    admin: OrgUser;
    attributes: AttributeTable;
  }) {
    this.id = input.id;
    this.name = input.name;
    this.teamIds = input.teamIds;
    this.admin = input.admin;
    this.users.set(input.admin.id, input.admin);
    this.attributes = input.attributes;
  }

  userActor(user: OrgUser = this.admin): Actor {
    return { id: user.id, type: 'AGENT', email: user.email };
  }

  /** The app's bot as actor; only meaningful while the app is installed. */
  botActor(): Actor {
    return { id: this.installation?.botId ?? 'unknown-bot', type: 'BOT', email: null };
  }
}
