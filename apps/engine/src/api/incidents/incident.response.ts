import { camundaTenantId, formatCamundaDate } from '#camunda-rest';

/** A row of `incidents`: an open incident. */
export interface IncidentRow {
  id: string;
  tenant_id: string;
  process_instance_id: string;
  process_definition_id: string;
  element_id: string;
  element_instance_key: string;
  incident_type: string;
  message: string;
  job_id: string | null;
  created_at: Date;
}

/**
 * Camunda's `incidentType` for the core's: a job whose retries ran out is Camunda's `failedJob`; the core's other
 * incidents (a failing expression, no matching flow, the step budget, a failed call) have no Camunda counterpart
 * and keep their name in Camunda's camelCase style, as custom incident types do.
 */
export function camundaIncidentType(coreType: string): string {
  if (coreType === 'job-failed') return 'failedJob';
  return coreType.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

/** Camunda's `IncidentDto`. */
export function camundaIncidentOf(row: IncidentRow): Record<string, unknown> {
  return {
    id: row.id,
    processDefinitionId: row.process_definition_id,
    processInstanceId: row.process_instance_id,
    executionId: row.element_instance_key,
    incidentTimestamp: formatCamundaDate(row.created_at),
    incidentType: camundaIncidentType(row.incident_type),
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
