import { camundaTenantId, variableToCamunda, type CamundaVariable } from '#camunda-rest';
import type { TypedValue } from '#bpmn';

/** The columns of a running process instance the API answers with. */
export interface ProcessInstanceRow {
  id: string;
  tenant_id: string;
  definition_id: string;
  definition_key: string;
  business_key: string | null;
  suspended: boolean;
  super_instance_id: string | null;
}

/** Camunda's `ProcessInstanceDto` of a running instance (queries answer it without links, as Camunda does). */
export function camundaProcessInstanceOf(row: ProcessInstanceRow): Record<string, unknown> {
  return {
    links: [],
    id: row.id,
    definitionId: row.definition_id,
    definitionKey: row.definition_key,
    businessKey: row.business_key,
    caseInstanceId: null,
    ended: false,
    suspended: row.suspended,
    tenantId: camundaTenantId(row.tenant_id),
  };
}

/**
 * A variable as Camunda's variable endpoints answer it. With `deserializeValues` (Camunda's default) an Object
 * serialized as JSON comes as the JSON value itself, as Camunda's server-side deserialization gives it; without, and
 * for other formats, as the serialized text.
 */
export function camundaVariableOf(typed: TypedValue, deserializeValues: boolean): CamundaVariable {
  const variable = variableToCamunda(typed);
  if (deserializeValues && typed.type === 'Object' && typeof typed.value !== 'string') {
    return { ...variable, value: typed.value ?? null };
  }
  return variable;
}
