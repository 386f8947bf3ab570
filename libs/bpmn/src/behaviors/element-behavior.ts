import type { Evaluation } from '../expressions/expression-evaluator.js';
import type { ExecutableElement } from '../model/executable-model.js';
import type { Execution } from '../runtime/execution.js';
import type { ElementInstance, TriggerPayload, Wait } from '../runtime/instance-state.js';

/**
 * One lifecycle for every element. The executor calls, in order:
 * - `onArrive` when a token travels a flow into the element (default: activate it; joins count tokens instead);
 * - `onActivate` once input mappings and boundary events are in place: complete at once (`schedule complete`),
 *   or open waits and rest;
 * - `onTrigger` when one of the element's own waits fires (default: apply the payload and complete);
 * - `selectOutgoing` when it completes: which flows to take, or a failure that becomes an incident and keeps
 *   the instance where it is.
 * A container that owns its children's completion (a multi-instance or loop body) has `onChildComplete`: when a
 * child has applied its output mappings, the container decides what happens instead of the child's outgoing flows.
 */
export interface ElementBehavior {
  onArrive?(execution: Execution, element: ExecutableElement, scopeKey: string, flowId: string): void;
  onActivate(execution: Execution, instance: ElementInstance): void;
  onTrigger?(execution: Execution, instance: ElementInstance, wait: Wait, payload: TriggerPayload): void;
  selectOutgoing?(execution: Execution, instance: ElementInstance): Evaluation;
  onChildComplete?(execution: Execution, container: ElementInstance, child: ElementInstance): void;
}
