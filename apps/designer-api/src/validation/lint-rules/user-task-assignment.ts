import { attr, children, describeElement, extensions } from '#bpmn';
import type { LintRuleFactory } from './lint-rule.js';

/**
 * A user task must say who does it: an assignee, candidate users or candidate groups (`camunda:assignee`,
 * `camunda:candidateGroups`, Camunda 8's `zeebe:assignmentDefinition`, or BPMN's `potentialOwner`). Municipal work
 * is routed to the unit that owns the case's KLE emne; a task without any of these lands in nobody's task list,
 * and the case stands still while its legal deadline runs.
 */
export const userTaskAssignment: LintRuleFactory = () => ({
  check(node, reporter) {
    if (!node.$instanceOf('bpmn:UserTask')) return;
    const camunda7 = ['camunda:assignee', 'camunda:candidateUsers', 'camunda:candidateGroups'].some(
      (name) => attr(node, name) !== undefined,
    );
    const camunda8 = extensions(node, 'zeebe:AssignmentDefinition').some((assignment) =>
      ['assignee', 'candidateUsers', 'candidateGroups'].some((name) => attr(assignment, name) !== undefined),
    );
    const resourceRoles = children(node, 'resources').length > 0;
    if (camunda7 || camunda8 || resourceRoles) return;
    reporter.report(
      node.id ?? '',
      `${describeElement(node)} is assigned to nobody, so it shows up in no caseworker's task list: set ` +
        'candidate groups (the unit that handles the case, e.g. camunda:candidateGroups="aktindsigt") or an assignee',
    );
  },
});
