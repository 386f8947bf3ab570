import type { ProcessInstanceState } from '#bpmn';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The history of a process instance; it outlives the runtime row until `removalTime`. */
@Entity({ name: 'history_process_instances' })
export class HistoryProcessInstanceEntity {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ name: 'tenant_id', type: 'text', default: '' })
  tenantId!: string;

  @Column({ name: 'definition_id', type: 'text' })
  definitionId!: string;

  @Column({ name: 'definition_key', type: 'text' })
  definitionKey!: string;

  @Column({ name: 'business_key', type: 'text', nullable: true })
  businessKey!: string | null;

  @Column({ name: 'state', type: 'text' })
  state!: string;

  @Column({ name: 'super_instance_id', type: 'text', nullable: true })
  superInstanceId!: string | null;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt!: Date;

  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt!: Date | null;

  /** When history cleanup may delete the row (end time + the definition's history time to live). */
  @Column({ name: 'removal_time', type: 'timestamptz', nullable: true })
  removalTime!: Date | null;

  /** The uncaught BPMN error that ended the instance, as the core recorded it. */
  @Column({ name: 'failure', type: 'jsonb', nullable: true })
  failure!: NonNullable<ProcessInstanceState['failure']> | null;
}
