import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The outbox of LoRA change notifications (libs/lora): one row per committed registration, written in the
 * registration's transaction, so a notification exists exactly when its write committed. The publisher sends the
 * unpublished rows to RabbitMQ in id order and sets `published_at` once the broker confirmed them; the partial
 * index keeps finding them cheap however many published rows there are.
 */
export class LoraNotifications1764720000001 implements MigrationInterface {
  name = 'LoraNotifications1764720000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE lora_notifications (
      id bigserial PRIMARY KEY,
      tenant_id text NOT NULL DEFAULT '',
      object_uuid uuid NOT NULL,
      object_type text NOT NULL,
      livscykluskode text NOT NULL,
      registered_at timestamptz NOT NULL,
      published_at timestamptz
    )`);
    await queryRunner.query(
      `CREATE INDEX lora_notifications_unpublished ON lora_notifications (id) WHERE published_at IS NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE lora_notifications`);
  }
}
