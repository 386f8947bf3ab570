import type { IncidentType } from '#bpmn';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An open incident: the instance stays where it is until an operator resolves it. */
@Entity({ name: 'incidents' })
export class IncidentEntity {
  /** The key of the core's incident. */
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ name: 'tenant_id', type: 'text', default: '' })
  tenantId!: string;

  @Column({ name: 'process_instance_id', type: 'text' })
  processInstanceId!: string;

  @Column({ name: 'process_definition_id', type: 'text' })
  processDefinitionId!: string;

  @Column({ name: 'element_id', type: 'text' })
  elementId!: string;

  @Column({ name: 'element_instance_key', type: 'text' })
  elementInstanceKey!: string;

  @Column({ name: 'incident_type', type: 'text' })
  incidentType!: IncidentType;

  @Column({ name: 'message', type: 'text' })
  message!: string;

  /** The job whose retries ran out, for 'job-failed'. */
  @Column({ name: 'job_id', type: 'text', nullable: true })
  jobId!: string | null;

  /** That job's kind (`external-task`, `connector`, `async`): a failed external task is Camunda's `failedExternalTask`. */
  @Column({ name: 'job_kind', type: 'text', nullable: true })
  jobKind!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
