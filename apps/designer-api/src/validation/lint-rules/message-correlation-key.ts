import { attr, child, describeElement, extensions } from '#bpmn';
import type { ModdleElement } from 'bpmn-moddle';
import {
  eventDefinitionsOf,
  isCamunda8Document,
  type LintElement,
  type LintRuleFactory,
} from './lint-rule.js';

/**
 * In a Camunda 8 model, a message wait inside a running case (intermediate catch, boundary, receive task, event
 * sub-process start) needs a correlation key (`<zeebe:subscription correlationKey="=caseNumber" />`): without one a
 * message cannot tell the cases apart, so "the document was signed" for one citizen could move another citizen's
 * case. Camunda 8 refuses such a model as well; a message start event needs no key, it starts a new case.
 */
export const messageCorrelationKey: LintRuleFactory = () => ({
  check(node, reporter) {
    if (!isCamunda8Document(node)) return;
    const message = messageWaitedFor(node);
    if (!message) return;
    const key = extensions(message, 'zeebe:Subscription')
      .map((subscription) => attr(subscription, 'correlationKey'))
      .find((value) => value !== undefined);
    if (key !== undefined) return;
    reporter.report(
      node.id ?? '',
      `${describeElement(node)} waits for message '${message.name ?? message.id}' without a correlation key, so it ` +
        'cannot tell which case a message is for: add <zeebe:subscription correlationKey="=caseNumber" /> to the message',
    );
  },
});

/** The message a wait inside a running instance is for; undefined for anything else, or a start of a new case. */
function messageWaitedFor(node: LintElement): ModdleElement | undefined {
  if (node.$instanceOf('bpmn:ReceiveTask')) return child(node, 'messageRef');
  if (!node.$instanceOf('bpmn:CatchEvent')) return undefined;
  if (node.$instanceOf('bpmn:StartEvent') && node.$parent?.get('triggeredByEvent') !== true) return undefined;
  const definition = eventDefinitionsOf(node).find((candidate) =>
    candidate.$instanceOf('bpmn:MessageEventDefinition'),
  );
  return definition ? child(definition, 'messageRef') : undefined;
}
