import { camundaTenantId, formatCamundaDate } from '#camunda-rest';
import type { ExecutableElement } from '#bpmn';
import { camundaActivityType } from './camunda-activity-type.js';

/** A row of `history_activity_instances`, with its process's key and its parent as Camunda names it. */
export interface HistoricActivityInstanceRow {
  id: string;
  tenant_id: string;
  process_instance_id: string;
  definition_id: string;
  definition_key: string | null;
  activity_id: string;
  activity_type: string;
  parent_activity_instance_id: string | null;
  state: string;
  started_at: Date;
  ended_at: Date | null;
  removal_time: Date | null;
}

/** Camunda's `HistoricActivityInstanceDto`; `element` is the activity in its deployed definition (name, events). */
export function camundaHistoricActivityInstanceOf(
  row: HistoricActivityInstanceRow,
  element: ExecutableElement | undefined,
): Record<string, unknown> {
  const startedAt = new Date(row.started_at);
  const endedAt = row.ended_at === null ? null : new Date(row.ended_at);
  const activityType = camundaActivityType(row.activity_type, element);
  return {
    id: row.id,
    parentActivityInstanceId: row.parent_activity_instance_id,
    activityId: row.activity_id,
    activityName: element?.name ?? null,
    activityType,
    processDefinitionKey: row.definition_key,
    processDefinitionId: row.definition_id,
    processInstanceId: row.process_instance_id,
    executionId: null,
    taskId: null,
    assignee: null,
    calledProcessInstanceId: null,
    calledCaseInstanceId: null,
    startTime: formatCamundaDate(startedAt),
    endTime: formatCamundaDate(endedAt),
    durationInMillis: endedAt === null ? null : endedAt.getTime() - startedAt.getTime(),
    canceled: row.state === 'terminated',
    // Camunda marks the end event that completed its scope.
    completeScope: row.state === 'completed' && /EndEvent$/.test(activityType),
    tenantId: camundaTenantId(row.tenant_id),
    removalTime: formatCamundaDate(row.removal_time),
    rootProcessInstanceId: null,
  };
}
