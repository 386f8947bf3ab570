import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** The operations log: who did what to which instance (start, cancel, resolve incident, set variables, …). */
@Entity({ name: 'history_operations' })
export class HistoryOperationEntity {
  /** A bigserial, read as a decimal string (int8 does not fit a JavaScript number), from `pg` and PGlite alike. */
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'tenant_id', type: 'text', default: '' })
  tenantId!: string;

  @Column({ name: 'process_instance_id', type: 'text', nullable: true })
  processInstanceId!: string | null;

  @Column({ name: 'operation', type: 'text' })
  operation!: string;

  @Column({ name: 'details', type: 'jsonb', nullable: true })
  details!: Record<string, unknown> | null;

  @Column({ name: 'user_id', type: 'text', nullable: true })
  userId!: string | null;

  @Column({ name: 'at', type: 'timestamptz', default: () => 'now()' })
  at!: Date;

  @Column({ name: 'removal_time', type: 'timestamptz', nullable: true })
  removalTime!: Date | null;
}
