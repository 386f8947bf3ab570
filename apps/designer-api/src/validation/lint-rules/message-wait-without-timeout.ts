import { describeElement } from '#bpmn';
import type { ModdleElement } from 'bpmn-moddle';
import {
  hasEventDefinition,
  siblingsOf,
  type LintElement,
  type LintReporter,
  type LintRuleFactory,
} from './lint-rule.js';

/**
 * A case that waits for a message — a Digital Post receipt, a signature, a reply from another authority — should
 * also wait for time to pass: an interrupting or non-interrupting boundary timer on a receive task, or a timer
 * beside the message after an event-based gateway. Messages get lost and citizens do not answer; without a timer
 * the case waits for ever and nobody notices that a legal deadline went by.
 */
export const messageWaitWithoutTimeout: LintRuleFactory = () => ({
  check(node, reporter) {
    if (node.$instanceOf('bpmn:ReceiveTask')) {
      if (!hasBoundaryTimer(node) && !followsGatewayWithTimer(node)) report(node, reporter);
    } else if (
      node.$instanceOf('bpmn:IntermediateCatchEvent') &&
      hasEventDefinition(node, 'bpmn:MessageEventDefinition') &&
      !followsGatewayWithTimer(node)
    ) {
      report(node, reporter);
    }
  },
});

function report(node: LintElement, reporter: LintReporter): void {
  reporter.report(
    node.id ?? '',
    `${describeElement(node)} waits for a message with no timer beside it, so the case waits for ever when the ` +
      'message never comes: attach a boundary timer to the receive task, or wait behind an event-based gateway ' +
      'with a timer (e.g. P6D for a receipt)',
  );
}

function hasBoundaryTimer(task: LintElement): boolean {
  return siblingsOf(task).some(
    (element) =>
      element.$instanceOf('bpmn:BoundaryEvent') &&
      element.get('attachedToRef') === task &&
      hasEventDefinition(element, 'bpmn:TimerEventDefinition'),
  );
}

/** Whether the wait is one branch of an event-based gateway that also has a timer branch. */
function followsGatewayWithTimer(node: LintElement): boolean {
  const incoming = (node.get('incoming') ?? []) as ModdleElement[];
  return incoming.some((flow) => {
    const gateway = flow.get('sourceRef') as LintElement | undefined;
    if (!gateway?.$instanceOf('bpmn:EventBasedGateway')) return false;
    const outgoing = (gateway.get('outgoing') ?? []) as ModdleElement[];
    return outgoing.some((branch) => {
      const target = branch.get('targetRef') as LintElement | undefined;
      return target !== undefined && hasEventDefinition(target, 'bpmn:TimerEventDefinition');
    });
  });
}
