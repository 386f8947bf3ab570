import { describe, expect, it } from '@jest/globals';
import { compileBpmn, type Finding } from '#bpmn';
import { bpmnDocument, chain, flow } from '../support/bpmn-xml.js';

const errorsOf = async (xml: string): Promise<Finding[]> =>
  (await compileBpmn(xml)).findings.filter((finding) => finding.severity === 'error');

const simple = (task: string, options: Parameters<typeof bpmnDocument>[1] = {}) =>
  bpmnDocument(
    `<bpmn:startEvent id="start" />${task}<bpmn:endEvent id="end" />${chain('start', 'task', 'end')}`,
    options,
  );

describe('validation: every finding, with the element and what was expected', () => {
  it('accepts a valid model and returns its executable form', async () => {
    const { model, findings } = await compileBpmn(simple('<bpmn:userTask id="task" />'));
    expect(findings).toEqual([]);
    expect(model?.processes[0].elements.task).toMatchObject({
      type: 'userTask',
      incoming: ['f_start_task'],
      outgoing: ['f_task_end'],
    });
  });

  it.each([['<bpmn:adHocSubProcess id="task" />', 'ad-hoc sub-process']])(
    'names an element type it does not run: %s',
    async (task, what) => {
      const errors = await errorsOf(simple(task));
      expect(errors).toEqual([expect.objectContaining({ rule: 'unsupported-element', elementId: 'task' })]);
      expect(errors[0].message).toContain(what.replace('call activities', 'a call activity'));
    },
  );

  it('reports a flow to nowhere', async () => {
    const errors = await errorsOf(
      bpmnDocument(
        `<bpmn:startEvent id="start" /><bpmn:endEvent id="end" />${flow('f1', 'start', 'end')}${flow('f2', 'start', 'ghost')}`,
      ),
    );
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          rule: 'dangling-flow',
          elementId: 'f2',
          message: expect.stringContaining("target '(none)'"),
        }),
      ]),
    );
  });

  it('reports a gateway without outgoing flows', async () => {
    const errors = await errorsOf(
      bpmnDocument(
        `<bpmn:startEvent id="start" /><bpmn:exclusiveGateway id="gw" />${flow('f1', 'start', 'gw')}`,
      ),
    );
    expect(errors).toEqual([expect.objectContaining({ rule: 'gateway-without-outgoing', elementId: 'gw' })]);
  });

  it("reports a diverging gateway's flow without a condition with the gateway's id and the flow's", async () => {
    const errors = await errorsOf(
      bpmnDocument(`
        <bpmn:startEvent id="start" /><bpmn:exclusiveGateway id="gw" default="toB" />
        <bpmn:endEvent id="a" /><bpmn:endEvent id="b" /><bpmn:endEvent id="c" />
        ${flow('f0', 'start', 'gw')}${flow('toA', 'gw', 'a', '${x > 1}')}${flow('toB', 'gw', 'b')}${flow('toC', 'gw', 'c')}`),
    );
    expect(errors).toEqual([
      expect.objectContaining({ rule: 'missing-condition', elementId: 'gw', elementIds: ['gw', 'toC'] }),
    ]);
    expect(errors[0].message).toContain("outgoing flow 'toC' needs a condition");
  });

  it('reports expressions that do not parse, FEEL and JUEL, naming where they are', async () => {
    const errors = await errorsOf(
      bpmnDocument(`
        <bpmn:startEvent id="start" /><bpmn:exclusiveGateway id="gw" />
        <bpmn:endEvent id="a" /><bpmn:endEvent id="b" />
        ${flow('f0', 'start', 'gw')}${flow('toA', 'gw', 'a', '=amount >')}${flow('toB', 'gw', 'b', '${amount <}')}`),
    );
    expect(errors.map((error) => [error.rule, error.elementIds])).toEqual([
      ['invalid-expression', ['gw', 'toA']],
      ['invalid-expression', ['gw', 'toB']],
    ]);
    expect(errors[0].message).toContain("the condition of flow 'toA' ('=amount >')");
  });

  it.each([
    ['timeDuration', 'PT1X'],
    ['timeDate', 'tomorrow'],
    ['timeCycle', 'R3/PT'],
    ['timeCycle', '0 0 9 * *'],
  ])('reports a %s that does not parse: %s', async (kind, value) => {
    const errors = await errorsOf(
      simple(
        `<bpmn:intermediateCatchEvent id="task"><bpmn:timerEventDefinition><bpmn:${kind}>${value}</bpmn:${kind}></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>`,
      ),
    );
    expect(errors).toEqual([expect.objectContaining({ rule: 'invalid-timer', elementId: 'task' })]);
  });

  it.each([
    [
      '<bpmn:intermediateCatchEvent id="task"><bpmn:messageEventDefinition messageRef="nope" /></bpmn:intermediateCatchEvent>',
      'nope',
    ],
    [
      '<bpmn:intermediateCatchEvent id="task"><bpmn:signalEventDefinition signalRef="nope" /></bpmn:intermediateCatchEvent>',
      'nope',
    ],
    [
      '<bpmn:intermediateThrowEvent id="task"><bpmn:escalationEventDefinition escalationRef="nope" /></bpmn:intermediateThrowEvent>',
      'nope',
    ],
  ])('reports an unknown reference: %s', async (task, reference) => {
    const errors = await errorsOf(simple(task));
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.some((error) => error.message.includes(reference))).toBe(true);
    expect(errors.some((error) => error.elementId === 'task')).toBe(true);
  });

  it('reports an error end event whose error has no code', async () => {
    const errors = await errorsOf(
      bpmnDocument(
        `<bpmn:startEvent id="start" /><bpmn:endEvent id="end"><bpmn:errorEventDefinition errorRef="e" /></bpmn:endEvent>${flow('f', 'start', 'end')}`,
        {
          rootElements: '<bpmn:error id="e" name="Failed" />',
        },
      ),
    );
    expect(errors).toEqual([expect.objectContaining({ rule: 'missing-reference', elementId: 'end' })]);
  });

  it.each([
    ['camunda:class="dk.kommune.Delegate"', 'camunda:class'],
    ['camunda:delegateExpression="${esdhDelegate}"', 'camunda:delegateExpression'],
    ['camunda:expression="${esdhService.createCase(execution)}"', 'camunda:expression'],
  ])('refuses a Java-bound service task (%s) and says what to use instead', async (binding, attribute) => {
    const errors = await errorsOf(simple(`<bpmn:serviceTask id="task" ${binding} />`));
    expect(errors).toEqual([expect.objectContaining({ rule: 'java-delegate', elementId: 'task' })]);
    expect(errors[0].message).toContain(attribute);
    expect(errors[0].message).toContain(
      'use an external task instead (camunda:type="external" with a camunda:topic) and a worker, or a connector',
    );
  });

  it('refuses Java-bound listeners and script listeners', async () => {
    const errors = await errorsOf(
      simple(`<bpmn:userTask id="task"><bpmn:extensionElements>
        <camunda:taskListener class="dk.kommune.Notify" event="create" />
        <camunda:executionListener event="end"><camunda:script scriptFormat="groovy">println 1</camunda:script></camunda:executionListener>
      </bpmn:extensionElements></bpmn:userTask>`),
    );
    expect(errors.map((error) => error.rule).sort()).toEqual(['java-delegate', 'unsupported-element']);
  });

  it('refuses scripts that are not FEEL', async () => {
    const errors = await errorsOf(
      simple(
        '<bpmn:scriptTask id="task" scriptFormat="javascript"><bpmn:script>1+1</bpmn:script></bpmn:scriptTask>',
      ),
    );
    expect(errors).toEqual([expect.objectContaining({ rule: 'unsupported-script', elementId: 'task' })]);
    expect(errors[0].message).toContain('FEEL only');
  });

  it('refuses a service task without an implementation', async () => {
    const errors = await errorsOf(simple('<bpmn:serviceTask id="task" />'));
    expect(errors).toEqual([expect.objectContaining({ rule: 'missing-implementation', elementId: 'task' })]);
  });

  it('treats moddle warnings that drop an element as errors', async () => {
    const errors = await errorsOf(simple('<bpmn:userTask id="task" /><bpmn:notAnElement id="x" />'));
    expect(errors).toEqual([expect.objectContaining({ rule: 'xml-content-dropped' })]);
    expect(errors[0].message).toContain('notAnElement');
  });

  it('reports malformed XML with line and column', async () => {
    const { findings } = await compileBpmn(
      '<?xml version="1.0"?>\n<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL">\n  <bpmn:process id="p">\n</bpmn:definitions>',
    );
    expect(findings).toEqual([expect.objectContaining({ rule: 'xml-parse', severity: 'error' })]);
    expect(findings[0].line).toBeGreaterThan(1);
  });

  it('refuses DOCTYPE and ENTITY declarations', async () => {
    const { findings } = await compileBpmn(
      '<?xml version="1.0"?>\n<!DOCTYPE d [<!ENTITY x "y">]><bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" />',
    );
    expect(findings).toEqual([expect.objectContaining({ rule: 'xml-doctype', line: 2, column: 1 })]);
  });

  it('refuses a document that mixes Camunda 7 and Camunda 8 extensions', async () => {
    const xml = simple('<bpmn:userTask id="task" />').replace(
      'id="Definitions_1"',
      'xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="Definitions_1"',
    );
    expect(await errorsOf(xml)).toEqual([expect.objectContaining({ rule: 'mixed-dialects' })]);
  });

  it('needs an executable process', async () => {
    const errors = await errorsOf(
      simple('<bpmn:userTask id="task" />').replace('isExecutable="true"', 'isExecutable="false"'),
    );
    expect(errors).toEqual([expect.objectContaining({ rule: 'no-executable-process' })]);
  });

  it('collects all findings of a model at once', async () => {
    const errors = await errorsOf(
      bpmnDocument(`
        <bpmn:startEvent id="start" />
        <bpmn:serviceTask id="a" camunda:class="dk.A" />
        <bpmn:scriptTask id="b" scriptFormat="groovy"><bpmn:script>x</bpmn:script></bpmn:scriptTask>
        <bpmn:exclusiveGateway id="gw" />
        <bpmn:endEvent id="end" /><bpmn:endEvent id="end2" />
        ${chain('start', 'a', 'b', 'gw')}${flow('g1', 'gw', 'end')}${flow('g2', 'gw', 'end2')}`),
    );
    expect(errors.map((error) => error.rule)).toEqual([
      'java-delegate',
      'unsupported-script',
      'missing-condition',
      'missing-condition',
    ]);
  });

  it('reads Camunda 8 models with the zeebe descriptor and refuses Camunda 8 listeners by name', async () => {
    const errors = await errorsOf(
      simple(
        '<bpmn:serviceTask id="task"><bpmn:extensionElements><zeebe:taskDefinition type="x" /><zeebe:executionListeners><zeebe:executionListener eventType="start" type="y" /></zeebe:executionListeners></bpmn:extensionElements></bpmn:serviceTask>',
        {
          dialect: 'camunda8',
        },
      ),
    );
    expect(errors).toEqual([expect.objectContaining({ rule: 'unsupported-element', elementId: 'task' })]);
  });
});
