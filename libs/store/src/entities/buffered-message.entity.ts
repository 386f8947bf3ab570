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

  /** Only this instance's subscriptions take it (Camunda 7's `processInstanceId`). */
  @Column({ name: 'process_instance_id', type: 'text', nullable: true })
  processInstanceId!: string | null;

  /** Values the instance's process variables must have (Camunda 7's `correlationKeys`), by name. */
  @Column({ name: 'correlation_variables', type: 'jsonb', nullable: true })
  correlationVariables!: Record<string, unknown> | null;

  /** Values the waiting scope's own variables must have (Camunda 7's `localCorrelationKeys`), by name. */
  @Column({ name: 'local_correlation_variables', type: 'jsonb', nullable: true })
  localCorrelationVariables!: Record<string, unknown> | null;

  @Column({ name: 'variables', type: 'jsonb' })
  variables!: VariableMap;

  /** Variables set in the waiting scope only (Camunda 7's `processVariablesLocal`). */
  @Column({ name: 'local_variables', type: 'jsonb', nullable: true })
  localVariables!: VariableMap | null;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
