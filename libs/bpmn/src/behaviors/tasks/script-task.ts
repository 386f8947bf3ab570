import { typedValueOf } from '../../model/typed-value.js';
import type { ElementBehavior } from '../element-behavior.js';
import { activationFailed } from '../activation-failed.js';
import { waitForJob } from './job-wait.js';

/** A script task evaluates its FEEL expression and stores the result; a job-based one (Camunda 8) waits for its worker. */
export const scriptTask: ElementBehavior = {
  onActivate(execution, instance) {
    const element = execution.element(instance.elementId);
    if (element.job) return waitForJob(execution, instance, element.job);
    const script = element.script;
    if (script) {
      const result = execution.evaluate(script.expression, instance.key);
      if (!result.ok)
        return activationFailed(
          execution,
          instance,
          `Failed to run the script of '${element.id}': ${result.message}`,
        );
      if (script.resultVariable) {
        const value = typedValueOf(result.value);
        // With output mappings the result stays local so they can pick from it, as for a job's variables.
        if (element.outputs.length > 0)
          execution.variables.setLocal(instance.key, script.resultVariable, value);
        else execution.variables.set(instance.key, script.resultVariable, value);
      }
    }
    execution.schedule({ op: 'complete', key: instance.key });
  },
};
