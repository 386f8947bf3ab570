import type { ValueType } from '#bpmn';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A variable of a live instance in one scope (a projection of the instance's state, for queries). */
@Entity({ name: 'variables' })
export class VariableEntity {
  @PrimaryColumn({ name: 'process_instance_id', type: 'text' })
  processInstanceId!: string;

  /** The key of the element instance that scopes the variable (the root scope's key for process variables). */
  @PrimaryColumn({ name: 'scope_key', type: 'text' })
  scopeKey!: string;

  @PrimaryColumn({ name: 'name', type: 'text' })
  name!: string;

  @Column({ name: 'tenant_id', type: 'text', default: '' })
  tenantId!: string;

  @Column({ name: 'type', type: 'text' })
  type!: ValueType;

  /** The value as JSON; SQL NULL for a `Null` value. */
  @Column({ name: 'value', type: 'jsonb', nullable: true })
  value!: unknown;

  @Column({ name: 'value_info', type: 'jsonb', nullable: true })
  valueInfo!: Record<string, unknown> | null;
}
