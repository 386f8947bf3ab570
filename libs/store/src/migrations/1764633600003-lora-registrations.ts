import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The LoRA service's bitemporal store (libs/lora):
 * - `lora_registrations`: one row per registration of an object of any of LoRA's 15 types, with its registration
 *   period (`registered_to` NULL while it is the current one), lifecycle code, note and the whole content
 *   (attributter, tilstande, relationer, varianter) as JSONB; per tenant. One current registration per object
 *   (unique partial index); a GiST index on the registration period for reads at a registration time.
 * - `lora_search_values`: every searchable value of a registration (attribute fields, states, relations, virkning
 *   notes), lower-cased, with its virkning period; a registration's rows never change, so searches at past
 *   registration times use them too. No foreign key: registrations are never deleted (LoRA keeps all history),
 *   and the rows are written in the registration's own transaction. A btree on (name, value) serves equality and prefix patterns, a GiST index
 *   the virkning overlap.
 */
export class LoraRegistrations1764633600003 implements MigrationInterface {
  name = 'LoraRegistrations1764633600003';

  async up(queryRunner: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE lora_registrations (
        id bigserial PRIMARY KEY,
        tenant_id text NOT NULL DEFAULT '',
        object_type text NOT NULL,
        uuid uuid NOT NULL,
        registered_from timestamptz NOT NULL,
        registered_to timestamptz,
        livscykluskode text NOT NULL,
        brugerref text,
        note text,
        content jsonb NOT NULL
      )`,
      `CREATE UNIQUE INDEX lora_registrations_current ON lora_registrations (tenant_id, object_type, uuid)
        WHERE registered_to IS NULL`,
      `CREATE INDEX lora_registrations_object ON lora_registrations (tenant_id, object_type, uuid, registered_from)`,
      `CREATE INDEX lora_registrations_period ON lora_registrations
        USING gist (tstzrange(registered_from, registered_to))`,
      `CREATE TABLE lora_search_values (
        id bigserial PRIMARY KEY,
        tenant_id text NOT NULL DEFAULT '',
        registration_id bigint NOT NULL,
        kind text NOT NULL,
        name text NOT NULL,
        value text NOT NULL,
        objekttype text,
        virkning_from timestamptz,
        virkning_to timestamptz
      )`,
      `CREATE INDEX lora_search_values_registration ON lora_search_values (registration_id)`,
      `CREATE INDEX lora_search_values_lookup ON lora_search_values (kind, name, value text_pattern_ops)`,
      `CREATE INDEX lora_search_values_virkning ON lora_search_values
        USING gist (tstzrange(virkning_from, virkning_to))`,
    ];
    for (const statement of statements) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE lora_search_values`);
    await queryRunner.query(`DROP TABLE lora_registrations`);
  }
}
