import type { Evaluation } from '../expressions/expression-evaluator.js';
import { describeExpression } from '../model/expression.js';
import type { Execution } from '../runtime/execution.js';
import { describeVariables, maskPersonalData } from '../runtime/incident-text.js';
import type { ElementInstance } from '../runtime/instance-state.js';

/** Which outgoing flows have a true condition; a flow without one counts as true. Stops at the first failure. */
function matchingFlows(
  execution: Execution,
  instance: ElementInstance,
  flowIds: string[],
  firstOnly: boolean,
): Evaluation {
  const matched: string[] = [];
  for (const flowId of flowIds) {
    const flow = execution.process.flows[flowId];
    if (!flow.condition) {
      matched.push(flowId);
    } else {
      const result = execution.evaluateCondition(flow.condition, instance.key);
      if (!result.ok) {
        // Name the condition, unless the failure quotes it already (as a result that is not a boolean does).
        const condition = `'${describeExpression(flow.condition)}'`;
        const which = result.message.includes(condition) ? '' : ` ${condition}`;
        const message = `Failed to evaluate the condition${which} of flow '${flowId}' out of '${instance.elementId}': ${result.message}`;
        return { ok: false, message: maskPersonalData(message) };
      }
      if (result.value === true) matched.push(flowId);
    }
    if (firstOnly && matched.length > 0) break;
  }
  return { ok: true, value: matched };
}

function noMatch(execution: Execution, instance: ElementInstance): Evaluation {
  const variables = describeVariables(execution.variables.lookup(instance.key).all());
  return {
    ok: false,
    message: `Expected a flow out of gateway '${instance.elementId}' to match, but none did and no default flow is set (variables: ${variables})`,
    noMatchingFlow: true,
  };
}

/** Exclusive gateway: the first flow (in model order) whose condition holds, else the default, else an incident. */
export function firstMatchingFlow(execution: Execution, instance: ElementInstance): Evaluation {
  const element = execution.element(instance.elementId);
  return matchingOrIncident(
    execution,
    instance,
    element.outgoing.filter((flowId) => flowId !== element.defaultFlow),
    true,
  );
}

/** Inclusive gateway: every flow whose condition holds, else the default, else an incident. */
export function allMatchingFlows(execution: Execution, instance: ElementInstance): Evaluation {
  const element = execution.element(instance.elementId);
  return matchingOrIncident(
    execution,
    instance,
    element.outgoing.filter((flowId) => flowId !== element.defaultFlow),
    false,
  );
}

function matchingOrIncident(
  execution: Execution,
  instance: ElementInstance,
  candidates: string[],
  firstOnly: boolean,
): Evaluation {
  const element = execution.element(instance.elementId);
  const result = matchingFlows(execution, instance, candidates, firstOnly);
  if (!result.ok) return result;
  const matched = result.value as string[];
  if (matched.length > 0) return result;
  if (element.defaultFlow) return { ok: true, value: [element.defaultFlow] };
  return noMatch(execution, instance);
}

/**
 * Leaving an activity or event (uncontrolled flow): every unconditional flow, every conditional flow that holds,
 * and the default flow only when there are conditional flows and none holds.
 */
export function uncontrolledFlows(execution: Execution, instance: ElementInstance): Evaluation {
  const element = execution.element(instance.elementId);
  const candidates = element.outgoing.filter((flowId) => flowId !== element.defaultFlow);
  const result = matchingFlows(execution, instance, candidates, false);
  if (!result.ok) return result;
  const matched = result.value as string[];
  const hasConditional = candidates.some((flowId) => execution.process.flows[flowId].condition);
  const anyConditionalHeld = matched.some((flowId) => execution.process.flows[flowId].condition);
  if (element.defaultFlow && (candidates.length === 0 || (hasConditional && !anyConditionalHeld))) {
    matched.push(element.defaultFlow);
  }
  return { ok: true, value: matched };
}
