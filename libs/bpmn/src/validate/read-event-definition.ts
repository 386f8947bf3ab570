import type { ModdleElement } from 'bpmn-moddle';
import type { EventDefinition } from '../model/executable-model.js';
import { conditionOf, expressionOf } from '../model/expression.js';
import type { FindingCollector } from './finding.js';
import { attr, bodyOf, child, children, describeElement, extension } from './moddle-access.js';

/** Event definitions this engine runs, by moddle type; the others are reported as unsupported. */
const NOT_SUPPORTED_YET: Record<string, string> = {
  'bpmn:CompensateEventDefinition': 'compensation event',
  'bpmn:CancelEventDefinition': 'cancel event (transactions)',
};

/**
 * Reads an event's single event definition (none → undefined). Reports several definitions, unknown references
 * and definitions this engine does not run. Returns null when the event cannot be executed.
 */
export function readEventDefinition(
  event: ModdleElement,
  findings: FindingCollector,
): EventDefinition | undefined | null {
  const definitions = children(event, 'eventDefinitions');
  if (definitions.length === 0) return undefined;
  if (definitions.length > 1) {
    findings.error(
      'unsupported-element',
      event.id,
      `${describeElement(event)} has ${definitions.length} event definitions (a multiple event), which this engine does not run; ` +
        'split it into one event per trigger, e.g. behind an event-based gateway.',
    );
    return null;
  }
  const definition = definitions[0];
  const notYet = NOT_SUPPORTED_YET[definition.$type];
  if (notYet) {
    findings.error(
      'unsupported-element',
      event.id,
      `${describeElement(event)} is a ${notYet}, which this engine does not run yet.`,
    );
    return null;
  }
  switch (definition.$type) {
    case 'bpmn:MessageEventDefinition':
      return readMessage(event, child(definition, 'messageRef'), findings);
    case 'bpmn:TimerEventDefinition':
      return readTimer(event, definition, findings);
    case 'bpmn:SignalEventDefinition': {
      const signal = child(definition, 'signalRef');
      const name = signal && attr(signal, 'name');
      if (!name) {
        findings.error(
          'missing-reference',
          event.id,
          `${describeElement(event)} must refer to a signal with a name (signalRef), but ${signal ? `signal '${signal.id}' has no name` : 'it names none'}.`,
        );
        return null;
      }
      return { kind: 'signal', signalName: expressionOf(name) };
    }
    case 'bpmn:ErrorEventDefinition': {
      const error = child(definition, 'errorRef');
      const isThrow = event.$type === 'bpmn:EndEvent';
      const errorCode = error && attr(error, 'errorCode');
      if (isThrow && !errorCode) {
        findings.error(
          'missing-reference',
          event.id,
          `${describeElement(event)} throws an error, so it must refer to an error with an error code, but ${error ? `error '${error.id}' has no errorCode` : 'it names none'}.`,
        );
        return null;
      }
      return {
        kind: 'error',
        ...(errorCode ? { errorCode } : {}),
        ...optional('errorMessage', error && (attr(error, 'camunda:errorMessage') ?? attr(error, 'name'))),
        ...optional('errorCodeVariable', attr(definition, 'camunda:errorCodeVariable')),
        ...optional('errorMessageVariable', attr(definition, 'camunda:errorMessageVariable')),
      };
    }
    case 'bpmn:EscalationEventDefinition': {
      const escalation = child(definition, 'escalationRef');
      const code = escalation && attr(escalation, 'escalationCode');
      const isThrow = event.$type === 'bpmn:EndEvent' || event.$type === 'bpmn:IntermediateThrowEvent';
      if (isThrow && !code) {
        findings.error(
          'missing-reference',
          event.id,
          `${describeElement(event)} throws an escalation, so it must refer to an escalation with a code, but ${escalation ? `escalation '${escalation.id}' has no escalationCode` : 'it names none'}.`,
        );
        return null;
      }
      return {
        kind: 'escalation',
        ...(code ? { escalationCode: code } : {}),
        ...optional('escalationCodeVariable', attr(definition, 'camunda:escalationCodeVariable')),
      };
    }
    case 'bpmn:LinkEventDefinition': {
      const name = attr(definition, 'name');
      if (!name) {
        findings.error(
          'missing-reference',
          event.id,
          `${describeElement(event)} is a link event without a link name.`,
        );
        return null;
      }
      return { kind: 'link', linkName: name };
    }
    case 'bpmn:ConditionalEventDefinition': {
      const condition = child(definition, 'condition');
      const body = bodyOf(condition);
      if (!body) {
        findings.error(
          'missing-condition',
          event.id,
          `${describeElement(event)} is a conditional event, so it needs a condition, but it has none.`,
        );
        return null;
      }
      return { kind: 'conditional', condition: conditionOf(body, condition && attr(condition, 'language')) };
    }
    case 'bpmn:TerminateEventDefinition':
      return { kind: 'terminate' };
    default:
      findings.error(
        'unsupported-element',
        event.id,
        `${describeElement(event)} has a ${definition.$type} definition, which this engine does not run.`,
      );
      return null;
  }
}

/** Reads a message reference (events, receive and send tasks), with the Camunda 8 correlation key. */
export function readMessage(
  element: ModdleElement,
  message: ModdleElement | undefined,
  findings: FindingCollector,
): EventDefinition | null {
  const name = message && attr(message, 'name');
  if (!name) {
    findings.error(
      'missing-reference',
      element.id,
      `${describeElement(element)} must refer to a message with a name (messageRef), but ${message ? `message '${message.id}' has no name` : 'it names none'}.`,
    );
    return null;
  }
  const subscription = extension(message, 'zeebe:Subscription');
  const correlationKey = subscription && attr(subscription, 'correlationKey');
  return {
    kind: 'message',
    messageName: expressionOf(name),
    ...(correlationKey ? { correlationKey: expressionOf(correlationKey) } : {}),
  };
}

function readTimer(
  event: ModdleElement,
  definition: ModdleElement,
  findings: FindingCollector,
): EventDefinition | null {
  const candidates = (['timeDate', 'timeDuration', 'timeCycle'] as const)
    .map((property) => ({ property, body: bodyOf(child(definition, property)) }))
    .filter((candidate) => candidate.body !== undefined);
  if (candidates.length !== 1) {
    findings.error(
      'invalid-timer',
      event.id,
      `${describeElement(event)} is a timer event, so it needs exactly one of timeDate, timeDuration or timeCycle, but it has ${candidates.length === 0 ? 'none' : candidates.map((c) => c.property).join(' and ')}.`,
    );
    return null;
  }
  const [{ property, body }] = candidates;
  const timerKind = property === 'timeDate' ? 'date' : property === 'timeDuration' ? 'duration' : 'cycle';
  return { kind: 'timer', timerKind, value: expressionOf(body as string) };
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value ? ({ [key]: value } as Record<K, string>) : {};
}
