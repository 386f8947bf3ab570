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
