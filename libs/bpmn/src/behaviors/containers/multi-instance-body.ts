import type { MultiInstanceDefinition } from '../../model/executable-model.js';
import { typedValueOf, type VariableMap } from '../../model/typed-value.js';
import type { Execution } from '../../runtime/execution.js';
import { maskPersonalData } from '../../runtime/incident-text.js';
import type { ElementInstance, LoopProgress } from '../../runtime/instance-state.js';
import { activationFailed } from '../activation-failed.js';
import type { ElementBehavior } from '../element-behavior.js';
import { evaluateLoopCondition, iterationFailed, startIteration } from './loop-iterations.js';
import { prepareBehaviorEvent, throwBehaviorEvent } from './multi-instance-events.js';
import { planInstances } from './multi-instance-plan.js';

/**
 * The body of a multi-instance activity. On entry it evaluates its collection or cardinality (a failure is an
 * incident at the activity before any instance runs) and starts every inner instance (parallel) or the first
 * (sequential). It keeps `nrOfInstances`, `nrOfActiveInstances` and `nrOfCompletedInstances` as its local
 * variables; each inner instance has `loopCounter` and the element variable. When an instance completes, the
 * body counts it, collects its output element, and completes once all are done or the completion condition holds
 * (the remaining instances are terminated). Its boundary events are the activity's.
 */
export const multiInstanceBody: ElementBehavior = {
  onActivate(execution, body) {
    const loop = definitionOf(execution, body);
    const plan = planInstances(execution, body, loop);
    if (!plan.ok) return activationFailed(execution, body, plan.message);
    body.loop = { started: 0, completed: 0, total: plan.count, ...(plan.items ? { items: plan.items } : {}) };
    const running = loop.isSequential ? Math.min(1, plan.count) : plan.count;
    setCounters(execution, body, {
      nrOfInstances: plan.count,
      nrOfActiveInstances: running,
      nrOfCompletedInstances: 0,
    });
    if (loop.outputCollection) {
      const empty = Array.from({ length: plan.count }, () => null);
      execution.variables.setLocal(body.key, loop.outputCollection, typedValueOf(empty));
    }
    if (plan.count === 0) return finish(execution, body, loop);
    for (let index = 0; index < running; index += 1) startNext(execution, body, loop);
  },

  onChildComplete(execution, body, iteration) {
    const loop = definitionOf(execution, body);
    const progress = body.loop as LoopProgress;
    const total = progress.total ?? 0;
    // Everything that can fail is evaluated first; only then is anything written.
    const outputs = collectOutput(execution, body, iteration, loop);
    if (!outputs.ok) return iterationFailed(execution, iteration, outputs.message);
    const completed = progress.completed + 1;
    const stillRunning = execution.childrenOf(body.key).length - 1;
    const active = loop.isSequential ? Math.min(1, total - completed) : stillRunning;
    let cutShort = false;
    const counters = {
      nrOfInstances: total,
      nrOfActiveInstances: active,
      nrOfCompletedInstances: completed,
    };
    if (loop.completionCondition) {
      const result = evaluateLoopCondition(
        execution,
        loop.completionCondition,
        iteration.key,
        `the completion condition of multi-instance activity '${body.elementId}'`,
        {
          ...counters,
          // Camunda 8's names for the same counters.
          numberOfInstances: total,
          numberOfActiveInstances: active,
          numberOfCompletedInstances: completed,
          numberOfTerminatedInstances: 0,
          ...(loop.outputCollection ? { [loop.outputCollection]: outputs.value } : {}),
        },
      );
      if (!result.ok) return iterationFailed(execution, iteration, result.message);
      cutShort = result.value === true;
    }
    const event = prepareBehaviorEvent(execution, body, loop, iteration, counters);
    if (!event.ok) return iterationFailed(execution, iteration, maskPersonalData(event.message));

    progress.completed = completed;
    if (loop.outputCollection) {
      execution.variables.setLocal(body.key, loop.outputCollection, typedValueOf(outputs.value));
    }
    setCounters(execution, body, { nrOfActiveInstances: active, nrOfCompletedInstances: completed });
    execution.removeInstance(iteration, 'completed');
    if (throwBehaviorEvent(execution, body, event.event) === 'interrupted') return;
    if (cutShort || completed >= total) {
      // The completion condition holds: the instances still running end, their waits close.
      for (const other of execution.childrenOf(body.key)) execution.terminate(other);
      return finish(execution, body, loop);
    }
    if (loop.isSequential) startNext(execution, body, loop);
  },
};

function definitionOf(execution: Execution, body: ElementInstance): MultiInstanceDefinition {
  return execution.element(body.elementId).loop as MultiInstanceDefinition;
}

/** Starts the next inner instance with its `loopCounter` and, over a collection, its item. */
function startNext(execution: Execution, body: ElementInstance, loop: MultiInstanceDefinition): void {
  const progress = body.loop as LoopProgress;
  const index = progress.started;
  const locals: VariableMap = { loopCounter: typedValueOf(loop.firstLoopCounter + index) };
  if (loop.elementVariable && progress.items) {
    locals[loop.elementVariable] = typedValueOf(progress.items[index]);
  }
  startIteration(execution, body, locals);
}

/** Camunda 8's output collection with this instance's output element in its place (the instance's order). */
function collectOutput(
  execution: Execution,
  body: ElementInstance,
  iteration: ElementInstance,
  loop: MultiInstanceDefinition,
): { ok: true; value?: unknown[] } | { ok: false; message: string } {
  if (!loop.outputCollection || !loop.outputElement) return { ok: true };
  const result = execution.evaluate(loop.outputElement, iteration.key);
  if (!result.ok) {
    return {
      ok: false,
      message: maskPersonalData(
        `Failed to evaluate the output element of multi-instance activity '${body.elementId}': ${result.message}`,
      ),
    };
  }
  const current = execution.state.variables[body.key]?.[loop.outputCollection]?.value;
  const collected = Array.isArray(current) ? [...(current as unknown[])] : [];
  collected[iteration.loopIndex ?? 0] = result.value;
  return { ok: true, value: collected };
}

function setCounters(execution: Execution, body: ElementInstance, counters: Record<string, number>): void {
  for (const [name, value] of Object.entries(counters)) {
    if (execution.state.variables[body.key]?.[name]?.value !== value) {
      execution.variables.setLocal(body.key, name, typedValueOf(value));
    }
  }
}

/** All done (or cut short): the output collection reaches the enclosing scope and the body completes. */
function finish(execution: Execution, body: ElementInstance, loop: MultiInstanceDefinition): void {
  if (loop.outputCollection) {
    const collected = execution.state.variables[body.key]?.[loop.outputCollection];
    if (collected) execution.variables.set(body.parentKey as string, loop.outputCollection, collected);
  }
  execution.schedule({ op: 'complete', key: body.key });
}
