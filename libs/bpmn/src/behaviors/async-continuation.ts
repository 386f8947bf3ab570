import type { Execution } from '../runtime/execution.js';
import type { ElementInstance } from '../runtime/instance-state.js';

/** Retries of an asynchronous continuation before an incident, as Camunda's default. */
const DEFAULT_RETRIES = 3;

/**
 * Parks an element at an asynchronous continuation: the command that reached it ends here, and the runtime's job
 * workers continue it later in a transaction of their own — before the element starts (`asyncBefore`) or before
 * it leaves (`asyncAfter`). A failing continuation is retried by the runtime, then becomes an incident.
 */
export function openAsyncContinuation(
  execution: Execution,
  instance: ElementInstance,
  phase: 'before' | 'after',
): void {
  const element = execution.element(instance.elementId);
  execution.openWait({
    key: execution.nextKey(),
    ownerKey: instance.key,
    elementId: instance.elementId,
    kind: 'async',
    phase,
    retries: DEFAULT_RETRIES,
    ...(element.job?.retryTimeCycle ? { retryTimeCycle: element.job.retryTimeCycle } : {}),
  });
}
