import { describe, expect, it } from '@jest/globals';
import { compileBpmn, type Finding } from '#bpmn';
import { bpmnDocument, chain } from '../support/bpmn-xml.js';

const errorsOf = async (xml: string): Promise<Finding[]> =>
  (await compileBpmn(xml)).findings.filter((finding) => finding.severity === 'error');

/** start → task → end, where task carries the given loop characteristics. */
const looping = (
  characteristics: string,
  options: Parameters<typeof bpmnDocument>[1] = {},
  task = 'userTask',
) =>
  bpmnDocument(
    `<bpmn:startEvent id="start" /><bpmn:${task} id="task">${characteristics}</bpmn:${task}><bpmn:endEvent id="end" />${chain('start', 'task', 'end')}`,
    options,
  );

const mi = (attributes: string, inside = '') =>
  `<bpmn:multiInstanceLoopCharacteristics ${attributes}>${inside}</bpmn:multiInstanceLoopCharacteristics>`;

describe('validation of multi-instance and standard loops', () => {
  it('compiles Camunda 7 multi-instance characteristics into the executable model (loopCounter from 0)', async () => {
    const { model, findings } = await compileBpmn(
      looping(
        mi(
          'isSequential="true" camunda:collection="${reviewers}" camunda:elementVariable="reviewer"',
          '<bpmn:completionCondition xsi:type="bpmn:tFormalExpression">${nrOfCompletedInstances == 1}</bpmn:completionCondition>',
        ),
      ),
    );
    expect(findings).toEqual([]);
    expect(model?.processes[0].elements.task.loop).toEqual({
      kind: 'multi-instance',
      isSequential: true,
      collection: { language: 'juel', source: '${reviewers}' },
      elementVariable: 'reviewer',
      completionCondition: { language: 'juel', source: '${nrOfCompletedInstances == 1}' },
      firstLoopCounter: 0,
      behavior: 'All',
    });
  });

  it('compiles zeebe:loopCharacteristics (loopCounter from 1)', async () => {
    const { model, findings } = await compileBpmn(
      looping(
        mi(
          '',
          '<bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=items" inputElement="item" outputCollection="results" outputElement="=result" /></bpmn:extensionElements>',
        ),
        { dialect: 'camunda8' },
      ),
    );
    expect(findings).toEqual([]);
    expect(model?.processes[0].elements.task.loop).toMatchObject({
      collection: { language: 'feel', source: 'items' },
      elementVariable: 'item',
      outputCollection: 'results',
      outputElement: { language: 'feel', source: 'result' },
      firstLoopCounter: 1,
    });
  });

  it.each([
    [mi(''), 'needs a collection (camunda:collection="${items}") or a loopCardinality'],
    [
      mi('camunda:collection="${items}"', '<bpmn:loopCardinality>3</bpmn:loopCardinality>'),
      'has both a collection and a loopCardinality',
    ],
    [
      mi('camunda:elementVariable="item"', '<bpmn:loopCardinality>3</bpmn:loopCardinality>'),
      "names the element variable 'item' but no collection",
    ],
    [
      mi('behavior="One" camunda:collection="${items}"'),
      'has behavior="One", so its oneBehaviorEventRef must name an escalation event definition',
    ],
    [
      '<bpmn:standardLoopCharacteristics />',
      'is a standard loop without a loopCondition or a loopMaximum, so it would never stop',
    ],
    [
      '<bpmn:standardLoopCharacteristics loopMaximum="0"><bpmn:loopCondition>x</bpmn:loopCondition></bpmn:standardLoopCharacteristics>',
      'must be a whole number of at least 1',
    ],
  ])('refuses loop characteristics that cannot run: %s', async (characteristics, message) => {
    const errors = await errorsOf(looping(characteristics));
    expect(errors).toEqual([expect.objectContaining({ rule: 'invalid-loop', elementId: 'task' })]);
    expect(errors[0].message).toContain(message);
  });

  it('refuses an output collection without an output element', async () => {
    const errors = await errorsOf(
      looping(
        mi(
          '',
          '<bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=items" outputCollection="results" /></bpmn:extensionElements>',
        ),
        { dialect: 'camunda8' },
      ),
    );
    expect(errors).toEqual([
      expect.objectContaining({
        rule: 'invalid-loop',
        elementId: 'task',
        message: expect.stringContaining('must give both outputCollection and outputElement'),
      }),
    ]);
  });

  it('needs a complexBehaviorDefinition with a condition and an event for behavior="Complex"', async () => {
    const none = await errorsOf(
      looping(mi('behavior="Complex"', '<bpmn:loopCardinality>2</bpmn:loopCardinality>')),
    );
    expect(none).toEqual([
      expect.objectContaining({
        rule: 'invalid-loop',
        elementId: 'task',
        message: expect.stringContaining('needs at least one complexBehaviorDefinition'),
      }),
    ]);
    const noEvent = await errorsOf(
      looping(
        mi(
          'behavior="Complex"',
          '<bpmn:loopCardinality>2</bpmn:loopCardinality><bpmn:complexBehaviorDefinition id="cbd"><bpmn:condition xsi:type="bpmn:tFormalExpression">=true</bpmn:condition></bpmn:complexBehaviorDefinition>',
        ),
      ),
    );
    expect(noEvent).toEqual([
      expect.objectContaining({
        rule: 'invalid-loop',
        elementId: 'task',
        message: expect.stringContaining("complexBehaviorDefinition 'cbd' without an event"),
      }),
    ]);
  });

  it('refuses a behavior event reference that is neither an escalation nor a signal', async () => {
    const errors = await errorsOf(
      looping(
        mi('behavior="None" noneBehaviorEventRef="msgDef"', '<bpmn:loopCardinality>2</bpmn:loopCardinality>'),
        {
          rootElements: '<bpmn:messageEventDefinition id="msgDef" />',
        },
      ),
    );
    expect(errors).toEqual([
      expect.objectContaining({
        rule: 'invalid-loop',
        message: expect.stringContaining("but it names a MessageEventDefinition 'msgDef'"),
      }),
    ]);
  });

  it('refuses BPMN data inputs for the collection, pointing to the Camunda attributes', async () => {
    const errors = await errorsOf(
      looping(
        mi('', '<bpmn:loopCardinality>2</bpmn:loopCardinality><bpmn:inputDataItem id="item" name="item" />'),
      ),
    );
    expect(errors).toEqual([
      expect.objectContaining({
        rule: 'unsupported-element',
        elementId: 'task',
        message: expect.stringContaining('use camunda:collection and camunda:elementVariable instead'),
      }),
    ]);
  });

  it('reports a loop expression that does not parse', async () => {
    const errors = await errorsOf(
      looping(
        mi(
          '',
          '<bpmn:completionCondition>${nrOfCompletedInstances ==}</bpmn:completionCondition><bpmn:loopCardinality>2</bpmn:loopCardinality>',
        ),
      ),
    );
    expect(errors).toEqual([
      expect.objectContaining({
        rule: 'invalid-expression',
        elementId: 'task',
        message: expect.stringContaining(
          "Expected the completion condition of 'task' ('${nrOfCompletedInstances ==}')",
        ),
      }),
    ]);
  });

  it('refuses a multi-instance receive task behind an event-based gateway', async () => {
    const errors = await errorsOf(
      bpmnDocument(
        `<bpmn:startEvent id="start" /><bpmn:eventBasedGateway id="gw" />
         <bpmn:receiveTask id="reply" messageRef="msg">${mi('', '<bpmn:loopCardinality>2</bpmn:loopCardinality>')}</bpmn:receiveTask>
         <bpmn:intermediateCatchEvent id="late"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
         <bpmn:endEvent id="end" /><bpmn:endEvent id="end2" />
         ${chain('start', 'gw', 'reply', 'end')}${chain('gw', 'late', 'end2')}`,
        { rootElements: '<bpmn:message id="msg" name="reply" />' },
      ),
    );
    expect(errors).toEqual([
      expect.objectContaining({
        rule: 'invalid-loop',
        elementId: 'reply',
        message: expect.stringContaining('follows an event-based gateway'),
      }),
    ]);
  });
});
