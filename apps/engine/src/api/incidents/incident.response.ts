import { camundaTenantId, formatCamundaDate } from '#camunda-rest';

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

/**
 * Camunda's `incidentType` for the core's: a job whose retries ran out is Camunda's `failedJob` — or
 * `failedExternalTask` when the job is an external task; the core's other incidents (a failing expression, no
 * matching flow, the step budget, a failed call) have no Camunda counterpart and keep their name in Camunda's
 * camelCase style, as custom incident types do.
 */
export function camundaIncidentType(coreType: string, jobKind?: string | null): string {
  if (coreType === 'job-failed') return jobKind === 'external-task' ? 'failedExternalTask' : 'failedJob';
  return coreType.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

/** The core's incident type (and, for failed jobs, whether the job is an external task) for Camunda's name. */
export function coreIncidentType(camundaType: string): { type: string; externalTask?: boolean } {
  if (camundaType === 'failedJob') return { type: 'job-failed', externalTask: false };
  if (camundaType === 'failedExternalTask') return { type: 'job-failed', externalTask: true };
  return { type: camundaType.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`) };
}

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
