import { expressionSyntaxError } from '../expressions/expression-evaluator.js';
import type { ExecutableElement, ExecutableProcess, LoopDefinition } from '../model/executable-model.js';
import { describeExpression, type Expression } from '../model/expression.js';
import type { FindingCollector } from './finding.js';

/**
 * Multi-instance and standard loops: every expression of them must parse, and an activity that an event-based
 * gateway leads to (it is the one event that happened) cannot repeat.
 */
export function checkLoops(process: ExecutableProcess, findings: FindingCollector): void {
  for (const element of Object.values(process.elements)) {
    if (!element.loop) continue;
    for (const [what, expression] of expressionsOf(element.loop)) {
      const error = expressionSyntaxError(expression);
      if (error) {
        findings.error(
          'invalid-expression',
          element.id,
          `Expected ${what} of '${element.name ?? element.id}' ('${describeExpression(expression)}') to be a valid expression, but: ${error}`,
        );
      }
    }
    if (followsEventGateway(process, element)) {
      findings.error(
        'invalid-loop',
        element.id,
        `'${element.name ?? element.id}' follows an event-based gateway, where it stands for the one message that arrived, so it cannot be multi-instance or a loop; ` +
          'remove the marker, or repeat the work in an activity after it.',
      );
    }
  }
}

function expressionsOf(loop: LoopDefinition): Array<[string, Expression]> {
  const result: Array<[string, Expression]> = [];
  if (loop.kind === 'standard-loop') {
    if (loop.loopCondition) result.push(['the loop condition', loop.loopCondition]);
    return result;
  }
  if (loop.collection) result.push(['the multi-instance collection', loop.collection]);
  if (loop.cardinality) result.push(['the loop cardinality', loop.cardinality]);
  if (loop.outputElement) result.push(['the output element', loop.outputElement]);
  if (loop.completionCondition) result.push(['the completion condition', loop.completionCondition]);
  if (loop.event?.kind === 'signal') result.push(['the behavior signal name', loop.event.signalName]);
  return result;
}

function followsEventGateway(process: ExecutableProcess, element: ExecutableElement): boolean {
  return element.incoming.some(
    (flowId) => process.elements[process.flows[flowId]?.sourceId ?? '']?.type === 'eventBasedGateway',
  );
}
