import { camundaTenantId, formatCamundaDate, variablesToCamunda } from '#camunda-rest';
import type { LockedExternalTask } from '../../runtime/external-tasks.js';

/** A row of `jobs` of kind `external-task`, with its instance's definition, business key and suspension. */
export interface ExternalTaskRow {
  id: string;
  tenant_id: string;
  type: string;
  process_instance_id: string;
  element_id: string;
  element_instance_key: string;
  retries: number | null;
  priority: number;
  lock_owner: string | null;
  lock_expires_at: Date | null;
  error_message: string | null;
  created_at: Date;
  definition_id: string;
  definition_key: string;
  version_tag: string | null;
  business_key: string | null;
  suspended: boolean;
}

/**
 * Camunda's `ExternalTaskDto`. The engine has no executions apart from activity instances, so `executionId` is the
 * activity instance, as in incidents. A lock, once taken, stays on the task until another worker takes it over,
 * the worker reports, or it is unlocked — as in Camunda, an expired lock still names its worker.
 */
export function camundaExternalTaskOf(row: ExternalTaskRow): Record<string, unknown> {
  return {
    activityId: row.element_id,
    activityInstanceId: row.element_instance_key,
    errorMessage: row.error_message,
    executionId: row.element_instance_key,
    id: row.id,
    lockExpirationTime: formatCamundaDate(row.lock_expires_at),
    createTime: formatCamundaDate(row.created_at),
    processDefinitionId: row.definition_id,
    processDefinitionKey: row.definition_key,
    processDefinitionVersionTag: row.version_tag,
    processInstanceId: row.process_instance_id,
    tenantId: camundaTenantId(row.tenant_id),
    retries: row.retries,
    suspended: row.suspended,
    workerId: row.lock_owner,
    priority: row.priority,
    topicName: row.type,
    businessKey: row.business_key,
  };
}

/**
 * Camunda's `LockedExternalTaskDto`, as fetch-and-lock answers it: the requested variables (serialized unless
 * `deserializeValues`), and the task's `camunda:properties` as `extensionProperties` when asked for.
 */
export function camundaLockedExternalTaskOf(
  task: LockedExternalTask,
  options: { deserializeValues: boolean; includeExtensionProperties: boolean },
): Record<string, unknown> {
  return {
    activityId: task.activityId,
    activityInstanceId: task.activityInstanceId,
    errorMessage: task.errorMessage,
    errorDetails: task.errorDetails,
    executionId: task.activityInstanceId,
    id: task.id,
    lockExpirationTime: formatCamundaDate(task.lockExpirationTime),
    processDefinitionId: task.processDefinitionId,
    processDefinitionKey: task.processDefinitionKey,
    processDefinitionVersionTag: task.processDefinitionVersionTag,
    processInstanceId: task.processInstanceId,
    retries: task.retries,
    // Tasks of suspended instances are never fetched.
    suspended: false,
    workerId: task.workerId,
    topicName: task.topicName,
    tenantId: camundaTenantId(task.tenantId),
    variables: variablesToCamunda(task.variables, { deserializeValues: options.deserializeValues }),
    priority: task.priority,
    businessKey: task.businessKey,
    extensionProperties: options.includeExtensionProperties ? task.headers : {},
  };
}
