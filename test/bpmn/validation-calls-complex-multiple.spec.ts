import { describe, expect, it } from '@jest/globals';
import { compileBpmn, type Finding } from '#bpmn';
import { bpmnDocument, chain, flow } from '../support/bpmn-xml.js';

const findingsOf = async (xml: string): Promise<Finding[]> => (await compileBpmn(xml)).findings;
const errorsOf = async (xml: string): Promise<Finding[]> =>
  (await findingsOf(xml)).filter((finding) => finding.severity === 'error');

/** start → `task` (the given element) → end. */
const around = (task: string, options: Parameters<typeof bpmnDocument>[1] = {}) =>
  bpmnDocument(
    `<bpmn:startEvent id="start" />${task}<bpmn:endEvent id="end" />${chain('start', 'task', 'end')}`,
    options,
  );

const MESSAGE_AND_SIGNAL = `<bpmn:messageEventDefinition messageRef="m" /><bpmn:signalEventDefinition signalRef="s" />`;
const ROOTS = '<bpmn:message id="m" name="msg" /><bpmn:signal id="s" name="sig" />';
const CONDITION = (body: string) =>
  `<bpmn:conditionalEventDefinition><bpmn:condition xsi:type="bpmn:tFormalExpression">${body}</bpmn:condition></bpmn:conditionalEventDefinition>`;

describe('validation of call activities', () => {
  it('compiles Camunda 7 calls: binding, version, tenant, business key, in and out mappings', async () => {
    const { model, findings } = await compileBpmn(
      around(`
        <bpmn:callActivity id="task" calledElement="\${target}" camunda:calledElementBinding="version" camunda:calledElementVersion="3" camunda:calledElementTenantId="kommune-101">
          <bpmn:extensionElements>
            <camunda:in businessKey="#{execution.processBusinessKey}" />
            <camunda:in variables="all" local="true" />
            <camunda:in source="a" target="b" />
            <camunda:in sourceExpression="\${a + 1}" target="c" />
            <camunda:out source="x" target="y" local="true" />
            <camunda:out variables="all" />
          </bpmn:extensionElements>
        </bpmn:callActivity>`),
    );
    expect(findings).toEqual([]);
    expect(model?.processes[0].elements.task.callActivity).toEqual({
      processId: { language: 'juel', source: '${target}' },
      binding: 'version',
      version: { language: 'literal', source: '3' },
      tenantId: { language: 'literal', source: 'kommune-101' },
      businessKey: { inherit: true },
      inputs: [
        { kind: 'all', local: true },
        { kind: 'variable', source: 'a', target: 'b' },
        { kind: 'expression', source: { language: 'juel', source: '${a + 1}' }, target: 'c' },
      ],
      outputs: [{ kind: 'variable', source: 'x', target: 'y', local: true }, { kind: 'all' }],
    });
  });

  it('compiles Camunda 8 calls: a FEEL process id, a version tag binding, the propagation attributes', async () => {
    const { model, findings } = await compileBpmn(
      around(
        `<bpmn:callActivity id="task"><bpmn:extensionElements>
          <zeebe:calledElement processId="=name" bindingType="versionTag" versionTag="v1" propagateAllParentVariables="false" />
        </bpmn:extensionElements></bpmn:callActivity>`,
        { dialect: 'camunda8' },
      ),
    );
    expect(findings).toEqual([]);
    expect(model?.processes[0].elements.task.callActivity).toEqual({
      processId: { language: 'feel', source: 'name' },
      binding: 'versionTag',
      versionTag: { language: 'literal', source: 'v1' },
      inputs: [{ kind: 'all', local: true }],
      outputs: [{ kind: 'all' }],
    });
  });

  it.each([
    ['<bpmn:callActivity id="task" />', 'missing-implementation', 'set calledElement'],
    [
      '<bpmn:callActivity id="task" calledElement="c" camunda:calledElementBinding="version" />',
      'invalid-call-activity',
      'needs camunda:calledElementVersion',
    ],
    [
      '<bpmn:callActivity id="task" calledElement="c" camunda:calledElementBinding="newest" />',
      'invalid-call-activity',
      "by 'newest'; expected one of latest, deployment, version, versionTag",
    ],
    ['<bpmn:callActivity id="task" camunda:caseRef="case" />', 'unsupported-element', 'CMMN case'],
    [
      '<bpmn:callActivity id="task" calledElement="c" camunda:variableMappingClass="org.Mapper" />',
      'java-delegate',
      'use camunda:in and camunda:out mappings instead',
    ],
    [
      '<bpmn:callActivity id="task" calledElement="c"><bpmn:extensionElements><camunda:in source="a" /></bpmn:extensionElements></bpmn:callActivity>',
      'invalid-call-activity',
      "camunda:in from 'a' without a target",
    ],
    [
      '<bpmn:callActivity id="task" calledElement="c"><bpmn:extensionElements><camunda:out businessKey="k" /></bpmn:extensionElements></bpmn:callActivity>',
      'invalid-call-activity',
      'only camunda:in can pass a business key',
    ],
    [
      '<bpmn:callActivity id="task" calledElement="c"><bpmn:extensionElements><camunda:in variables="some" /></bpmn:extensionElements></bpmn:callActivity>',
      'invalid-call-activity',
      'the only value is "all"',
    ],
    [
      '<bpmn:callActivity id="task" calledElement="c"><bpmn:extensionElements><camunda:in sourceExpression="${a +}" target="b" /></bpmn:extensionElements></bpmn:callActivity>',
      'invalid-expression',
      "the in-mapping 'b'",
    ],
  ])('refuses %s by name', async (task, rule, text) => {
    const errors = await errorsOf(around(task));
    expect(errors).toEqual([expect.objectContaining({ rule, elementId: 'task' })]);
    expect(errors[0].message).toContain(text);
  });

  it('refuses a Camunda 8 call without zeebe:calledElement', async () => {
    const errors = await errorsOf(around('<bpmn:callActivity id="task" />', { dialect: 'camunda8' }));
    expect(errors).toEqual([
      expect.objectContaining({
        rule: 'missing-implementation',
        elementId: 'task',
        message: expect.stringContaining('set zeebe:calledElement processId'),
      }),
    ]);
  });

  it('warns, and calls without a tenant, when the tenant id needs a Java bean', async () => {
    const { model, findings } = await compileBpmn(
      around(
        '<bpmn:callActivity id="task" calledElement="c" camunda:calledElementTenantId="${tenants.of(execution)}" />',
      ),
    );
    expect(findings).toEqual([
      expect.objectContaining({ severity: 'warning', rule: 'java-tenant-id', elementId: 'task' }),
    ]);
    expect(model?.processes[0].elements.task.callActivity?.tenantId).toBeUndefined();
  });
});

describe('validation of complex gateways', () => {
  it('compiles the activation condition and checks its syntax', async () => {
    const ok = await compileBpmn(
      bpmnDocument(`
        <bpmn:startEvent id="start" />
        <bpmn:complexGateway id="gw"><bpmn:activationCondition xsi:type="bpmn:tFormalExpression">\${activationCount &gt;= 2}</bpmn:activationCondition></bpmn:complexGateway>
        <bpmn:endEvent id="end" />${chain('start', 'gw', 'end')}`),
    );
    expect(ok.findings).toEqual([]);
    expect(ok.model?.processes[0].elements.gw.activationCondition).toEqual({
      language: 'juel',
      source: '${activationCount >= 2}',
    });
    const errors = await errorsOf(
      bpmnDocument(`
        <bpmn:startEvent id="start" />
        <bpmn:complexGateway id="gw"><bpmn:activationCondition xsi:type="bpmn:tFormalExpression">activationCount &gt;=</bpmn:activationCondition></bpmn:complexGateway>
        <bpmn:endEvent id="end" />${chain('start', 'gw', 'end')}`),
    );
    expect(errors).toEqual([
      expect.objectContaining({
        rule: 'invalid-expression',
        elementId: 'gw',
        message: expect.stringContaining('the activation condition'),
      }),
    ]);
  });

  it('a splitting complex gateway needs a condition on each flow but its default', async () => {
    const errors = await errorsOf(
      bpmnDocument(`
        <bpmn:startEvent id="start" /><bpmn:complexGateway id="gw" default="toA" />
        <bpmn:endEvent id="a" /><bpmn:endEvent id="b" />
        ${flow('f0', 'start', 'gw')}${flow('toA', 'gw', 'a')}${flow('toB', 'gw', 'b')}`),
    );
    expect(errors).toEqual([
      expect.objectContaining({ rule: 'missing-condition', elementId: 'gw', elementIds: ['gw', 'toB'] }),
    ]);
  });
});

describe('validation of multiple events', () => {
  it('compiles a multiple event into eventDefinitions, and parallelMultiple', async () => {
    const { model, findings } = await compileBpmn(
      around(
        `<bpmn:intermediateCatchEvent id="task" parallelMultiple="true">${MESSAGE_AND_SIGNAL}</bpmn:intermediateCatchEvent>`,
        {
          rootElements: ROOTS,
        },
      ),
    );
    expect(findings).toEqual([]);
    const element = model?.processes[0].elements.task;
    expect(element?.eventDefinition).toBeUndefined();
    expect(element?.parallelMultiple).toBe(true);
    expect(element?.eventDefinitions?.map((definition) => definition.kind)).toEqual(['message', 'signal']);
  });

  it('a multiple start event is not a none start event', async () => {
    const { model } = await compileBpmn(
      bpmnDocument(
        `<bpmn:startEvent id="start">${MESSAGE_AND_SIGNAL}</bpmn:startEvent><bpmn:endEvent id="end" />${chain('start', 'end')}`,
        { rootElements: ROOTS },
      ),
    );
    expect(model?.processes[0].elements.scenario.noneStartEvent).toBeUndefined();
  });

  it.each([
    [`<bpmn:endEvent id="task">${MESSAGE_AND_SIGNAL}</bpmn:endEvent>`, 'a multiple throw event'],
    [
      `<bpmn:intermediateThrowEvent id="task">${MESSAGE_AND_SIGNAL}</bpmn:intermediateThrowEvent>`,
      'a multiple throw event',
    ],
    [
      `<bpmn:intermediateCatchEvent id="task"><bpmn:messageEventDefinition messageRef="m" /><bpmn:linkEventDefinition name="l" /></bpmn:intermediateCatchEvent>`,
      'combines a link trigger with others',
    ],
    [
      `<bpmn:intermediateCatchEvent id="task">${CONDITION('${a}')}${CONDITION('${b}')}</bpmn:intermediateCatchEvent>`,
      "2 conditional triggers; combine them into one condition (with 'or')",
    ],
  ])('refuses %s', async (task, text) => {
    const errors = await errorsOf(around(task, { rootElements: ROOTS }));
    expect(errors).toEqual([
      expect.objectContaining({
        rule: 'unsupported-element',
        elementId: 'task',
        message: expect.stringContaining(text),
      }),
    ]);
  });

  it('accepts a parallel multiple boundary event but refuses a conditional trigger in a multiple start event', async () => {
    const errors = await errorsOf(
      bpmnDocument(
        `
        <bpmn:startEvent id="start"><bpmn:messageEventDefinition messageRef="m" />${CONDITION('${a}')}</bpmn:startEvent>
        <bpmn:userTask id="task" />
        <bpmn:boundaryEvent id="watch" attachedToRef="task" parallelMultiple="true">${MESSAGE_AND_SIGNAL}</bpmn:boundaryEvent>
        <bpmn:endEvent id="end" /><bpmn:endEvent id="end2" />
        ${chain('start', 'task', 'end')}${chain('watch', 'end2')}`,
        { rootElements: ROOTS },
      ),
    );
    expect(errors.map((error) => [error.rule, error.elementId])).toEqual([['unsupported-element', 'start']]);
    expect(errors[0].message).toContain('combines a conditional trigger with others');
  });

  it('refuses a multiple start event inside a sub-process', async () => {
    const errors = await errorsOf(
      around(
        `<bpmn:subProcess id="task"><bpmn:startEvent id="inner">${MESSAGE_AND_SIGNAL}</bpmn:startEvent><bpmn:endEvent id="innerEnd" />${chain('inner', 'innerEnd')}</bpmn:subProcess>`,
        { rootElements: ROOTS },
      ),
    );
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          rule: 'invalid-start-event',
          elementId: 'inner',
          message: expect.stringContaining('it has a multiple trigger'),
        }),
      ]),
    );
  });
});
