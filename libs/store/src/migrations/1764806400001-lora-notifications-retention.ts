import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Published LoRA notifications are deleted after a retention (libs/lora's publisher, in batches, oldest first): a
 * partial index on `published_at` over the published rows finds the expired ones without reading the outbox whole.
 */
export class LoraNotificationsRetention1764806400001 implements MigrationInterface {
  name = 'LoraNotificationsRetention1764806400001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX lora_notifications_published ON lora_notifications (published_at) WHERE published_at IS NOT NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX lora_notifications_published`);
  }
}
