import { expect } from '@jest/globals';
import { bpmnDocument, chain } from '../../support/bpmn-xml.js';
import type { Scenario } from '../../support/scenario.js';

export const subProcessScenarios: Scenario[] = [
  {
    name: 'an embedded sub-process runs to its end, then the process takes its outgoing flow',
    xml: bpmnDocument(`
      <bpmn:startEvent id="start" />
      <bpmn:subProcess id="handle">
        <bpmn:startEvent id="subStart" />
        <bpmn:userTask id="review" />
        <bpmn:endEvent id="subEnd" />
        ${chain('subStart', 'review', 'subEnd')}
      </bpmn:subProcess>
      <bpmn:task id="archive" />
      <bpmn:endEvent id="end" />
      ${chain('start', 'handle', 'archive', 'end')}`),
    when(h) {
      h.start();
      expect(h.waiting('user-task')).toEqual(['review']);
      expect(h.completed()).toEqual(['start', 'subStart']);
      h.completeUserTask('review', { verdict: 'ok' });
    },
    then(h) {
      expect(h.status()).toBe('completed');
      expect(h.completed()).toEqual(['archive', 'end', 'handle', 'review', 'start', 'subEnd', 'subStart']);
      expect(h.variables()).toEqual({ verdict: 'ok' });
    },
  },
  {
    name: "a sub-process's input mappings stay local to it and its output mappings reach the process",
    xml: bpmnDocument(`
      <bpmn:startEvent id="start" />
      <bpmn:subProcess id="calculate">
        <bpmn:extensionElements>
          <camunda:inputOutput>
            <camunda:inputParameter name="base">\${amount}</camunda:inputParameter>
            <camunda:inputParameter name="fee">\${0}</camunda:inputParameter>
            <camunda:outputParameter name="totalFee">\${fee + 5}</camunda:outputParameter>
          </camunda:inputOutput>
        </bpmn:extensionElements>
        <bpmn:startEvent id="subStart" />
        <bpmn:scriptTask id="compute" scriptFormat="feel" camunda:resultVariable="fee"><bpmn:script>base * 0.1</bpmn:script></bpmn:scriptTask>
        <bpmn:userTask id="check" />
        <bpmn:endEvent id="subEnd" />
        ${chain('subStart', 'compute', 'check', 'subEnd')}
      </bpmn:subProcess>
      <bpmn:endEvent id="end" />
      ${chain('start', 'calculate', 'end')}`),
    when(h) {
      h.start({ variables: { amount: 200 } });
      // Inside the sub-process: the mapped and computed variables live in its scope, not on the process.
      expect(h.variables()).toEqual({ amount: 200 });
      const state = h.state();
      const scope = Object.values(state.elementInstances).find(
        (instance) => instance.elementId === 'calculate',
      );
      expect(scope && state.variables[scope.key]).toMatchObject({ base: { value: 200 }, fee: { value: 20 } });
      h.completeUserTask('check');
    },
    then(h) {
      expect(h.status()).toBe('completed');
      expect(h.variables()).toEqual({ amount: 200, totalFee: 25 });
      expect(h.completed()).toEqual(['calculate', 'check', 'compute', 'end', 'start', 'subEnd', 'subStart']);
    },
  },
  {
    name: 'a terminate end event inside a sub-process ends only the sub-process, and the process continues after it',
    xml: bpmnDocument(`
      <bpmn:startEvent id="start" />
      <bpmn:subProcess id="handle">
        <bpmn:startEvent id="subStart" />
        <bpmn:parallelGateway id="fork" />
        <bpmn:userTask id="slow" />
        <bpmn:endEvent id="slowEnd" />
        <bpmn:endEvent id="stop"><bpmn:terminateEventDefinition /></bpmn:endEvent>
        ${chain('subStart', 'fork')}
        ${chain('fork', 'slow', 'slowEnd')}
        ${chain('fork', 'stop')}
      </bpmn:subProcess>
      <bpmn:userTask id="after" />
      <bpmn:endEvent id="end" />
      ${chain('start', 'handle', 'after', 'end')}`),
    when(h) {
      h.start();
      expect(h.status()).toBe('active');
      expect(h.waiting()).toEqual(['after']);
      h.completeUserTask('after');
    },
    then(h) {
      expect(h.status()).toBe('completed');
      expect(h.terminated()).toEqual(['slow']);
      expect(h.completed()).toEqual(['after', 'end', 'fork', 'handle', 'start', 'stop', 'subStart']);
    },
  },
  {
    name: 'a terminate end event at process level completes the instance and terminates its other tokens',
    xml: bpmnDocument(`
      <bpmn:startEvent id="start" />
      <bpmn:parallelGateway id="fork" />
      <bpmn:userTask id="wait" />
      <bpmn:subProcess id="inner">
        <bpmn:startEvent id="innerStart" />
        <bpmn:serviceTask id="work" camunda:type="external" camunda:topic="work" />
        <bpmn:endEvent id="innerEnd" />
        ${chain('innerStart', 'work', 'innerEnd')}
      </bpmn:subProcess>
      <bpmn:endEvent id="end" />
      <bpmn:userTask id="decide" />
      <bpmn:endEvent id="stop"><bpmn:terminateEventDefinition /></bpmn:endEvent>
      ${chain('start', 'fork')}
      ${chain('fork', 'wait', 'end')}
      ${chain('fork', 'inner', 'end')}
      ${chain('fork', 'decide', 'stop')}`),
    when(h) {
      h.start();
      expect(h.waiting()).toEqual(['decide', 'wait', 'work']);
      h.completeUserTask('decide');
    },
    then(h) {
      expect(h.status()).toBe('completed');
      expect(h.waiting()).toEqual([]);
      expect(h.terminated()).toEqual(['inner', 'wait', 'work']);
      expect(h.completed()).toEqual(['decide', 'fork', 'innerStart', 'start', 'stop']);
      const closed = h.effects.filter((effect) => effect.type === 'wait.closed');
      expect(
        closed.map((effect) => effect.type === 'wait.closed' && [effect.kind, effect.reason]).sort(),
      ).toEqual([
        ['job', 'cancelled'],
        ['user-task', 'cancelled'],
        ['user-task', 'triggered'],
      ]);
      expect(h.effects.at(-1)).toEqual({ type: 'instance.ended', status: 'completed' });
    },
  },
];
