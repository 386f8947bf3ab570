import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What Camunda 7's message correlation and incident history need beyond the initial schema:
 * - a buffered message (`POST /message` with `timeToLive`) keeps everything it is matched by — the process
 *   instance it names, the values the instance's process variables (`correlationKeys`) and the waiting scope's
 *   local variables (`localCorrelationKeys`) must have — and the local variables it sets (`processVariablesLocal`);
 * - an incident, open or in history, records the job that failed and its kind (a failed external task is Camunda's
 *   `failedExternalTask`, any other job `failedJob`); the history also keeps the definition, the element instance
 *   (Camunda's execution) and whether the incident was deleted with its activity or instance rather than resolved.
 */
export class MessageBufferAndIncidentHistory1764547200002 implements MigrationInterface {
  name = 'MessageBufferAndIncidentHistory1764547200002';

  async up(queryRunner: QueryRunner): Promise<void> {
    const statements = [
      `ALTER TABLE buffered_messages
         ADD COLUMN process_instance_id text,
         ADD COLUMN correlation_variables jsonb,
         ADD COLUMN local_correlation_variables jsonb,
         ADD COLUMN local_variables jsonb`,
      `ALTER TABLE incidents ADD COLUMN job_kind text`,
      `ALTER TABLE history_incidents
         ADD COLUMN process_definition_id text,
         ADD COLUMN element_instance_key text,
         ADD COLUMN job_id text,
         ADD COLUMN job_kind text,
         ADD COLUMN deleted boolean NOT NULL DEFAULT false`,
    ];
    for (const statement of statements) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const statements = [
      `ALTER TABLE history_incidents
         DROP COLUMN deleted, DROP COLUMN job_kind, DROP COLUMN job_id, DROP COLUMN element_instance_key,
         DROP COLUMN process_definition_id`,
      `ALTER TABLE incidents DROP COLUMN job_kind`,
      `ALTER TABLE buffered_messages
         DROP COLUMN local_variables, DROP COLUMN local_correlation_variables, DROP COLUMN correlation_variables,
         DROP COLUMN process_instance_id`,
    ];
    for (const statement of statements) await queryRunner.query(statement);
  }
}
