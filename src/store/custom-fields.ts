// Which Thena custom field holds each selected HubSpot property, once created.
import type { Kysely } from 'kysely';
import type { Clock } from '../sync/clock.ts';
import type { ObjectType } from '../sync/model.ts';
import type { Database } from './schema.ts';

export interface CustomFieldMapping {
  hubspotProperty: string;
  thenaFieldId: string;
  thenaFieldType: string;
}

export class CustomFieldMapStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  async list(installationId: string, objectType: ObjectType): Promise<CustomFieldMapping[]> {
    const rows = await this.db
      .selectFrom('custom_field_map')
      .select(['hubspot_property', 'thena_field_id', 'thena_field_type'])
      .where('installation_id', '=', installationId)
      .where('object_type', '=', objectType)
      .orderBy('hubspot_property')
      .execute();
    return rows.map((r) => ({
      hubspotProperty: r.hubspot_property,
      thenaFieldId: r.thena_field_id,
      thenaFieldType: r.thena_field_type,
    }));
  }

  async put(installationId: string, objectType: ObjectType, mapping: CustomFieldMapping): Promise<void> {
    await this.db
      .insertInto('custom_field_map')
      .values({
        installation_id: installationId,
        object_type: objectType,
        hubspot_property: mapping.hubspotProperty,
        thena_field_id: mapping.thenaFieldId,
        thena_field_type: mapping.thenaFieldType,
        created_at: this.clock.now(),
      })
      .onConflict((oc) =>
        oc.columns(['installation_id', 'object_type', 'hubspot_property']).doUpdateSet({
          thena_field_id: mapping.thenaFieldId,
          thena_field_type: mapping.thenaFieldType,
        }),
      )
      .execute();
  }
}
