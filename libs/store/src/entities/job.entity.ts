import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Work the outside world or the clock must do for an instance: an external task, a job for a worker, a connector
 * call, a due timer. The row is the job's only durable record; queues only carry its id.
 */
@Entity({ name: 'jobs' })
export class JobEntity {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ name: 'tenant_id', type: 'text', default: '' })
  tenantId!: string;

  @Column({ name: 'process_instance_id', type: 'text', nullable: true })
  processInstanceId!: string | null;

  @Column({ name: 'element_id', type: 'text', nullable: true })
  elementId!: string | null;

  @Column({ name: 'element_instance_key', type: 'text', nullable: true })
  elementInstanceKey!: string | null;

  /** What carries it out, e.g. 'external-task', 'job', 'connector', 'timer'. */
  @Column({ name: 'kind', type: 'text' })
  kind!: string;

  /** The topic or job type workers fetch by. */
  @Column({ name: 'type', type: 'text', nullable: true })
  type!: string | null;

  @Column({ name: 'payload', type: 'jsonb', nullable: true })
  payload!: Record<string, unknown> | null;

  @Column({ name: 'due_at', type: 'timestamptz', default: () => 'now()' })
  dueAt!: Date;

  @Column({ name: 'retries', type: 'integer', nullable: true })
  retries!: number | null;

  @Column({ name: 'retry_time_cycle', type: 'text', nullable: true })
  retryTimeCycle!: string | null;

  @Column({ name: 'priority', type: 'integer', default: 0 })
  priority!: number;

  /** The worker holding the lock; null while the job waits to be fetched. */
  @Column({ name: 'lock_owner', type: 'text', nullable: true })
  lockOwner!: string | null;

  @Column({ name: 'lock_expires_at', type: 'timestamptz', nullable: true })
  lockExpiresAt!: Date | null;

  @Column({ name: 'error_message', type: 'text', nullable: true })
  errorMessage!: string | null;

  @Column({ name: 'error_details', type: 'text', nullable: true })
  errorDetails!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
