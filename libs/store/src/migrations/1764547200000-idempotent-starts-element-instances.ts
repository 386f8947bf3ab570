import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * - `idempotent_starts`: a start sent with an `Idempotency-Key` header records its instance in the start's own
 *   statement, so a retried start finds the first instance instead of creating a second (keys are kept for a day);
 * - `element_instances`: the element instances that are active now (a view over the history's open activity
 *   instances, which the runtime writes in the same transaction as the state), so they are queryable without a
 *   second copy written on every step;
 * - `decision_definitions.version_tag`: `camunda:versionTag` of a decision, for `decisionRefBinding="versionTag"`.
 */
export class IdempotentStartsElementInstances1764547200000 implements MigrationInterface {
  name = 'IdempotentStartsElementInstances1764547200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE idempotent_starts (
        tenant_id text NOT NULL DEFAULT '',
        key text NOT NULL,
        process_instance_id text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, key)
      )`,
      `CREATE INDEX idempotent_starts_created ON idempotent_starts (created_at)`,
      `CREATE VIEW element_instances AS
        SELECT id, tenant_id, process_instance_id, definition_id, activity_id AS element_id,
          activity_type AS element_type, parent_activity_instance_id AS parent_element_instance_id, started_at
        FROM history_activity_instances WHERE ended_at IS NULL`,
      `ALTER TABLE decision_definitions ADD COLUMN version_tag text`,
    ];
    for (const statement of statements) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE decision_definitions DROP COLUMN version_tag`);
    await queryRunner.query(`DROP VIEW element_instances`);
    await queryRunner.query(`DROP TABLE idempotent_starts`);
  }
}
