import { camundaTenantId, formatCamundaDate } from '#camunda-rest';

/** A job as the job query reads it: the row, its instance's definition and suspension, its effective retries. */
export interface JobRow {
  id: string;
  tenant_id: string;
  process_instance_id: string | null;
  element_id: string | null;
  element_instance_key: string | null;
  kind: string;
  due_at: Date | number | null;
  priority: number;
  error_message: string | null;
  created_at: Date;
  definition_id: string | null;
  definition_key: string;
  suspended: boolean;
  retries: number;
}

/**
 * Camunda's `JobDto`. The execution is the element instance the job belongs to; a job has no job definition here
 * (`jobDefinitionId` null). A failed job waiting for an operator has no due date (`null`), as in Camunda.
 */
export function camundaJobOf(row: JobRow): Record<string, unknown> {
  return {
    id: row.id,
    jobDefinitionId: null,
    processInstanceId: row.process_instance_id,
    processDefinitionId: row.definition_id,
    processDefinitionKey: row.definition_key,
    executionId: row.element_instance_key,
    exceptionMessage: row.error_message,
    failedActivityId: row.error_message === null ? null : row.element_id,
    retries: row.retries,
    dueDate: formatCamundaDate(row.due_at),
    suspended: row.suspended,
    priority: Number(row.priority),
    tenantId: camundaTenantId(row.tenant_id),
    createTime: formatCamundaDate(row.created_at),
    batchId: null,
  };
}
