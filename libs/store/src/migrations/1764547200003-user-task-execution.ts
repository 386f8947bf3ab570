import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * User tasks for Camunda's task API:
 * - `element_instance_key`: the user task's element instance, which Camunda calls the task's `executionId`;
 * - `updated_at`: when a caseworker last changed the task (claim, unclaim, assignee), Camunda's `lastUpdated`;
 * - GIN indexes on the candidate lists, for `candidateGroup`/`candidateGroups`/`candidateUser` queries
 *   (`candidate_groups ? 'social'`).
 */
export class UserTaskExecution1764547200003 implements MigrationInterface {
  name = 'UserTaskExecution1764547200003';

  async up(queryRunner: QueryRunner): Promise<void> {
    const statements = [
      `ALTER TABLE user_tasks ADD COLUMN element_instance_key text`,
      `ALTER TABLE user_tasks ADD COLUMN updated_at timestamptz`,
      `CREATE INDEX user_tasks_candidate_groups ON user_tasks USING gin (candidate_groups)`,
      `CREATE INDEX user_tasks_candidate_users ON user_tasks USING gin (candidate_users)`,
    ];
    for (const statement of statements) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX user_tasks_candidate_users`);
    await queryRunner.query(`DROP INDEX user_tasks_candidate_groups`);
    await queryRunner.query(`ALTER TABLE user_tasks DROP COLUMN updated_at`);
    await queryRunner.query(`ALTER TABLE user_tasks DROP COLUMN element_instance_key`);
  }
}
