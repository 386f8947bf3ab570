import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The file content of a LoRA Dokument part, under the path of its `store:` content URL. */
@Entity({ name: 'lora_document_contents' })
export class LoraDocumentContentEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'text', default: '' })
  tenantId!: string;

  /** `YYYY/MM/DD/HH/MM/<uuid>.bin`: the part's `indhold` is `store:` and this. */
  @PrimaryColumn({ name: 'content_path', type: 'text' })
  contentPath!: string;

  @Column({ name: 'mimetype', type: 'text', nullable: true })
  mimetype!: string | null;

  @Column({ name: 'size', type: 'integer' })
  size!: number;

  /** `pg` reads bytea as a Buffer, PGlite as a Uint8Array: both are Uint8Arrays. */
  @Column({ name: 'content', type: 'bytea' })
  content!: Uint8Array;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
