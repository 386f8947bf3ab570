import type { Evaluation } from '../../expressions/expression-evaluator.js';
import type { Expression } from '../../model/expression.js';
import type { ElementBehavior } from '../element-behavior.js';
import { activationFailed } from '../activation-failed.js';

/** Camunda 7's default task priority. */
const DEFAULT_PRIORITY = 50;

/** A user task waits for a person to complete it; assignment, dates and priority are evaluated on entry. */
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
    const priorityNumber = priority === undefined || priority === null ? DEFAULT_PRIORITY : Number(priority);
    if (!Number.isFinite(priorityNumber)) {
      return activationFailed(
        execution,
        instance,
        `Expected the priority of user task '${element.id}' to be a number, but it was ${JSON.stringify(priority)}`,
      );
    }
    const assignee = value(fields.assignee);
    const dueDate = dateText(value(fields.dueDate));
    const followUpDate = dateText(value(fields.followUpDate));
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

function dateText(value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  return String(value);
}
