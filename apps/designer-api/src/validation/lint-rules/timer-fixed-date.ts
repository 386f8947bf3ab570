import { bodyOf, child, describeElement } from '#bpmn';
import { eventDefinitionsOf, type LintRuleFactory } from './lint-rule.js';

/**
 * A timer with a fixed date (`<timeDate>2026-03-01T00:00:00Z</timeDate>`) fires at that moment for every case, and
 * at once for every case started after it. Deadlines in municipal casework run from the case — aktindsigt's 7
 * working days, an underretning's 24-hour assessment — so they are a duration (`P7D`, `PT24H`) or an expression
 * computed from the case's variables, never a date written into the model.
 */
export const timerFixedDate: LintRuleFactory = () => ({
  check(node, reporter) {
    for (const definition of eventDefinitionsOf(node)) {
      if (!definition.$instanceOf('bpmn:TimerEventDefinition')) continue;
      const date = bodyOf(child(definition, 'timeDate'));
      if (date === undefined || isExpression(date)) continue;
      reporter.report(
        node.id ?? '',
        `${describeElement(node)} waits until the fixed date ${date}, the same moment for every case: use a ` +
          'duration from the case (timeDuration P7D) or an expression over its variables (${deadline}, =deadline)',
      );
    }
  },
});

/** JUEL `${…}`/`#{…}` or FEEL `=…`: computed per instance. */
function isExpression(text: string): boolean {
  return text.startsWith('=') || /[$#]\{/.test(text);
}
