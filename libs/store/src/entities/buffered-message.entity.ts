import type { VariableMap } from '#bpmn';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A published message no subscription took yet, kept until it is correlated or its time to live runs out. */
@Entity({ name: 'buffered_messages' })
export class BufferedMessageEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'tenant_id', type: 'text', default: '' })
  tenantId!: string;

  @Column({ name: 'name', type: 'text' })
  name!: string;

  @Column({ name: 'correlation_key', type: 'text', nullable: true })
  correlationKey!: string | null;

  @Column({ name: 'business_key', type: 'text', nullable: true })
  businessKey!: string | null;

  @Column({ name: 'variables', type: 'jsonb' })
  variables!: VariableMap;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
