import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Camunda's decision requirements definitions (DRDs): a DMN document with more than one decision is deployed as a
 * DRD of its own version, which its decisions name. A document with a single decision has none (Camunda's rule), so
 * both columns stay null. Kept on the decision rows, as a DRD is only ever read with its decisions.
 */
export class DecisionRequirementsDefinitions1764633600001 implements MigrationInterface {
  name = 'DecisionRequirementsDefinitions1764633600001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE decision_definitions ADD COLUMN decision_requirements_id text`);
    await queryRunner.query(
      `ALTER TABLE decision_definitions ADD COLUMN decision_requirements_version integer`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE decision_definitions DROP COLUMN decision_requirements_version`);
    await queryRunner.query(`ALTER TABLE decision_definitions DROP COLUMN decision_requirements_id`);
  }
}
