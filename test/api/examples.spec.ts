import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import {
  deployLikeModeler,
  startTestApps,
  untilHistoricState,
  type Http,
  type TestApps,
  startByKey,
} from './camunda-rest-client.js';

/**
 * The municipal example models in examples/, as a process owner and a caseworker system would use them: each is
 * deployed through the designer-api (as Camunda Modeler's deploy button sends it, with no validation warning) and
 * run to its end through the engine's REST API — external tasks fetched and completed as a worker does, user tasks
 * completed as a caseworker does, timers fired with POST /job/{id}/execute instead of waiting for them.
 */
let apps: TestApps;
let designer: Http;
let engine: Http;

beforeAll(async () => {
  apps = await startTestApps();
  designer = apps.designer;
  engine = apps.engine;
}, 60_000);
afterAll(() => apps?.stop(), 30_000);

type Variables = Record<string, { value: unknown; type: string }>;

const example = (file: string) => readFileSync(new URL(`../../examples/${file}`, import.meta.url), 'utf8');

async function deployExample(file: string): Promise<void> {
  const response = await deployLikeModeler(designer, file, example(file));
  expect(response.status).toBe(200);
  expect(response.body.details).toEqual({ [file]: { errors: [], warnings: [] } });
}

function start(key: string, businessKey: string, variables: Variables): Promise<string> {
  return startByKey(engine, key, { businessKey, variables });
}

/** Fetches the instance's external task at `activityId` (on `topic`) as a worker would, and completes it. */
async function completeExternalTask(
  instanceId: string,
  topic: string,
  activityId: string,
  variables: Variables = {},
): Promise<void> {
  const fetched = await engine
    .post('/engine-rest/external-task/fetchAndLock')
    .send({ workerId: 'examples', maxTasks: 10, topics: [{ topicName: topic, lockDuration: 60_000 }] });
  expect(fetched.status).toBe(200);
  const task = (fetched.body as Array<{ id: string; processInstanceId: string; activityId: string }>).find(
    (candidate) => candidate.processInstanceId === instanceId && candidate.activityId === activityId,
  );
  expect(task).toBeDefined();
  const completed = await engine
    .post(`/engine-rest/external-task/${task?.id}/complete`)
    .send({ workerId: 'examples', variables });
  expect(completed.status).toBe(204);
}

/** Completes the instance's user task `taskDefinitionKey` as a caseworker would; returns the task as listed. */
async function completeUserTask(
  instanceId: string,
  taskDefinitionKey: string,
  variables: Variables = {},
): Promise<Record<string, unknown>> {
  const tasks = await engine.get(`/engine-rest/task?processInstanceId=${instanceId}`);
  const task = (tasks.body as Array<Record<string, unknown>>).find(
    (candidate) => candidate.taskDefinitionKey === taskDefinitionKey,
  );
  expect(task).toBeDefined();
  const completed = await engine.post(`/engine-rest/task/${String(task?.id)}/complete`).send({ variables });
  expect(completed.status).toBe(204);
  return task as Record<string, unknown>;
}

/** Fires the instance's one timer now instead of at its due date. */
async function fireTimer(instanceId: string): Promise<void> {
  const timers = await engine.get(`/engine-rest/job?processInstanceId=${instanceId}&timers=true`);
  expect(timers.body).toHaveLength(1);
  expect((await engine.post(`/engine-rest/job/${String(timers.body[0].id)}/execute`)).status).toBe(204);
}

async function activitiesOf(instanceId: string): Promise<string[]> {
  const response = await engine.get(
    `/engine-rest/history/activity-instance?processInstanceId=${instanceId}&sortBy=startTime&sortOrder=asc`,
  );
  return (response.body as Array<{ activityId: string }>).map((activity) => activity.activityId);
}

describe('examples/: deployed through the designer-api and run to their end through the engine', () => {
  it('aktindsigt: the deadline passes during the review, the requester is told, the request is refused', async () => {
    await deployExample('aktindsigt.bpmn');
    const id = await start('aktindsigt', 'sag-2026-117', {
      requester: { value: 'Journalist, Fyens Stiftstidende', type: 'String' },
    });
    await completeExternalTask(id, 'esdh-create-case', 'openCase', {
      caseNumber: { value: 117, type: 'Integer' },
    });
    await completeExternalTask(id, 'esdh-collect-documents', 'collectDocuments');
    const review = await onlyTaskOf(id);
    expect(review).toMatchObject({ name: 'Gennemgå og anonymisér dokumenter' });

    await fireTimer(id);
    await completeExternalTask(id, 'digital-post', 'sendDelayNotice');
    await completeUserTask(id, 'reviewDocuments', { granted: { value: false, type: 'Boolean' } });
    await completeUserTask(id, 'writeRefusal', {
      letter: { value: 'Din anmodning om aktindsigt i sag 117 er afslået, fordi …', type: 'String' },
    });
    await completeExternalTask(id, 'digital-post', 'sendDecision');
    await completeExternalTask(id, 'esdh-journalise', 'journalise');

    await untilHistoricState(engine, id, 'COMPLETED');
    expect(await activitiesOf(id)).toEqual(
      expect.arrayContaining([
        'deadlinePassed',
        'sendDelayNotice',
        'delayNoticeSent',
        'writeRefusal',
        'decisionSent',
      ]),
    );
    expect(await activitiesOf(id)).not.toContain('grantLetter');
  });

  it('underretning: nobody assesses within 24 hours, socialvagten does, acute, and the notifier gets a receipt', async () => {
    await deployExample('underretning.bpmn');
    const id = await start('underretning', 'underretning-2026-031', {
      professionalNotifier: { value: true, type: 'Boolean' },
      kle: { value: '27.24.00', type: 'String' },
    });
    await completeExternalTask(id, 'cpr-lookup', 'lookupChild', {
      childFound: { value: true, type: 'Boolean' },
    });
    await completeExternalTask(id, 'esdh-create-case', 'openCase');

    await fireTimer(id);
    const tasks = await engine.get(`/engine-rest/task?processInstanceId=${id}`);
    expect(
      (tasks.body as Array<{ taskDefinitionKey: string }>).map((task) => task.taskDefinitionKey),
    ).toEqual(['emergencyAssessment']);
    await completeUserTask(id, 'emergencyAssessment', { acute: { value: true, type: 'Boolean' } });
    await completeUserTask(id, 'acuteMeasure');
    await completeExternalTask(id, 'digital-post', 'sendReceipt');

    await untilHistoricState(engine, id, 'COMPLETED');
    const activities = await activitiesOf(id);
    expect(activities).toEqual(
      expect.arrayContaining(['dayPassed', 'emergencyAssessment', 'acuteMeasure', 'handled']),
    );
    expect(activities).not.toContain('startInvestigation');
  });

  it('onboarding: the manager rejects the roles once, HR settles them, and the employee is welcomed on day one', async () => {
    await deployExample('onboarding.bpmn');
    const id = await start('onboarding', 'ansaettelse-4711', {
      managerUserId: { value: 'leder-42', type: 'String' },
      startDate: { value: inDays(30), type: 'String' },
    });
    await completeExternalTask(id, 'os2mo-create-engagement', 'createEngagement');
    await completeExternalTask(id, 'ad-create-account', 'createAdAccount', {
      adAccount: { value: 'ab12cd', type: 'String' },
    });
    const approval = await completeUserTask(id, 'approveRoles', {
      rolesApproved: { value: false, type: 'Boolean' },
    });
    expect(approval).toMatchObject({ assignee: 'leder-42' });
    await completeUserTask(id, 'settleRoles');
    await completeUserTask(id, 'approveRoles', { rolesApproved: { value: true, type: 'Boolean' } });
    await completeExternalTask(id, 'ad-assign-roles', 'grantRoles');

    await fireTimer(id);
    // The welcome is the built-in noop connector: a job the engine's workers run on their own.
    await untilHistoricState(engine, id, 'COMPLETED');
    expect(await activitiesOf(id)).toEqual(
      expect.arrayContaining(['settleRoles', 'firstWorkingDay', 'welcome', 'ready']),
    );
  });
});

/** An ISO date `days` from now: the timers are fired by hand, long before they would be due. */
function inDays(days: number): string {
  return new Date(Date.now() + days * 24 * 3_600_000).toISOString();
}

/** The one open user task of an instance. */
async function onlyTaskOf(instanceId: string): Promise<Record<string, unknown>> {
  const tasks = await engine.get(`/engine-rest/task?processInstanceId=${instanceId}`);
  expect(tasks.body).toHaveLength(1);
  return tasks.body[0] as Record<string, unknown>;
}
