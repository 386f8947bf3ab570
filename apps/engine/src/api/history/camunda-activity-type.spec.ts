import { describe, expect, it } from '@jest/globals';
import type { EventDefinition, ExecutableElement } from '#bpmn';
import { camundaActivityType, storedActivityTypeOf } from './camunda-activity-type.js';

function element(type: ExecutableElement['type'], ...definitions: EventDefinition[]): ExecutableElement {
  return {
    id: 'e',
    type,
    incoming: [],
    outgoing: [],
    boundaryEvents: [],
    inputs: [],
    outputs: [],
    startQuantity: 1,
    completionQuantity: 1,
    ...(definitions.length === 1 ? { eventDefinition: definitions[0] } : {}),
    ...(definitions.length > 1 ? { eventDefinitions: definitions } : {}),
  };
}

const timer: EventDefinition = {
  kind: 'timer',
  timerKind: 'duration',
  value: { language: 'literal', source: 'PT1M' },
};
const message: EventDefinition = { kind: 'message', messageName: { language: 'literal', source: 'm' } };

describe('camundaActivityType', () => {
  it.each([
    ['startEvent', element('startEvent'), 'startEvent'],
    ['startEvent', element('startEvent', timer), 'startTimerEvent'],
    ['startEvent', element('startEvent', message), 'messageStartEvent'],
    ['startEvent', element('startEvent', timer, message), 'startEvent'],
    ['endEvent', element('endEvent'), 'noneEndEvent'],
    ['endEvent', element('endEvent', { kind: 'terminate' }), 'terminateEndEvent'],
    ['endEvent', element('endEvent', { kind: 'error', errorCode: 'E' }), 'errorEndEvent'],
    ['intermediateCatchEvent', element('intermediateCatchEvent', timer), 'intermediateTimer'],
    ['intermediateCatchEvent', element('intermediateCatchEvent', message), 'intermediateMessageCatch'],
    ['intermediateThrowEvent', element('intermediateThrowEvent'), 'intermediateNoneThrowEvent'],
    [
      'intermediateThrowEvent',
      element('intermediateThrowEvent', { kind: 'signal', signalName: { language: 'literal', source: 's' } }),
      'intermediateSignalThrow',
    ],
    ['boundaryEvent', element('boundaryEvent', timer), 'boundaryTimer'],
    ['boundaryEvent', element('boundaryEvent', { kind: 'error' }), 'boundaryError'],
    ['serviceTask', element('serviceTask'), 'serviceTask'],
    ['exclusiveGateway', element('exclusiveGateway'), 'exclusiveGateway'],
    ['multiInstanceBody', element('userTask'), 'multiInstanceBody'],
  ])('%s %j is %s', (stored, definition, expected) => {
    expect(camundaActivityType(stored, definition)).toBe(expected);
  });

  it('keeps the stored type when the definition is no longer known', () => {
    expect(camundaActivityType('endEvent', undefined)).toBe('endEvent');
  });
});

describe('storedActivityTypeOf', () => {
  it.each([
    ['serviceTask', { stored: 'serviceTask', exact: true }],
    ['noneEndEvent', { stored: 'endEvent', exact: false }],
    ['startTimerEvent', { stored: 'startEvent', exact: false }],
    ['startEvent', { stored: 'startEvent', exact: false }],
    ['intermediateNoneThrowEvent', { stored: 'intermediateThrowEvent', exact: false }],
    ['boundaryError', { stored: 'boundaryEvent', exact: false }],
  ])('%s is stored as %j', (camundaType, expected) => {
    expect(storedActivityTypeOf(camundaType)).toEqual(expected);
  });
});
