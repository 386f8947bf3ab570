import type { ProcessInstanceState } from '#bpmn';

/** The columns of a process instance the runtime reads to run a command on it. */
export interface InstanceRow {
  id: string;
  tenantId: string;
  definitionId: string;
  definitionKey: string;
  businessKey: string | null;
  state: ProcessInstanceState;
  version: number;
  superInstanceId: string | null;
  superWaitKey: string | null;
  /** Suspended by an operator: commands that would move it are refused, its jobs wait. */
  suspended: boolean;
}

/** Who a command runs for: the tenant every row belongs to, and the definition the instance runs. */
export interface InstanceContext {
  tenantId: string;
  instanceId: string;
  definitionId: string;
  definitionKey: string;
  businessKey: string | null;
  historyTimeToLiveDays: number | null;
}

/** The columns of {@link InstanceRow}, for a SELECT over `process_instances` aliased `alias`. */
export function instanceRowColumns(alias: string): string {
  return `${alias}.id, ${alias}.tenant_id AS "tenantId", ${alias}.definition_id AS "definitionId",
    ${alias}.definition_key AS "definitionKey", ${alias}.business_key AS "businessKey", ${alias}.state, ${alias}.version,
    ${alias}.super_instance_id AS "superInstanceId", ${alias}.super_wait_key AS "superWaitKey", ${alias}.suspended`;
}
