import { camundaTenantId, formatCamundaDate } from '#camunda-rest';

/** A row of `user_tasks` with what its instance adds. */
export interface TaskRow {
  id: string;
  tenant_id: string;
  name: string | null;
  assignee: string | null;
  created_at: Date;
  updated_at: Date | null;
  due_date: Date | null;
  follow_up_date: Date | null;
  element_instance_key: string | null;
  priority: number;
  process_definition_id: string;
  process_instance_id: string;
  element_id: string;
  form_key: string | null;
  candidate_users: string[];
  candidate_groups: string[];
  suspended: boolean;
  definition_key: string;
  business_key: string | null;
}

/**
 * Camunda's `TaskDto`. What this engine has no notion of is null, as Camunda writes it for a task without it:
 * delegation (owner, delegationState), sub-tasks (parentTaskId), CMMN (case…), Camunda Forms references and the
 * task's description (BPMN documentation is not kept in the executable model).
 */
export function camundaTaskOf(row: TaskRow): Record<string, unknown> {
  return {
    id: row.id,
    name: row.name,
    assignee: row.assignee,
    owner: null,
    created: formatCamundaDate(row.created_at),
    lastUpdated: formatCamundaDate(row.updated_at),
    due: formatCamundaDate(row.due_date),
    followUp: formatCamundaDate(row.follow_up_date),
    delegationState: null,
    description: null,
    executionId: row.element_instance_key,
    parentTaskId: null,
    priority: row.priority,
    processDefinitionId: row.process_definition_id,
    processInstanceId: row.process_instance_id,
    caseExecutionId: null,
    caseDefinitionId: null,
    caseInstanceId: null,
    taskDefinitionKey: row.element_id,
    suspended: row.suspended,
    formKey: row.form_key,
    camundaFormRef: null,
    tenantId: camundaTenantId(row.tenant_id),
  };
}
