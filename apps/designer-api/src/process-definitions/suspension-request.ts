import { bodyObjectOf, booleanField, invalidRequest, kindOf, parseCamundaDate } from '#camunda-rest';

/** Camunda's `ProcessDefinitionSuspensionStateDto`, read: what to change and, when scheduled, when. */
export interface SuspensionRequest {
  suspended: boolean;
  includeProcessInstances: boolean;
  /** When the change is to be made; absent (or null in the body): at once. */
  executionDate?: Date;
}

/**
 * Reads `{"suspended": true, "includeProcessInstances": true, "executionDate": "2026-01-05T08:00:00.000+0100"}`;
 * `suspended` is required, the others are optional.
 */
export function suspensionRequestOf(body: unknown): SuspensionRequest {
  const fields = bodyObjectOf(body);
  const suspended = booleanField(fields.suspended, 'suspended');
  if (suspended === undefined) {
    throw invalidRequest(`Expected 'suspended' to be true or false, e.g. {"suspended": true}`);
  }
  const includeProcessInstances =
    booleanField(fields.includeProcessInstances, 'includeProcessInstances') === true;
  const { executionDate } = fields;
  if (executionDate === undefined || executionDate === null) return { suspended, includeProcessInstances };
  const date = typeof executionDate === 'string' ? parseCamundaDate(executionDate) : undefined;
  if (!date) {
    throw invalidRequest(
      `Expected 'executionDate' to be a date in Camunda's format yyyy-MM-dd'T'HH:mm:ss.SSSZ, e.g. 2026-01-05T08:00:00.000+0100, or null for now, but found ${
        typeof executionDate === 'string' ? `'${executionDate}'` : kindOf(executionDate)
      }`,
    );
  }
  return { suspended, includeProcessInstances, executionDate: date };
}
