import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One registration of a LoRA object (libs/lora): its registration period, lifecycle code and whole content. */
@Entity({ name: 'lora_registrations' })
export class LoraRegistrationEntity {
  @PrimaryGeneratedColumn({ name: 'id', type: 'bigint' })
  id!: string;

  @Column({ name: 'tenant_id', type: 'text', default: '' })
  tenantId!: string;

  @Column({ name: 'object_type', type: 'text' })
  objectType!: string;

  @Column({ name: 'uuid', type: 'uuid' })
  uuid!: string;

  @Column({ name: 'registered_from', type: 'timestamptz' })
  registeredFrom!: Date;

  /** NULL while this is the object's current registration. */
  @Column({ name: 'registered_to', type: 'timestamptz', nullable: true })
  registeredTo!: Date | null;

  @Column({ name: 'livscykluskode', type: 'text' })
  livscykluskode!: string;

  @Column({ name: 'brugerref', type: 'text', nullable: true })
  brugerref!: string | null;

  @Column({ name: 'note', type: 'text', nullable: true })
  note!: string | null;

  @Column({ name: 'content', type: 'jsonb' })
  content!: Record<string, unknown>;

  /** The search order: the least lower-cased brugervendtnoegle of the content; NULL when it has none. */
  @Column({ name: 'brugervendtnoegle', type: 'text', nullable: true })
  brugervendtnoegle!: string | null;
}
