import { expect } from '@jest/globals';
import { bpmnDocument, chain, flow } from '../../support/bpmn-xml.js';
import type { Scenario } from '../../support/scenario.js';

/** A Camunda 7 `camunda:inputOutput` block; entries are [name, value] (values XML-escaped here). */
function camundaIo(inputs: Array<[string, string]>, outputs: Array<[string, string]> = []): string {
  const escape = (value: string) => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const parameters = (kind: 'input' | 'output', entries: Array<[string, string]>) =>
    entries
      .map(
        ([name, value]) =>
          `<camunda:${kind}Parameter name="${name}">${escape(value)}</camunda:${kind}Parameter>`,
      )
      .join('');
  return `<bpmn:extensionElements><camunda:inputOutput>${parameters('input', inputs)}${parameters('output', outputs)}</camunda:inputOutput></bpmn:extensionElements>`;
}

/** A process that decides at gateway `decide` between `yes` and `no` on one condition. */
function decision(condition: string, options: Parameters<typeof bpmnDocument>[1] = {}): string {
  return bpmnDocument(
    `
      <bpmn:startEvent id="start" />
      <bpmn:exclusiveGateway id="decide" default="f_no" />
      <bpmn:endEvent id="yes" />
      <bpmn:endEvent id="no" />
      ${chain('start', 'decide')}
      ${flow('f_yes', 'decide', 'yes', condition)}
      ${flow('f_no', 'decide', 'no')}`,
    options,
  );
}

const feelScenarios: Scenario[] = [
  {
    name: 'FEEL conditions choose the gateway flow',
    xml: bpmnDocument(`
      <bpmn:startEvent id="start" />
      <bpmn:exclusiveGateway id="decide" />
      <bpmn:endEvent id="large" />
      <bpmn:endEvent id="small" />
      ${chain('start', 'decide')}
      ${flow('f_large', 'decide', 'large', '=amount > 1000 and list contains(flags, "urgent")')}
      ${flow('f_small', 'decide', 'small', '=not(amount > 1000 and list contains(flags, "urgent"))')}`),
    when(h) {
      h.start({ variables: { amount: 2500, flags: ['urgent', 'cpr'] } });
    },
    then(h) {
      expect(h.completed()).toEqual(['decide', 'large', 'start']);
    },
  },
  {
    name: 'Camunda 7 input and output mappings evaluate ${…} and =… and only outputs reach the process',
    xml: bpmnDocument(`
      <bpmn:startEvent id="start" />
      <bpmn:serviceTask id="score" camunda:type="external" camunda:topic="score">
        ${camundaIo(
          [
            ['doubled', '${amount * 2}'],
            ['label', '=upper case(name)'],
          ],
          [['points', '=result + doubled']],
        )}
      </bpmn:serviceTask>
      <bpmn:endEvent id="end" />
      ${chain('start', 'score', 'end')}`),
    when(h) {
      h.start({ variables: { amount: 21, name: 'anna' } });
      const job = h.wait('score', 'job');
      expect(h.state().variables[job.ownerKey]).toEqual({
        doubled: { type: 'Integer', value: 42 },
        label: { type: 'String', value: 'ANNA' },
      });
      h.completeJob('score', { result: 8 });
    },
    then(h) {
      expect(h.completed()).toEqual(['end', 'score', 'start']);
      expect(h.variables()).toEqual({ amount: 21, name: 'anna', points: 50 });
    },
  },
  {
    name: 'Camunda 8 zeebe:ioMapping maps in and out with FEEL',
    xml: bpmnDocument(
      `
      <bpmn:startEvent id="start" />
      <bpmn:serviceTask id="lookup">
        <bpmn:extensionElements>
          <zeebe:taskDefinition type="cpr-lookup" />
          <zeebe:ioMapping>
            <zeebe:input source="=applicant.name" target="name" />
            <zeebe:input source="={street: applicant.address.street, city: &quot;Aarhus&quot;}" target="address" />
            <zeebe:output source="=score * 10" target="points" />
          </zeebe:ioMapping>
        </bpmn:extensionElements>
      </bpmn:serviceTask>
      <bpmn:endEvent id="end" />
      ${chain('start', 'lookup', 'end')}`,
      { dialect: 'camunda8' },
    ),
    when(h) {
      h.start({ variables: { applicant: { name: 'Søren', address: { street: 'Ågade 1' } } } });
      const job = h.wait('lookup', 'job');
      expect(h.state().variables[job.ownerKey]).toEqual({
        name: { type: 'String', value: 'Søren' },
        address: { type: 'Json', value: { street: 'Ågade 1', city: 'Aarhus' } },
      });
      h.completeJob('lookup', { score: 4.5, raw: 'dropped' });
    },
    then(h) {
      expect(h.completed()).toEqual(['end', 'lookup', 'start']);
      expect(h.variables()).toEqual({
        applicant: { name: 'Søren', address: { street: 'Ågade 1' } },
        points: 45,
      });
    },
  },
  {
    name: 'a FEEL script works on lists and contexts',
    xml: bpmnDocument(`
      <bpmn:startEvent id="start" />
      <bpmn:scriptTask id="total" scriptFormat="feel" camunda:resultVariable="summary"><bpmn:script>{count: count(items), total: sum(items.price), names: items[price > 10].name}</bpmn:script></bpmn:scriptTask>
      <bpmn:endEvent id="end" />
      ${chain('start', 'total', 'end')}`),
    when(h) {
      h.start({
        variables: {
          items: [
            { name: 'chair', price: 12.5 },
            { name: 'pen', price: 2 },
          ],
        },
      });
    },
    then(h) {
      expect(h.completed()).toEqual(['end', 'start', 'total']);
      expect(h.variables().summary).toEqual({ count: 2, total: 14.5, names: ['chair'] });
    },
  },
  {
    name: 'a FEEL timer value computes the duration',
    xml: bpmnDocument(
      `
      <bpmn:startEvent id="start" />
      <bpmn:intermediateCatchEvent id="wait"><bpmn:timerEventDefinition><bpmn:timeDuration>=duration("PT" + string(hours) + "H")</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
      <bpmn:endEvent id="end" />
      ${chain('start', 'wait', 'end')}`,
      { dialect: 'camunda8' },
    ),
    when(h) {
      h.start({ variables: { hours: 5 } });
      expect(h.wait('wait', 'timer')).toMatchObject({ dueAt: '2026-01-05T13:00:00.000Z' });
      h.fireTimer('wait');
    },
    then(h) {
      expect(h.completed()).toEqual(['end', 'start', 'wait']);
    },
  },
  {
    name: 'a FEEL timer date from date and time() waits until that instant',
    xml: bpmnDocument(
      `
      <bpmn:startEvent id="start" />
      <bpmn:intermediateCatchEvent id="wait"><bpmn:timerEventDefinition><bpmn:timeDate>=date and time(date("2026-01-20"), time("12:00:00Z"))</bpmn:timeDate></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
      <bpmn:endEvent id="end" />
      ${chain('start', 'wait', 'end')}`,
      { dialect: 'camunda8' },
    ),
    when(h) {
      h.start();
      expect(h.wait('wait', 'timer')).toMatchObject({ dueAt: '2026-01-20T12:00:00.000Z' });
      h.fireTimer('wait');
    },
    then(h) {
      expect(h.status()).toBe('completed');
      expect(h.completed()).toEqual(['end', 'start', 'wait']);
    },
  },
  {
    name: 'a FEEL correlation key is computed from variables',
    xml: bpmnDocument(
      `
      <bpmn:startEvent id="start" />
      <bpmn:receiveTask id="signed" messageRef="msg_signed" />
      <bpmn:endEvent id="end" />
      ${chain('start', 'signed', 'end')}`,
      {
        dialect: 'camunda8',
        rootElements: `<bpmn:message id="msg_signed" name="document-signed">
          <bpmn:extensionElements><zeebe:subscription correlationKey="=&quot;case-&quot; + string(caseNo)" /></bpmn:extensionElements>
        </bpmn:message>`,
      },
    ),
    when(h) {
      h.start({ variables: { caseNo: 17 } });
      expect(h.wait('signed', 'message')).toMatchObject({ correlationKey: 'case-17' });
      h.correlate('document-signed', { by: 'citizen' }, 'case-17');
    },
    then(h) {
      expect(h.completed()).toEqual(['end', 'signed', 'start']);
      expect(h.variables()).toEqual({ caseNo: 17, by: 'citizen' });
    },
  },
  {
    name: 'a FEEL assignee is computed with if-then-else',
    xml: bpmnDocument(`
      <bpmn:startEvent id="start" />
      <bpmn:userTask id="review" camunda:assignee="=if amount &gt; 10000 then &quot;manager&quot; else caseworker" />
      <bpmn:endEvent id="end" />
      ${chain('start', 'review', 'end')}`),
    when(h) {
      h.start({ variables: { amount: 25000, caseworker: 'jens' } });
      expect(h.wait('review', 'user-task')).toMatchObject({ assignee: 'manager' });
      h.completeUserTask('review');
    },
    then(h) {
      expect(h.completed()).toEqual(['end', 'review', 'start']);
    },
  },
];

const juelScenarios: Scenario[] = [
  {
    name: 'JUEL reads variables and property paths',
    xml: bpmnDocument(`
      <bpmn:startEvent id="start" />
      <bpmn:userTask id="review" camunda:assignee="\${order.customer.name}" camunda:candidateGroups="\${order.lines[0].team}" />
      <bpmn:endEvent id="end" />
      ${chain('start', 'review', 'end')}`),
    when(h) {
      h.start({ variables: { order: { customer: { name: 'mette' }, lines: [{ team: 'sales' }] } } });
      expect(h.wait('review', 'user-task')).toMatchObject({ assignee: 'mette', candidateGroups: ['sales'] });
      h.completeUserTask('review');
    },
    then(h) {
      expect(h.completed()).toEqual(['end', 'review', 'start']);
    },
  },
  {
    name: 'JUEL arithmetic, comparison, logic, empty and the ternary operator',
    xml: bpmnDocument(`
      <bpmn:startEvent id="start" />
      <bpmn:task id="calc">
        ${camundaIo(
          [],
          [
            ['sum', '${a + b * 2}'],
            ['quotient', '${a / b}'],
            ['remainder', '${a % b}'],
            ['negated', '${-a}'],
            ['divided', '${a div b}'],
            ['modulo', '${a mod 3}'],
            ['comparisons', '${a > b && b >= 4 && a != b && b < a && b <= 4 && a == 10}'],
            ['words', '${a gt b and b ge 4 and a ne b and b lt a and b le 4 and a eq 10}'],
            ['either', '${a < 0 || b == 4}'],
            ['eitherWord', '${a lt 0 or b eq 4}'],
            ['negations', '${!(a < 0) && not (b > 4)}'],
            ['emptyNotes', '${empty notes}'],
            ['hasItems', '${not empty items}'],
            ['verdict', "${approved ? 'yes' : 'no'}"],
            ['text', 'Case ${caseId} for ${a} kr'],
          ],
        )}
      </bpmn:task>
      <bpmn:endEvent id="end" />
      ${chain('start', 'calc', 'end')}`),
    when(h) {
      h.start({ variables: { a: 10, b: 4, notes: '', items: [1], approved: false, caseId: 'C-9' } });
    },
    then(h) {
      expect(h.completed()).toEqual(['calc', 'end', 'start']);
      expect(h.variables()).toMatchObject({
        sum: 18,
        quotient: 2.5,
        remainder: 2,
        negated: -10,
        divided: 2.5,
        modulo: 1,
        comparisons: true,
        words: true,
        either: true,
        eitherWord: true,
        negations: true,
        emptyNotes: true,
        hasItems: true,
        verdict: 'no',
        text: 'Case C-9 for 10 kr',
      });
    },
  },
  {
    name: 'JUEL conditions with word operators choose the gateway flow',
    xml: decision('${status eq "approved" and amount ge 500 and not empty approver}'),
    when(h) {
      h.start({ variables: { status: 'approved', amount: 500, approver: 'jens' } });
    },
    then(h) {
      expect(h.completed()).toEqual(['decide', 'start', 'yes']);
    },
  },
];

const failureScenarios: Scenario[] = [
  {
    name: 'an unknown variable in a JUEL condition raises an incident naming the element and expression; fixing it and resolving continues',
    xml: decision('${missing > 5}'),
    when(h) {
      expect(() => h.start()).not.toThrow();
      expect(h.status()).toBe('active');
      const [incident] = h.incidents();
      expect(incident).toMatchObject({ elementId: 'decide', type: 'expression-failed' });
      expect(incident.message).toContain("'decide'");
      expect(incident.message).toContain('${missing > 5}');
      expect(incident.message).toContain('missing');
      h.setVariables({ missing: 9 });
      h.resolveIncident('decide');
    },
    then(h) {
      expect(h.status()).toBe('completed');
      expect(h.completed()).toEqual(['decide', 'start', 'yes']);
      expect(h.incidents()).toEqual([]);
    },
  },
  {
    name: 'a FEEL condition over a missing variable gives null, which is an incident rather than false',
    xml: decision('=missing > 5'),
    when(h) {
      h.start();
      const [incident] = h.incidents();
      expect(incident).toMatchObject({ elementId: 'decide', type: 'expression-failed' });
      expect(incident.message).toContain("'=missing > 5' to be true or false, but it was null");
      expect(incident.message).toContain("Variable 'missing' not found");
      h.setVariables({ missing: 1 });
      h.resolveIncident('decide');
    },
    then(h) {
      expect(h.completed()).toEqual(['decide', 'no', 'start']);
    },
  },
  {
    name: 'a FEEL type error in an output mapping raises an incident at that element; fixing it and resolving continues',
    xml: bpmnDocument(
      `
      <bpmn:startEvent id="start" />
      <bpmn:serviceTask id="charge">
        <bpmn:extensionElements>
          <zeebe:taskDefinition type="charge" />
          <zeebe:ioMapping><zeebe:output source="=fee * 2" target="doubleFee" /></zeebe:ioMapping>
        </bpmn:extensionElements>
      </bpmn:serviceTask>
      <bpmn:endEvent id="end" />
      ${chain('start', 'charge', 'end')}`,
      { dialect: 'camunda8' },
    ),
    when(h) {
      h.start({ variables: { fee: 'ten' } });
      h.completeJob('charge');
      expect(h.status()).toBe('active');
      const [incident] = h.incidents();
      expect(incident).toMatchObject({ elementId: 'charge', type: 'expression-failed' });
      expect(incident.message).toContain('doubleFee');
      expect(incident.message).toContain('=fee * 2');
      h.setVariables({ fee: 10 });
      h.resolveIncident('charge');
    },
    then(h) {
      expect(h.status()).toBe('completed');
      expect(h.completed()).toEqual(['charge', 'end', 'start']);
      expect(h.variables()).toEqual({ fee: 10, doubleFee: 20 });
    },
  },
  {
    name: 'a CPR number in the variables never appears in an incident message',
    xml: bpmnDocument(`
      <bpmn:startEvent id="start" />
      <bpmn:exclusiveGateway id="checkAge" />
      <bpmn:endEvent id="adult" />
      <bpmn:endEvent id="child" />
      <bpmn:task id="compute">${camundaIo([], [['age', '${cpr + 1}']])}</bpmn:task>
      <bpmn:endEvent id="computed" />
      <bpmn:task id="summarise">${camundaIo([], [['summary', '${note * 2}']])}</bpmn:task>
      <bpmn:endEvent id="summarised" />
      <bpmn:parallelGateway id="fork" />
      ${chain('start', 'fork', 'checkAge')}
      ${chain('fork', 'compute', 'computed')}
      ${chain('fork', 'summarise', 'summarised')}
      ${flow('f_adult', 'checkAge', 'adult', '${age >= 18}')}
      ${flow('f_child', 'checkAge', 'child', '${age < 18 and cpr == "none"}')}`),
    when(h) {
      // `person` and `note` are shown shortened in the messages: the cut must not leave half a CPR number behind.
      h.start({
        variables: {
          cpr: '010190-1234',
          cprDigits: '0101901234',
          age: 12,
          person: { name: 'Anna Hansen', cpr: '010190-1234' },
          note: 'Borger Anna Hansen med CPR-nummer 010190-1234 ringede',
        },
      });
    },
    then(h) {
      expect(h.completed()).toEqual(['fork', 'start']);
      const incidents = h.incidents();
      expect(incidents.map((incident) => [incident.elementId, incident.type]).sort()).toEqual([
        ['checkAge', 'no-matching-flow'],
        ['compute', 'expression-failed'],
        ['summarise', 'expression-failed'],
      ]);
      for (const incident of incidents) {
        expect(incident.message).not.toContain('010190-1234');
        expect(incident.message).not.toContain('0101901234');
        // Not even part of one: no run of three digits is left.
        expect(incident.message).not.toMatch(/\d{3}/);
      }
      expect(h.effects.filter((effect) => effect.type === 'incident.raised')).toHaveLength(3);
    },
  },
];

export const expressionScenarios: Scenario[] = [...feelScenarios, ...juelScenarios, ...failureScenarios];
