import { readFileSync } from 'node:fs';
import { expect } from '@jest/globals';
import { plainValuesOf, type ElementInstance, type Wait } from '#bpmn';
import { bpmnDocument, chain } from '../../support/bpmn-xml.js';
import type { ProcessHarness } from '../../support/process-harness.js';
import type { Scenario } from '../../support/scenario.js';

const mi = (attributes: string, inside = '') =>
  `<bpmn:multiInstanceLoopCharacteristics ${attributes}>${inside}</bpmn:multiInstanceLoopCharacteristics>`;
const formal = (tag: string, body: string) =>
  `<bpmn:${tag} xsi:type="bpmn:tFormalExpression">${body.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</bpmn:${tag}>`;
const zeebeLoop = (attributes: string) =>
  `<bpmn:extensionElements><zeebe:loopCharacteristics ${attributes} /></bpmn:extensionElements>`;

/** The open waits of an element, oldest first (one per inner instance of a multi-instance activity). */
function waitsAt(h: ProcessHarness, elementId: string): Wait[] {
  return Object.values(h.state().waits).filter((wait) => wait.elementId === elementId);
}

function bodyOf(h: ProcessHarness, elementId: string): ElementInstance | undefined {
  return Object.values(h.state().elementInstances).find(
    (instance) => instance.elementId === elementId && instance.elementType === 'multiInstanceBody',
  );
}

/** The live inner instances of a multi-instance activity, oldest first. */
function innerInstances(h: ProcessHarness, elementId: string): ElementInstance[] {
  const body = bodyOf(h, elementId);
  return Object.values(h.state().elementInstances).filter((instance) => instance.parentKey === body?.key);
}

function localsOf(h: ProcessHarness, key: string | undefined): Record<string, unknown> {
  return plainValuesOf((key && h.state().variables[key]) || {});
}

/** The element types an element was activated with, in order: the body first, then its inner instances. */
function activations(h: ProcessHarness, elementId: string): string[] {
  return h.events.flatMap((event) =>
    event.type === 'element.activated' && event.elementId === elementId ? [event.elementType] : [],
  );
}

/** How each wait with this key was closed ('triggered' / 'cancelled'). */
function closings(h: ProcessHarness, key: string): string[] {
  return h.effects.flatMap((effect) =>
    effect.type === 'wait.closed' && effect.key === key ? [effect.reason] : [],
  );
}

/** The values a variable was set to, in order (e.g. each inner instance's loopCounter). */
function valuesSet(h: ProcessHarness, name: string): unknown[] {
  return h.events.flatMap((event) =>
    event.type === 'variable.set' && event.name === name ? [event.value.value] : [],
  );
}

/** Camunda's loan-granting example without its JavaScript input parameter (which keeps the original refused). */
const loanGranting = readFileSync(
  new URL('../../fixtures/camunda-examples/loan-granting.bpmn', import.meta.url),
  'utf8',
).replace(
  /<bpmn:extensionElements>\s*<camunda:inputOutput>[\s\S]*?<\/camunda:inputOutput>\s*<\/bpmn:extensionElements>/,
  '',
);

export const multiInstanceScenarios: Scenario[] = [
  // ----- over a collection -----
  {
    name: 'Camunda 7 parallel: one user task per item, each with its element variable and a 0-based loopCounter',
    xml: bpmnDocument(`
      <bpmn:startEvent id="start" />
      <bpmn:userTask id="review" camunda:assignee="\${reviewer}">
        ${mi('camunda:collection="${reviewers}" camunda:elementVariable="reviewer"')}
      </bpmn:userTask>
      <bpmn:userTask id="decide" />
      <bpmn:endEvent id="end" />
      ${chain('start', 'review', 'decide', 'end')}`),
    when(h) {
      h.start({ variables: { reviewers: ['ann', 'bo', 'cy'] } });
      const tasks = waitsAt(h, 'review');
      expect(tasks.map((task) => task.kind === 'user-task' && task.assignee)).toEqual(['ann', 'bo', 'cy']);
      expect(innerInstances(h, 'review').map((inner) => localsOf(h, inner.key))).toEqual([
        { loopCounter: 0, reviewer: 'ann' },
        { loopCounter: 1, reviewer: 'bo' },
        { loopCounter: 2, reviewer: 'cy' },
      ]);
      expect(localsOf(h, bodyOf(h, 'review')?.key)).toEqual({
        nrOfInstances: 3,
        nrOfActiveInstances: 3,
        nrOfCompletedInstances: 0,
      });
      // Instances complete in any order; the body counts them.
      h.completeWait(tasks[1].key, { verdictBo: 'yes' });
      expect(localsOf(h, bodyOf(h, 'review')?.key)).toMatchObject({
        nrOfActiveInstances: 2,
        nrOfCompletedInstances: 1,
      });
      expect(h.waiting('user-task')).toEqual(['review', 'review']);
      h.completeWait(tasks[0].key);
      h.completeWait(tasks[2].key);
      expect(h.waiting('user-task')).toEqual(['decide']);
      h.completeUserTask('decide');
    },
    then(h) {
      expect(h.status()).toBe('completed');
      expect(activations(h, 'review')).toEqual(['multiInstanceBody', 'userTask', 'userTask', 'userTask']);
      expect(h.completed()).toEqual(['decide', 'end', 'review', 'review', 'review', 'review', 'start']);
      expect(h.variables()).toEqual({ reviewers: ['ann', 'bo', 'cy'], verdictBo: 'yes' });
    },
  },
  {
    name: 'Camunda 7 sequential over a collection named by its variable: one instance after the other, mappings per instance',
    xml: bpmnDocument(`
      <bpmn:startEvent id="start" />
      <bpmn:serviceTask id="archive" camunda:type="external" camunda:topic="archive">
        <bpmn:extensionElements>
          <camunda:inputOutput>
            <camunda:inputParameter name="position">\${loopCounter + 1}</camunda:inputParameter>
            <camunda:outputParameter name="lastArchived">\${document}</camunda:outputParameter>
          </camunda:inputOutput>
        </bpmn:extensionElements>
        ${mi('isSequential="true" camunda:collection="documents" camunda:elementVariable="document"')}
      </bpmn:serviceTask>
      <bpmn:endEvent id="end" />
      ${chain('start', 'archive', 'end')}`),
    when(h) {
      h.start({ variables: { documents: ['a.pdf', 'b.pdf'] } });
      expect(waitsAt(h, 'archive')).toHaveLength(1);
      expect(localsOf(h, waitsAt(h, 'archive')[0].ownerKey)).toEqual({
        loopCounter: 0,
        document: 'a.pdf',
        position: 1,
      });
      expect(localsOf(h, bodyOf(h, 'archive')?.key)).toEqual({
        nrOfInstances: 2,
        nrOfActiveInstances: 1,
        nrOfCompletedInstances: 0,
      });
      h.completeJob('archive');
      expect(h.variables()).toMatchObject({ lastArchived: 'a.pdf' });
      expect(localsOf(h, waitsAt(h, 'archive')[0].ownerKey)).toEqual({
        loopCounter: 1,
        document: 'b.pdf',
        position: 2,
      });
      h.completeJob('archive');
    },
    then(h) {
      expect(h.status()).toBe('completed');
      expect(h.variables()).toEqual({ documents: ['a.pdf', 'b.pdf'], lastArchived: 'b.pdf' });
      expect(activations(h, 'archive')).toEqual(['multiInstanceBody', 'serviceTask', 'serviceTask']);
    },
  },
  {
    name: 'Camunda 8 parallel over inputCollection: loopCounter from 1, and the output collection in item order',
    xml: bpmnDocument(
      `
      <bpmn:startEvent id="start" />
      <bpmn:serviceTask id="price">
        <bpmn:extensionElements><zeebe:taskDefinition type="pricing" /></bpmn:extensionElements>
        ${mi('', zeebeLoop('inputCollection="=orders" inputElement="order" outputCollection="prices" outputElement="=price"'))}
      </bpmn:serviceTask>
      <bpmn:endEvent id="end" />
      ${chain('start', 'price', 'end')}`,
      { dialect: 'camunda8' },
    ),
    when(h) {
      h.start({ variables: { orders: [{ id: 'o1' }, { id: 'o2' }, { id: 'o3' }] } });
      const jobs = waitsAt(h, 'price');
      expect(jobs.map((job) => localsOf(h, job.ownerKey))).toEqual([
        { loopCounter: 1, order: { id: 'o1' } },
        { loopCounter: 2, order: { id: 'o2' } },
        { loopCounter: 3, order: { id: 'o3' } },
      ]);
      expect(localsOf(h, bodyOf(h, 'price')?.key)).toMatchObject({ prices: [null, null, null] });
      h.completeWait(jobs[2].key, { price: 30 });
      expect(localsOf(h, bodyOf(h, 'price')?.key)).toMatchObject({ prices: [null, null, 30] });
      h.completeWait(jobs[0].key, { price: 10 });
      h.completeWait(jobs[1].key, { price: 20 });
    },
    then(h) {
      expect(h.status()).toBe('completed');
      expect(h.variables()).toMatchObject({ prices: [10, 20, 30] });
    },
  },
  {
    name: 'Camunda 8 sequential with a completion condition on what an instance produced: the rest never starts',
    xml: bpmnDocument(
      `
      <bpmn:startEvent id="start" />
      <bpmn:userTask id="interview">
        <bpmn:extensionElements><zeebe:assignmentDefinition assignee="=candidate" /></bpmn:extensionElements>
        ${mi('isSequential="true"', `${zeebeLoop('inputCollection="=candidates" inputElement="candidate"')}${formal('completionCondition', '=hired or numberOfCompletedInstances >= 3')}`)}
      </bpmn:userTask>
      <bpmn:endEvent id="end" />
      ${chain('start', 'interview', 'end')}`,
      { dialect: 'camunda8' },
    ),
    when(h) {
      h.start({ variables: { candidates: ['ida', 'jon', 'kim', 'lea'] } });
      expect(h.wait('interview', 'user-task')).toMatchObject({ assignee: 'ida' });
      h.completeUserTask('interview', { hired: false });
      expect(h.wait('interview', 'user-task')).toMatchObject({ assignee: 'jon' });
      h.completeUserTask('interview', { hired: true });
    },
    then(h) {
      expect(h.status()).toBe('completed');
      expect(activations(h, 'interview')).toEqual(['multiInstanceBody', 'userTask', 'userTask']);
      expect(h.terminated()).toEqual([]);
    },
  },
  {
    name: 'a completion condition cuts a parallel multi-instance short: the remaining instances end and their tasks close',
    xml: bpmnDocument(`
      <bpmn:startEvent id="start" />
      <bpmn:userTask id="vote">
        ${mi('', `${formal('loopCardinality', '4')}${formal('completionCondition', '${nrOfCompletedInstances >= 2}')}`)}
      </bpmn:userTask>
      <bpmn:userTask id="count" />
      <bpmn:endEvent id="end" />
      ${chain('start', 'vote', 'count', 'end')}`),
    when(h) {
      h.start();
      const tasks = waitsAt(h, 'vote');
      expect(tasks).toHaveLength(4);
      h.completeWait(tasks[3].key);
      expect(h.waiting('user-task')).toEqual(['vote', 'vote', 'vote']);
      h.completeWait(tasks[0].key);
      expect(closings(h, tasks[1].key)).toEqual(['cancelled']);
      expect(closings(h, tasks[2].key)).toEqual(['cancelled']);
      expect(h.waiting('user-task')).toEqual(['count']);
      expect(h.terminated()).toEqual(['vote', 'vote']);
      h.completeUserTask('count');
    },
    then(h) {
      expect(h.status()).toBe('completed');
      expect(h.completed()).toEqual(['count', 'end', 'start', 'vote', 'vote', 'vote']);
    },
  },

  {
    name: 'a completion condition that fails is an incident at the instance that completed; resolving it counts that instance once',
    xml: bpmnDocument(`
      <bpmn:startEvent id="start" />
      <bpmn:userTask id="collect">${mi('', `${formal('loopCardinality', '2')}${formal('completionCondition', '${enough}')}`)}</bpmn:userTask>
      <bpmn:endEvent id="end" />
      ${chain('start', 'collect', 'end')}`),
    when(h) {
      h.start();
      h.completeUserTask('collect');
      expect(h.incidents()).toEqual([
        expect.objectContaining({
          elementId: 'collect',
          type: 'expression-failed',
          message: expect.stringMatching(
            /^Failed to evaluate the completion condition of multi-instance activity 'collect' '\$\{enough\}': /,
          ),
        }),
      ]);
      expect(localsOf(h, bodyOf(h, 'collect')?.key)).toMatchObject({ nrOfCompletedInstances: 0 });
      h.setVariables({ enough: false });
      h.resolveIncident('collect');
      expect(localsOf(h, bodyOf(h, 'collect')?.key)).toMatchObject({
        nrOfCompletedInstances: 1,
        nrOfActiveInstances: 1,
      });
      h.completeUserTask('collect');
    },
    then(h) {
      expect(h.status()).toBe('completed');
      expect(h.completed().filter((id) => id === 'collect')).toHaveLength(3);
    },
  },
  {
    name: 'behavior="None" with a signal event definition broadcasts the signal with the body\'s counters',
    xml: bpmnDocument(
      `
      <bpmn:startEvent id="start" />
      <bpmn:task id="stamp">${mi('behavior="None" noneBehaviorEventRef="stampedSignal"', formal('loopCardinality', '2'))}</bpmn:task>
      <bpmn:endEvent id="end" />
      ${chain('start', 'stamp', 'end')}`,
      {
        rootElements:
          '<bpmn:signal id="stamped" name="stamped" /><bpmn:signalEventDefinition id="stampedSignal" signalRef="stamped" />',
      },
    ),
    when(h) {
      h.start();
    },
    then(h) {
      expect(h.status()).toBe('completed');
      const thrown = h.effects.filter((effect) => effect.type === 'signal.thrown');
      expect(
        thrown.map((effect) => effect.type === 'signal.thrown' && plainValuesOf(effect.variables)),
      ).toEqual([
        { nrOfInstances: 2, nrOfActiveInstances: 1, nrOfCompletedInstances: 1 },
        { nrOfInstances: 2, nrOfActiveInstances: 0, nrOfCompletedInstances: 2 },
      ]);
      expect(thrown.every((effect) => effect.type === 'signal.thrown' && effect.elementId === 'stamp')).toBe(
        true,
      );
    },
  },

  {
    name: 'behavior="Complex" throws the event of the first complexBehaviorDefinition whose condition holds',
    xml: bpmnDocument(
      `
      <bpmn:startEvent id="start" />
      <bpmn:task id="stamp">${mi(
        'behavior="Complex"',
        formal('loopCardinality', '4') +
          `<bpmn:complexBehaviorDefinition id="half">
             <bpmn:condition xsi:type="bpmn:tFormalExpression">=nrOfCompletedInstances = 2</bpmn:condition>
             <bpmn:event id="halfway"><bpmn:signalEventDefinition signalRef="halfSignal" /></bpmn:event>
           </bpmn:complexBehaviorDefinition>
           <bpmn:complexBehaviorDefinition id="all">
             <bpmn:condition xsi:type="bpmn:tFormalExpression">=nrOfCompletedInstances = nrOfInstances</bpmn:condition>
             <bpmn:event id="done"><bpmn:signalEventDefinition signalRef="doneSignal" /></bpmn:event>
           </bpmn:complexBehaviorDefinition>`,
      )}</bpmn:task>
      <bpmn:endEvent id="end" />
      ${chain('start', 'stamp', 'end')}`,
      {
        rootElements:
          '<bpmn:signal id="halfSignal" name="half-stamped" /><bpmn:signal id="doneSignal" name="all-stamped" />',
      },
    ),
    when(h) {
      h.start();
    },
    then(h) {
      expect(h.status()).toBe('completed');
      const thrown = h.effects.filter((effect) => effect.type === 'signal.thrown');
      expect(thrown.map((effect) => effect.type === 'signal.thrown' && effect.signalName)).toEqual([
        'half-stamped',
        'all-stamped',
      ]);
    },
  },

  // ----- over a cardinality -----
  {
    name: 'a plain BPMN document repeats a task loopCardinality times, counting from 1',
    xml: bpmnDocument(
      `
      <bpmn:startEvent id="start" />
      <bpmn:task id="copy">${mi('isSequential="true"', formal('loopCardinality', '3'))}</bpmn:task>
      <bpmn:endEvent id="end" />
      ${chain('start', 'copy', 'end')}`,
      { dialect: 'bpmn' },
    ),
    when(h) {
      h.start();
    },
    then(h) {
      expect(h.status()).toBe('completed');
      expect(valuesSet(h, 'loopCounter')).toEqual([1, 2, 3]);
      expect(activations(h, 'copy')).toEqual(['multiInstanceBody', 'task', 'task', 'task']);
    },
  },
  {
    name: 'a negative cardinality is an incident at the activity before any instance; resolving it re-evaluates',
    xml: bpmnDocument(`
      <bpmn:startEvent id="start" />
      <bpmn:userTask id="sign">${mi('', formal('loopCardinality', '${signatures}'))}</bpmn:userTask>
      <bpmn:endEvent id="end" />
      ${chain('start', 'sign', 'end')}`),
    when(h) {
      h.start({ variables: { signatures: -1 } });
      expect(h.incidents()).toEqual([
        {
          elementId: 'sign',
          type: 'expression-failed',
          message:
            "Expected the loop cardinality of multi-instance activity 'sign' ('${signatures}') to be a whole number of 0 or more, but it was -1",
        },
      ]);
      expect(activations(h, 'sign')).toEqual(['multiInstanceBody']);
      h.resolveIncident('sign');
      expect(h.incidents()).toHaveLength(1);
      h.setVariables({ signatures: 2 });
      h.resolveIncident('sign');
      expect(h.incidents()).toEqual([]);
      expect(h.waiting('user-task')).toEqual(['sign', 'sign']);
      h.completeUserTask('sign');
      h.completeUserTask('sign');
    },
    then(h) {
      expect(h.status()).toBe('completed');
      expect(activations(h, 'sign')).toEqual(['multiInstanceBody', 'userTask', 'userTask']);
    },
  },
  {
    name: 'a collection that is not a list, or that fails to evaluate, is an incident at the activity',
    xml: bpmnDocument(`
      <bpmn:startEvent id="start" />
      <bpmn:userTask id="notify">${mi('camunda:collection="${recipients}" camunda:elementVariable="recipient"')}</bpmn:userTask>
      <bpmn:endEvent id="end" />
      ${chain('start', 'notify', 'end')}`),
    when(h) {
      h.start({ variables: { recipients: 'ann, bo' } });
      expect(h.incidents()).toEqual([
        {
          elementId: 'notify',
          type: 'expression-failed',
          message:
            "Expected the collection of multi-instance activity 'notify' ('${recipients}') to give a list, but it gave \"ann, bo\"",
        },
      ]);
      h.start({ variables: {} });
      expect(h.incidents('pi-2')).toEqual([
        expect.objectContaining({
          elementId: 'notify',
          message: expect.stringMatching(
            /^Failed to evaluate the collection of multi-instance activity 'notify'/,
          ),
        }),
      ]);
      h.setVariables({ recipients: ['ann'] }, 'pi-1');
      h.resolveIncident('notify', 'pi-1');
      h.completeUserTask('notify', {}, 'pi-1');
    },
    then(h) {
      expect(h.status('pi-1')).toBe('completed');
      expect(h.status('pi-2')).toBe('active');
    },
  },
  {
    name: 'an empty collection completes the body at once, with an empty output collection',
    xml: bpmnDocument(
      `
      <bpmn:startEvent id="start" />
      <bpmn:serviceTask id="send">
        <bpmn:extensionElements><zeebe:taskDefinition type="send-letter" /></bpmn:extensionElements>
        ${mi('', zeebeLoop('inputCollection="=letters" inputElement="letter" outputCollection="receipts" outputElement="=receipt"'))}
      </bpmn:serviceTask>
      <bpmn:userTask id="next" />
      <bpmn:endEvent id="end" />
      ${chain('start', 'send', 'next', 'end')}`,
      { dialect: 'camunda8' },
    ),
    when(h) {
      h.start({ variables: { letters: [] } });
    },
    then(h) {
      expect(h.waiting()).toEqual(['next']);
      expect(activations(h, 'send')).toEqual(['multiInstanceBody']);
      expect(h.completed()).toEqual(['send', 'start']);
      expect(h.variables()).toEqual({ letters: [], receipts: [] });
    },
  },

  // ----- sub-processes, boundary events, errors, escalations -----
  {
    name: 'a multi-instance sub-process runs its inside once per item, each run in its own scope',
    xml: bpmnDocument(`
      <bpmn:startEvent id="start" />
      <bpmn:subProcess id="handle">
        ${mi('camunda:collection="${applications}" camunda:elementVariable="application"')}
        <bpmn:startEvent id="subStart" />
        <bpmn:userTask id="assess" camunda:assignee="\${application.caseworker}" />
        <bpmn:endEvent id="subEnd" />
        ${chain('subStart', 'assess', 'subEnd')}
      </bpmn:subProcess>
      <bpmn:endEvent id="end" />
      ${chain('start', 'handle', 'end')}`),
    when(h) {
      h.start({ variables: { applications: [{ caseworker: 'mia' }, { caseworker: 'ole' }] } });
      const tasks = waitsAt(h, 'assess');
      expect(tasks.map((task) => task.kind === 'user-task' && task.assignee)).toEqual(['mia', 'ole']);
      // Each task runs inside its own run of the sub-process, whose scope holds the item.
      const runs = innerInstances(h, 'handle');
      expect(runs.map((run) => run.elementType)).toEqual(['subProcess', 'subProcess']);
      expect(tasks.map((task) => h.state().elementInstances[task.ownerKey].parentKey)).toEqual(
        runs.map((run) => run.key),
      );
      h.completeWait(tasks[1].key);
      h.completeWait(tasks[0].key);
    },
    then(h) {
      expect(h.status()).toBe('completed');
      expect(h.completed()).toEqual([
        'assess',
        'assess',
        'end',
        'handle',
        'handle',
        'handle',
        'start',
        'subEnd',
        'subEnd',
        'subStart',
        'subStart',
      ]);
    },
  },
  {
    name: 'a boundary timer on a multi-instance task is one timer for the whole body, and firing it ends every instance',
    xml: bpmnDocument(`
      <bpmn:startEvent id="start" />
      <bpmn:userTask id="review">${mi('', formal('loopCardinality', '3'))}</bpmn:userTask>
      <bpmn:boundaryEvent id="deadline" attachedToRef="review"><bpmn:timerEventDefinition><bpmn:timeDuration>P2D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
      <bpmn:endEvent id="end" />
      <bpmn:task id="remind" />
      <bpmn:endEvent id="lateEnd" />
      ${chain('start', 'review', 'end')}
      ${chain('deadline', 'remind', 'lateEnd')}`),
    when(h) {
      h.start();
      const tasks = waitsAt(h, 'review');
      expect(h.waiting()).toEqual(['deadline', 'review', 'review', 'review']);
      expect(h.wait('deadline', 'timer').ownerKey).toBe(bodyOf(h, 'review')?.key);
      h.completeWait(tasks[0].key);
      h.fireTimer('deadline');
      expect(closings(h, tasks[1].key)).toEqual(['cancelled']);
      expect(closings(h, tasks[2].key)).toEqual(['cancelled']);
    },
    then(h) {
      expect(h.status()).toBe('completed');
      expect(h.waiting()).toEqual([]);
      expect(h.terminated()).toEqual(['review', 'review', 'review']);
      expect(h.completed()).toEqual(['deadline', 'lateEnd', 'remind', 'review', 'start']);
    },
  },
  {
    name: "a BPMN error from one instance's worker is caught by the error boundary event on the activity",
    xml: bpmnDocument(
      `
      <bpmn:startEvent id="start" />
      <bpmn:serviceTask id="check" camunda:type="external" camunda:topic="check">${mi('camunda:collection="${persons}" camunda:elementVariable="person"')}</bpmn:serviceTask>
      <bpmn:boundaryEvent id="rejected" attachedToRef="check"><bpmn:errorEventDefinition errorRef="err" /></bpmn:boundaryEvent>
      <bpmn:endEvent id="end" />
      <bpmn:userTask id="handleRejection" />
      ${chain('start', 'check', 'end')}
      ${chain('rejected', 'handleRejection')}`,
      { rootElements: '<bpmn:error id="err" errorCode="NOT_ELIGIBLE" />' },
    ),
    when(h) {
      h.start({ variables: { persons: ['p1', 'p2', 'p3'] } });
      const jobs = waitsAt(h, 'check');
      h.completeWait(jobs[0].key);
      h.throwError('check', 'NOT_ELIGIBLE');
      expect(closings(h, jobs[2].key)).toEqual(['cancelled']);
    },
    then(h) {
      expect(h.events).toContainEqual({
        type: 'error.thrown',
        elementId: 'check',
        errorCode: 'NOT_ELIGIBLE',
        caughtBy: 'rejected',
      });
      expect(h.terminated()).toEqual(['check', 'check', 'check']);
      expect(h.waiting()).toEqual(['handleRejection']);
    },
  },
  {
    name: 'an error end event inside one run of a multi-instance sub-process ends all runs through the boundary event',
    xml: bpmnDocument(
      `
      <bpmn:startEvent id="start" />
      <bpmn:subProcess id="verify">
        ${mi('', formal('loopCardinality', '2'))}
        <bpmn:startEvent id="subStart" />
        <bpmn:exclusiveGateway id="first" default="toWait" />
        <bpmn:endEvent id="fail"><bpmn:errorEventDefinition errorRef="err" /></bpmn:endEvent>
        <bpmn:userTask id="waitHere" />
        <bpmn:endEvent id="subEnd" />
        ${chain('subStart', 'first')}
        <bpmn:sequenceFlow id="toFail" sourceRef="first" targetRef="fail"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">\${loopCounter == 1}</bpmn:conditionExpression></bpmn:sequenceFlow>
        <bpmn:sequenceFlow id="toWait" sourceRef="first" targetRef="waitHere" />
        ${chain('waitHere', 'subEnd')}
      </bpmn:subProcess>
      <bpmn:boundaryEvent id="caught" attachedToRef="verify"><bpmn:errorEventDefinition errorRef="err" /></bpmn:boundaryEvent>
      <bpmn:endEvent id="end" />
      <bpmn:endEvent id="failedEnd" />
      ${chain('start', 'verify', 'end')}
      ${chain('caught', 'failedEnd')}`,
      { rootElements: '<bpmn:error id="err" errorCode="INVALID" />' },
    ),
    when(h) {
      h.start();
    },
    then(h) {
      expect(h.status()).toBe('completed');
      expect(h.events).toContainEqual({
        type: 'error.thrown',
        elementId: 'fail',
        errorCode: 'INVALID',
        caughtBy: 'caught',
      });
      expect(h.terminated()).toEqual(['fail', 'verify', 'verify', 'verify', 'waitHere']);
      expect(h.completed()).toEqual([
        'caught',
        'failedEnd',
        'first',
        'first',
        'start',
        'subStart',
        'subStart',
      ]);
    },
  },
  {
    name: 'an escalation thrown inside one run reaches the boundary event on the multi-instance sub-process',
    xml: bpmnDocument(
      `
      <bpmn:startEvent id="start" />
      <bpmn:subProcess id="collect">
        ${mi('isSequential="true"', formal('loopCardinality', '3'))}
        <bpmn:startEvent id="subStart" />
        <bpmn:intermediateThrowEvent id="raise"><bpmn:escalationEventDefinition escalationRef="esc" /></bpmn:intermediateThrowEvent>
        <bpmn:userTask id="work" />
        <bpmn:endEvent id="subEnd" />
        ${chain('subStart', 'raise', 'work', 'subEnd')}
      </bpmn:subProcess>
      <bpmn:boundaryEvent id="noted" attachedToRef="collect" cancelActivity="false"><bpmn:escalationEventDefinition escalationRef="esc" /></bpmn:boundaryEvent>
      <bpmn:task id="log" />
      <bpmn:endEvent id="logEnd" />
      <bpmn:endEvent id="end" />
      ${chain('start', 'collect', 'end')}
      ${chain('noted', 'log', 'logEnd')}`,
      { rootElements: '<bpmn:escalation id="esc" escalationCode="LATE" />' },
    ),
    when(h) {
      h.start();
      expect(h.waiting()).toEqual(['work']);
      h.completeUserTask('work');
      h.completeUserTask('work');
      h.completeUserTask('work');
    },
    then(h) {
      expect(h.status()).toBe('completed');
      // The default behavior (All) does not hold back what the instances throw: each escalation propagates.
      expect(h.events.filter((event) => event.type === 'escalation.thrown')).toEqual([
        { type: 'escalation.thrown', elementId: 'raise', escalationCode: 'LATE', caughtBy: 'noted' },
        { type: 'escalation.thrown', elementId: 'raise', escalationCode: 'LATE', caughtBy: 'noted' },
        { type: 'escalation.thrown', elementId: 'raise', escalationCode: 'LATE', caughtBy: 'noted' },
      ]);
      expect(h.completed().filter((id) => id === 'log')).toHaveLength(3);
    },
  },
  {
    name: 'behavior="None" makes the body throw its escalation each time an instance completes',
    xml: behaviorModel('behavior="None" noneBehaviorEventRef="doneEvent"'),
    when(h) {
      h.start();
      h.completeUserTask('sign');
      h.completeUserTask('sign');
      h.completeUserTask('sign');
    },
    then(h) {
      expect(h.status()).toBe('completed');
      expect(h.events.filter((event) => event.type === 'escalation.thrown')).toHaveLength(3);
      expect(h.completed().filter((id) => id === 'note')).toHaveLength(3);
    },
  },
  {
    name: 'behavior="One" makes the body throw its escalation only when the first instance completes',
    xml: behaviorModel('behavior="One" oneBehaviorEventRef="doneEvent"'),
    when(h) {
      h.start();
      h.completeUserTask('sign');
      expect(h.completed().filter((id) => id === 'note')).toHaveLength(1);
      h.completeUserTask('sign');
      h.completeUserTask('sign');
    },
    then(h) {
      expect(h.status()).toBe('completed');
      expect(h.events.filter((event) => event.type === 'escalation.thrown')).toEqual([
        { type: 'escalation.thrown', elementId: 'sign', escalationCode: 'SIGNED', caughtBy: 'signed' },
      ]);
      expect(h.completed().filter((id) => id === 'note')).toHaveLength(1);
    },
  },

  // ----- Camunda's own example -----
  {
    name: "Camunda's loan-granting example: the multi-instance sub-process decides per credit score",
    xml: loanGranting,
    when(h) {
      // Its start event is a timer with a cron cycle; the runtime fires it, here we start on it directly.
      h.start({ startEventId: 'StartEvent_1' });
      h.completeJob('Task_1lvjtd4', { creditScores: [7, 3, 9] });
      expect(h.waiting('job')).toEqual(['Task_0j0sjlk', 'Task_0v4gadf', 'Task_0v4gadf']);
      h.completeJob('Task_0v4gadf');
      h.completeJob('Task_0j0sjlk');
      h.completeJob('Task_0v4gadf');
    },
    then(h) {
      expect(h.status()).toBe('completed');
      expect(activations(h, 'SubProcess_16kr5xn')).toEqual([
        'multiInstanceBody',
        'subProcess',
        'subProcess',
        'subProcess',
      ]);
      expect(h.completed().filter((id) => id === 'EndEvent_1alwvtl')).toHaveLength(2);
      expect(h.completed().filter((id) => id === 'EndEvent_0zj88y0')).toHaveLength(1);
    },
  },
];

/** A parallel multi-instance user task whose body throws escalation SIGNED, caught by a non-interrupting boundary. */
function behaviorModel(behavior: string): string {
  return bpmnDocument(
    `
      <bpmn:startEvent id="start" />
      <bpmn:userTask id="sign">${mi(behavior, formal('loopCardinality', '3'))}</bpmn:userTask>
      <bpmn:boundaryEvent id="signed" attachedToRef="sign" cancelActivity="false"><bpmn:escalationEventDefinition id="doneEvent" escalationRef="esc" /></bpmn:boundaryEvent>
      <bpmn:task id="note" />
      <bpmn:endEvent id="noteEnd" />
      <bpmn:endEvent id="end" />
      ${chain('start', 'sign', 'end')}
      ${chain('signed', 'note', 'noteEnd')}`,
    { rootElements: '<bpmn:escalation id="esc" escalationCode="SIGNED" />' },
  );
}
