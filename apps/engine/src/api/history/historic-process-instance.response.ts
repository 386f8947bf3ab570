import { camundaTenantId, formatCamundaDate } from '#camunda-rest';

/** A row of the history of one process instance, with its definition's name and version. */
export interface HistoricProcessInstanceRow {
  id: string;
  tenant_id: string;
  definition_id: string;
  definition_key: string;
  definition_name: string | null;
  definition_version: number | null;
  business_key: string | null;
  state: string;
  suspended: boolean | null;
  super_instance_id: string | null;
  started_at: Date;
  ended_at: Date | null;
  removal_time: Date | null;
}

export type CamundaHistoricState =
  'ACTIVE' | 'SUSPENDED' | 'COMPLETED' | 'EXTERNALLY_TERMINATED' | 'INTERNALLY_TERMINATED';

/**
 * Camunda's `state` of a historic process instance from the core's status: a cancelled instance was terminated from
 * outside (an API call, its caller's cancellation); a failed one ended inside, by an uncaught BPMN error.
 */
export function camundaHistoricState(status: string, suspended: boolean): CamundaHistoricState {
  switch (status) {
    case 'active':
      return suspended ? 'SUSPENDED' : 'ACTIVE';
    case 'completed':
      return 'COMPLETED';
    case 'cancelled':
      return 'EXTERNALLY_TERMINATED';
    default:
      return 'INTERNALLY_TERMINATED';
  }
}

/** Camunda's `HistoricProcessInstanceDto`. */
export function camundaHistoricProcessInstanceOf(row: HistoricProcessInstanceRow): Record<string, unknown> {
  const startedAt = new Date(row.started_at);
  const endedAt = row.ended_at === null ? null : new Date(row.ended_at);
  return {
    id: row.id,
    rootProcessInstanceId: row.super_instance_id === null ? row.id : null,
    superProcessInstanceId: row.super_instance_id,
    superCaseInstanceId: null,
    caseInstanceId: null,
    processDefinitionName: row.definition_name,
    processDefinitionKey: row.definition_key,
    processDefinitionVersion: row.definition_version,
    processDefinitionId: row.definition_id,
    businessKey: row.business_key,
    startTime: formatCamundaDate(startedAt),
    endTime: formatCamundaDate(endedAt),
    removalTime: formatCamundaDate(row.removal_time),
    durationInMillis: endedAt === null ? null : endedAt.getTime() - startedAt.getTime(),
    startUserId: null,
    startActivityId: null,
    deleteReason: null,
    tenantId: camundaTenantId(row.tenant_id),
    state: camundaHistoricState(row.state, row.suspended === true),
  };
}
