import { expect } from '@jest/globals';
import type { Effect } from '#bpmn';
import { bpmnDocument, chain, flow } from '../../support/bpmn-xml.js';
import type { Scenario } from '../../support/scenario.js';

/** An external-task activity with a compensation boundary event associated with its (external-task) handler. */
const compensable = (id: string, handler: string) => `
  <bpmn:serviceTask id="${id}" camunda:type="external" camunda:topic="${id}" />
  <bpmn:boundaryEvent id="${id}_undo" attachedToRef="${id}"><bpmn:compensateEventDefinition /></bpmn:boundaryEvent>
  <bpmn:serviceTask id="${handler}" isForCompensation="true" camunda:type="external" camunda:topic="${handler}" />
  <bpmn:association id="${id}_assoc" associationDirection="One" sourceRef="${id}_undo" targetRef="${handler}" />`;

const compensateThrow = (id: string, activityRef?: string) =>
  `<bpmn:intermediateThrowEvent id="${id}"><bpmn:compensateEventDefinition${activityRef ? ` activityRef="${activityRef}"` : ''} /></bpmn:intermediateThrowEvent>`;

/** Which handler jobs were opened, in order. */
const handlerJobsInOrder = (effects: Effect[], handlers: string[]) =>
  effects
    .filter(
      (effect): effect is Extract<Effect, { type: 'wait.opened' }> =>
        effect.type === 'wait.opened' &&
        effect.wait.kind === 'job' &&
        handlers.includes(effect.wait.elementId),
    )
    .map((effect) => effect.wait.elementId);

export const compensationScenarios: Scenario[] = [
  {
    name: 'a compensation throw runs the handlers of the completed activities in reverse order of completion, one at a time',
    xml: bpmnDocument(`
      <bpmn:startEvent id="start" />
      ${compensable('bookHotel', 'cancelHotel')}
      ${compensable('bookFlight', 'cancelFlight')}
      ${compensateThrow('undoAll')}
      <bpmn:endEvent id="end" />
      ${chain('start', 'bookHotel', 'bookFlight', 'undoAll', 'end')}`),
    when(h) {
      h.start();
      h.completeJob('bookHotel', { hotel: 'Hotel Aarhus' });
      h.completeJob('bookFlight');
      expect(h.waiting('job')).toEqual(['cancelFlight']);
      h.completeJob('cancelFlight');
      expect(h.waiting('job')).toEqual(['cancelHotel']);
      h.completeJob('cancelHotel');
    },
    then(h) {
      expect(h.status()).toBe('completed');
      expect(handlerJobsInOrder(h.effects, ['cancelHotel', 'cancelFlight'])).toEqual([
        'cancelFlight',
        'cancelHotel',
      ]);
      expect(h.completed()).toEqual([
        'bookFlight',
        'bookHotel',
        'cancelFlight',
        'cancelHotel',
        'end',
        'start',
        'undoAll',
      ]);
    },
  },
  {
    name: 'a compensation throw with an activityRef compensates only that activity',
    xml: bpmnDocument(`
      <bpmn:startEvent id="start" />
      ${compensable('bookHotel', 'cancelHotel')}
      ${compensable('bookFlight', 'cancelFlight')}
      ${compensateThrow('undoHotel', 'bookHotel')}
      <bpmn:endEvent id="end" />
      ${chain('start', 'bookHotel', 'bookFlight', 'undoHotel', 'end')}`),
    when(h) {
      h.start();
      h.completeJob('bookHotel');
      h.completeJob('bookFlight');
      expect(h.waiting('job')).toEqual(['cancelHotel']);
      h.completeJob('cancelHotel');
    },
    then(h) {
      expect(h.status()).toBe('completed');
      expect(h.completed()).not.toContain('cancelFlight');
    },
  },
  {
    name: 'only completed activities are compensated, and each only once',
    xml: bpmnDocument(`
      <bpmn:startEvent id="start" />
      ${compensable('bookHotel', 'cancelHotel')}
      ${compensateThrow('undoFirst')}
      ${compensateThrow('undoAgain')}
      <bpmn:endEvent id="end" />
      ${chain('start', 'bookHotel', 'undoFirst', 'undoAgain', 'end')}`),
    when(h) {
      h.start();
      h.completeJob('bookHotel');
      h.completeJob('cancelHotel');
    },
    then(h) {
      expect(h.status()).toBe('completed');
      expect(h.completed().filter((id) => id === 'cancelHotel')).toHaveLength(1);
    },
  },
  {
    name: 'a compensation end event compensates its scope before it ends',
    xml: bpmnDocument(`
      <bpmn:startEvent id="start" />
      ${compensable('bookHotel', 'cancelHotel')}
      <bpmn:endEvent id="end"><bpmn:compensateEventDefinition /></bpmn:endEvent>
      ${chain('start', 'bookHotel', 'end')}`),
    when(h) {
      h.start();
      h.completeJob('bookHotel');
      expect(h.status()).toBe('active');
      h.completeJob('cancelHotel');
    },
    then(h) {
      expect(h.status()).toBe('completed');
      expect(h.completed()).toEqual(['bookHotel', 'cancelHotel', 'end', 'start']);
    },
  },
  {
    name: 'compensating a completed sub-process without a handler compensates what ran inside it',
    xml: bpmnDocument(`
      <bpmn:startEvent id="start" />
      <bpmn:subProcess id="booking">
        <bpmn:startEvent id="booking_start" />
        ${compensable('bookHotel', 'cancelHotel')}
        ${compensable('bookFlight', 'cancelFlight')}
        <bpmn:endEvent id="booking_end" />
        ${chain('booking_start', 'bookHotel', 'bookFlight', 'booking_end')}
      </bpmn:subProcess>
      ${compensateThrow('undoAll')}
      <bpmn:endEvent id="end" />
      ${chain('start', 'booking', 'undoAll', 'end')}`),
    when(h) {
      h.start();
      h.completeJob('bookHotel');
      h.completeJob('bookFlight');
      h.completeJob('cancelFlight');
      h.completeJob('cancelHotel');
    },
    then(h) {
      expect(h.status()).toBe('completed');
      expect(handlerJobsInOrder(h.effects, ['cancelHotel', 'cancelFlight'])).toEqual([
        'cancelFlight',
        'cancelHotel',
      ]);
    },
  },
  {
    name: 'a compensation event sub-process compensates its sub-process, and may compensate the work inside it',
    xml: bpmnDocument(`
      <bpmn:startEvent id="start" />
      <bpmn:subProcess id="booking">
        <bpmn:startEvent id="booking_start" />
        ${compensable('bookHotel', 'cancelHotel')}
        <bpmn:endEvent id="booking_end" />
        ${chain('booking_start', 'bookHotel', 'booking_end')}
        <bpmn:subProcess id="onCompensate" triggeredByEvent="true">
          <bpmn:startEvent id="onCompensate_start"><bpmn:compensateEventDefinition /></bpmn:startEvent>
          <bpmn:serviceTask id="informCustomer" camunda:type="external" camunda:topic="inform" />
          ${compensateThrow('undoInside')}
          <bpmn:endEvent id="onCompensate_end" />
          ${chain('onCompensate_start', 'informCustomer', 'undoInside', 'onCompensate_end')}
        </bpmn:subProcess>
      </bpmn:subProcess>
      ${compensateThrow('undoAll')}
      <bpmn:endEvent id="end" />
      ${chain('start', 'booking', 'undoAll', 'end')}`),
    when(h) {
      h.start();
      h.completeJob('bookHotel');
      expect(h.waiting('job')).toEqual(['informCustomer']);
      h.completeJob('informCustomer');
      expect(h.waiting('job')).toEqual(['cancelHotel']);
      h.completeJob('cancelHotel');
    },
    then(h) {
      expect(h.status()).toBe('completed');
      expect(h.completed().filter((id) => id === 'booking')).toHaveLength(2);
      expect(h.completed()).toEqual(expect.arrayContaining(['onCompensate', 'undoInside', 'undoAll', 'end']));
    },
  },
];

/** A transaction that books a hotel and then either succeeds or is cancelled. */
const transactionXml = bpmnDocument(`
  <bpmn:startEvent id="start" />
  <bpmn:transaction id="payment">
    <bpmn:startEvent id="payment_start" />
    ${compensable('bookHotel', 'cancelHotel')}
    <bpmn:exclusiveGateway id="paid" default="toSuccess" />
    <bpmn:endEvent id="payment_ok" />
    <bpmn:endEvent id="payment_cancel"><bpmn:cancelEventDefinition /></bpmn:endEvent>
    ${chain('payment_start', 'bookHotel', 'paid')}
    ${flow('toSuccess', 'paid', 'payment_ok')}
    ${flow('toCancel', 'paid', 'payment_cancel', '=paymentFailed = true')}
  </bpmn:transaction>
  <bpmn:boundaryEvent id="cancelled" attachedToRef="payment"><bpmn:cancelEventDefinition /></bpmn:boundaryEvent>
  <bpmn:task id="confirm" />
  <bpmn:task id="apologise" />
  <bpmn:endEvent id="end" />
  <bpmn:endEvent id="endCancelled" />
  ${chain('start', 'payment', 'confirm', 'end')}
  ${chain('cancelled', 'apologise', 'endCancelled')}`);

export const transactionScenarios: Scenario[] = [
  {
    name: 'a transaction that completes leaves like a sub-process',
    xml: transactionXml,
    when(h) {
      h.start({ variables: { paymentFailed: false } });
      h.completeJob('bookHotel');
    },
    then(h) {
      expect(h.status()).toBe('completed');
      expect(h.completed()).toEqual([
        'bookHotel',
        'confirm',
        'end',
        'paid',
        'payment',
        'payment_ok',
        'payment_start',
        'start',
      ]);
    },
  },
  {
    name: 'a cancel end event compensates the transaction’s completed work, then its cancel boundary event takes over',
    xml: transactionXml,
    when(h) {
      h.start({ variables: { paymentFailed: true } });
      h.completeJob('bookHotel');
      expect(h.waiting('job')).toEqual(['cancelHotel']);
      h.completeJob('cancelHotel');
    },
    then(h) {
      expect(h.status()).toBe('completed');
      expect(h.completed()).toEqual([
        'apologise',
        'bookHotel',
        'cancelHotel',
        'cancelled',
        'endCancelled',
        'paid',
        'payment_start',
        'start',
      ]);
      expect(h.terminated()).toEqual(['payment', 'payment_cancel']);
    },
  },
];

export const multiInstanceCompensationScenarios: Scenario[] = [
  {
    name: 'each completed repetition of a multi-instance activity is compensated by its own handler run',
    xml: bpmnDocument(`
      <bpmn:startEvent id="start" />
      <bpmn:serviceTask id="book" camunda:type="external" camunda:topic="book">
        <bpmn:multiInstanceLoopCharacteristics isSequential="true" camunda:collection="\${rooms}" camunda:elementVariable="room" />
      </bpmn:serviceTask>
      <bpmn:boundaryEvent id="book_undo" attachedToRef="book"><bpmn:compensateEventDefinition /></bpmn:boundaryEvent>
      <bpmn:serviceTask id="cancel" isForCompensation="true" camunda:type="external" camunda:topic="cancel" />
      <bpmn:association id="a" associationDirection="One" sourceRef="book_undo" targetRef="cancel" />
      ${compensateThrow('undoAll')}
      <bpmn:endEvent id="end" />
      ${chain('start', 'book', 'undoAll', 'end')}`),
    when(h) {
      h.start({ variables: { rooms: ['101', '102'] } });
      h.completeJob('book');
      h.completeJob('book');
      const first = h.wait('cancel', 'job');
      expect(h.state().variables[first.ownerKey]).toMatchObject({ room: { type: 'String', value: '102' } });
      h.completeJob('cancel');
      const second = h.wait('cancel', 'job');
      expect(h.state().variables[second.ownerKey]).toMatchObject({ room: { type: 'String', value: '101' } });
      h.completeJob('cancel');
    },
    then(h) {
      expect(h.status()).toBe('completed');
      expect(h.completed().filter((id) => id === 'cancel')).toHaveLength(2);
    },
  },
];
