import { eventDefinitionsOf } from '../model/event-definitions.js';
import type { ExecutableElement, ExecutableProcess } from '../model/executable-model.js';
import { nameOf } from './element-name.js';
import type { FindingCollector } from './finding.js';

const EVENT_SUB_PROCESS_TRIGGERS = new Set([
  'message',
  'timer',
  'signal',
  'error',
  'escalation',
  'conditional',
  'compensation',
]);

/** Event sub-processes: one start event with a trigger, no flows in or out, and triggers that fit where they are. */
export function checkEventSubProcesses(process: ExecutableProcess, findings: FindingCollector): void {
  for (const element of Object.values(process.elements)) {
    if (!element.triggeredByEvent) continue;
    const starts = (element.children ?? []).filter((id) => process.elements[id].type === 'startEvent');
    const start = starts.length === 1 ? process.elements[starts[0]] : undefined;
    const triggers = start ? eventDefinitionsOf(start).map((definition) => definition.kind) : [];
    if (!start || triggers.length === 0) {
      findings.error(
        'invalid-event-sub-process',
        element.id,
        `${nameOf(element)} must have exactly one start event with a trigger (message, timer, signal, error, escalation, conditional or compensation), but has ${starts.length === 0 ? 'none' : starts.length > 1 ? 'several start events' : 'a none start event'}.`,
      );
      continue;
    }
    if (triggers.length > 1) {
      // Any of several awaited triggers may start it; thrown ones (error, escalation, compensation) are caught singly.
      const unfit = triggers.filter((kind) => !['message', 'timer', 'signal', 'conditional'].includes(kind));
      if (start.parallelMultiple || unfit.length > 0) {
        findings.error(
          'invalid-event-sub-process',
          [element.id, start.id],
          `${nameOf(start)} starts an event sub-process on ${start.parallelMultiple ? 'all of several triggers (parallel multiple)' : `several triggers including ${unfit.join(', ')}`}, which this engine does not run; an event sub-process starts on one trigger, or on any of several message, timer, signal or conditional triggers.`,
        );
      }
      continue;
    }
    const trigger = triggers[0];
    if (!EVENT_SUB_PROCESS_TRIGGERS.has(trigger)) {
      findings.error(
        'invalid-event-sub-process',
        [element.id, start.id],
        `${nameOf(start)} cannot start an event sub-process with a ${trigger} trigger.`,
      );
    }
    if ((trigger === 'error' || trigger === 'compensation') && start.isInterrupting === false) {
      findings.error(
        'invalid-event-sub-process',
        [element.id, start.id],
        `${nameOf(start)} catches ${trigger === 'error' ? 'an error' : 'compensation'}, so it must interrupt (isInterrupting="true").`,
      );
    }
    if (trigger === 'compensation' && element.scopeId === process.id) {
      findings.error(
        'invalid-event-sub-process',
        element.id,
        `${nameOf(element)} is a compensation event sub-process, which belongs inside a sub-process (it compensates that sub-process), not at process level.`,
      );
    }
    if (element.incoming.length > 0 || element.outgoing.length > 0) {
      findings.error(
        'invalid-event-sub-process',
        element.id,
        `${nameOf(element)} is started by its event, so it must have no incoming or outgoing sequence flows.`,
      );
    }
  }
}

/** Compensation handlers are wired by association; cancel events belong to transactions. */
export function checkCompensationAndTransactions(
  process: ExecutableProcess,
  findings: FindingCollector,
): void {
  const elements = Object.values(process.elements);
  for (const element of elements) {
    const kind = element.eventDefinition?.kind;
    if (element.type === 'boundaryEvent' && kind === 'compensation') {
      const handler = element.compensationHandler ? process.elements[element.compensationHandler] : undefined;
      if (!handler || !handler.isForCompensation) {
        findings.error(
          'invalid-compensation',
          element.id,
          `${nameOf(element)} must be associated with a compensation handler (an activity with isForCompensation="true"), but ${handler ? `'${handler.id}' is not marked isForCompensation` : 'it has no association to one'}.`,
        );
      }
      if (element.outgoing.length > 0) {
        findings.error(
          'invalid-compensation',
          element.id,
          `${nameOf(element)} starts its handler through an association, so it must have no outgoing sequence flow.`,
        );
      }
    }
    if (element.isForCompensation && (element.incoming.length > 0 || element.outgoing.length > 0)) {
      findings.error(
        'invalid-compensation',
        element.id,
        `${nameOf(element)} is a compensation handler, so it must have no incoming or outgoing sequence flows.`,
      );
    }
    if (
      kind === 'compensation' &&
      element.eventDefinition?.kind === 'compensation' &&
      element.eventDefinition.activityRef
    ) {
      const target = process.elements[element.eventDefinition.activityRef];
      if (!target || target.scopeId !== element.scopeId) {
        findings.error(
          'invalid-compensation',
          element.id,
          `${nameOf(element)} compensates activity '${element.eventDefinition.activityRef}', which must be an activity in the same (sub-)process.`,
        );
      }
    }
    if (kind === 'cancel' && element.type === 'endEvent' && !insideTransaction(process, element)) {
      findings.error(
        'invalid-cancel-event',
        element.id,
        `${nameOf(element)} is a cancel end event, which only a transaction sub-process may contain.`,
      );
    }
    if (
      kind === 'cancel' &&
      element.type === 'boundaryEvent' &&
      process.elements[element.attachedTo ?? '']?.type !== 'transaction'
    ) {
      findings.error(
        'invalid-cancel-event',
        element.id,
        `${nameOf(element)} is a cancel boundary event, which only a transaction sub-process may carry.`,
      );
    }
  }
}

function insideTransaction(process: ExecutableProcess, element: ExecutableElement): boolean {
  return process.elements[element.scopeId ?? '']?.type === 'transaction';
}
