import { camundaIncidentType, camundaTenantId, formatCamundaDate } from '#camunda-rest';

/** An incident as the incident queries read it, open (`incidents`) or from history (`history_incidents`). */
export interface IncidentRow {
  id: string;
  tenant_id: string;
  process_instance_id: string;
  process_definition_id: string | null;
  process_definition_key: string | null;
  root_process_instance_id: string | null;
  element_id: string;
  element_instance_key: string | null;
  incident_type: string;
  message: string;
  /** The failed job, for 'job-failed' (Camunda's `configuration`), and its kind. */
  job_id: string | null;
  job_kind: string | null;
  created_at: Date;
  /** History: when it was resolved or deleted; null while it is open. */
  ended_at: Date | null;
  deleted: boolean;
  removal_time: Date | null;
}

// Moved to #camunda-rest, where the designer-api's statistics use them too; re-exported for the engine's API.
export { camundaIncidentType, coreIncidentType } from '#camunda-rest';

/** Camunda's `IncidentDto`: an open incident. Incidents here have no causes: each is its own cause and root cause. */
export function camundaIncidentOf(row: IncidentRow): Record<string, unknown> {
  return {
    id: row.id,
    processDefinitionId: row.process_definition_id,
    processInstanceId: row.process_instance_id,
    executionId: row.element_instance_key,
    incidentTimestamp: formatCamundaDate(row.created_at),
    incidentType: camundaIncidentType(row.incident_type, row.job_kind),
    activityId: row.element_id,
    failedActivityId: row.element_id,
    causeIncidentId: row.id,
    rootCauseIncidentId: row.id,
    configuration: row.job_id,
    tenantId: camundaTenantId(row.tenant_id),
    incidentMessage: row.message,
    jobDefinitionId: null,
    annotation: null,
  };
}

/** Camunda's `HistoricIncidentDto`: an incident open, resolved, or deleted with its activity or instance. */
export function camundaHistoricIncidentOf(row: IncidentRow): Record<string, unknown> {
  const open = row.ended_at === null;
  return {
    id: row.id,
    processDefinitionKey: row.process_definition_key,
    processDefinitionId: row.process_definition_id,
    processInstanceId: row.process_instance_id,
    executionId: row.element_instance_key,
    rootProcessInstanceId: row.root_process_instance_id ?? row.process_instance_id,
    createTime: formatCamundaDate(row.created_at),
    endTime: formatCamundaDate(row.ended_at),
    removalTime: formatCamundaDate(row.removal_time),
    incidentType: camundaIncidentType(row.incident_type, row.job_kind),
    activityId: row.element_id,
    failedActivityId: row.element_id,
    causeIncidentId: row.id,
    rootCauseIncidentId: row.id,
    configuration: row.job_id,
    historyConfiguration: null,
    incidentMessage: row.message,
    tenantId: camundaTenantId(row.tenant_id),
    jobDefinitionId: null,
    open,
    deleted: !open && row.deleted,
    resolved: !open && !row.deleted,
    annotation: null,
  };
}
