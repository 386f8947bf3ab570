import type { Evaluation } from '../../expressions/expression-evaluator.js';
import type { Expression } from '../../model/expression.js';
import type { ElementBehavior } from '../element-behavior.js';
import { activationFailed } from '../activation-failed.js';
import { taskDateOf } from './user-task-dates.js';

/** Camunda 7's default task priority. */
const DEFAULT_PRIORITY = 50;

/**
 * A user task waits for a person to complete it; assignment, dates and priority are evaluated on entry. A value
 * that does not fit (a due date that is no date, a priority that is no whole number) is an incident on the task, as
 * Camunda 8 raises one; resolving it evaluates again.
 */
export const userTask: ElementBehavior = {
  onActivate(execution, instance) {
    const element = execution.element(instance.elementId);
    const definition = element.userTask ?? {};
    const evaluate = (expression: Expression | undefined): Evaluation =>
      expression ? execution.evaluate(expression, instance.key) : { ok: true, value: undefined };
    const fields = {
      assignee: evaluate(definition.assignee),
      candidateUsers: evaluate(definition.candidateUsers),
      candidateGroups: evaluate(definition.candidateGroups),
      dueDate: evaluate(definition.dueDate),
      followUpDate: evaluate(definition.followUpDate),
      priority: evaluate(definition.priority),
    };
    for (const [field, result] of Object.entries(fields)) {
      if (!result.ok)
        return activationFailed(
          execution,
          instance,
          `Failed to evaluate the ${field} of user task '${element.id}': ${result.message}`,
        );
    }
    const value = (result: Evaluation) => (result.ok ? result.value : undefined);
    const priority = value(fields.priority);
    const priorityNumber =
      priority === undefined || priority === null || priority === '' ? DEFAULT_PRIORITY : Number(priority);
    if (!Number.isSafeInteger(priorityNumber) || typeof priority === 'boolean') {
      return activationFailed(
        execution,
        instance,
        `Expected the priority of user task '${element.id}' to be a whole number, but it was ${JSON.stringify(priority)}`,
      );
    }
    const now = execution.now();
    const dates = {
      dueDate: taskDateOf(value(fields.dueDate), now, execution.timeZone),
      followUpDate: taskDateOf(value(fields.followUpDate), now, execution.timeZone),
    };
    for (const [field, date] of Object.entries(dates)) {
      if (!date.ok)
        return activationFailed(
          execution,
          instance,
          `The ${field} of user task '${element.id}' is not a date: ${date.message}`,
        );
    }
    const dueDate = dates.dueDate.ok ? dates.dueDate.at : undefined;
    const followUpDate = dates.followUpDate.ok ? dates.followUpDate.at : undefined;
    const assignee = value(fields.assignee);
    execution.openWait({
      key: execution.nextKey(),
      ownerKey: instance.key,
      elementId: instance.elementId,
      kind: 'user-task',
      ...(element.name ? { name: element.name } : {}),
      ...(assignee !== undefined && assignee !== null && assignee !== ''
        ? { assignee: String(assignee) }
        : {}),
      candidateUsers: listOf(value(fields.candidateUsers)),
      candidateGroups: listOf(value(fields.candidateGroups)),
      ...(dueDate ? { dueDate } : {}),
      ...(followUpDate ? { followUpDate } : {}),
      priority: priorityNumber,
      ...(definition.formKey ? { formKey: definition.formKey } : {}),
    });
  },
};

/** "sales, management" or a FEEL list → ['sales', 'management']. */
function listOf(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value.map(String).filter((item) => item !== '');
  return String(value)
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}
