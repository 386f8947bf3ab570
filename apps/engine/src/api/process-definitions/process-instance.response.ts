import {
  camundaTenantId,
  selfLink,
  variablesToCamunda,
  type CamundaVariable,
  type LinkableRequest,
} from '#camunda-rest';
import type { StartedProcessInstance } from './process-start.service.js';

/** Camunda's `ProcessInstanceWithVariablesDto`, the answer to a start. */
export interface CamundaProcessInstance {
  links: Array<{ method: string; href: string; rel: string }>;
  id: string;
  definitionId: string;
  definitionKey: string;
  businessKey: string | null;
  caseInstanceId: null;
  ended: boolean;
  suspended: boolean;
  tenantId: string | null;
  variables?: Record<string, CamundaVariable>;
}

export function camundaProcessInstanceOf(
  instance: StartedProcessInstance,
  request: LinkableRequest,
): CamundaProcessInstance {
  return {
    links: [selfLink(request, `/process-instance/${encodeURIComponent(instance.id)}`)],
    id: instance.id,
    definitionId: instance.definitionId,
    definitionKey: instance.definitionKey,
    businessKey: instance.businessKey,
    caseInstanceId: null,
    ended: instance.ended,
    suspended: false,
    tenantId: camundaTenantId(instance.tenantId),
    ...(instance.variables ? { variables: variablesToCamunda(instance.variables) } : {}),
  };
}
