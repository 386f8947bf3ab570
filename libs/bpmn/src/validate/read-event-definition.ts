import type { ModdleElement } from 'bpmn-moddle';
import type { EventDefinition } from '../model/executable-model.js';
import { conditionOf, expressionOf } from '../model/expression.js';
import type { FindingCollector } from './finding.js';
import { attr, bodyOf, child, children, describeElement, extension } from './moddle-access.js';

/**
 * Reads an event's single event definition (none, and a multiple event, → undefined: `readMultipleEvent` reads
 * several). Reports unknown references and definitions this engine does not run. Returns null when the event
 * cannot be executed.
 */
export function readEventDefinition(
  event: ModdleElement,
  findings: FindingCollector,
): EventDefinition | undefined | null {
  const definitions = children(event, 'eventDefinitions');
  if (definitions.length !== 1) return undefined;
  return readDefinition(event, definitions[0], findings);
}

/** Reads one event definition of an event; null (with a finding) when it cannot be executed. */
export function readDefinition(
  event: ModdleElement,
  definition: ModdleElement,
  findings: FindingCollector,
): EventDefinition | null {
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
    case 'bpmn:CompensateEventDefinition': {
      const activity = child(definition, 'activityRef');
      if (definition.get('waitForCompletion') === false) {
        findings.warning(
          'compensation-waits',
          event.id,
          `${describeElement(event)} sets waitForCompletion="false"; this engine always waits for the compensation to finish before the event completes.`,
        );
      }
      return { kind: 'compensation', ...(activity?.id ? { activityRef: activity.id } : {}) };
    }
    case 'bpmn:CancelEventDefinition':
      return { kind: 'cancel' };
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
