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

  @Column({ name: 'element_id', type: 'text' })
  elementId!: string;

  @Column({ name: 'incident_type', type: 'text' })
  incidentType!: IncidentType;

  @Column({ name: 'message', type: 'text' })
  message!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt!: Date | null;

  @Column({ name: 'removal_time', type: 'timestamptz', nullable: true })
  removalTime!: Date | null;
}
