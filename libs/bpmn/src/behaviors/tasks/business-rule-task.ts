import type { DecisionBinding } from '../../dmn/decision-lookup.js';
import type { ExecutableDecisions } from '../../dmn/decision-model.js';
import { mapDecisionResult } from '../../dmn/decision-result.js';
import { evaluateDecision } from '../../dmn/evaluate-decision.js';
import type { DecisionDefinition } from '../../model/executable-model.js';
import { typedValueOf } from '../../model/typed-value.js';
import type { Execution } from '../../runtime/execution.js';
import { maskPersonalData } from '../../runtime/incident-text.js';
import type { ElementInstance } from '../../runtime/instance-state.js';
import { activationFailed } from '../activation-failed.js';
import type { ElementBehavior } from '../element-behavior.js';
import { numberOf } from './job-wait.js';
import { serviceTask } from './service-task.js';

type Outcome = { ok: true; value: unknown } | { ok: false; message: string };

/**
 * A business rule task with a DMN decision evaluates it at once with the variables it sees and stores the mapped
 * result in its result variable; a job-based one waits for its worker like a service task. An unknown decision or a
 * failing evaluation (a violated hit policy, an expression error, a result that does not fit the mapping) is an
 * incident: resolving it evaluates again, so fixed variables or a newly deployed decision take effect.
 */
export const businessRuleTask: ElementBehavior = {
  onActivate(execution, instance) {
    const element = execution.element(instance.elementId);
    if (element.job || !element.decision) return serviceTask.onActivate(execution, instance);
    const decision = element.decision;
    const outcome = evaluateTaskDecision(execution, instance, decision);
    if (!outcome.ok) return activationFailed(execution, instance, maskPersonalData(outcome.message));
    if (decision.resultVariable) {
      const value = typedValueOf(outcome.value);
      // With output mappings the result stays local so they can pick from it, as for a job's variables.
      if (element.outputs.length > 0)
        execution.variables.setLocal(instance.key, decision.resultVariable, value);
      else execution.variables.set(instance.key, decision.resultVariable, value);
    }
    execution.schedule({ op: 'complete', key: instance.key });
  },
};

function evaluateTaskDecision(
  execution: Execution,
  instance: ElementInstance,
  decision: DecisionDefinition,
): Outcome {
  const task = `business rule task '${instance.elementId}'`;
  const id = execution.evaluateText(decision.decisionId, instance.key, 'the decision id');
  if (!id.ok) return { ok: false, message: `Cannot call the decision of ${task}: ${id.message}` };
  const decisionId = id.value as string;
  const binding = bindingOf(execution, instance, decision);
  if (!binding.ok)
    return { ok: false, message: `Cannot call decision '${decisionId}' from ${task}: ${binding.message}` };
  const found = findDecisions(execution, decisionId, binding.value as DecisionBinding, task);
  if (!found.ok) return found;
  const evaluated = evaluateDecision(
    found.value as ExecutableDecisions,
    decisionId,
    execution.variables.lookup(instance.key).all(),
  );
  if (!evaluated.ok) {
    return {
      ok: false,
      message: `Failed to evaluate decision '${decisionId}' for ${task}: ${evaluated.message}`,
    };
  }
  const mapped = mapDecisionResult(evaluated.result, decision.resultMapping);
  if (!mapped.ok) return { ok: false, message: `${mapped.message} (in ${task})` };
  return mapped;
}

function bindingOf(execution: Execution, instance: ElementInstance, decision: DecisionDefinition): Outcome {
  switch (decision.binding) {
    case 'latest':
    case 'deployment':
      return { ok: true, value: { type: decision.binding } };
    case 'version': {
      if (!decision.version) return { ok: false, message: 'the binding "version" names no version' };
      const version = numberOf(execution, decision.version, instance, 'the decision version');
      if (!version.ok) return version;
      if ((version.value as number) < 1)
        return {
          ok: false,
          message: `expected a decision version of 1 or more, but it was ${String(version.value)}`,
        };
      return { ok: true, value: { type: 'version', version: version.value } };
    }
    case 'versionTag': {
      if (!decision.versionTag)
        return { ok: false, message: 'the binding "versionTag" names no version tag' };
      const tag = execution.evaluateText(decision.versionTag, instance.key, 'the decision version tag');
      return tag.ok ? { ok: true, value: { type: 'versionTag', versionTag: tag.value } } : tag;
    }
  }
}

/** Asks the host's decision lookup; a missing lookup, an unknown decision or a failing lookup is a failure. */
function findDecisions(
  execution: Execution,
  decisionId: string,
  binding: DecisionBinding,
  task: string,
): Outcome {
  const lookup = execution.environment.decisions;
  const which = `decision '${decisionId}' (${describeBinding(binding)})`;
  if (!lookup) {
    return {
      ok: false,
      message: `Expected ${which} to be deployed for ${task}, but this engine was given no DMN decisions`,
    };
  }
  let found: ExecutableDecisions | undefined;
  try {
    found = lookup.find(decisionId, binding);
  } catch (error) {
    return { ok: false, message: `Looking up ${which} for ${task} failed: ${(error as Error).message}` };
  }
  if (!found || !Object.hasOwn(found.decisions, decisionId)) {
    return {
      ok: false,
      message: `Expected ${which} to be deployed for ${task}, but it is not; deploy its DMN, then resolve the incident`,
    };
  }
  return { ok: true, value: found };
}

function describeBinding(binding: DecisionBinding): string {
  switch (binding.type) {
    case 'version':
      return `version ${binding.version}`;
    case 'versionTag':
      return `version tag '${binding.versionTag}'`;
    default:
      return binding.type;
  }
}
