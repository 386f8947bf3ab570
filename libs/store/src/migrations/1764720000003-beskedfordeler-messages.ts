import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Haendelsesbeskeder the Beskedfordeler consumer has handled, per tenant and BeskedId: written in the transaction
 * that starts or correlates the process, so a message delivered again (after a lost ack, a reconnect) is recognised
 * and acknowledged without being handled twice.
 */
export class BeskedfordelerMessages1764720000003 implements MigrationInterface {
  name = 'BeskedfordelerMessages1764720000003';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE beskedfordeler_messages (
      tenant_id text NOT NULL DEFAULT '',
      besked_id text NOT NULL,
      beskedtype text NOT NULL,
      handled_as text NOT NULL,
      process_instance_id text,
      received_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (tenant_id, besked_id)
    )`);
    await queryRunner.query(
      `CREATE INDEX beskedfordeler_messages_received ON beskedfordeler_messages (received_at)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE beskedfordeler_messages`);
  }
}
