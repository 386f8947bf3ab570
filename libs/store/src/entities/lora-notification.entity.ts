import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A LoRA change notification in the outbox: written with its registration, published to RabbitMQ after commit. */
@Entity({ name: 'lora_notifications' })
export class LoraNotificationEntity {
  @PrimaryGeneratedColumn({ name: 'id', type: 'bigint' })
  id!: string;

  @Column({ name: 'tenant_id', type: 'text', default: '' })
  tenantId!: string;

  @Column({ name: 'object_uuid', type: 'uuid' })
  objectUuid!: string;

  @Column({ name: 'object_type', type: 'text' })
  objectType!: string;

  @Column({ name: 'livscykluskode', type: 'text' })
  livscykluskode!: string;

  /** The registration's registreringstid (its `registered_from`). */
  @Column({ name: 'registered_at', type: 'timestamptz' })
  registeredAt!: Date;

  /** NULL until the broker confirmed the notification. */
  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;
}
