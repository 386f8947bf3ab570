import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `history_variable_updates.deleted`: an operator removed the variable (`DELETE /process-instance/{id}/variables/{name}`,
 * `deletions` of `POST …/variables`). The row keeps the last value's type and a null value, so the history says when
 * a variable went away, as Camunda's historic variable instances do with their `DELETED` state.
 */
export class HistoryVariableDeletions1764547200001 implements MigrationInterface {
  name = 'HistoryVariableDeletions1764547200001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE history_variable_updates ADD COLUMN deleted boolean NOT NULL DEFAULT false`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE history_variable_updates DROP COLUMN deleted`);
  }
}
