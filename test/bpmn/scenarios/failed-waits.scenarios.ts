import { expect } from '@jest/globals';
import { bpmnDocument, chain } from '../../support/bpmn-xml.js';
import type { Scenario } from '../../support/scenario.js';

/** What the runtime reports when the outside world could not do what a wait asked (the `fail-wait` command). */
export const failedWaitScenarios: Scenario[] = [
  {
    name: 'a job whose retries are exhausted gets an incident; it stays open, and resolving clears the incident',
    xml: bpmnDocument(`
      <bpmn:startEvent id="start" />
      <bpmn:serviceTask id="lookup" camunda:type="external" camunda:topic="cpr-lookup" />
      <bpmn:endEvent id="end" />
      ${chain('start', 'lookup', 'end')}`),
    when(h) {
      h.start();
      h.failWait('lookup', 'CPR service answered 503 for person 010190-1234');
      expect(h.incidents()).toEqual([
        {
          elementId: 'lookup',
          type: 'job-failed',
          message: 'CPR service answered 503 for person **********',
        },
      ]);
      expect(h.waiting('job')).toEqual(['lookup']);
      h.resolveIncident('lookup');
      expect(h.incidents()).toEqual([]);
      h.completeJob('lookup');
    },
    then(h) {
      expect(h.status()).toBe('completed');
      expect(h.completed()).toEqual(['end', 'lookup', 'start']);
    },
  },
  {
    name: 'a call that failed is withdrawn with an incident; resolving it calls again',
    xml: bpmnDocument(
      `
      <bpmn:startEvent id="start" />
      <bpmn:callActivity id="call" calledElement="child" />
      <bpmn:endEvent id="end" />
      ${chain('start', 'call', 'end')}`,
      {
        extraProcesses: `<bpmn:process id="child" isExecutable="true">
          <bpmn:startEvent id="childStart" /><bpmn:userTask id="childWork" /><bpmn:endEvent id="childEnd" />
          ${chain('childStart', 'childWork', 'childEnd')}
        </bpmn:process>`,
      },
    ),
    when(h) {
      h.start();
      h.failWait('call', "The called process 'child' ended without completing", 'pi-1');
      expect(h.incidents('pi-1')).toEqual([
        {
          elementId: 'call',
          type: 'call-failed',
          message: "The called process 'child' ended without completing",
        },
      ]);
      expect(h.waiting('call-activity', 'pi-1')).toEqual([]);
      h.resolveIncident('call', 'pi-1');
      expect(h.waiting('call-activity', 'pi-1')).toEqual(['call']);
      h.completeUserTask('childWork', {}, 'pi-3');
    },
    then(h) {
      expect(h.status('pi-1')).toBe('completed');
    },
  },
];
