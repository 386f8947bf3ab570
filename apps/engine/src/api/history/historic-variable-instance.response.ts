import { rootScopeKeyOf, type TypedValue, type ValueType } from '#bpmn';
import { camundaTenantId, formatCamundaDate, variableToCamunda } from '#camunda-rest';

/** The latest update of one variable (of one scope of one instance), from `history_variable_updates`. */
export interface HistoricVariableInstanceRow {
  /** The id of the variable's first update: stable while its value changes. */
  id: string;
  tenant_id: string;
  process_instance_id: string;
  scope_key: string;
  name: string;
  type: ValueType;
  value: unknown;
  value_info: Record<string, unknown> | null;
  deleted: boolean;
  created_at: Date;
  removal_time: Date | null;
  definition_id: string | null;
  definition_key: string | null;
  super_instance_id: string | null;
}

/**
 * Camunda's `HistoricVariableInstanceDto`: a variable's latest value, typed as Camunda writes it. A variable of the
 * process scope belongs to the process instance (its activity instance id is the instance's, as in Camunda); others to
 * the activity instance that scopes them. There are no executions apart from activity instances, so `executionId` is
 * the activity instance too.
 */
export function camundaHistoricVariableInstanceOf(
  row: HistoricVariableInstanceRow,
  options: { deserializeValues: boolean },
): Record<string, unknown> {
  const typed: TypedValue = {
    type: row.type,
    value: (row.deleted ? null : row.value) as TypedValue['value'],
    ...(row.value_info ? { valueInfo: row.value_info } : {}),
  } as TypedValue;
  const { type, value, valueInfo } = variableToCamunda(typed, options);
  const activityInstanceId =
    row.scope_key === rootScopeKeyOf(row.process_instance_id) ? row.process_instance_id : row.scope_key;
  return {
    id: row.id,
    name: row.name,
    type,
    value,
    valueInfo,
    processDefinitionKey: row.definition_key,
    processDefinitionId: row.definition_id,
    processInstanceId: row.process_instance_id,
    executionId: activityInstanceId,
    activityInstanceId,
    caseDefinitionKey: null,
    caseDefinitionId: null,
    caseInstanceId: null,
    caseExecutionId: null,
    taskId: null,
    errorMessage: null,
    tenantId: camundaTenantId(row.tenant_id),
    state: row.deleted ? 'DELETED' : 'CREATED',
    createTime: formatCamundaDate(row.created_at),
    removalTime: formatCamundaDate(row.removal_time),
    rootProcessInstanceId: row.super_instance_id === null ? row.process_instance_id : null,
  };
}
