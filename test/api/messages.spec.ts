import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { HistoryCleanup } from '../../apps/engine/src/runtime/history-cleanup.js';
import { bpmnDocument, chain } from '../support/bpmn-xml.js';
import {
  deployLikeModeler,
  expectCamundaJson,
  startTestApps,
  untilHistoricState,
  type Http,
  type TestApps,
  startByKey,
} from './camunda-rest-client.js';

/**
 * Camunda's `POST /message` and `POST /signal`, end to end on the real PostgreSQL and Redis: correlation by business
 * key and by correlation keys, to message start events, to all, the result shapes, Camunda's 400s, and our
 * extension — a message with a time to live buffered until its subscription opens.
 */
let apps: TestApps;
let engine: Http;

beforeAll(async () => {
  apps = await startTestApps({ RECONCILE_INTERVAL_MS: '200' });
  engine = apps.engine;
  for (const [key, xml, tenantId] of [
    ['await-answer', awaitAnswer('await-answer')],
    ['await-answer-later', awaitAnswerAfterTimer('await-answer-later', 'PT1S')],
    ['await-answer-much-later', awaitAnswerAfterTimer('await-answer-much-later', 'PT1H')],
    ['await-round', awaitRound],
    ['application', application],
    ['await-alarm', awaitAlarm],
    ['tenant-answer', awaitAnswer('tenant-answer', 'tenant-answer-received'), 'aarhus'],
  ] as Array<[string, string, string?]>) {
    const deployed = await deployLikeModeler(apps.designer, `${key}.bpmn`, xml, tenantId ? { tenantId } : {});
    expect(deployed.status).toBe(200);
  }
}, 60_000);

afterAll(() => apps?.stop(), 30_000);

const answerMessage = (name = 'answer-received') => `<bpmn:message id="msg_answer" name="${name}" />`;

/** Waits at a message catch event right after the start. */
function awaitAnswer(id: string, messageName = 'answer-received'): string {
  return bpmnDocument(
    `<bpmn:startEvent id="start" />
     <bpmn:intermediateCatchEvent id="answer"><bpmn:messageEventDefinition messageRef="msg_answer" /></bpmn:intermediateCatchEvent>
     <bpmn:endEvent id="end" />${chain('start', 'answer', 'end')}`,
    { id, rootElements: answerMessage(messageName) },
  );
}

/** Reaches the message catch event only after a timer: a reply may outrun it. */
function awaitAnswerAfterTimer(id: string, duration: string): string {
  return bpmnDocument(
    `<bpmn:startEvent id="start" />
     <bpmn:intermediateCatchEvent id="prepare"><bpmn:timerEventDefinition><bpmn:timeDuration>${duration}</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
     <bpmn:intermediateCatchEvent id="answer"><bpmn:messageEventDefinition messageRef="msg_answer" /></bpmn:intermediateCatchEvent>
     <bpmn:endEvent id="end" />${chain('start', 'prepare', 'answer', 'end')}`,
    { id, rootElements: answerMessage(`${id}-answer`) },
  );
}

/** A receive task whose input mapping gives it a local variable `round`, for localCorrelationKeys. */
const awaitRound = bpmnDocument(
  `<bpmn:startEvent id="start" />
   <bpmn:receiveTask id="answer" messageRef="msg_answer">
     <bpmn:extensionElements><camunda:inputOutput><camunda:inputParameter name="round">\${startRound}</camunda:inputParameter></camunda:inputOutput></bpmn:extensionElements>
   </bpmn:receiveTask>
   <bpmn:endEvent id="end" />${chain('start', 'answer', 'end')}`,
  { id: 'await-round', rootElements: answerMessage('round-answer') },
);

/** Started by a message. */
const application = bpmnDocument(
  `<bpmn:startEvent id="received"><bpmn:messageEventDefinition messageRef="msg_application" /></bpmn:startEvent>
   <bpmn:userTask id="review" />${chain('received', 'review')}`,
  { id: 'application', rootElements: '<bpmn:message id="msg_application" name="application-received" />' },
);

const awaitAlarm = bpmnDocument(
  `<bpmn:startEvent id="start" />
   <bpmn:intermediateCatchEvent id="alarm"><bpmn:signalEventDefinition signalRef="sig_alarm" /></bpmn:intermediateCatchEvent>
   <bpmn:endEvent id="end" />${chain('start', 'alarm', 'end')}`,
  { id: 'await-alarm', rootElements: '<bpmn:signal id="sig_alarm" name="alarm" />' },
);

function start(key: string, body: Record<string, unknown> = {}, tenantId?: string): Promise<string> {
  return startByKey(engine, key, body, tenantId);
}

async function stateOf(instanceId: string, tenantId?: string): Promise<string> {
  const query = tenantId ? `?tenantIdIn=${tenantId}` : '';
  const response = await engine.get(`/engine-rest/history/process-instance/${instanceId}${query}`);
  return response.body.state as string;
}

async function timerJobOf(instanceId: string): Promise<string> {
  const response = await engine.get(`/engine-rest/job?processInstanceId=${instanceId}&timers=true`);
  expect(response.body).toHaveLength(1);
  return response.body[0].id as string;
}

describe('POST /message: correlating to waiting instances', () => {
  it('correlates by business key to that instance only, and answers 204', async () => {
    const first = await start('await-answer', { businessKey: 'sag-1' });
    const second = await start('await-answer', { businessKey: 'sag-2' });
    const response = await engine
      .post('/engine-rest/message')
      .send({ messageName: 'answer-received', businessKey: 'sag-2', unknownOption: true });
    expect(response.status).toBe(204);
    expect(response.text).toBe('');
    await untilHistoricState(engine, second, 'COMPLETED');
    expect(await stateOf(first)).toBe('ACTIVE');
    await engine.post('/engine-rest/message').send({ messageName: 'answer-received', businessKey: 'sag-1' });
    await untilHistoricState(engine, first, 'COMPLETED');
  });

  it('correlates by correlation keys (process variables) and local correlation keys (the waiting scope’s own)', async () => {
    const four = await start('await-answer', { variables: { caseNumber: { value: 4, type: 'Integer' } } });
    const five = await start('await-answer', { variables: { caseNumber: { value: 5, type: 'Integer' } } });
    const text = await start('await-answer', { variables: { caseNumber: { value: '5', type: 'String' } } });
    const response = await engine.post('/engine-rest/message').send({
      messageName: 'answer-received',
      correlationKeys: { caseNumber: { value: 5, type: 'Integer' } },
      processVariables: { decision: { value: 'granted', type: 'String' } },
      resultEnabled: true,
      variablesInResultEnabled: true,
    });
    expect(response.status).toBe(200);
    expectCamundaJson(response);
    expect(response.body).toEqual([
      {
        resultType: 'Execution',
        execution: { id: expect.any(String), processInstanceId: five, ended: true, tenantId: null },
        processInstance: null,
        variables: {
          caseNumber: { type: 'Integer', value: 5, valueInfo: {} },
          decision: { type: 'String', value: 'granted', valueInfo: {} },
        },
      },
    ]);
    expect(await stateOf(four)).toBe('ACTIVE');
    expect(await stateOf(text)).toBe('ACTIVE');

    const roundOne = await start('await-round', { variables: { startRound: { value: 1, type: 'Integer' } } });
    const roundTwo = await start('await-round', { variables: { startRound: { value: 2, type: 'Integer' } } });
    const local = await engine.post('/engine-rest/message').send({
      messageName: 'round-answer',
      localCorrelationKeys: { round: { value: 2, type: 'Integer' } },
      processVariablesLocal: { note: { value: 'only here', type: 'String' } },
      resultEnabled: true,
    });
    expect(local.status).toBe(200);
    expect(local.body).toEqual([
      expect.objectContaining({
        resultType: 'Execution',
        execution: expect.objectContaining({ processInstanceId: roundTwo }),
      }),
    ]);
    expect(local.body[0].variables).toBeUndefined();
    expect(await stateOf(roundOne)).toBe('ACTIVE');
    await untilHistoricState(engine, roundTwo, 'COMPLETED');
  });

  it('correlates to one named process instance with processInstanceId', async () => {
    const first = await start('await-answer', { businessKey: 'named' });
    const second = await start('await-answer', { businessKey: 'named' });
    const response = await engine
      .post('/engine-rest/message')
      .send({ messageName: 'answer-received', processInstanceId: first });
    expect(response.status).toBe(204);
    await untilHistoricState(engine, first, 'COMPLETED');
    expect(await stateOf(second)).toBe('ACTIVE');
    await engine.post('/engine-rest/message').send({ messageName: 'answer-received', businessKey: 'named' });
  });

  it('refuses a message that matches two waiting instances without all, as Camunda, and delivers to both with all', async () => {
    const first = await start('await-answer', { businessKey: 'twice' });
    const second = await start('await-answer', { businessKey: 'twice' });
    const ambiguous = await engine
      .post('/engine-rest/message')
      .send({ messageName: 'answer-received', businessKey: 'twice' });
    expect(ambiguous.status).toBe(400);
    expectCamundaJson(ambiguous);
    expect(ambiguous.body.type).toBe('RestException');
    expect(ambiguous.body.message).toContain(
      "Cannot correlate a message with name 'answer-received' to a single execution. 2 executions match",
    );
    expect(await stateOf(first)).toBe('ACTIVE');

    const all = await engine
      .post('/engine-rest/message')
      .send({ messageName: 'answer-received', businessKey: 'twice', all: true, resultEnabled: true });
    expect(all.status).toBe(200);
    expect(
      all.body.map(
        (result: { execution: { processInstanceId: string } }) => result.execution.processInstanceId,
      ),
    ).toEqual([first, second]);
    await untilHistoricState(engine, first, 'COMPLETED');
    await untilHistoricState(engine, second, 'COMPLETED');
  });

  it("answers Camunda's 400 when nothing matches, and 400s naming the field for a malformed request", async () => {
    const nothing = await engine.post('/engine-rest/message').send({ messageName: 'nothing-waits' });
    expect(nothing.status).toBe(400);
    expectCamundaJson(nothing);
    expect(nothing.body).toEqual({
      type: 'RestException',
      message:
        "Cannot correlate message 'nothing-waits': No process definition or execution matches the parameters",
    });
    const noName = await engine.post('/engine-rest/message').send({ businessKey: 'x' });
    expect(noName.status).toBe(400);
    expect(noName.body).toEqual({ type: 'InvalidRequestException', message: 'No message name supplied' });
    const badKey = await engine.post('/engine-rest/message').send({
      messageName: 'answer-received',
      correlationKeys: { caseNumber: { value: 'x', type: 'Integer' } },
    });
    expect(badKey.status).toBe(400);
    expect(badKey.body.message).toContain("Variable 'caseNumber' in 'correlationKeys'");
    const badFlag = await engine
      .post('/engine-rest/message')
      .send({ messageName: 'answer-received', all: 'yes' });
    expect(badFlag.status).toBe(400);
    expect(badFlag.body.message).toContain("'all'");
    const both = await engine
      .post('/engine-rest/message')
      .send({ messageName: 'answer-received', tenantId: 'aarhus', withoutTenantId: true });
    expect(both.status).toBe(400);
    expect(both.body.message).toContain(
      "'tenantId' cannot be used together with parameter 'withoutTenantId'",
    );
  });

  it('correlates within the tenant it names: another tenant’s instances are not matched', async () => {
    const instance = await start('tenant-answer', {}, 'aarhus');
    const withoutTenant = await engine
      .post('/engine-rest/message')
      .send({ messageName: 'tenant-answer-received' });
    expect(withoutTenant.status).toBe(400);
    const otherTenant = await engine
      .post('/engine-rest/message')
      .send({ messageName: 'tenant-answer-received', tenantId: 'odense' });
    expect(otherTenant.status).toBe(400);
    const ownTenant = await engine
      .post('/engine-rest/message')
      .send({ messageName: 'tenant-answer-received', tenantId: 'aarhus', resultEnabled: true });
    expect(ownTenant.status).toBe(200);
    expect(ownTenant.body[0].execution.tenantId).toBe('aarhus');
    await untilHistoricState(engine, instance, 'COMPLETED', { tenantIdIn: 'aarhus' });
  });
});

describe('POST /message: message start events', () => {
  it('starts the latest definition with the business key and variables, answering the new instance', async () => {
    const response = await engine.post('/engine-rest/message').send({
      messageName: 'application-received',
      businessKey: 'ansøgning-7',
      processVariables: { applicant: { value: 'Anna', type: 'String' } },
      resultEnabled: true,
      variablesInResultEnabled: true,
    });
    expect(response.status).toBe(200);
    expect(response.body).toEqual([
      {
        resultType: 'ProcessDefinition',
        execution: null,
        processInstance: expect.objectContaining({
          id: expect.any(String),
          definitionId: expect.stringMatching(/^application:1:/),
          businessKey: 'ansøgning-7',
          ended: false,
          suspended: false,
          tenantId: null,
        }),
        variables: { applicant: { type: 'String', value: 'Anna', valueInfo: {} } },
      },
    ]);
    const history = await engine.get(
      `/engine-rest/history/process-instance/${response.body[0].processInstance.id}`,
    );
    expect(history.body).toMatchObject({ businessKey: 'ansøgning-7', state: 'ACTIVE' });
  });
});

describe('POST /message with timeToLive (our extension): a reply that outruns its process', () => {
  it('buffers the message and delivers it when the instance arrives at its catch event', async () => {
    const instance = await start('await-answer-later', {
      businessKey: 'sag-ttl',
      variables: { caseNumber: { value: 77, type: 'Integer' } },
    });
    const response = await engine.post('/engine-rest/message').send({
      messageName: 'await-answer-later-answer',
      businessKey: 'sag-ttl',
      correlationKeys: { caseNumber: { value: 77, type: 'Integer' } },
      processVariables: { answer: { value: 'yes', type: 'String' } },
      timeToLive: 'PT1H',
      resultEnabled: true,
    });
    expect(response.status).toBe(200);
    expect(response.body).toEqual([]);
    const history = await untilHistoricState(engine, instance, 'COMPLETED');
    expect(history.state).toBe('COMPLETED');
    const variables = await engine.get(
      `/engine-rest/history/activity-instance?processInstanceId=${instance}&activityId=answer`,
    );
    expect(variables.body).toHaveLength(1);
    // Delivered once: a second instance arriving later finds nothing buffered.
    const later = await start('await-answer-later', { businessKey: 'sag-ttl' });
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(await stateOf(later)).toBe('ACTIVE');
    await engine
      .post('/engine-rest/message')
      .send({ messageName: 'await-answer-later-answer', processInstanceId: later });
    await untilHistoricState(engine, later, 'COMPLETED');
  }, 30_000);

  it('never delivers an expired message, and the cleanup removes it', async () => {
    const instance = await start('await-answer-much-later', { businessKey: 'sag-expired' });
    const buffered = await engine.post('/engine-rest/message').send({
      messageName: 'await-answer-much-later-answer',
      businessKey: 'sag-expired',
      timeToLive: 'PT0.5S',
    });
    expect(buffered.status).toBe(204);
    await new Promise((resolve) => setTimeout(resolve, 800));
    // Fire the timer now: the instance arrives at the catch event after the message expired.
    expect((await engine.post(`/engine-rest/job/${await timerJobOf(instance)}/execute`)).status).toBe(204);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await stateOf(instance)).toBe('ACTIVE');
    const atAnswer = await engine.get(
      `/engine-rest/history/activity-instance?processInstanceId=${instance}&activityId=answer`,
    );
    expect(atAnswer.body).toEqual([expect.objectContaining({ endTime: null })]);

    const dataSource = apps.servers.engine?.get(DataSource);
    const cleanup = apps.servers.engine?.get(HistoryCleanup, { strict: false });
    expect(await cleanup?.removeExpiredMessages()).toBeGreaterThanOrEqual(1);
    const left = (await dataSource?.query(
      `SELECT count(*)::int AS count FROM buffered_messages WHERE name = $1`,
      ['await-answer-much-later-answer'],
    )) as Array<{ count: number }>;
    expect(left[0]?.count).toBe(0);
  }, 30_000);

  it('refuses a timeToLive that is not an ISO 8601 duration, naming it', async () => {
    for (const timeToLive of ['one hour', 'PT', 42, '-PT1H']) {
      const response = await engine
        .post('/engine-rest/message')
        .send({ messageName: 'nothing-waits', timeToLive });
      expect(response.status).toBe(400);
      expect(response.body.type).toBe('InvalidRequestException');
      expect(response.body.message).toContain("'timeToLive'");
    }
  });
});

describe('POST /signal', () => {
  it('reaches every waiting instance of the tenant, with its variables', async () => {
    const first = await start('await-alarm');
    const second = await start('await-alarm');
    const response = await engine
      .post('/engine-rest/signal')
      .send({ name: 'alarm', variables: { level: { value: 3, type: 'Integer' } } });
    expect(response.status).toBe(204);
    await untilHistoricState(engine, first, 'COMPLETED');
    await untilHistoricState(engine, second, 'COMPLETED');
    const nobody = await engine.post('/engine-rest/signal').send({ name: 'alarm' });
    expect(nobody.status).toBe(204);
    const noName = await engine.post('/engine-rest/signal').send({ variables: {} });
    expect(noName.status).toBe(400);
    expect(noName.body).toEqual({ type: 'InvalidRequestException', message: 'No signal name given' });
  });
});
