import { historyTimeToLive } from './history-time-to-live.js';
import type { LintRuleFactory } from './lint-rule.js';
import { messageCorrelationKey } from './message-correlation-key.js';
import { messageWaitWithoutTimeout } from './message-wait-without-timeout.js';
import { timerFixedDate } from './timer-fixed-date.js';
import { userTaskAssignment } from './user-task-assignment.js';

/** The bpmnlint plugin's package as bpmnlint names it: rules `kommune-flow/<rule>` resolve here. */
export const KOMMUNE_FLOW_PLUGIN = 'bpmnlint-plugin-kommune-flow';

/**
 * Our own rules, each with its severity. Only a model that cannot work as meant is an error: a Camunda 8 message
 * wait without a correlation key (Camunda 8 refuses it too); the rest is advice a process owner may overrule.
 */
export const KOMMUNE_FLOW_RULES: Record<string, { rule: LintRuleFactory; severity: 'error' | 'warn' }> = {
  'user-task-assignment': { rule: userTaskAssignment, severity: 'warn' },
  'timer-fixed-date': { rule: timerFixedDate, severity: 'warn' },
  'message-correlation-key': { rule: messageCorrelationKey, severity: 'error' },
  'message-wait-without-timeout': { rule: messageWaitWithoutTimeout, severity: 'warn' },
  'history-time-to-live': { rule: historyTimeToLive, severity: 'warn' },
};
