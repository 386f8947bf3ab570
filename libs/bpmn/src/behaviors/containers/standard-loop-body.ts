import type { StandardLoopDefinition } from '../../model/executable-model.js';
import { typedValueOf } from '../../model/typed-value.js';
import type { Execution } from '../../runtime/execution.js';
import type { ElementInstance, LoopProgress } from '../../runtime/instance-state.js';
import { activationFailed } from '../activation-failed.js';
import type { ElementBehavior } from '../element-behavior.js';
import { evaluateLoopCondition, iterationFailed, startIteration } from './loop-iterations.js';

/**
 * The body of an activity with a standard loop: it runs the activity again and again, one inner instance after
 * the other, while the loop condition holds — tested after each iteration (do … while), and with
 * `testBefore="true"` also before the first (while). `loopMaximum` caps the number of iterations. Each iteration
 * has a local `loopCounter`; the condition is evaluated in the iteration that just completed, so it sees what
 * that iteration produced.
 */
export const standardLoopBody: ElementBehavior = {
  onActivate(execution, body) {
    const loop = definitionOf(execution, body);
    if (loop.testBefore && loop.loopCondition) {
      const result = evaluateLoopCondition(execution, loop.loopCondition, body.key, conditionOf(body));
      if (!result.ok) return activationFailed(execution, body, result.message);
      body.loop = { started: 0, completed: 0 };
      if (result.value !== true) return execution.schedule({ op: 'complete', key: body.key });
    } else {
      body.loop = { started: 0, completed: 0 };
    }
    startNext(execution, body, loop);
  },

  onChildComplete(execution, body, iteration) {
    const loop = definitionOf(execution, body);
    const progress = body.loop as LoopProgress;
    const completed = progress.completed + 1;
    let again = loop.loopMaximum === undefined || completed < loop.loopMaximum;
    if (again && loop.loopCondition) {
      const result = evaluateLoopCondition(execution, loop.loopCondition, iteration.key, conditionOf(body));
      if (!result.ok) return iterationFailed(execution, iteration, result.message);
      again = result.value === true;
    }
    progress.completed = completed;
    execution.removeInstance(iteration, 'completed');
    if (again) return startNext(execution, body, loop);
    execution.schedule({ op: 'complete', key: body.key });
  },
};

function definitionOf(execution: Execution, body: ElementInstance): StandardLoopDefinition {
  return execution.element(body.elementId).loop as StandardLoopDefinition;
}

function conditionOf(body: ElementInstance): string {
  return `the loop condition of '${body.elementId}'`;
}

function startNext(execution: Execution, body: ElementInstance, loop: StandardLoopDefinition): void {
  const index = (body.loop as LoopProgress).started;
  startIteration(execution, body, { loopCounter: typedValueOf(loop.firstLoopCounter + index) });
}
