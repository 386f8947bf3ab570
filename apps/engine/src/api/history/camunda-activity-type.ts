import { eventDefinitionsOf, isMultipleEvent, type EventDefinition, type ExecutableElement } from '#bpmn';

type EventKind = EventDefinition['kind'];

/** Camunda's names for events, by the element type and its one event definition (see Camunda's `ActivityTypes`). */
const START: Partial<Record<EventKind, string>> = {
  timer: 'startTimerEvent',
  message: 'messageStartEvent',
  signal: 'signalStartEvent',
  error: 'errorStartEvent',
  escalation: 'escalationStartEvent',
  compensation: 'compensationStartEvent',
  conditional: 'conditionalStartEvent',
};
const END: Partial<Record<EventKind, string>> = {
  error: 'errorEndEvent',
  cancel: 'cancelEndEvent',
  terminate: 'terminateEndEvent',
  message: 'messageEndEvent',
  signal: 'signalEndEvent',
  compensation: 'compensationEndEvent',
  escalation: 'escalationEndEvent',
};
const INTERMEDIATE_CATCH: Partial<Record<EventKind, string>> = {
  message: 'intermediateMessageCatch',
  timer: 'intermediateTimer',
  link: 'intermediateLinkCatch',
  signal: 'intermediateSignalCatch',
  conditional: 'intermediateConditional',
};
const INTERMEDIATE_THROW: Partial<Record<EventKind, string>> = {
  signal: 'intermediateSignalThrow',
  compensation: 'intermediateCompensationThrowEvent',
  message: 'intermediateMessageThrowEvent',
  escalation: 'intermediateEscalationThrowEvent',
};
const BOUNDARY: Partial<Record<EventKind, string>> = {
  timer: 'boundaryTimer',
  message: 'boundaryMessage',
  signal: 'boundarySignal',
  compensation: 'compensationBoundaryCatch',
  error: 'boundaryError',
  escalation: 'boundaryEscalation',
  cancel: 'cancelBoundaryCatch',
  conditional: 'boundaryConditional',
};

/**
 * The `activityType` Camunda 7 reports for an activity instance: events are named by their trigger
 * (`intermediateTimer`, `noneEndEvent`, `boundaryError`), everything else by its element type, which the core
 * shares with Camunda (`serviceTask`, `exclusiveGateway`, `multiInstanceBody`). `stored` is the type the history
 * row has; `element` is the element from the deployed definition, when it is still known.
 */
export function camundaActivityType(stored: string, element: ExecutableElement | undefined): string {
  if (!element) return stored;
  const definitions = eventDefinitionsOf(element);
  const kind = definitions.length === 1 && !isMultipleEvent(element) ? definitions[0]!.kind : undefined;
  switch (stored) {
    case 'startEvent':
      return (kind && START[kind]) ?? 'startEvent';
    case 'endEvent':
      return definitions.length === 0 ? 'noneEndEvent' : ((kind && END[kind]) ?? 'endEvent');
    case 'intermediateCatchEvent':
      return (kind && INTERMEDIATE_CATCH[kind]) ?? 'intermediateCatchEvent';
    case 'intermediateThrowEvent':
      return definitions.length === 0
        ? 'intermediateNoneThrowEvent'
        : ((kind && INTERMEDIATE_THROW[kind]) ?? 'intermediateThrowEvent');
    case 'boundaryEvent':
      return (kind && BOUNDARY[kind]) ?? 'boundaryEvent';
    default:
      return stored;
  }
}
