import {
  camundaTenantId,
  variablesToCamunda,
  type CamundaVariable,
  type LinkableRequest,
} from '#camunda-rest';
import type { VariableMap } from '#bpmn';
import type { CorrelationResult } from '../../runtime/event-routing.js';
import { camundaProcessInstanceOf } from '../process-definitions/process-instance.response.js';
import { rootVariablesAfter } from '../process-definitions/process-start.service.js';

/** Camunda's `MessageCorrelationResultWithVariableDto`: what one correlation did. */
export interface CamundaCorrelationResult {
  resultType: 'Execution' | 'ProcessDefinition';
  execution: { id: string; processInstanceId: string; ended: boolean; tenantId: string | null } | null;
  processInstance: ReturnType<typeof camundaProcessInstanceOf> | null;
  variables?: Record<string, CamundaVariable>;
}

/**
 * A correlation as Camunda answers it with `resultEnabled`: the waiting execution that took the message, or the
 * process instance it started; with `variablesInResultEnabled` the instance's process variables after it.
 *
 * @param sent the variables the message brought (an instance that ended has dropped its scopes; they are then
 *   replayed from these and the trace)
 */
export function camundaCorrelationResultOf(
  result: CorrelationResult,
  request: LinkableRequest,
  withVariables: boolean,
  sent: VariableMap,
): CamundaCorrelationResult {
  const { state } = result.outcome;
  const ended = state.status !== 'active';
  const variables = withVariables
    ? { variables: variablesToCamunda(rootVariablesAfter(state, result.outcome.result.events, sent)) }
    : {};
  if (result.resultType === 'Execution') {
    return {
      resultType: 'Execution',
      execution: {
        id: result.executionId,
        processInstanceId: result.processInstanceId,
        ended,
        tenantId: camundaTenantId(result.tenantId),
      },
      processInstance: null,
      ...variables,
    };
  }
  return {
    resultType: 'ProcessDefinition',
    execution: null,
    processInstance: camundaProcessInstanceOf(
      {
        id: result.processInstanceId,
        definitionId: result.definitionId,
        definitionKey: result.definitionKey,
        businessKey: result.businessKey,
        tenantId: result.tenantId,
        ended,
      },
      request,
    ),
    ...variables,
  };
}
