import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { connect, type Channel, type ChannelModel, type GetMessage } from 'amqplib';
import { randomBytes, randomUUID } from 'node:crypto';
import { DEAD_LETTER_REASON_HEADER, DEAD_LETTER_SOURCE_HEADER } from '#adapters';
import { bpmnDocument, chain } from '../support/bpmn-xml.js';
import { deployLikeModeler, startTestApps, type TestApps } from '../api/camunda-rest-client.js';

const RUN = randomBytes(4).toString('hex');
const EXCHANGE = `kf-test.lora-failures.${RUN}`;
const REACTIONS_QUEUE = `kf-test.lora-failures-reactions.${RUN}`;
const DEAD_LETTER_QUEUE = `kf-test.lora-failures-refused.${RUN}`;
const NOT_DEPLOYED = `lora-never-deployed-${RUN}`;

/** Started by a sag being created (and, as the sentinel, by a facet being created). */
const sagProcess = bpmnDocument(
  `<bpmn:startEvent id="start" /><bpmn:userTask id="behandl" name="Behandl" /><bpmn:endEvent id="end" />${chain('start', 'behandl', 'end')}`,
  { id: 'lora-failures-sag' },
);
/** Waits for `klasse-rettet-failures` (Camunda 7: by business key). */
const klasseProcess = bpmnDocument(
  `<bpmn:startEvent id="start" />
   <bpmn:intermediateCatchEvent id="vent"><bpmn:messageEventDefinition messageRef="Msg_rettet" /></bpmn:intermediateCatchEvent>
   <bpmn:userTask id="gennemse" name="Gennemse rettelsen" /><bpmn:endEvent id="end" />${chain('start', 'vent', 'gennemse', 'end')}`,
  {
    id: 'lora-failures-klasse',
    rootElements: '<bpmn:message id="Msg_rettet" name="klasse-rettet-failures" />',
  },
);

/** Started by `klasse-importeret-failures`: each correlation is one more instance, so a double shows. */
const startedByMessage = bpmnDocument(
  `<bpmn:startEvent id="start"><bpmn:messageEventDefinition messageRef="Msg_importeret" /></bpmn:startEvent>
   <bpmn:userTask id="gennemse" name="Gennemse importen" /><bpmn:endEvent id="end" />${chain('start', 'gennemse', 'end')}`,
  {
    id: 'lora-failures-importeret',
    rootElements: '<bpmn:message id="Msg_importeret" name="klasse-importeret-failures" />',
  },
);

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('LoRA reactions lose nothing and correlate once', () => {
  let apps: TestApps;
  let rabbit: ChannelModel;
  let channel: Channel;
  /** Every message taken off the dead-letter queue so far. */
  const deadLetters: GetMessage[] = [];

  beforeAll(async () => {
    rabbit = await connect('amqp://guest:guest@127.0.0.1:5672');
    channel = await rabbit.createChannel();
    apps = await startTestApps({
      AMQP_URL: 'amqp://guest:guest@127.0.0.1:5672',
      LORA_NOTIFICATIONS_EXCHANGE: EXCHANGE,
      LORA_REACTIONS_QUEUE: REACTIONS_QUEUE,
      LORA_REACTIONS_DEAD_LETTER_QUEUE: DEAD_LETTER_QUEUE,
      LORA_REACTIONS: JSON.stringify([
        { type: 'sag', livscykluskode: 'Opstaaet', startProcess: NOT_DEPLOYED },
        { type: 'sag', livscykluskode: 'Opstaaet', startProcess: 'lora-failures-sag' },
        { type: 'facet', livscykluskode: 'Opstaaet', startProcess: 'lora-failures-sag' },
        { type: 'klasse', livscykluskode: 'Rettet', correlateMessage: 'klasse-rettet-failures' },
        { type: 'klasse', livscykluskode: 'Importeret', correlateMessage: 'klasse-importeret-failures' },
      ]),
    });
    expect((await deployLikeModeler(apps.designer, 'sag.bpmn', sagProcess)).status).toBe(200);
    expect((await deployLikeModeler(apps.designer, 'klasse.bpmn', klasseProcess)).status).toBe(200);
    expect((await deployLikeModeler(apps.designer, 'importeret.bpmn', startedByMessage)).status).toBe(200);
    // Declared as the consumer declares them, so nothing published before it connected is lost.
    await channel.assertExchange(EXCHANGE, 'topic', { durable: true });
    await channel.assertQueue(REACTIONS_QUEUE, { durable: true });
    await channel.assertQueue(DEAD_LETTER_QUEUE, { durable: true });
    for (const key of ['sag.Opstaaet', 'facet.Opstaaet', 'klasse.Rettet', 'klasse.Importeret'])
      await channel.bindQueue(REACTIONS_QUEUE, EXCHANGE, key);
  }, 60_000);

  afterAll(async () => {
    await apps?.stop();
    if (channel) {
      await channel.deleteQueue(REACTIONS_QUEUE);
      await channel.deleteQueue(DEAD_LETTER_QUEUE);
      await channel.deleteExchange(EXCHANGE);
    }
    await rabbit?.close();
  }, 30_000);

  function publish(routingKey: string, content: Buffer, messageId: string): void {
    channel.publish(EXCHANGE, routingKey, content, {
      messageId,
      contentType: 'application/json',
      persistent: true,
    });
  }

  /** Publishes a notification as the outbox publisher does (the same messageId again is a redelivery). */
  function deliver(messageId: string, body: Record<string, string>): void {
    publish(`${body.objekttype}.${body.livscykluskode}`, Buffer.from(JSON.stringify(body)), messageId);
  }

  function notification(objekttype: string, livscykluskode: string, uuid = randomUUID()) {
    return { uuid, objekttype, livscykluskode, registreringstid: '2026-01-05T08:00:00.000Z', tenant: '' };
  }

  async function instancesWithBusinessKey(uuid: string): Promise<string[]> {
    const list = await apps.engine.get(`/engine-rest/process-instance?businessKey=${uuid}`);
    return (list.body as Array<{ id: string }>).map((instance) => instance.id);
  }

  async function tasksOf(instanceId: string): Promise<string[]> {
    const list = await apps.engine.get(`/engine-rest/task?processInstanceId=${instanceId}`);
    return (list.body as Array<{ taskDefinitionKey: string }>).map((task) => task.taskDefinitionKey);
  }

  /**
   * Delivers a fresh facet notification and waits for the instance it starts: the consumer takes one message at a
   * time in queue order, so everything delivered before it has been settled by then (acknowledged, not held).
   */
  async function afterEverythingDelivered(): Promise<void> {
    const { uuid, ...rest } = notification('facet', 'Opstaaet');
    deliver(`sentinel-${uuid}`, { uuid, ...rest });
    await until('the reactions to be handled', async () =>
      (await instancesWithBusinessKey(uuid)).length > 0 ? true : undefined,
    );
  }

  /** Takes everything on the dead-letter queue now into `deadLetters`; answers those with this messageId. */
  async function drainDeadLetters(messageId: string): Promise<GetMessage[]> {
    for (;;) {
      const message = await channel.get(DEAD_LETTER_QUEUE, { noAck: true });
      if (message === false) break;
      deadLetters.push(message);
    }
    return deadLetters.filter((message) => message.properties.messageId === messageId);
  }

  async function deadLettered(messageId: string): Promise<GetMessage[]> {
    return until(`the dead-lettered message '${messageId}'`, async () => {
      const found = await drainDeadLetters(messageId);
      return found.length > 0 ? found : undefined;
    });
  }

  async function receiptsFor(messageId: string): Promise<number> {
    const [row] = (await apps.servers.dataSource.query(
      `SELECT count(*) AS n FROM lora_reaction_receipts WHERE key LIKE $1`,
      [`lora-notification:${messageId}:%`],
    )) as Array<{ n: string }>;
    return Number(row.n);
  }

  it('dead-letters a notification a reaction was refused for, with the reason, after its other reactions', async () => {
    const body = notification('sag', 'Opstaaet');
    deliver('refused-1', body);

    const [dead] = await deadLettered('refused-1');
    expect(JSON.parse(dead.content.toString('utf8'))).toEqual(body);
    expect(dead.properties.deliveryMode).toBe(2);
    expect(dead.properties.headers?.[DEAD_LETTER_SOURCE_HEADER]).toBe(REACTIONS_QUEUE);
    const reason = String(dead.properties.headers?.[DEAD_LETTER_REASON_HEADER]);
    expect(reason).toContain(`sag.Opstaaet ${body.uuid}`);
    expect(reason).toContain(`starting process '${NOT_DEPLOYED}' was refused`);
    expect(reason).toContain(`No matching process definition with key: ${NOT_DEPLOYED}`);
    // The reaction after the refused one was done.
    expect(await instancesWithBusinessKey(body.uuid)).toHaveLength(1);

    // Acknowledged once dead-lettered: not delivered again, so not dead-lettered twice.
    await afterEverythingDelivered();
    expect(await drainDeadLetters('refused-1')).toHaveLength(1);
  }, 60_000);

  it('dead-letters a message that is not a LoRA notification instead of dropping it', async () => {
    publish('klasse.Rettet', Buffer.from('{"uuid": "not a notification"}'), 'garbage-1');
    const [dead] = await deadLettered('garbage-1');
    expect(dead.content.toString('utf8')).toBe('{"uuid": "not a notification"}');
    expect(String(dead.properties.headers?.[DEAD_LETTER_REASON_HEADER])).toMatch(
      /^Not a LoRA notification \(routing key 'klasse\.Rettet'\)/,
    );
  }, 60_000);

  it('correlates to every instance waiting with the uuid as business key', async () => {
    const uuid = randomUUID();
    const started = await Promise.all(
      [1, 2].map(() =>
        apps.engine
          .post('/engine-rest/process-definition/key/lora-failures-klasse/start')
          .send({ businessKey: uuid }),
      ),
    );
    const ids = started.map((response) => (response.body as { id: string }).id);
    deliver('all-1', notification('klasse', 'Rettet', uuid));
    for (const id of ids) {
      const tasks = await until('the instance to move on', async () => {
        const found = await tasksOf(id);
        return found.length > 0 ? found : undefined;
      });
      expect(tasks).toEqual(['gennemse']);
    }
    expect(await receiptsFor('all-1')).toBe(1);
  }, 60_000);

  it('leaves no receipt when the correlation fails in its transaction, and the redelivery correlates once', async () => {
    const uuid = randomUUID();
    const started = await apps.engine
      .post('/engine-rest/process-definition/key/lora-failures-klasse/start')
      .send({ businessKey: uuid });
    const instanceId = (started.body as { id: string }).id;
    // The database refuses the instance's update (the correlation's own write) while the trigger exists; a
    // sequence, which no rollback undoes, counts the attempts.
    const db = apps.servers.dataSource;
    await db.query(`CREATE SEQUENCE correlation_attempts`);
    await db.query(
      `CREATE FUNCTION refuse_correlation() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN PERFORM nextval('correlation_attempts'); RAISE EXCEPTION 'the correlation fails on purpose'; END $$`,
    );
    await db.query(
      `CREATE TRIGGER refuse_correlation BEFORE UPDATE ON process_instances FOR EACH ROW
       WHEN (NEW.business_key = '${uuid}') EXECUTE FUNCTION refuse_correlation()`,
    );
    const attempts = async () =>
      Number(
        (
          (await db.query(
            `SELECT CASE WHEN is_called THEN last_value ELSE 0 END AS n FROM correlation_attempts`,
          )) as Array<{
            n: string;
          }>
        )[0].n,
      );

    deliver('failing-1', notification('klasse', 'Rettet', uuid));
    // Failed, requeued, delivered again and failed again: nothing was left behind either time.
    await until('a second attempt', async () => ((await attempts()) >= 2 ? true : undefined));
    expect(await receiptsFor('failing-1')).toBe(0);
    expect(await tasksOf(instanceId)).toEqual([]);

    await db.query(`DROP TRIGGER refuse_correlation ON process_instances`);
    expect(
      await until('the redelivery to correlate', async () => {
        const tasks = await tasksOf(instanceId);
        return tasks.length > 0 ? tasks : undefined;
      }),
    ).toEqual(['gennemse']);
    expect(await receiptsFor('failing-1')).toBe(1);

    // Delivered once more (a lost acknowledgement): the receipt answers, nothing is correlated again.
    deliver('failing-1', notification('klasse', 'Rettet', uuid));
    await afterEverythingDelivered();
    expect(await receiptsFor('failing-1')).toBe(1);
    expect(await tasksOf(instanceId)).toEqual(['gennemse']);
    expect(await drainDeadLetters('failing-1')).toEqual([]);
  }, 60_000);

  it('undoes the correlation when its receipt cannot commit: the message starts one instance, not one per attempt', async () => {
    const uuid = randomUUID();
    // The receipt's transaction fails at COMMIT — after the correlation ran in it — while the trigger exists.
    const db = apps.servers.dataSource;
    await db.query(`CREATE SEQUENCE commit_attempts`);
    await db.query(
      `CREATE FUNCTION refuse_receipt() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN PERFORM nextval('commit_attempts'); RAISE EXCEPTION 'the commit fails on purpose'; END $$`,
    );
    await db.query(
      `CREATE CONSTRAINT TRIGGER refuse_receipt AFTER INSERT ON lora_reaction_receipts
       DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
       WHEN (NEW.key LIKE 'lora-notification:failing-commit-1:%') EXECUTE FUNCTION refuse_receipt()`,
    );
    const attempts = async () =>
      Number(
        (
          (await db.query(
            `SELECT CASE WHEN is_called THEN last_value ELSE 0 END AS n FROM commit_attempts`,
          )) as Array<{ n: string }>
        )[0].n,
      );

    deliver('failing-commit-1', notification('klasse', 'Importeret', uuid));
    await until('a second attempt', async () => ((await attempts()) >= 2 ? true : undefined));
    expect(await instancesWithBusinessKey(uuid)).toEqual([]);

    await db.query(`DROP TRIGGER refuse_receipt ON lora_reaction_receipts`);
    await until('the redelivery to start the instance', async () =>
      (await instancesWithBusinessKey(uuid)).length > 0 ? true : undefined,
    );
    await afterEverythingDelivered();
    expect(await instancesWithBusinessKey(uuid)).toHaveLength(1);
    expect(await receiptsFor('failing-commit-1')).toBe(1);
  }, 60_000);
});
