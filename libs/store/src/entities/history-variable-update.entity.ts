import type { ValueType } from '#bpmn';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One change of a variable's value, in the order it happened. */
@Entity({ name: 'history_variable_updates' })
export class HistoryVariableUpdateEntity {
  /** A bigserial, read as a decimal string (int8 does not fit a JavaScript number), from `pg` and PGlite alike. */
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'tenant_id', type: 'text', default: '' })
  tenantId!: string;

  @Column({ name: 'process_instance_id', type: 'text' })
  processInstanceId!: string;

  @Column({ name: 'scope_key', type: 'text' })
  scopeKey!: string;

  @Column({ name: 'name', type: 'text' })
  name!: string;

  @Column({ name: 'type', type: 'text' })
  type!: ValueType;

  @Column({ name: 'value', type: 'jsonb', nullable: true })
  value!: unknown;

  @Column({ name: 'value_info', type: 'jsonb', nullable: true })
  valueInfo!: Record<string, unknown> | null;

  /** The variable was removed here; `type` is its last value's, `value` null. */
  @Column({ name: 'deleted', type: 'boolean', default: false })
  deleted!: boolean;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ name: 'removal_time', type: 'timestamptz', nullable: true })
  removalTime!: Date | null;
}
