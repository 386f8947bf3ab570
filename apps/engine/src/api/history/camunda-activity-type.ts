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

/** Element types whose Camunda `activityType` depends on their event definitions. */
const EVENT_TYPES: ReadonlyArray<[stored: string, camundaTypes: readonly string[]]> = [
  ['startEvent', ['startEvent', ...Object.values(START)]],
  ['endEvent', ['endEvent', 'noneEndEvent', ...Object.values(END)]],
  ['intermediateCatchEvent', ['intermediateCatchEvent', ...Object.values(INTERMEDIATE_CATCH)]],
  [
    'intermediateThrowEvent',
    ['intermediateThrowEvent', 'intermediateNoneThrowEvent', ...Object.values(INTERMEDIATE_THROW)],
  ],
  ['boundaryEvent', ['boundaryEvent', ...Object.values(BOUNDARY)]],
];

/**
 * The stored element type of activities Camunda reports as `camundaType` (the reverse of {@link camundaActivityType}):
 * `exact` when the stored type alone decides it (tasks, gateways); for events, rows of the stored type must still be
 * checked against their definition.
 */
export function storedActivityTypeOf(camundaType: string): { stored: string; exact: boolean } {
  const event = EVENT_TYPES.find(([, camundaTypes]) => camundaTypes.includes(camundaType));
  return event ? { stored: event[0], exact: false } : { stored: camundaType, exact: true };
}
