import type { Evaluation } from '../../expressions/expression-evaluator.js';
import type { JobDefinition } from '../../model/executable-model.js';
import type { Execution } from '../../runtime/execution.js';
import type { ElementInstance } from '../../runtime/instance-state.js';
import { activationFailed } from '../activation-failed.js';

/** Opens the job a worker or connector must complete (service/send/business-rule/script tasks, message throws). */
export function openJob(execution: Execution, instance: ElementInstance, job: JobDefinition): Evaluation {
  const type = execution.evaluateText(job.type, instance.key, 'the job type');
  if (!type.ok) return type;
  const retries = numberOf(execution, job.retries, instance, 'the retries');
  if (!retries.ok) return retries;
  const priority = job.priority
    ? numberOf(execution, job.priority, instance, 'the priority')
    : { ok: true as const, value: 0 };
  if (!priority.ok) return priority;
  execution.openWait({
    key: execution.nextKey(),
    ownerKey: instance.key,
    elementId: instance.elementId,
    kind: 'job',
    jobKind: job.kind,
    jobType: type.value as string,
    retries: retries.value as number,
    ...(job.retryTimeCycle ? { retryTimeCycle: job.retryTimeCycle } : {}),
    headers: { ...job.headers },
    priority: priority.value as number,
  });
  return { ok: true, value: undefined };
}

/** Opens the job, or raises an incident when its type, retries or priority do not evaluate. */
export function waitForJob(execution: Execution, instance: ElementInstance, job: JobDefinition): void {
  const opened = openJob(execution, instance, job);
  if (!opened.ok) activationFailed(execution, instance, opened.message);
}

export function numberOf(
  execution: Execution,
  expression: JobDefinition['retries'],
  instance: ElementInstance,
  what: string,
): Evaluation {
  const result = execution.evaluateText(expression, instance.key, what);
  if (!result.ok) return result;
  const value = Number(result.value);
  if (!Number.isInteger(value) || value < 0) {
    return {
      ok: false,
      message: `Expected ${what} of '${instance.elementId}' to be a whole number of 0 or more, but it was '${String(result.value)}'`,
    };
  }
  return { ok: true, value };
}
