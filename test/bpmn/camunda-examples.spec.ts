import { describe, expect, it } from '@jest/globals';
import { readFile, readdir } from 'node:fs/promises';
import { compileBpmn } from '#bpmn';
import { ProcessHarness } from '../support/process-harness.js';

const folder = new URL('../fixtures/camunda-examples/', import.meta.url);
const read = (name: string) => readFile(new URL(name, folder), 'utf8');

/** The Java-bound elements of each refused example, as Camunda Modeler saved them. */
const JAVA_BOUND: Record<string, string[]> = {
  'asynchronousServiceInvocation.bpmn': ['serviceTaskActivity'],
  'camunda-testing-job-announcement-publication.bpmn': [
    'publish_announcement_website',
    'publish_announcement_twitter',
    'publish_announcement_facebook',
  ],
  'camunda-testing-job-announcement.bpmn': ['mail'],
  'instantiating_process.bpmn': ['ServiceTask_1'],
  'retry-example.bpmn': [
    'service-fetch-data',
    'service-fetch-address',
    'service-send-data',
    'service-add-address',
  ],
};

describe("Camunda Modeler's own example models", () => {
  it('every model parses: no XML errors and no dropped content', async () => {
    const files = (await readdir(folder)).filter((file) => file.endsWith('.bpmn'));
    expect(files.length).toBeGreaterThanOrEqual(11);
    for (const file of files) {
      const { findings } = await compileBpmn(await read(file));
      const parseErrors = findings.filter(
        (finding) => finding.rule.startsWith('xml-') && finding.severity === 'error',
      );
      expect({ file, parseErrors }).toEqual({ file, parseErrors: [] });
    }
  });

  it.each(Object.entries(JAVA_BOUND))(
    '%s is refused, naming each Java-bound task and what to use instead',
    async (file, elementIds) => {
      const { model, findings } = await compileBpmn(await read(file));
      expect(model).toBeUndefined();
      const java = findings.filter((finding) => finding.rule === 'java-delegate');
      expect(java.map((finding) => finding.elementId).sort()).toEqual([...elementIds].sort());
      for (const finding of java) {
        expect(finding.message).toMatch(
          /calls Java code \(camunda:(class|expression|delegateExpression)="[^"]+"\)/,
        );
        expect(finding.message).toContain(
          'use an external task instead (camunda:type="external" with a camunda:topic)',
        );
      }
    },
  );

  it('models using elements of the next version are refused by name, not ignored', async () => {
    // Its multi-instance sub-process runs (see the multi-instance scenarios); its JavaScript input parameter does not.
    const loan = await compileBpmn(await read('loan-granting.bpmn'));
    expect(loan.findings.map((finding) => [finding.rule, finding.elementId])).toEqual([
      ['unsupported-element', 'Task_1lvjtd4'],
    ]);
    expect(loan.findings[0].message).toContain("maps parameter 'Input_2rvtuu9' with a javascript script");
  });

  it('mainProcess validates; only its tenant id, computed by a Java bean, is named as not run', async () => {
    const { model, findings } = await compileBpmn(await read('mainProcess.bpmn'));
    expect(model).toBeDefined();
    expect(findings).toEqual([
      expect.objectContaining({
        severity: 'warning',
        rule: 'java-tenant-id',
        elementId: 'CallActivity_0ahffuc',
        message: expect.stringContaining("calls 'calledElementTenantIdProvider.resolveTenantId(execution)'"),
      }),
    ]);
    expect(model?.processes[0].elements.CallActivity_0ahffuc.callActivity).toEqual({
      processId: { language: 'literal', source: 'subProcess' },
      binding: 'latest',
      inputs: [],
      outputs: [],
    });
  });

  it('mainProcess and subProcess run together: the call activity waits for the called instance to complete', async () => {
    const harness = await ProcessHarness.deploy([
      await read('mainProcess.bpmn'),
      await read('subProcess.bpmn'),
    ]);
    const main = harness.start({ processId: 'mainProcess', businessKey: 'sag-42' });
    const [sub] = harness.calledBy(main);
    expect(harness.waiting('call-activity', main)).toEqual(['CallActivity_0ahffuc']);
    expect(harness.state(sub).processId).toBe('subProcess');
    expect(harness.waiting(undefined, sub)).toEqual(['UserTask_0zlyiaz']);
    harness.completeUserTask('UserTask_0zlyiaz', {}, sub);
    expect(harness.status(sub)).toBe('completed');
    expect(harness.status(main)).toBe('completed');
    expect(harness.completed(main)).toEqual(['CallActivity_0ahffuc', 'EndEvent_0pf67o7', 'StartEvent_1']);
  });

  it.each(['invoiceApproval.bpmn', 'message_start_process.bpmn', 'order-handling.bpmn', 'subProcess.bpmn'])(
    '%s validates without errors',
    async (file) => {
      const { model, findings } = await compileBpmn(await read(file));
      expect(findings.filter((finding) => finding.severity === 'error')).toEqual([]);
      expect(model?.processes.length).toBeGreaterThan(0);
    },
  );

  it('order-handling runs: the invoice worker sets invoiceId and the conditional boundary archives it', async () => {
    const harness = await ProcessHarness.deploy(await read('order-handling.bpmn'));
    // Its start event is a timer with a Quartz cron cycle; the runtime fires it, here we start on it directly.
    harness.start({ startEventId: 'StartEvent_1' });
    expect(harness.waiting()).toEqual(['BoundaryEvent_1y1bvad', 'Task_06z99p1']);
    harness.completeJob('Task_06z99p1', { invoiceId: 'INV-7' });
    // The variable event fires the boundary before the task can leave: the sub-process and its task end.
    expect(harness.terminated()).toEqual(['Task_06z99p1', 'Task_1nbdup3']);
    harness.completeJob('Task_1yjkccw');
    expect(harness.status()).toBe('completed');
    expect(harness.completed()).toEqual([
      'BoundaryEvent_1y1bvad',
      'EndEvent_0q2wrcp',
      'StartEvent_1',
      'StartEvent_1iul9gy',
      'Task_1yjkccw',
    ]);
  });
});
