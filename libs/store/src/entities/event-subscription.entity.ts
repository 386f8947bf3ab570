import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An instance waiting for a message, signal or condition, looked up when one arrives. */
@Entity({ name: 'event_subscriptions' })
export class EventSubscriptionEntity {
  /** The key of the core's wait. */
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ name: 'tenant_id', type: 'text', default: '' })
  tenantId!: string;

  @Column({ name: 'process_instance_id', type: 'text' })
  processInstanceId!: string;

  @Column({ name: 'element_id', type: 'text' })
  elementId!: string;

  /** 'message', 'signal' or 'conditional'. */
  @Column({ name: 'kind', type: 'text' })
  kind!: string;

  /** The message or signal name. */
  @Column({ name: 'name', type: 'text' })
  name!: string;

  @Column({ name: 'correlation_key', type: 'text', nullable: true })
  correlationKey!: string | null;

  @Column({ name: 'business_key', type: 'text', nullable: true })
  businessKey!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
