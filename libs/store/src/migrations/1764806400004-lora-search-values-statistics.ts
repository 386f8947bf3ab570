import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A LoRA search condition is (kind, name, value) together, and the three are far from independent: a relation
 * `tilhoerer` to the organisation holds for most brugere, yet PostgreSQL, multiplying the three columns'
 * selectivities, took it for a few hundred rows and fetched and sorted every match of a paged search (a second at
 * 100,000 objects) instead of walking the current registrations in search order. Multivariate most-common-values
 * statistics on the three give it the real frequency of the common conditions.
 */
export class LoraSearchValuesStatistics1764806400004 implements MigrationInterface {
  name = 'LoraSearchValuesStatistics1764806400004';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE STATISTICS lora_search_values_condition (mcv) ON kind, name, value FROM lora_search_values`,
    );
    await queryRunner.query(`ANALYZE lora_search_values`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP STATISTICS lora_search_values_condition`);
  }
}
