import type { ModdleElement } from 'bpmn-moddle';
import type { UserTaskDefinition } from '../model/executable-model.js';
import { expressionOf } from '../model/expression.js';
import { bodyOf, child, children } from './moddle-access.js';

/**
 * BPMN's own way to assign a user task, which Camunda 7 reads too: `humanPerformer` names the assignee,
 * `potentialOwner` the candidates — `user(jens)` a candidate user, `group(social)` or a bare name a candidate group,
 * several separated by commas. Extension attributes (camunda:assignee …) win where both are given.
 */
export function readResourceRoles(task: ModdleElement): UserTaskDefinition {
  const result: UserTaskDefinition = {};
  const users: string[] = [];
  const groups: string[] = [];
  for (const role of children(task, 'resources')) {
    const text = bodyOf(child(child(role, 'resourceAssignmentExpression') ?? role, 'expression'));
    if (!text) continue;
    if (role.$type === 'bpmn:HumanPerformer' || role.$type === 'bpmn:Performer') {
      result.assignee = expressionOf(text);
      continue;
    }
    if (role.$type !== 'bpmn:PotentialOwner') continue;
    for (const part of text
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean)) {
      const user = /^user\((.*)\)$/.exec(part);
      const group = /^group\((.*)\)$/.exec(part);
      if (user) users.push(user[1].trim());
      else groups.push((group ? group[1] : part).trim());
    }
  }
  if (users.length > 0) result.candidateUsers = expressionOf(users.join(', '));
  if (groups.length > 0) result.candidateGroups = expressionOf(groups.join(', '));
  return result;
}
