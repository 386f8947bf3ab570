import { evaluateCondition, type VariableLookup } from '../../expressions/expression-evaluator.js';
import type { ExecutableElement } from '../../model/executable-model.js';
import { describeExpression } from '../../model/expression.js';
import type { Execution } from '../../runtime/execution.js';
import { maskPersonalData } from '../../runtime/incident-text.js';
import type { ElementInstance } from '../../runtime/instance-state.js';
import type { ElementBehavior } from '../element-behavior.js';
import { allMatchingFlows } from '../flow-selection.js';
import { consumeArrivals, recordArrival } from './join-arrivals.js';
import { aTokenCanStillArrive } from './token-reachability.js';

/**
 * Complex gateway. With an `activationCondition` it fires once per activation: as soon as the condition holds
 * (`activationCount` is the number of incoming flows holding a token) it consumes those tokens and leaves like an
 * inclusive gateway (every true condition, else the default); then it swallows the tokens of that activation still
 * on their way (on the flows that were empty when it fired, as long as a token can still reach them) and resets for
 * the next activation. Without a condition it joins every token that can arrive, as an inclusive join does.
 */
export const complexGateway: ElementBehavior = {
  onArrive(execution, element, scopeKey, flowId) {
    const awaiting = execution.instance(scopeKey)?.complexAwaiting?.[element.id];
    if (!awaiting?.includes(flowId)) {
      recordArrival(execution, scopeKey, element.id, flowId);
      return checkComplexGateway(execution, scopeKey, element.id);
    }
    // A late token of the activation that already fired: it ends here, which may leave its scope done.
    const rest = awaiting.filter((expected) => expected !== flowId);
    setAwaiting(execution.instance(scopeKey) as ElementInstance, element.id, rest);
    checkComplexGateway(execution, scopeKey, element.id);
    execution.afterLeaving(scopeKey);
  },
  onActivate(execution, instance) {
    execution.schedule({ op: 'complete', key: instance.key });
  },
  selectOutgoing: allMatchingFlows,
};

/** Resets the gateway when its last activation has nothing more to swallow, then fires it if it is activated. */
export function checkComplexGateway(execution: Execution, scopeKey: string, gatewayId: string): void {
  const scope = execution.instance(scopeKey);
  if (!scope) return;
  // A failing condition waits for its incident to be resolved (which re-runs this check), not for the next token.
  const stuck = Object.values(execution.state.incidents).some(
    (incident) => incident.elementInstanceKey === scopeKey && incident.elementId === gatewayId,
  );
  if (stuck) return;
  const gateway = execution.element(gatewayId);
  const awaiting = scope.complexAwaiting?.[gatewayId];
  if (awaiting) {
    if (awaiting.length > 0 && aTokenCanStillArrive(execution, scopeKey, gateway, new Set(awaiting))) return;
    setAwaiting(scope, gatewayId, undefined);
  }
  const arrivals = scope.arrivals?.[gatewayId] ?? {};
  const filled = gateway.incoming.filter((flowId) => (arrivals[flowId] ?? 0) > 0);
  if (filled.length === 0) return;
  const empty = gateway.incoming.filter((flowId) => !filled.includes(flowId));
  if (gateway.activationCondition) {
    const activated = evaluateActivation(execution, scope, gateway, filled.length);
    if (activated !== true) return;
  } else if (empty.length > 0 && aTokenCanStillArrive(execution, scopeKey, gateway, new Set(empty))) {
    return;
  }
  consumeArrivals(execution, scopeKey, gatewayId, filled);
  // Without a condition no token could reach the empty flows, so there is nothing left to swallow.
  if (gateway.activationCondition && empty.length > 0) setAwaiting(scope, gatewayId, empty);
  execution.schedule({ op: 'activate', elementId: gatewayId, scopeKey });
  // The swallowed tokens may already be out of reach, and tokens left over start the next activation.
  execution.schedule({ op: 'complex-gateway-check', scopeKey, gatewayId });
}

/** The activation condition with `activationCount` in scope; a failure raises an incident at the gateway. */
function evaluateActivation(
  execution: Execution,
  scope: ElementInstance,
  gateway: ExecutableElement,
  activationCount: number,
): boolean | undefined {
  const condition = gateway.activationCondition;
  if (!condition) return true;
  const variables = execution.variables.lookup(scope.key);
  const lookup: VariableLookup = {
    get: (name) =>
      name === 'activationCount' ? { found: true, value: activationCount } : variables.get(name),
    all: () => ({ ...variables.all(), activationCount }),
  };
  const result = evaluateCondition(condition, lookup);
  if (result.ok) return result.value === true;
  execution.raiseIncident(
    scope,
    'expression-failed',
    maskPersonalData(
      `Failed to evaluate the activation condition '${describeExpression(condition)}' of complex gateway '${gateway.id}' (activationCount ${activationCount}): ${result.message}`,
    ),
    [{ op: 'complex-gateway-check', scopeKey: scope.key, gatewayId: gateway.id }],
    gateway.id,
  );
  return undefined;
}

/** Records (or, with nothing left, forgets) the flows a fired gateway still expects a token on. */
function setAwaiting(scope: ElementInstance, gatewayId: string, flows: string[] | undefined): void {
  if (flows) {
    scope.complexAwaiting ??= {};
    scope.complexAwaiting[gatewayId] = flows;
    return;
  }
  if (!scope.complexAwaiting) return;
  delete scope.complexAwaiting[gatewayId];
  if (Object.keys(scope.complexAwaiting).length === 0) delete scope.complexAwaiting;
}
