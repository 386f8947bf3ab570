import { expect } from '@jest/globals';
import { bpmnDocument, chain } from '../../support/bpmn-xml.js';
import type { Scenario } from '../../support/scenario.js';

export const taskScenarios: Scenario[] = [
  {
    name: 'a service task waits for its external-task worker, whose variables reach the process',
    xml: bpmnDocument(`
      <bpmn:startEvent id="start" />
      <bpmn:serviceTask id="charge" camunda:type="external" camunda:topic="charge-card" />
      <bpmn:endEvent id="end" />
      ${chain('start', 'charge', 'end')}`),
    when(h) {
      h.start({ variables: { amount: 5000 } });
      expect(h.waiting('job')).toEqual(['charge']);
      const job = h.wait('charge', 'job');
      expect(job.kind === 'job' && job.jobType).toBe('charge-card');
      h.completeJob('charge', { receipt: 'R-1' });
    },
    then(h) {
      expect(h.status()).toBe('completed');
      expect(h.completed()).toEqual(['charge', 'end', 'start']);
      expect(h.variables()).toEqual({ amount: 5000, receipt: 'R-1' });
    },
  },
  {
    name: 'a Camunda 8 service task opens a job of its type with headers and retries',
    xml: bpmnDocument(
      `
      <bpmn:startEvent id="start" />
      <bpmn:serviceTask id="lookup">
        <bpmn:extensionElements>
          <zeebe:taskDefinition type="cpr-lookup" retries="5" />
          <zeebe:taskHeaders><zeebe:header key="fields" value="name,address" /></zeebe:taskHeaders>
        </bpmn:extensionElements>
      </bpmn:serviceTask>
      <bpmn:endEvent id="end" />
      ${chain('start', 'lookup', 'end')}`,
      { dialect: 'camunda8' },
    ),
    when(h) {
      h.start();
      const job = h.wait('lookup', 'job');
      expect(job).toMatchObject({ jobType: 'cpr-lookup', retries: 5, headers: { fields: 'name,address' } });
      h.completeJob('lookup', { name: 'Anna' });
    },
    then(h) {
      expect(h.completed()).toEqual(['end', 'lookup', 'start']);
      expect(h.variables()).toEqual({ name: 'Anna' });
    },
  },
  {
    name: 'a user task waits with its evaluated assignee, candidates, due date and priority',
    xml: bpmnDocument(`
      <bpmn:startEvent id="start" />
      <bpmn:userTask id="review" name="Review application" camunda:assignee="\${caseworker}" camunda:candidateGroups="social, jobcenter" camunda:dueDate="2026-02-01T12:00:00Z" camunda:priority="70" camunda:formKey="embedded:app:review.html" />
      <bpmn:endEvent id="end" />
      ${chain('start', 'review', 'end')}`),
    when(h) {
      h.start({ variables: { caseworker: 'jens' } });
      expect(h.wait('review', 'user-task')).toMatchObject({
        name: 'Review application',
        assignee: 'jens',
        candidateGroups: ['social', 'jobcenter'],
        candidateUsers: [],
        dueDate: '2026-02-01T12:00:00.000Z',
        priority: 70,
        formKey: 'embedded:app:review.html',
      });
      h.completeUserTask('review', { approved: true });
    },
    then(h) {
      expect(h.completed()).toEqual(['end', 'review', 'start']);
      expect(h.variables()).toEqual({ caseworker: 'jens', approved: true });
    },
  },
  {
    name: 'a Camunda 8 user task reads its assignment from zeebe:assignmentDefinition in FEEL',
    xml: bpmnDocument(
      `
      <bpmn:startEvent id="start" />
      <bpmn:userTask id="approve">
        <bpmn:extensionElements>
          <zeebe:userTask />
          <zeebe:assignmentDefinition assignee="=manager" candidateGroups="=[&quot;hr&quot;, &quot;it&quot;]" />
          <zeebe:taskSchedule dueDate="=&quot;2026-03-01T09:00:00Z&quot;" />
        </bpmn:extensionElements>
      </bpmn:userTask>
      <bpmn:endEvent id="end" />
      ${chain('start', 'approve', 'end')}`,
      { dialect: 'camunda8' },
    ),
    when(h) {
      h.start({ variables: { manager: 'mette' } });
      expect(h.wait('approve', 'user-task')).toMatchObject({
        assignee: 'mette',
        candidateGroups: ['hr', 'it'],
        dueDate: '2026-03-01T09:00:00.000Z',
        priority: 50,
      });
      h.completeUserTask('approve');
    },
    then(h) {
      expect(h.status()).toBe('completed');
    },
  },
  {
    name: 'a Camunda 7 due date may be a duration from the task’s creation, a follow-up date local time; JUEL sets priority and candidates',
    xml: bpmnDocument(`
      <bpmn:startEvent id="start" />
      <bpmn:userTask id="review" camunda:dueDate="P2D" camunda:followUpDate="\${reminder}" camunda:priority="\${urgent ? 90 : 20}" camunda:candidateUsers="\${approvers}" />
      <bpmn:endEvent id="end" />
      ${chain('start', 'review', 'end')}`),
    when(h) {
      // The harness's clock stands at 2026-01-05T08:00:00Z; local time is Europe/Copenhagen (UTC+1 in January).
      h.start({ variables: { reminder: '2026-01-06T09:00:00', urgent: true, approvers: ['jens', 'mette'] } });
      expect(h.wait('review', 'user-task')).toMatchObject({
        dueDate: '2026-01-07T08:00:00.000Z',
        followUpDate: '2026-01-06T08:00:00.000Z',
        priority: 90,
        candidateUsers: ['jens', 'mette'],
        candidateGroups: [],
      });
      h.completeUserTask('review');
    },
    then(h) {
      expect(h.status()).toBe('completed');
    },
  },
  {
    name: 'a Camunda 8 user task takes FEEL date-times, candidate users and zeebe:priorityDefinition',
    xml: bpmnDocument(
      `
      <bpmn:startEvent id="start" />
      <bpmn:userTask id="approve">
        <bpmn:extensionElements>
          <zeebe:userTask />
          <zeebe:assignmentDefinition candidateUsers="=[reviewer, &quot;mette&quot;]" />
          <zeebe:taskSchedule dueDate="=date and time(&quot;2026-03-01T10:00:00@Europe/Copenhagen&quot;)" followUpDate="2026-02-20T08:00:00+01:00" />
          <zeebe:priorityDefinition priority="=if urgent then 80 else 30" />
        </bpmn:extensionElements>
      </bpmn:userTask>
      <bpmn:endEvent id="end" />
      ${chain('start', 'approve', 'end')}`,
      { dialect: 'camunda8' },
    ),
    when(h) {
      h.start({ variables: { reviewer: 'jens', urgent: false } });
      expect(h.wait('approve', 'user-task')).toMatchObject({
        candidateUsers: ['jens', 'mette'],
        dueDate: '2026-03-01T09:00:00.000Z',
        followUpDate: '2026-02-20T07:00:00.000Z',
        priority: 30,
      });
      h.completeUserTask('approve');
    },
    then(h) {
      expect(h.status()).toBe('completed');
    },
  },
  {
    name: 'a due date that is not a date is an incident on the user task; resolved after the fix, the task opens',
    xml: bpmnDocument(`
      <bpmn:startEvent id="start" />
      <bpmn:userTask id="review" camunda:dueDate="\${deadline}" />
      <bpmn:endEvent id="end" />
      ${chain('start', 'review', 'end')}`),
    when(h) {
      h.start({ variables: { deadline: 'next friday' } });
      expect(h.waiting('user-task')).toEqual([]);
      expect(h.incidents()).toEqual([
        expect.objectContaining({
          elementId: 'review',
          type: 'expression-failed',
          message: expect.stringContaining("The dueDate of user task 'review' is not a date"),
        }),
      ]);
      h.setVariables({ deadline: '2026-01-09T12:00:00Z' });
      h.resolveIncident('review');
      expect(h.wait('review', 'user-task')).toMatchObject({ dueDate: '2026-01-09T12:00:00.000Z' });
      h.completeUserTask('review');
    },
    then(h) {
      expect(h.status()).toBe('completed');
      expect(h.incidents()).toEqual([]);
    },
  },
  {
    name: 'a FEEL script task stores its result',
    xml: bpmnDocument(`
      <bpmn:startEvent id="start" />
      <bpmn:scriptTask id="fee" scriptFormat="feel" camunda:resultVariable="fee"><bpmn:script>amount * 0.25 + 10</bpmn:script></bpmn:scriptTask>
      <bpmn:endEvent id="end" />
      ${chain('start', 'fee', 'end')}`),
    when(h) {
      h.start({ variables: { amount: 100 } });
    },
    then(h) {
      expect(h.completed()).toEqual(['end', 'fee', 'start']);
      expect(h.variables()).toEqual({ amount: 100, fee: 35 });
    },
  },
  {
    name: 'a Camunda 8 script task (zeebe:script) stores its result',
    xml: bpmnDocument(
      `
      <bpmn:startEvent id="start" />
      <bpmn:scriptTask id="greet"><bpmn:extensionElements><zeebe:script expression="=&quot;Hej &quot; + name" resultVariable="greeting" /></bpmn:extensionElements></bpmn:scriptTask>
      <bpmn:endEvent id="end" />
      ${chain('start', 'greet', 'end')}`,
      { dialect: 'camunda8' },
    ),
    when(h) {
      h.start({ variables: { name: 'Søren' } });
    },
    then(h) {
      expect(h.variables()).toEqual({ name: 'Søren', greeting: 'Hej Søren' });
    },
  },
  {
    name: 'manual tasks and plain tasks pass the token on',
    xml: bpmnDocument(`
      <bpmn:startEvent id="start" />
      <bpmn:manualTask id="post" />
      <bpmn:task id="note" />
      <bpmn:endEvent id="end" />
      ${chain('start', 'post', 'note', 'end')}`),
    when(h) {
      h.start();
    },
    then(h) {
      expect(h.status()).toBe('completed');
      expect(h.completed()).toEqual(['end', 'note', 'post', 'start']);
    },
  },
  {
    name: 'a receive task waits for its message and takes in its variables',
    xml: bpmnDocument(
      `
      <bpmn:startEvent id="start" />
      <bpmn:receiveTask id="signed" messageRef="msg_signed" />
      <bpmn:endEvent id="end" />
      ${chain('start', 'signed', 'end')}`,
      { rootElements: '<bpmn:message id="msg_signed" name="document-signed" />' },
    ),
    when(h) {
      h.start();
      expect(h.wait('signed', 'message')).toMatchObject({ messageName: 'document-signed' });
      h.correlate('document-signed', { signedBy: 'citizen' });
    },
    then(h) {
      expect(h.completed()).toEqual(['end', 'signed', 'start']);
      expect(h.variables()).toEqual({ signedBy: 'citizen' });
    },
  },
  {
    name: 'a send task without a worker publishes its message, which starts another process',
    xml: bpmnDocument(
      `
      <bpmn:startEvent id="start" />
      <bpmn:sendTask id="notify" messageRef="msg_case" />
      <bpmn:endEvent id="end" />
      ${chain('start', 'notify', 'end')}`,
      {
        rootElements: '<bpmn:message id="msg_case" name="case-opened" />',
        extraProcesses: `<bpmn:process id="receiver" isExecutable="true">
          <bpmn:startEvent id="onCase"><bpmn:messageEventDefinition messageRef="msg_case" /></bpmn:startEvent>
          <bpmn:endEvent id="receiverEnd" />
          <bpmn:sequenceFlow id="rf" sourceRef="onCase" targetRef="receiverEnd" />
        </bpmn:process>`,
      },
    ),
    when(h) {
      h.start();
    },
    then(h) {
      expect(h.status('pi-1')).toBe('completed');
      expect(h.state('pi-2').processId).toBe('receiver');
      expect(h.completed('pi-2')).toEqual(['onCase', 'receiverEnd']);
    },
  },
  {
    name: 'a send task with an external task topic waits for its worker',
    xml: bpmnDocument(`
      <bpmn:startEvent id="start" />
      <bpmn:sendTask id="post" camunda:type="external" camunda:topic="digital-post" />
      <bpmn:endEvent id="end" />
      ${chain('start', 'post', 'end')}`),
    when(h) {
      h.start();
      expect(h.waiting('job')).toEqual(['post']);
      h.completeJob('post');
    },
    then(h) {
      expect(h.status()).toBe('completed');
    },
  },
  {
    name: "a user task assigned with BPMN's humanPerformer and potentialOwner, as Camunda 7 reads them",
    xml: bpmnDocument(`
      <bpmn:startEvent id="start" />
      <bpmn:userTask id="review">
        <bpmn:humanPerformer><bpmn:resourceAssignmentExpression><bpmn:formalExpression>\${caseworker}</bpmn:formalExpression></bpmn:resourceAssignmentExpression></bpmn:humanPerformer>
        <bpmn:potentialOwner><bpmn:resourceAssignmentExpression><bpmn:formalExpression>user(mette), group(social), jobcenter</bpmn:formalExpression></bpmn:resourceAssignmentExpression></bpmn:potentialOwner>
      </bpmn:userTask>
      <bpmn:endEvent id="end" />
      ${chain('start', 'review', 'end')}`),
    when(h) {
      h.start({ variables: { caseworker: 'jens' } });
      expect(h.wait('review', 'user-task')).toMatchObject({
        assignee: 'jens',
        candidateUsers: ['mette'],
        candidateGroups: ['social', 'jobcenter'],
      });
      h.completeUserTask('review');
    },
    then(h) {
      expect(h.status()).toBe('completed');
    },
  },
];
