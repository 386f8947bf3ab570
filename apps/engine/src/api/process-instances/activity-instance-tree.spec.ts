import { describe, expect, it } from '@jest/globals';
import { compileBpmn, ProcessExecutor, type ExecutableProcess } from '#bpmn';
import { activityInstanceTreeOf } from './activity-instance-tree.js';

const xml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="t">
  <bpmn:process id="case" name="Case handling" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:parallelGateway id="split" />
    <bpmn:subProcess id="review" name="Review">
      <bpmn:startEvent id="reviewStart" />
      <bpmn:userTask id="check" name="Check the documents" />
      <bpmn:endEvent id="reviewEnd" />
      <bpmn:sequenceFlow id="r1" sourceRef="reviewStart" targetRef="check" />
      <bpmn:sequenceFlow id="r2" sourceRef="check" targetRef="reviewEnd" />
    </bpmn:subProcess>
    <bpmn:serviceTask id="archive" name="Archive" camunda:asyncBefore="true" camunda:type="external" camunda:topic="archive" />
    <bpmn:parallelGateway id="join" />
    <bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="split" />
    <bpmn:sequenceFlow id="f2" sourceRef="split" targetRef="review" />
    <bpmn:sequenceFlow id="f3" sourceRef="split" targetRef="archive" />
    <bpmn:sequenceFlow id="f4" sourceRef="review" targetRef="join" />
    <bpmn:sequenceFlow id="f5" sourceRef="archive" targetRef="join" />
    <bpmn:sequenceFlow id="f6" sourceRef="join" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`;

describe("a running instance's activity instance tree, as Camunda answers GET /process-instance/{id}/activity-instances", () => {
  it('nests element instances under their containers and shows an asynchronous continuation as a transition', async () => {
    const compiled = await compileBpmn(xml);
    const process = compiled.model?.processes[0] as ExecutableProcess;
    expect(process).toBeDefined();
    const { state } = new ProcessExecutor(process, { now: () => new Date('2026-01-05T08:00:00Z') }).execute(
      null,
      { type: 'start', instanceId: 'pi' },
    );
    const tree = activityInstanceTreeOf('case:1:x', state, process);
    expect(tree).toMatchObject({
      id: 'pi',
      parentActivityInstanceId: null,
      activityId: 'case:1:x',
      activityType: 'processDefinition',
      activityName: 'Case handling',
      processInstanceId: 'pi',
      executionIds: ['pi'],
      incidentIds: [],
    });
    expect(tree.childActivityInstances).toHaveLength(1);
    const review = tree.childActivityInstances[0]!;
    expect(review).toMatchObject({
      activityId: 'review',
      activityType: 'subProcess',
      activityName: 'Review',
      parentActivityInstanceId: 'pi',
      processDefinitionId: 'case:1:x',
      executionIds: [review.id],
    });
    expect(review.childActivityInstances).toEqual([
      expect.objectContaining({
        activityId: 'check',
        activityType: 'userTask',
        name: 'Check the documents',
        parentActivityInstanceId: review.id,
        childActivityInstances: [],
        childTransitionInstances: [],
      }),
    ]);
    expect(tree.childTransitionInstances).toEqual([
      expect.objectContaining({
        activityId: 'archive',
        activityType: 'serviceTask',
        targetActivityId: 'archive',
        parentActivityInstanceId: 'pi',
      }),
    ]);
  });
});
