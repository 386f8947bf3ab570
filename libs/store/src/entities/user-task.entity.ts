import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An open user task, for caseworkers' task lists. */
@Entity({ name: 'user_tasks' })
export class UserTaskEntity {
  /** The key of the core's wait. */
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

  /** The user task's element instance: Camunda's `executionId` of the task. */
  @Column({ name: 'element_instance_key', type: 'text', nullable: true })
  elementInstanceKey!: string | null;

  @Column({ name: 'name', type: 'text', nullable: true })
  name!: string | null;

  @Column({ name: 'assignee', type: 'text', nullable: true })
  assignee!: string | null;

  @Column({ name: 'candidate_users', type: 'jsonb', default: () => "'[]'" })
  candidateUsers!: string[];

  @Column({ name: 'candidate_groups', type: 'jsonb', default: () => "'[]'" })
  candidateGroups!: string[];

  @Column({ name: 'due_date', type: 'timestamptz', nullable: true })
  dueDate!: Date | null;

  @Column({ name: 'follow_up_date', type: 'timestamptz', nullable: true })
  followUpDate!: Date | null;

  @Column({ name: 'priority', type: 'integer', default: 50 })
  priority!: number;

  @Column({ name: 'form_key', type: 'text', nullable: true })
  formKey!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  /** When a caseworker last changed the task (claim, unclaim, assignee): Camunda's `lastUpdated`. */
  @Column({ name: 'updated_at', type: 'timestamptz', nullable: true })
  updatedAt!: Date | null;
}
