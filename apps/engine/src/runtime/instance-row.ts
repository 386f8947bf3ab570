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
