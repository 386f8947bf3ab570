import type { InstanceStatus, ProcessInstanceState } from '#bpmn';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A running or ended process instance. `state` is the core's whole state document; the other columns and the
 * runtime tables (jobs, subscriptions, user tasks, incidents, variables) are projections of it written in the same
 * transaction.
 */
@Entity({ name: 'process_instances' })
export class ProcessInstanceEntity {
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

  @Column({ name: 'status', type: 'text' })
  status!: InstanceStatus;

  @Column({ name: 'suspended', type: 'boolean', default: false })
  suspended!: boolean;

  @Column({ name: 'state', type: 'jsonb' })
  state!: ProcessInstanceState;

  /**
   * Optimistic lock: a writer updates `WHERE id = $1 AND version = $2` and sets `version + 1`; no row updated means
   * another writer came first. A plain column, not `@VersionColumn`, so the compare-and-set stays explicit.
   */
  @Column({ name: 'version', type: 'integer', default: 1 })
  version!: number;

  /** The calling instance, when this one was started by a call activity. */
  @Column({ name: 'super_instance_id', type: 'text', nullable: true })
  superInstanceId!: string | null;

  /** The key of the caller's call-activity wait to report this instance's end to. */
  @Column({ name: 'super_wait_key', type: 'text', nullable: true })
  superWaitKey!: string | null;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt!: Date;

  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt!: Date | null;
}
