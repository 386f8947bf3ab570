import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { loadEngineConfig } from '../../apps/engine/src/config/engine-config.js';
import { startServers, type RunningServers } from '../../apps/engine/src/servers/start-servers.js';
import { TEST_REDIS_URL } from '../runtime/runtime-harness.js';
import { bpmnDocument, chain } from '../support/bpmn-xml.js';
import { createTestDatabase, TEST_DATABASE_URL, type TestDatabase } from '../support/test-database.js';
import {
  CAMUNDA_DATE,
  deployLikeModeler,
  expectCamundaJson,
  httpOf,
  type Http,
} from './camunda-rest-client.js';

/**
 * Camunda's task API, end to end: the engine and the designer-api on the real PostgreSQL (a schema of their own) and
 * Redis, user tasks deployed from Camunda 7 and Camunda 8 models, worked over HTTP as a caseworker system does.
 */
let database: TestDatabase;
let servers: RunningServers;
let engine: Http;
let designer: Http;
const queue = `kf-tasks-test-${randomBytes(4).toString('hex')}`;

beforeAll(async () => {
  database = await createTestDatabase();
  const config = loadEngineConfig({
    DATABASE_URL: TEST_DATABASE_URL,
    DATABASE_SCHEMA: database.schema,
    REDIS_URL: TEST_REDIS_URL,
    BULL_QUEUE: queue,
    ENGINE_PORT: '0',
    DESIGNER_PORT: '0',
    RECONCILE_INTERVAL_MS: '200',
    AUTH: 'off',
  });
  servers = await startServers(config, 'all', { logger: ['error'] });
  engine = httpOf(servers.engine);
  designer = httpOf(servers.designer);
  for (const [key, xml, tenantId] of [
    ['review-application', reviewModel('review-application')],
    ['task-filters', reviewModel('task-filters')],
    ['review-application', reviewModel('review-application'), 'kommune-a'],
    ['approval', approvalModel],
    ['objection', objectionModel],
  ] as Array<[string, string, string?]>) {
    const deployed = await deployLikeModeler(designer, `${key}.bpmn`, xml, tenantId ? { tenantId } : {});
    expect(deployed.status).toBe(200);
  }
}, 60_000);

afterAll(async () => {
  await servers?.close();
  await database?.drop();
  const redis = new Redis(TEST_REDIS_URL);
  const keys = await redis.keys(`bull:${queue}:*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
}, 30_000);

/** A Camunda 7 review: everything about the task comes from JUEL expressions over the start variables. */
function reviewModel(id: string): string {
  return bpmnDocument(
    `<bpmn:startEvent id="start" />
     <bpmn:userTask id="review" name="Review the application" camunda:assignee="\${assignee}"
       camunda:candidateUsers="\${candidates}" camunda:candidateGroups="\${groups}" camunda:dueDate="\${due}"
       camunda:followUpDate="P1D" camunda:priority="\${priority}" camunda:formKey="embedded:app:review.html">
       <bpmn:extensionElements>
         <camunda:inputOutput><camunda:inputParameter name="note">draft</camunda:inputParameter></camunda:inputOutput>
       </bpmn:extensionElements>
     </bpmn:userTask>
     <bpmn:userTask id="inform" name="Inform the citizen" camunda:candidateGroups="office" />
     <bpmn:endEvent id="end" />
     ${chain('start', 'review', 'inform', 'end')}`,
    { id },
  );
}

/** A Camunda 8 approval: assignment, schedule and priority in FEEL. */
const approvalModel = bpmnDocument(
  `<bpmn:startEvent id="start" />
   <bpmn:userTask id="approve" name="Approve">
     <bpmn:extensionElements>
       <zeebe:userTask />
       <zeebe:assignmentDefinition assignee="=manager" candidateGroups="=[&quot;hr&quot;, &quot;it&quot;]" candidateUsers="=[manager, &quot;mette&quot;]" />
       <zeebe:taskSchedule dueDate="=deadline" followUpDate="=date and time(deadline) - duration(&quot;P1D&quot;)" />
       <zeebe:priorityDefinition priority="=if urgent then 80 else 30" />
       <zeebe:formDefinition formKey="camunda-forms:bpmn:approval" />
     </bpmn:extensionElements>
   </bpmn:userTask>
   <bpmn:endEvent id="end" />
   ${chain('start', 'approve', 'end')}`,
  { id: 'approval', dialect: 'camunda8' },
);

/** A decision a caseworker may answer with the BPMN error `objection`, caught at the task. */
const objectionModel = bpmnDocument(
  `<bpmn:startEvent id="start" />
   <bpmn:userTask id="decide" name="Decide" />
   <bpmn:boundaryEvent id="objected" attachedToRef="decide">
     <bpmn:errorEventDefinition errorRef="objectionError" />
   </bpmn:boundaryEvent>
   <bpmn:userTask id="handleObjection" name="Handle the objection" />
   <bpmn:endEvent id="decided" />
   <bpmn:endEvent id="handled" />
   ${chain('start', 'decide', 'decided')}${chain('objected', 'handleObjection', 'handled')}`,
  { id: 'objection', rootElements: '<bpmn:error id="objectionError" errorCode="objection" />' },
);

interface ReviewStart {
  key?: string;
  businessKey: string;
  assignee?: string | null;
  candidates?: string;
  groups?: string;
  due?: string | null;
  priority?: number;
  tenantId?: string;
}

/** Starts a review; answers the instance's id. */
async function startReview(options: ReviewStart): Promise<string> {
  const path = options.tenantId
    ? `/engine-rest/process-definition/key/${options.key ?? 'review-application'}/tenant-id/${options.tenantId}/start`
    : `/engine-rest/process-definition/key/${options.key ?? 'review-application'}/start`;
  const response = await engine.post(path).send({
    businessKey: options.businessKey,
    variables: {
      assignee:
        options.assignee === null || options.assignee === undefined
          ? { value: null, type: 'Null' }
          : { value: options.assignee, type: 'String' },
      candidates: { value: options.candidates ?? '', type: 'String' },
      groups: { value: options.groups ?? '', type: 'String' },
      due:
        options.due === null || options.due === undefined
          ? { value: null, type: 'Null' }
          : { value: options.due, type: 'Date' },
      priority: { value: options.priority ?? 50, type: 'Integer' },
    },
  });
  expect(response.status).toBe(200);
  return response.body.id as string;
}

/** The open tasks of an instance (within the tenant named, if any). */
async function tasksOf(instanceId: string, tenantIdIn?: string): Promise<Array<Record<string, unknown>>> {
  const tenant = tenantIdIn ? `&tenantIdIn=${tenantIdIn}` : '';
  const response = await engine.get(`/engine-rest/task?processInstanceId=${instanceId}${tenant}`);
  expect(response.status).toBe(200);
  return response.body as Array<Record<string, unknown>>;
}

async function onlyTaskOf(instanceId: string, tenantIdIn?: string): Promise<Record<string, unknown>> {
  const tasks = await tasksOf(instanceId, tenantIdIn);
  expect(tasks).toHaveLength(1);
  return tasks[0] as Record<string, unknown>;
}

describe('user tasks assigned by expressions', () => {
  it('creates a Camunda 7 task from JUEL: assignee, due date from a Date variable, follow-up P1D from now, priority', async () => {
    const instanceId = await startReview({
      businessKey: 'sag-expr-7',
      assignee: 'jens',
      groups: 'social',
      due: '2026-03-01T13:00:00.000+0100',
      priority: 70,
    });
    const response = await engine.get(`/engine-rest/task?processInstanceId=${instanceId}`);
    expect(response.status).toBe(200);
    expectCamundaJson(response);
    const [task] = response.body as Array<Record<string, unknown>>;
    expect(task).toEqual({
      id: expect.any(String),
      name: 'Review the application',
      assignee: 'jens',
      owner: null,
      created: expect.stringMatching(CAMUNDA_DATE),
      lastUpdated: null,
      due: '2026-03-01T12:00:00.000+0000',
      followUp: expect.stringMatching(CAMUNDA_DATE),
      delegationState: null,
      description: null,
      executionId: expect.any(String),
      parentTaskId: null,
      priority: 70,
      processDefinitionId: expect.stringMatching(/^review-application:1:/),
      processInstanceId: instanceId,
      caseExecutionId: null,
      caseDefinitionId: null,
      caseInstanceId: null,
      taskDefinitionKey: 'review',
      suspended: false,
      formKey: 'embedded:app:review.html',
      camundaFormRef: null,
      tenantId: null,
    });
    const created = Date.parse(String(task?.created).replace('+0000', 'Z'));
    const followUp = Date.parse(String(task?.followUp).replace('+0000', 'Z'));
    // P1D from the task's creation (the core reads the clock when it evaluates, the row when it is written).
    expect(Math.abs(followUp - created - 86_400_000)).toBeLessThan(1_000);

    const byId = await engine.get(`/engine-rest/task/${String(task?.id)}`);
    expectCamundaJson(byId);
    expect(byId.body).toEqual(task);
  });

  it('creates a Camunda 8 task from FEEL: zeebe:assignmentDefinition, zeebe:taskSchedule, zeebe:priorityDefinition', async () => {
    const started = await engine.post('/engine-rest/process-definition/key/approval/start').send({
      variables: {
        manager: { value: 'mette', type: 'String' },
        deadline: { value: '2026-03-01T10:00:00+01:00', type: 'String' },
        urgent: { value: false, type: 'Boolean' },
      },
    });
    expect(started.status).toBe(200);
    const task = await onlyTaskOf(started.body.id);
    expect(task).toMatchObject({
      name: 'Approve',
      assignee: 'mette',
      due: '2026-03-01T09:00:00.000+0000',
      followUp: '2026-02-28T09:00:00.000+0000',
      priority: 30,
      formKey: 'camunda-forms:bpmn:approval',
      taskDefinitionKey: 'approve',
    });
    const candidates = await engine.get(
      `/engine-rest/task?processDefinitionKey=approval&candidateGroup=it&includeAssignedTasks=true`,
    );
    expect(candidates.body.map((candidate: { id: string }) => candidate.id)).toEqual([task.id]);
  });

  it('raises an incident on the task, and opens none, when the due date is not a date', async () => {
    const started = await engine.post('/engine-rest/process-definition/key/review-application/start').send({
      variables: {
        assignee: { value: 'jens', type: 'String' },
        candidates: { value: '', type: 'String' },
        groups: { value: '', type: 'String' },
        due: { value: 'next friday', type: 'String' },
        priority: { value: 50, type: 'Integer' },
      },
    });
    expect(started.status).toBe(200);
    expect(await tasksOf(started.body.id)).toEqual([]);
    const incidents = await engine.get(`/engine-rest/incident?processInstanceId=${started.body.id}`);
    expect(incidents.body).toEqual([
      expect.objectContaining({
        activityId: 'review',
        incidentType: 'expressionFailed',
        incidentMessage: expect.stringContaining("The dueDate of user task 'review' is not a date"),
      }),
    ]);
  });
});

describe('listing and counting tasks', () => {
  /** Business key by instance id, for readable expectations. */
  const businessKeys = new Map<string, string>();
  const now = new Date();
  const inAMinute = new Date(now.getTime() + 60_000).toISOString().replace('Z', '%2B0000');

  beforeAll(async () => {
    const starts: ReviewStart[] = [
      {
        businessKey: 'a',
        assignee: 'jens',
        candidates: 'mette',
        groups: 'social',
        due: '2026-03-01T12:00:00.000+0000',
        priority: 70,
      },
      {
        businessKey: 'b',
        candidates: 'jens',
        groups: 'social, jobcenter',
        due: '2026-03-10T12:00:00.000+0000',
        priority: 40,
      },
      { businessKey: 'c', priority: 50 },
      {
        businessKey: 'd',
        assignee: 'jensine',
        groups: 'jobcenter',
        due: '2026-03-05T12:00:00.000+0000',
        priority: 90,
      },
    ];
    for (const start of starts) {
      businessKeys.set(await startReview({ ...start, key: 'task-filters' }), start.businessKey);
    }
  });

  /** The business keys of the tasks a query finds, in the order the API answers. */
  async function found(query: string): Promise<string[]> {
    const response = await engine.get(`/engine-rest/task?processDefinitionKey=task-filters&${query}`);
    expect(response.status).toBe(200);
    return (response.body as Array<{ processInstanceId: string }>).map(
      (task) => businessKeys.get(task.processInstanceId) ?? task.processInstanceId,
    );
  }
  const sorted = async (query: string) => (await found(query)).sort();

  it('filters by assignee: exact, LIKE pattern, in a list, assigned, unassigned', async () => {
    expect(await sorted('assignee=jens')).toEqual(['a']);
    expect(await sorted('assigneeLike=jens%25')).toEqual(['a', 'd']);
    expect(await sorted('assigneeIn=jensine,nobody')).toEqual(['d']);
    expect(await sorted('assigned=true')).toEqual(['a', 'd']);
    expect(await sorted('unassigned=true')).toEqual(['b', 'c']);
    expect(await sorted('unassigned=false')).toEqual(['a', 'b', 'c', 'd']);
  });

  it('filters by candidates: unassigned tasks only unless includeAssignedTasks, as Camunda', async () => {
    expect(await sorted('candidateUser=jens')).toEqual(['b']);
    expect(await sorted('candidateUser=mette')).toEqual([]);
    expect(await sorted('candidateUser=mette&includeAssignedTasks=true')).toEqual(['a']);
    expect(await sorted('candidateGroup=social')).toEqual(['b']);
    expect(await sorted('candidateGroup=social&includeAssignedTasks=true')).toEqual(['a', 'b']);
    expect(await sorted('candidateGroups=social,jobcenter&includeAssignedTasks=true')).toEqual([
      'a',
      'b',
      'd',
    ]);
    expect(await sorted('withCandidateGroups=true')).toEqual(['a', 'b', 'd']);
    expect(await sorted('withoutCandidateGroups=true')).toEqual(['c']);
    expect(await sorted('withCandidateUsers=true')).toEqual(['a', 'b']);
  });

  it('filters by process instance, business key, definition and task definition, and name', async () => {
    const [instanceB] = [...businessKeys].find(([, key]) => key === 'b') ?? [];
    expect(await sorted(`processInstanceId=${instanceB}`)).toEqual(['b']);
    expect(await sorted('processInstanceBusinessKey=c')).toEqual(['c']);
    expect(await sorted('processInstanceBusinessKeyIn=a,d')).toEqual(['a', 'd']);
    const [task] = (await engine.get(`/engine-rest/task?processInstanceId=${instanceB}`)).body;
    expect(await sorted(`processDefinitionId=${task.processDefinitionId}`)).toEqual(['a', 'b', 'c', 'd']);
    expect(await sorted(`processDefinitionId=review-application:1:x`)).toEqual([]);
    expect(await sorted('taskDefinitionKey=review')).toEqual(['a', 'b', 'c', 'd']);
    expect(await sorted('taskDefinitionKeyIn=inform,review')).toEqual(['a', 'b', 'c', 'd']);
    expect(await sorted('taskDefinitionKey=inform')).toEqual([]);
    expect(await sorted('name=Review%20the%20application')).toEqual(['a', 'b', 'c', 'd']);
    expect(await sorted('nameLike=Inform%25')).toEqual([]);
    expect(await sorted(`executionId=${task.executionId}`)).toEqual(['b']);
  });

  it('filters by due, follow-up and creation dates (Camunda date format, + sent as %2B or as a space)', async () => {
    expect(await sorted('dueBefore=2026-03-06T00:00:00.000%2B0000')).toEqual(['a', 'd']);
    expect(await sorted('dueAfter=2026-03-04T00:00:00.000+0000')).toEqual(['b', 'd']);
    expect(await sorted('dueDate=2026-03-05T13:00:00.000%2B0100')).toEqual(['d']);
    expect(await sorted('withoutDueDate=true')).toEqual(['c']);
    expect(await sorted(`followUpAfter=${inAMinute}`)).toEqual(['a', 'b', 'c', 'd']);
    expect(await sorted(`followUpBefore=${inAMinute}`)).toEqual([]);
    expect(await sorted(`createdBefore=${inAMinute}`)).toEqual(['a', 'b', 'c', 'd']);
    expect(await sorted(`createdAfter=${inAMinute}`)).toEqual([]);
  });

  it('filters by priority', async () => {
    expect(await sorted('priority=70')).toEqual(['a']);
    expect(await sorted('minPriority=50')).toEqual(['a', 'c', 'd']);
    expect(await sorted('maxPriority=50')).toEqual(['b', 'c']);
  });

  it('sorts, pages and counts', async () => {
    expect(await found('sortBy=priority&sortOrder=desc')).toEqual(['d', 'a', 'c', 'b']);
    expect(await found('sortBy=dueDate&sortOrder=asc')).toEqual(['a', 'd', 'b', 'c']);
    expect(await found('sortBy=assignee&sortOrder=asc&assigned=true')).toEqual(['a', 'd']);
    expect(await found('sortBy=priority&sortOrder=desc&firstResult=1&maxResults=2')).toEqual(['a', 'c']);
    const count = await engine.get(
      '/engine-rest/task/count?processDefinitionKey=task-filters&unassigned=true',
    );
    expectCamundaJson(count);
    expect(count.body).toEqual({ count: 2 });
  });

  it('takes the same filters as a JSON body (POST /task, POST /task/count), with a sorting list', async () => {
    const response = await engine.post('/engine-rest/task?firstResult=0&maxResults=10').send({
      processDefinitionKey: 'task-filters',
      candidateGroups: ['social', 'jobcenter'],
      includeAssignedTasks: true,
      sorting: [{ sortBy: 'priority', sortOrder: 'asc' }],
      someOptionWeDoNotKnow: 1,
    });
    expect(response.status).toBe(200);
    expectCamundaJson(response);
    expect(
      response.body.map((task: { processInstanceId: string }) => businessKeys.get(task.processInstanceId)),
    ).toEqual(['b', 'a', 'd']);
    const count = await engine
      .post('/engine-rest/task/count')
      .send({ processDefinitionKey: 'task-filters', dueBefore: '2026-03-06T00:00:00.000+0000' });
    expect(count.status).toBe(200);
    expect(count.body).toEqual({ count: 2 });
  });

  it.each([
    ['GET', 'dueBefore=tomorrow', "Cannot set query parameter 'dueBefore' to value 'tomorrow'"],
    ['GET', 'sortBy=colour&sortOrder=asc', "Cannot set query parameter 'sortBy' to value 'colour'"],
    ['GET', 'priority=high', "Cannot set query parameter 'priority' to value 'high'"],
    ['GET', 'unassigned=yes', "Cannot set query parameter 'unassigned' to value 'yes'"],
    ['GET', 'maxResults=-1', "Cannot set query parameter 'maxResults' to value '-1'"],
    ['GET', 'processVariables=amount_eq_5', "The task query parameter 'processVariables' is not supported"],
    [
      'POST',
      { candidateGroups: 'social' },
      "Expected 'candidateGroups' to be a list of strings, but found a string",
    ],
    ['POST', { dueBefore: '2026-03-06' }, "Expected 'dueBefore' to be a date in Camunda's format"],
    [
      'POST',
      { sorting: [{ sortBy: 'priority', sortOrder: 'up' }] },
      "Expected 'sorting[0].sortOrder' to be asc or desc",
    ],
    ['POST', { taskVariables: [] }, "The task filter 'taskVariables' is not supported"],
  ])('refuses %s %j with a 400 naming the parameter', async (method, input, message) => {
    const response =
      method === 'GET'
        ? await engine.get(`/engine-rest/task?${String(input)}`)
        : await engine.post('/engine-rest/task').send(input as object);
    expect(response.status).toBe(400);
    expectCamundaJson(response);
    expect(response.body).toEqual({
      type: 'InvalidRequestException',
      message: expect.stringContaining(message),
    });
  });
});

describe('claiming, assigning and completing a task', () => {
  it('claims, refuses a second claimant with 409, unclaims and assigns', async () => {
    const instanceId = await startReview({ businessKey: 'sag-claim', candidates: 'jens, mette' });
    const task = await onlyTaskOf(instanceId);
    const id = String(task.id);

    const claimed = await engine.post(`/engine-rest/task/${id}/claim`).send({ userId: 'jens' });
    expect(claimed.status).toBe(204);
    expect(claimed.text).toBe('');
    const afterClaim = (await engine.get(`/engine-rest/task/${id}`)).body;
    expect(afterClaim.assignee).toBe('jens');
    expect(afterClaim.lastUpdated).toMatch(CAMUNDA_DATE);

    const taken = await engine.post(`/engine-rest/task/${id}/claim`).send({ userId: 'mette' });
    expect(taken.status).toBe(409);
    expectCamundaJson(taken);
    expect(taken.body).toEqual({
      type: 'TaskAlreadyClaimedException',
      message: `Task '${id}' is already claimed by someone else.`,
    });
    expect((await engine.post(`/engine-rest/task/${id}/claim`).send({ userId: 'jens' })).status).toBe(204);
    const nobody = await engine.post(`/engine-rest/task/${id}/claim`).send({});
    expect(nobody.status).toBe(400);
    expect(nobody.body.message).toContain("'userId'");

    expect((await engine.post(`/engine-rest/task/${id}/unclaim`)).status).toBe(204);
    expect((await engine.get(`/engine-rest/task/${id}`)).body.assignee).toBeNull();

    expect((await engine.post(`/engine-rest/task/${id}/assignee`).send({ userId: 'mette' })).status).toBe(
      204,
    );
    expect((await engine.get(`/engine-rest/task/${id}`)).body.assignee).toBe('mette');
    expect(
      (await engine.get(`/engine-rest/task?assignee=mette&processInstanceId=${instanceId}`)).body,
    ).toHaveLength(1);
    expect((await engine.post(`/engine-rest/task/${id}/assignee`).send({ userId: null })).status).toBe(204);
    expect((await engine.get(`/engine-rest/task/${id}`)).body.assignee).toBeNull();
  });

  it('completes with variables: the instance moves on in the same request, history shows it, a second completion is a 404', async () => {
    const instanceId = await startReview({ businessKey: 'sag-complete', assignee: 'jens' });
    const review = await onlyTaskOf(instanceId);

    const completed = await engine.post(`/engine-rest/task/${String(review.id)}/complete`).send({
      variables: {
        approved: { value: true, type: 'Boolean' },
        decision: { value: '{"grant":true,"amount":1200}', type: 'Json' },
      },
    });
    expect(completed.status).toBe(204);
    expect(completed.text).toBe('');

    const inform = await onlyTaskOf(instanceId);
    expect(inform).toMatchObject({ taskDefinitionKey: 'inform', name: 'Inform the citizen', assignee: null });
    const history = await engine.get(
      `/engine-rest/history/activity-instance?processInstanceId=${instanceId}&sortBy=startTime&sortOrder=asc`,
    );
    expect(
      history.body.map((activity: Record<string, unknown>) => [
        activity.activityId,
        activity.endTime !== null,
      ]),
    ).toEqual([
      ['start', true],
      ['review', true],
      ['inform', false],
    ]);

    const again = await engine.post(`/engine-rest/task/${String(review.id)}/complete`).send({});
    expect(again.status).toBe(404);
    expectCamundaJson(again);
    expect(again.body.type).toBe('InvalidRequestException');
    const gone = await engine.get(`/engine-rest/task/${String(review.id)}`);
    expect(gone.status).toBe(404);
    expect(gone.body).toEqual({
      type: 'InvalidRequestException',
      message: `No matching task with id ${String(review.id)}`,
    });

    const last = await engine
      .post(`/engine-rest/task/${String(inform.id)}/complete`)
      .send({ variables: { informed: { value: true, type: 'Boolean' } }, withVariablesInReturn: true });
    expect(last.status).toBe(200);
    expectCamundaJson(last);
    expect(last.body).toMatchObject({
      approved: { type: 'Boolean', value: true, valueInfo: {} },
      decision: { type: 'Json', value: '{"grant":true,"amount":1200}' },
      informed: { type: 'Boolean', value: true },
      assignee: { type: 'String', value: 'jens' },
    });
    expect(last.body.note).toBeUndefined();
    const instance = await engine.get(`/engine-rest/history/process-instance/${instanceId}`);
    expect(instance.body.state).toBe('COMPLETED');
  });

  it('refuses variables that do not fit their type with a 400 naming the variable, and completes nothing', async () => {
    const instanceId = await startReview({ businessKey: 'sag-bad-vars' });
    const task = await onlyTaskOf(instanceId);
    const response = await engine
      .post(`/engine-rest/task/${String(task.id)}/complete`)
      .send({ variables: { amount: { value: 'a lot', type: 'Integer' } } });
    expect(response.status).toBe(400);
    expectCamundaJson(response);
    expect(response.body.message).toContain("Variable 'amount' in 'variables' is declared as Integer");
    expect(await onlyTaskOf(instanceId)).toMatchObject({ id: task.id });
  });

  it('reports a BPMN error on the task, which its error boundary event catches, with the variables', async () => {
    const started = await engine.post('/engine-rest/process-definition/key/objection/start').send({});
    const decide = await onlyTaskOf(started.body.id);
    const missingCode = await engine.post(`/engine-rest/task/${String(decide.id)}/bpmnError`).send({});
    expect(missingCode.status).toBe(400);
    expect(missingCode.body.message).toContain("'errorCode'");
    const reported = await engine.post(`/engine-rest/task/${String(decide.id)}/bpmnError`).send({
      errorCode: 'objection',
      errorMessage: 'The citizen objected',
      variables: { reason: { value: 'deadline missed', type: 'String' } },
    });
    expect(reported.status).toBe(204);
    const handle = await onlyTaskOf(started.body.id);
    expect(handle.taskDefinitionKey).toBe('handleObjection');
    expect((await engine.get(`/engine-rest/task/${String(handle.id)}/variables/reason`)).body).toMatchObject({
      value: 'deadline missed',
    });
  });

  it('answers 404 for an unknown task on every command', async () => {
    for (const [path, body] of [
      ['claim', { userId: 'jens' }],
      ['unclaim', {}],
      ['assignee', { userId: 'jens' }],
      ['complete', {}],
      ['bpmnError', { errorCode: 'objection' }],
    ] as const) {
      const response = await engine.post(`/engine-rest/task/no-such-task/${path}`).send(body);
      expect(response.status).toBe(404);
      expectCamundaJson(response);
    }
    expect((await engine.get('/engine-rest/task/no-such-task/variables')).status).toBe(404);
  });

  it('leaves the task of a suspended instance alone: claim and complete are refused with a 400', async () => {
    const instanceId = await startReview({ businessKey: 'sag-suspended' });
    const task = await onlyTaskOf(instanceId);
    // Suspension is another endpoint's business; the row is what the task API reads.
    await database.dataSource.query(`UPDATE process_instances SET suspended = true WHERE id = $1`, [
      instanceId,
    ]);
    expect((await engine.get(`/engine-rest/task/${String(task.id)}`)).body.suspended).toBe(true);
    expect(
      (await engine.get(`/engine-rest/task?suspended=true&processInstanceId=${instanceId}`)).body,
    ).toHaveLength(1);
    expect((await engine.get(`/engine-rest/task?active=true&processInstanceId=${instanceId}`)).body).toEqual(
      [],
    );
    for (const [path, body] of [
      ['complete', {}],
      ['claim', { userId: 'jens' }],
    ] as const) {
      const response = await engine.post(`/engine-rest/task/${String(task.id)}/${path}`).send(body);
      expect(response.status).toBe(400);
      expect(response.body).toEqual({
        type: 'SuspendedEntityInteractionException',
        message: expect.stringContaining('is suspended'),
      });
    }
    await database.dataSource.query(`UPDATE process_instances SET suspended = false WHERE id = $1`, [
      instanceId,
    ]);
    expect((await engine.post(`/engine-rest/task/${String(task.id)}/complete`).send({})).status).toBe(204);
  });
});

describe("a task's variables", () => {
  it('shows what the task sees, and changes variables where Camunda puts them', async () => {
    const instanceId = await startReview({ businessKey: 'sag-vars', assignee: 'jens', priority: 60 });
    const task = await onlyTaskOf(instanceId);
    const base = `/engine-rest/task/${String(task.id)}/variables`;

    const all = await engine.get(base);
    expect(all.status).toBe(200);
    expectCamundaJson(all);
    expect(all.body).toMatchObject({
      note: { type: 'String', value: 'draft', valueInfo: {} },
      assignee: { type: 'String', value: 'jens' },
      priority: { type: 'Integer', value: 60 },
    });
    expect((await engine.get(`${base}/priority`)).body).toEqual({
      type: 'Integer',
      value: 60,
      valueInfo: {},
    });
    const missing = await engine.get(`${base}/nothing`);
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({
      type: 'InvalidRequestException',
      message: 'task variable with name nothing does not exist',
    });

    // `note` is the task's own (an input mapping): it changes there and ends with the task.
    expect((await engine.put(`${base}/note`).send({ value: 'final', type: 'String' })).status).toBe(204);
    expect((await engine.get(`${base}/note`)).body.value).toBe('final');
    const modified = await engine
      .post(base)
      .send({ modifications: { comment: { value: 'looks fine', type: 'String' } }, deletions: ['priority'] });
    expect(modified.status).toBe(204);
    const afterModification = (await engine.get(base)).body;
    expect(afterModification.comment).toEqual({ type: 'String', value: 'looks fine', valueInfo: {} });
    expect(afterModification.priority).toBeUndefined();
    expect((await engine.put(`${base}/checked`).send({ value: true, type: 'Boolean' })).status).toBe(204);
    expect((await engine.delete(`${base}/checked`)).status).toBe(204);
    expect((await engine.get(`${base}/checked`)).status).toBe(404);

    const wrong = await engine.put(`${base}/count`).send({ value: 'many', type: 'Integer' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.message).toContain("Variable 'count' in 'body' is declared as Integer");
    const wrongDeletions = await engine.post(base).send({ deletions: 'priority' });
    expect(wrongDeletions.status).toBe(400);
    expect(wrongDeletions.body.message).toContain("'deletions'");

    expect((await engine.post(`/engine-rest/task/${String(task.id)}/complete`).send({})).status).toBe(204);
    const inform = await onlyTaskOf(instanceId);
    const next = (await engine.get(`/engine-rest/task/${String(inform.id)}/variables`)).body;
    expect(next.comment).toEqual({ type: 'String', value: 'looks fine', valueInfo: {} });
    expect(next.note).toBeUndefined();
    expect(next.priority).toBeUndefined();
  });
});

describe("another tenant's tasks", () => {
  it('are 404 unless the request may see the tenant', async () => {
    const instanceId = await startReview({ businessKey: 'sag-tenant', tenantId: 'kommune-a' });
    const task = await onlyTaskOf(instanceId, 'kommune-a');
    expect(task.tenantId).toBe('kommune-a');
    const id = String(task.id);

    expect(await tasksOf(instanceId)).toEqual([]);
    expect(await tasksOf(instanceId, 'kommune-b')).toEqual([]);
    for (const query of ['', '?tenantIdIn=kommune-b']) {
      const read = await engine.get(`/engine-rest/task/${id}${query}`);
      expect(read.status).toBe(404);
      expectCamundaJson(read);
      expect(
        (await engine.post(`/engine-rest/task/${id}/claim${query}`).send({ userId: 'jens' })).status,
      ).toBe(404);
      expect((await engine.post(`/engine-rest/task/${id}/complete${query}`).send({})).status).toBe(404);
      expect((await engine.get(`/engine-rest/task/${id}/variables${query}`)).status).toBe(404);
      expect(
        (await engine.put(`/engine-rest/task/${id}/variables/x${query}`).send({ value: 1, type: 'Integer' }))
          .status,
      ).toBe(404);
    }
    expect((await engine.get(`/engine-rest/task/${id}?tenantIdIn=kommune-a`)).status).toBe(200);
    expect(
      (
        await engine
          .post('/engine-rest/task')
          .send({ processInstanceId: instanceId, tenantIdIn: ['kommune-a'] })
      ).body,
    ).toHaveLength(1);
    expect((await engine.post('/engine-rest/task').send({ processInstanceId: instanceId })).body).toEqual([]);
    expect((await engine.post(`/engine-rest/task/${id}/complete?tenantIdIn=kommune-a`).send({})).status).toBe(
      204,
    );
    expect((await onlyTaskOf(instanceId, 'kommune-a')).taskDefinitionKey).toBe('inform');
  });
});
