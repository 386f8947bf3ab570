import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * LoRA searches answer in brugervendtnoegle order (then uuid). Computing each match's key from its search values
 * made a page of a broad search (every bruger of an organisation) sort all matches: about a second at 100,000
 * objects. `lora_registrations.brugervendtnoegle` keeps the key (the least lower-cased brugervendtnoegle of the
 * registration, as the search computed it), written with the registration and filled here for the existing ones;
 * an index over the current registrations in that order lets a page stop after its last row.
 */
export class LoraRegistrationSearchOrder1764806400003 implements MigrationInterface {
  name = 'LoraRegistrationSearchOrder1764806400003';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE lora_registrations ADD COLUMN brugervendtnoegle text`);
    await queryRunner.query(
      `UPDATE lora_registrations r SET brugervendtnoegle = (
         SELECT min(s.value) FROM lora_search_values s
         WHERE s.registration_id = r.id AND s.kind = 'attribut' AND s.name = 'brugervendtnoegle')`,
    );
    await queryRunner.query(
      `CREATE INDEX lora_registrations_current_order ON lora_registrations
         (tenant_id, object_type, brugervendtnoegle, uuid) WHERE registered_to IS NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX lora_registrations_current_order`);
    await queryRunner.query(`ALTER TABLE lora_registrations DROP COLUMN brugervendtnoegle`);
  }
}
