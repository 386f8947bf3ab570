import type { IncidentType } from '#bpmn';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The history of an incident, open or resolved. */
@Entity({ name: 'history_incidents' })
export class HistoryIncidentEntity {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ name: 'tenant_id', type: 'text', default: '' })
  tenantId!: string;

  @Column({ name: 'process_instance_id', type: 'text' })
  processInstanceId!: string;

  @Column({ name: 'process_definition_id', type: 'text', nullable: true })
  processDefinitionId!: string | null;

  @Column({ name: 'element_id', type: 'text' })
  elementId!: string;

  /** The element instance the incident marks (Camunda's execution). */
  @Column({ name: 'element_instance_key', type: 'text', nullable: true })
  elementInstanceKey!: string | null;

  /** The job whose retries ran out, for 'job-failed', and its kind. */
  @Column({ name: 'job_id', type: 'text', nullable: true })
  jobId!: string | null;

  @Column({ name: 'job_kind', type: 'text', nullable: true })
  jobKind!: string | null;

  @Column({ name: 'incident_type', type: 'text' })
  incidentType!: IncidentType;

  @Column({ name: 'message', type: 'text' })
  message!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt!: Date | null;

  /** Ended because its activity or instance ended (cancelled, interrupted), not because it was resolved. */
  @Column({ name: 'deleted', type: 'boolean', default: false })
  deleted!: boolean;

  @Column({ name: 'removal_time', type: 'timestamptz', nullable: true })
  removalTime!: Date | null;
}
