import { expressionSyntaxError } from '../expressions/expression-evaluator.js';
import { eventDefinitionsOf } from '../model/event-definitions.js';
import type { ExecutableElement, ExecutableProcess } from '../model/executable-model.js';
import { describeExpression, type Expression } from '../model/expression.js';
import { parseTimer, TimerDefinitionError } from '../timers/index.js';
import type { FindingCollector } from './finding.js';
import { expressionsOfCall } from './read-call-activity.js';

/** Every expression must parse, and a literal timer must be a valid ISO 8601 date, duration, cycle or cron. */
export function checkExpressions(process: ExecutableProcess, findings: FindingCollector): void {
  for (const flow of Object.values(process.flows)) {
    if (flow.condition)
      check(flow.condition, `the condition of flow '${flow.id}'`, [flow.sourceId, flow.id], findings);
  }
  for (const element of Object.values(process.elements)) {
    for (const [what, expression] of expressionsOf(element)) check(expression, what, [element.id], findings);
    for (const definition of eventDefinitionsOf(element)) {
      if (definition.kind !== 'timer' || definition.value.language !== 'literal') continue;
      try {
        parseTimer(definition.timerKind, definition.value.source);
      } catch (error) {
        if (!(error instanceof TimerDefinitionError)) throw error;
        findings.error(
          'invalid-timer',
          element.id,
          `The timer of '${element.name ?? element.id}' does not parse: ${error.message}`,
        );
      }
    }
  }
}

function check(expression: Expression, what: string, elementIds: string[], findings: FindingCollector): void {
  const error = expressionSyntaxError(expression);
  if (error) {
    findings.error(
      'invalid-expression',
      elementIds,
      `Expected ${what} ('${describeExpression(expression)}') to be a valid expression, but: ${error}`,
    );
  }
}

function expressionsOf(element: ExecutableElement): Array<[string, Expression]> {
  const result: Array<[string, Expression]> = [];
  for (const mapping of element.inputs) result.push([`input mapping '${mapping.target}'`, mapping.source]);
  for (const mapping of element.outputs) result.push([`output mapping '${mapping.target}'`, mapping.source]);
  for (const definition of eventDefinitionsOf(element)) {
    if (definition.kind === 'message') {
      result.push(['the message name', definition.messageName]);
      if (definition.correlationKey) result.push(['the correlation key', definition.correlationKey]);
    }
    if (definition.kind === 'signal') result.push(['the signal name', definition.signalName]);
    if (definition.kind === 'timer') result.push(['the timer value', definition.value]);
    if (definition.kind === 'conditional') result.push(['the condition', definition.condition]);
  }
  if (element.callActivity) result.push(...expressionsOfCall(element.callActivity));
  if (element.activationCondition) result.push(['the activation condition', element.activationCondition]);
  if (element.message) {
    result.push(['the message name', element.message.messageName]);
    if (element.message.correlationKey) result.push(['the correlation key', element.message.correlationKey]);
  }
  if (element.job) {
    result.push(['the job type', element.job.type], ['the retries', element.job.retries]);
    if (element.job.priority) result.push(['the priority', element.job.priority]);
  }
  if (element.script) result.push(['the script', element.script.expression]);
  if (element.decision) {
    result.push(['the decision id', element.decision.decisionId]);
    if (element.decision.version) result.push(['the decision version', element.decision.version]);
    if (element.decision.versionTag) result.push(['the decision version tag', element.decision.versionTag]);
  }
  for (const [field, expression] of Object.entries(element.userTask ?? {})) {
    if (typeof expression === 'object') result.push([`the ${field}`, expression]);
  }
  return result;
}
