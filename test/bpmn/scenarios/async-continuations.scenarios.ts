import { expect } from '@jest/globals';
import { bpmnDocument, chain } from '../../support/bpmn-xml.js';
import type { Scenario } from '../../support/scenario.js';

/** Asynchronous continuations park a token for the runtime's job workers; the core only marks where. */
export const asyncContinuationScenarios: Scenario[] = [
  {
    name: 'asyncBefore parks the token before the element starts; the continuation starts it',
    xml: bpmnDocument(`
      <bpmn:startEvent id="start" />
      <bpmn:serviceTask id="post" camunda:asyncBefore="true" camunda:type="external" camunda:topic="digital-post" />
      <bpmn:endEvent id="end" />
      ${chain('start', 'post', 'end')}`),
    when(h) {
      h.start();
      expect(h.waiting()).toEqual(['post']);
      const continuation = h.wait('post', 'async');
      expect(continuation).toMatchObject({ phase: 'before', retries: 3 });
      h.completeWait(continuation.key);
      expect(h.waiting('job')).toEqual(['post']);
      h.completeJob('post');
    },
    then(h) {
      expect(h.status()).toBe('completed');
      expect(h.completed()).toEqual(['end', 'post', 'start']);
    },
  },
  {
    name: 'asyncAfter parks the token after the element did its work; the continuation lets it leave',
    xml: bpmnDocument(`
      <bpmn:startEvent id="start" />
      <bpmn:userTask id="review" camunda:asyncAfter="true" />
      <bpmn:endEvent id="end" />
      ${chain('start', 'review', 'end')}`),
    when(h) {
      h.start();
      h.completeUserTask('review', { approved: true });
      expect(h.completed()).toEqual(['start']);
      const continuation = h.wait('review', 'async');
      expect(continuation).toMatchObject({ phase: 'after' });
      h.completeWait(continuation.key);
    },
    then(h) {
      expect(h.status()).toBe('completed');
      expect(h.completed()).toEqual(['end', 'review', 'start']);
      expect(h.variables()).toEqual({ approved: true });
    },
  },
  {
    name: 'an async continuation inside a scope that ends is withdrawn with it',
    xml: bpmnDocument(`
      <bpmn:startEvent id="start" />
      <bpmn:parallelGateway id="fork" />
      <bpmn:task id="later" camunda:asyncBefore="true" />
      <bpmn:endEvent id="stop"><bpmn:terminateEventDefinition /></bpmn:endEvent>
      <bpmn:endEvent id="end" />
      ${chain('start', 'fork', 'later', 'end')}
      ${chain('fork', 'stop')}`),
    when(h) {
      h.start();
    },
    then(h) {
      expect(h.status()).toBe('completed');
      expect(h.effects.filter((effect) => effect.type === 'wait.closed' && effect.kind === 'async')).toEqual([
        expect.objectContaining({ reason: 'cancelled' }),
      ]);
    },
  },
];
