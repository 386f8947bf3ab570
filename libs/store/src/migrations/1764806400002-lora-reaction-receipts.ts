import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The LoRA notifications whose message correlation the engine has done (apps/engine's LoRA reactions): RabbitMQ
 * delivers at least once, so a notification delivered again finds its receipt and is not correlated twice. A receipt
 * is written in a transaction held open around the correlation and committed after it; kept for a day (older ones
 * are deleted by the consumer; by then RabbitMQ has long stopped redelivering).
 */
export class LoraReactionReceipts1764806400002 implements MigrationInterface {
  name = 'LoraReactionReceipts1764806400002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE lora_reaction_receipts (
      tenant_id text NOT NULL DEFAULT '',
      key text NOT NULL,
      received_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (tenant_id, key)
    )`);
    await queryRunner.query(
      `CREATE INDEX lora_reaction_receipts_received ON lora_reaction_receipts (received_at)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE lora_reaction_receipts`);
  }
}
