import { attr, describeElement } from '#bpmn';
import { isCamunda8Document, type LintRuleFactory } from './lint-rule.js';

/**
 * An executable Camunda 7 process should set `camunda:historyTimeToLive`. The history of a case holds its
 * variables — personal data — and GDPR wants it deleted when the retention period of the case's KLE emne has
 * passed; without the attribute the engine's default (HISTORY_TTL_DAYS) applies, which no process owner chose.
 * Camunda Modeler writes the attribute (P180D) into every new Camunda 7 diagram; Camunda 8 has no such attribute.
 */
export const historyTimeToLive: LintRuleFactory = () => ({
  check(node, reporter) {
    if (!node.$instanceOf('bpmn:Process') || node.get('isExecutable') !== true) return;
    if (isCamunda8Document(node) || attr(node, 'camunda:historyTimeToLive') !== undefined) return;
    reporter.report(
      node.id ?? '',
      `${describeElement(node)} sets no camunda:historyTimeToLive, so the history of its cases (with their personal ` +
        "data) is kept for the engine's default: set it to the retention period of the case's KLE emne, e.g. P1825D",
    );
  },
});
