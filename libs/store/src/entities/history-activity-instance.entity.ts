import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The history of one element instance (an activity, event or gateway that was entered). */
@Entity({ name: 'history_activity_instances' })
export class HistoryActivityInstanceEntity {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ name: 'tenant_id', type: 'text', default: '' })
  tenantId!: string;

  @Column({ name: 'process_instance_id', type: 'text' })
  processInstanceId!: string;

  @Column({ name: 'definition_id', type: 'text' })
  definitionId!: string;

  @Column({ name: 'activity_id', type: 'text' })
  activityId!: string;

  @Column({ name: 'activity_type', type: 'text' })
  activityType!: string;

  @Column({ name: 'parent_activity_instance_id', type: 'text', nullable: true })
  parentActivityInstanceId!: string | null;

  @Column({ name: 'state', type: 'text' })
  state!: string;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt!: Date;

  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt!: Date | null;

  @Column({ name: 'removal_time', type: 'timestamptz', nullable: true })
  removalTime!: Date | null;
}
