import { describe, expect, it } from '@jest/globals';
import { compileBpmn, type Finding } from '#bpmn';
import { bpmnDocument, chain } from '../support/bpmn-xml.js';

const errorsOf = async (xml: string): Promise<Finding[]> =>
  (await compileBpmn(xml)).findings.filter((finding) => finding.severity === 'error');

const withProcessBody = (body: string) =>
  bpmnDocument(
    `<bpmn:startEvent id="start" /><bpmn:userTask id="task" /><bpmn:endEvent id="end" />${chain('start', 'task', 'end')}${body}`,
    {
      rootElements: '<bpmn:message id="m" name="withdrawn" /><bpmn:error id="e" errorCode="E" />',
    },
  );

describe('validation of event sub-processes, compensation and transactions', () => {
  it('accepts an event sub-process and lists it on its scope', async () => {
    const { model, findings } = await compileBpmn(
      withProcessBody(`<bpmn:subProcess id="esp" triggeredByEvent="true">
        <bpmn:startEvent id="esp_start"><bpmn:messageEventDefinition messageRef="m" /></bpmn:startEvent>
        <bpmn:endEvent id="esp_end" />${chain('esp_start', 'esp_end')}</bpmn:subProcess>`),
    );
    expect(findings).toEqual([]);
    expect(model?.processes[0].elements.scenario.eventSubProcesses).toEqual(['esp']);
    expect(model?.processes[0].elements.esp).toMatchObject({
      triggeredByEvent: true,
      triggerStartEvent: 'esp_start',
    });
  });

  it('needs a start event with a trigger in an event sub-process', async () => {
    const errors = await errorsOf(
      withProcessBody(
        `<bpmn:subProcess id="esp" triggeredByEvent="true"><bpmn:startEvent id="esp_start" /><bpmn:endEvent id="esp_end" />${chain('esp_start', 'esp_end')}</bpmn:subProcess>`,
      ),
    );
    expect(errors).toEqual([
      expect.objectContaining({
        rule: 'invalid-event-sub-process',
        elementId: 'esp',
        message: expect.stringContaining('a none start event'),
      }),
    ]);
  });

  it('refuses a non-interrupting error start event', async () => {
    const errors = await errorsOf(
      withProcessBody(
        `<bpmn:subProcess id="esp" triggeredByEvent="true"><bpmn:startEvent id="esp_start" isInterrupting="false"><bpmn:errorEventDefinition errorRef="e" /></bpmn:startEvent><bpmn:endEvent id="esp_end" />${chain('esp_start', 'esp_end')}</bpmn:subProcess>`,
      ),
    );
    expect(errors).toEqual([
      expect.objectContaining({ rule: 'invalid-event-sub-process', elementIds: ['esp', 'esp_start'] }),
    ]);
  });

  it('refuses a compensation boundary event without an associated handler', async () => {
    const errors = await errorsOf(
      withProcessBody(
        '<bpmn:boundaryEvent id="undo" attachedToRef="task"><bpmn:compensateEventDefinition /></bpmn:boundaryEvent>',
      ),
    );
    expect(errors).toEqual([
      expect.objectContaining({
        rule: 'invalid-compensation',
        elementId: 'undo',
        message: expect.stringContaining('no association'),
      }),
    ]);
  });

  it('refuses a handler that is not marked isForCompensation', async () => {
    const errors = await errorsOf(
      withProcessBody(`<bpmn:boundaryEvent id="undo" attachedToRef="task"><bpmn:compensateEventDefinition /></bpmn:boundaryEvent>
        <bpmn:userTask id="handler" /><bpmn:association id="a" sourceRef="undo" targetRef="handler" />`),
    );
    expect(errors).toEqual([
      expect.objectContaining({
        rule: 'invalid-compensation',
        elementId: 'undo',
        message: expect.stringContaining("'handler' is not marked isForCompensation"),
      }),
    ]);
  });

  it('refuses a cancel end event outside a transaction', async () => {
    const errors = await errorsOf(
      bpmnDocument(
        `<bpmn:startEvent id="start" /><bpmn:endEvent id="end"><bpmn:cancelEventDefinition /></bpmn:endEvent>${chain('start', 'end')}`,
      ),
    );
    expect(errors).toEqual([expect.objectContaining({ rule: 'invalid-cancel-event', elementId: 'end' })]);
  });

  it('refuses a compensation event sub-process at process level', async () => {
    const errors = await errorsOf(
      withProcessBody(
        `<bpmn:subProcess id="esp" triggeredByEvent="true"><bpmn:startEvent id="esp_start"><bpmn:compensateEventDefinition /></bpmn:startEvent><bpmn:endEvent id="esp_end" />${chain('esp_start', 'esp_end')}</bpmn:subProcess>`,
      ),
    );
    expect(errors).toEqual([
      expect.objectContaining({
        rule: 'invalid-event-sub-process',
        elementId: 'esp',
        message: expect.stringContaining('inside a sub-process'),
      }),
    ]);
  });
});

describe('validation of what BPMN can say but this engine does not run', () => {
  it('refuses an instantiating event-based gateway by name', async () => {
    const errors = await errorsOf(
      bpmnDocument(
        `<bpmn:eventBasedGateway id="gw" instantiate="true" eventGatewayType="Exclusive" />
        <bpmn:intermediateCatchEvent id="a"><bpmn:messageEventDefinition messageRef="m" /></bpmn:intermediateCatchEvent>
        <bpmn:intermediateCatchEvent id="b"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
        <bpmn:endEvent id="end" /><bpmn:endEvent id="end2" />
        ${chain('gw', 'a', 'end')}${chain('gw', 'b', 'end2')}`,
        { rootElements: '<bpmn:message id="m" name="m" />' },
      ),
    );
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          rule: 'unsupported-element',
          elementId: 'gw',
          message: expect.stringContaining('instantiate="true"'),
        }),
      ]),
    );
  });

  it('refuses a global task by name', async () => {
    const errors = await errorsOf(
      bpmnDocument(`<bpmn:startEvent id="start" /><bpmn:endEvent id="end" />${chain('start', 'end')}`, {
        rootElements: '<bpmn:globalUserTask id="approveGlobally" name="Approve" />',
      }),
    );
    expect(errors).toEqual([
      expect.objectContaining({
        rule: 'unsupported-element',
        elementId: 'approveGlobally',
        message: expect.stringContaining('global task'),
      }),
    ]);
  });
});
