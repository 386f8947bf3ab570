import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The file content of LoRA Dokument parts (libs/lora): uploaded as multipart file parts that a part's
 * `indhold: "field:<name>"` names, kept under the content path LoRA's `store:` URL carries
 * (`YYYY/MM/DD/HH/MM/<uuid>.bin`), per tenant, written in the registration's transaction.
 */
export class LoraDocumentContents1764633600004 implements MigrationInterface {
  name = 'LoraDocumentContents1764633600004';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE lora_document_contents (
      tenant_id text NOT NULL DEFAULT '',
      content_path text NOT NULL,
      mimetype text,
      size integer NOT NULL,
      content bytea NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (tenant_id, content_path)
    )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE lora_document_contents`);
  }
}
