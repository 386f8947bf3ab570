import type { Execution } from '../runtime/execution.js';
import type { ElementInstance } from '../runtime/instance-state.js';

/** Raises an expression incident on an element whose activation failed; resolving it re-runs the activation. */
export function activationFailed(execution: Execution, instance: ElementInstance, message: string): void {
  execution.raiseIncident(instance, 'expression-failed', message, [
    { op: 'run-activation', key: instance.key },
  ]);
}
