import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { connect, type Channel, type ChannelModel } from 'amqplib';
import { randomBytes } from 'node:crypto';
import { createServer, connect as connectTcp, type Server, type Socket } from 'node:net';
import { loadEngineConfig } from '../../apps/engine/src/config/engine-config.js';
import { reactionsDeadLetterQueueOf } from '../../apps/engine/src/config/lora-notification-settings.js';
import { bpmnDocument, chain } from '../support/bpmn-xml.js';
import { deployLikeModeler, startTestApps, type TestApps } from '../api/camunda-rest-client.js';
import { loraFixture } from './lora-comparison.js';

const RABBITMQ = { host: '127.0.0.1', port: 5672 };
const RUN = randomBytes(4).toString('hex');
const EXCHANGE = `kf-test.lora-notifications.${RUN}`;
const REACTIONS_QUEUE = `kf-test.lora-reactions.${RUN}`;
const LISTENER_QUEUE = `kf-test.lora-listener.${RUN}`;

/**
 * A TCP proxy in front of RabbitMQ that the test can cut (server and every connection closed, as when the broker
 * goes away) and open again on the same port, without touching the RabbitMQ other tests share.
 */
class CuttableProxy {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  port = 0;

  async open(): Promise<void> {
    const server = createServer((client) => {
      const upstream = connectTcp(RABBITMQ.port, RABBITMQ.host);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => {
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream);
      upstream.pipe(client);
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as { port: number }).port;
    this.server = server;
  }

  async cut(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    const closed = new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    for (const socket of this.sockets) socket.destroy();
    await closed;
  }
}

/** What a test listener bound to the whole exchange received. */
interface Received {
  routingKey: string;
  messageId: string;
  persistent: boolean;
  body: Record<string, string>;
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const sagOpstaaet = bpmnDocument(
  `<bpmn:startEvent id="start" /><bpmn:userTask id="behandl" name="Behandl sagen" /><bpmn:endEvent id="end" />${chain('start', 'behandl', 'end')}`,
  { id: 'lora-sag-oprettet' },
);
const klasseRettet = bpmnDocument(
  `<bpmn:startEvent id="start" />
   <bpmn:intermediateCatchEvent id="vent"><bpmn:messageEventDefinition messageRef="Msg_rettet" /></bpmn:intermediateCatchEvent>
   <bpmn:userTask id="gennemse" name="Gennemse rettelsen" /><bpmn:endEvent id="end" />${chain('start', 'vent', 'gennemse', 'end')}`,
  { id: 'lora-klasse-opfoelgning', rootElements: '<bpmn:message id="Msg_rettet" name="klasse-rettet" />' },
);

describe('LoRA change notifications through the outbox to RabbitMQ, and the engine reacting', () => {
  const proxy = new CuttableProxy();
  let apps: TestApps;
  let rabbit: ChannelModel;
  let listener: Channel;
  const received: Received[] = [];

  beforeAll(async () => {
    await proxy.open();
    rabbit = await connect(`amqp://guest:guest@${RABBITMQ.host}:${RABBITMQ.port}`);
    listener = await rabbit.createChannel();
    await listener.assertExchange(EXCHANGE, 'topic', { durable: true });
    await listener.assertQueue(LISTENER_QUEUE, { durable: false });
    await listener.bindQueue(LISTENER_QUEUE, EXCHANGE, '#');
    await listener.consume(
      LISTENER_QUEUE,
      (delivery) => {
        if (!delivery) return;
        received.push({
          routingKey: delivery.fields.routingKey,
          messageId: String(delivery.properties.messageId),
          persistent: delivery.properties.deliveryMode === 2,
          body: JSON.parse(delivery.content.toString('utf8')) as Record<string, string>,
        });
      },
      { noAck: true },
    );
    apps = await startTestApps({
      AMQP_URL: `amqp://guest:guest@127.0.0.1:${proxy.port}`,
      LORA_NOTIFICATIONS_EXCHANGE: EXCHANGE,
      LORA_REACTIONS_QUEUE: REACTIONS_QUEUE,
      LORA_REACTIONS: JSON.stringify([
        { type: 'sag', livscykluskode: 'Opstaaet', startProcess: 'lora-sag-oprettet' },
        { type: 'klasse', livscykluskode: 'Rettet', correlateMessage: 'klasse-rettet' },
      ]),
    });
  }, 60_000);

  afterAll(async () => {
    await apps?.stop();
    await proxy.cut();
    if (listener) {
      await listener.deleteQueue(LISTENER_QUEUE);
      await listener.deleteQueue(REACTIONS_QUEUE);
      await listener.deleteExchange(EXCHANGE);
    }
    await rabbit?.close();
  }, 30_000);

  const unpublished = async () =>
    Number(
      (
        (await apps.servers.dataSource.query(
          `SELECT count(*) AS n FROM lora_notifications WHERE published_at IS NULL`,
        )) as Array<{ n: string }>
      )[0].n,
    );
  const outboxSize = async () =>
    Number(
      (
        (await apps.servers.dataSource.query(`SELECT count(*) AS n FROM lora_notifications`)) as Array<{
          n: string;
        }>
      )[0].n,
    );
  /** Waits until the outbox is drained and the listener has a message for every row of it. */
  const allDelivered = () =>
    until('every notification to arrive', async () => {
      const total = await outboxSize();
      return (await unpublished()) === 0 && received.length >= total ? total : undefined;
    });

  it('publishes every committed write once, persistent, with <type>.<livscykluskode> and the registration', async () => {
    const facet = await apps.engine.post('/lora/klassifikation/facet').send(loraFixture('facet_opret.json'));
    expect(facet.status).toBe(201);
    const uuid = (facet.body as { uuid: string }).uuid;
    expect(
      (
        await apps.engine
          .patch(`/lora/klassifikation/facet/${uuid}`)
          .send(loraFixture('facet_opdater_kun_egenskaber.json'))
      ).status,
    ).toBe(200);
    // A write that changes nothing makes no registration, so no notification.
    expect(
      (
        await apps.engine
          .patch(`/lora/klassifikation/facet/${uuid}`)
          .send(loraFixture('facet_opdater_kun_egenskaber.json'))
      ).status,
    ).toBe(200);
    expect((await apps.engine.delete(`/lora/klassifikation/facet/${uuid}`).send({})).status).toBe(202);

    const total = await allDelivered();
    // A deleted object reads as 410: its registrations, from the store.
    const registrations = (await apps.servers.dataSource.query(
      `SELECT to_char(registered_from AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at
       FROM lora_registrations WHERE uuid = $1 ORDER BY registered_from`,
      [uuid],
    )) as Array<{ at: string }>;

    const forFacet = received.filter((message) => message.body.uuid === uuid);
    expect(forFacet.map((message) => message.routingKey)).toEqual([
      'facet.Opstaaet',
      'facet.Rettet',
      'facet.Slettet',
    ]);
    expect(forFacet.every((message) => message.persistent)).toBe(true);
    expect(forFacet[0].body).toEqual({
      uuid,
      objekttype: 'facet',
      livscykluskode: 'Opstaaet',
      registreringstid: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/),
      tenant: '',
    });
    expect(registrations).toHaveLength(3);
    expect(forFacet.map((message) => message.body.registreringstid)).toEqual(
      registrations.map((registration) => registration.at),
    );
    // Once each: as many distinct message ids as outbox rows, and no more messages than rows.
    expect(new Set(received.map((message) => message.messageId)).size).toBe(total);
    expect(received).toHaveLength(total);
  }, 60_000);

  it('keeps the notifications while the broker is unreachable and delivers every one when it is back', async () => {
    const before = received.length;
    const create = async () => {
      const response = await apps.engine
        .post('/lora/klassifikation/klasse')
        .send(loraFixture('klasse_opret.json'));
      expect(response.status).toBe(201);
      return (response.body as { uuid: string }).uuid;
    };
    const uuids = [await create(), await create()];
    await proxy.cut();
    for (let i = 0; i < 5; i += 1) uuids.push(await create());
    // Nothing reaches the broker now: they wait in the outbox, committed with their writes.
    expect(await unpublished()).toBeGreaterThan(0);
    await proxy.open();
    for (let i = 0; i < 2; i += 1) uuids.push(await create());

    const total = await allDelivered();
    const arrived = received.slice(before).map((message) => message.body.uuid);
    expect(new Set(arrived)).toEqual(new Set(uuids));
    expect(new Set(received.map((message) => message.messageId)).size).toBe(total);
  }, 60_000);

  it('starts the mapped process when a sag is created through the LoRA API', async () => {
    expect((await deployLikeModeler(apps.designer, 'lora-sag-oprettet.bpmn', sagOpstaaet)).status).toBe(200);
    const sag = await apps.engine.post('/lora/sag/sag').send(loraFixture('sag_opret.json'));
    expect(sag.status).toBe(201);
    const uuid = (sag.body as { uuid: string }).uuid;

    const [instance] = await until('the started instance', async () => {
      const list = await apps.engine.get(`/engine-rest/process-instance?businessKey=${uuid}`);
      return (list.body as unknown[]).length > 0
        ? (list.body as Array<{ id: string; definitionId: string }>)
        : undefined;
    });
    const variables = await apps.engine.get(`/engine-rest/process-instance/${instance.id}/variables`);
    expect(variables.body).toMatchObject({
      loraUuid: { value: uuid, type: 'String' },
      loraType: { value: 'sag', type: 'String' },
      loraLivscykluskode: { value: 'Opstaaet', type: 'String' },
    });
    const tasks = await apps.engine.get(`/engine-rest/task?processInstanceId=${instance.id}`);
    expect(
      (tasks.body as Array<{ taskDefinitionKey: string }>).map((task) => task.taskDefinitionKey),
    ).toEqual(['behandl']);
  }, 60_000);

  it('correlates the mapped message to the instance whose business key is the changed klasse', async () => {
    expect((await deployLikeModeler(apps.designer, 'lora-klasse.bpmn', klasseRettet)).status).toBe(200);
    const klasse = await apps.engine
      .post('/lora/klassifikation/klasse')
      .send(loraFixture('klasse_opret.json'));
    const uuid = (klasse.body as { uuid: string }).uuid;
    const started = await apps.engine
      .post('/engine-rest/process-definition/key/lora-klasse-opfoelgning/start')
      .send({ businessKey: uuid });
    expect(started.status).toBe(200);
    const instanceId = (started.body as { id: string }).id;

    expect(
      (
        await apps.engine
          .patch(`/lora/klassifikation/klasse/${uuid}`)
          .send(loraFixture('klasse_opdater.json'))
      ).status,
    ).toBe(200);
    const tasks = await until('the instance to move past the message', async () => {
      const list = await apps.engine.get(`/engine-rest/task?processInstanceId=${instanceId}`);
      return (list.body as unknown[]).length > 0
        ? (list.body as Array<{ taskDefinitionKey: string }>)
        : undefined;
    });
    expect(tasks.map((task) => task.taskDefinitionKey)).toEqual(['gennemse']);
  }, 60_000);
});

describe('LoRA notifications: configuration', () => {
  it('defaults the exchange, needs AMQP_URL for reactions, and names every wrong reaction', () => {
    expect(loadEngineConfig({ AUTH: 'off' }).loraNotifications).toEqual({
      amqpUrl: undefined,
      exchange: 'lora.notifications',
      reactions: [],
      reactionsQueue: 'kommune-flow.lora-reactions',
      retentionMs: 7 * 24 * 60 * 60 * 1000,
    });
    expect(
      loadEngineConfig({ AUTH: 'off', LORA_NOTIFICATIONS_RETENTION_DAYS: '0.5' }).loraNotifications
        .retentionMs,
    ).toBe(12 * 60 * 60 * 1000);
    expect(reactionsDeadLetterQueueOf(loadEngineConfig({ AUTH: 'off' }).loraNotifications)).toBe(
      'kommune-flow.lora-reactions.dlq',
    );
    expect(
      reactionsDeadLetterQueueOf(
        loadEngineConfig({ AUTH: 'off', LORA_REACTIONS_DEAD_LETTER_QUEUE: 'lora.refused' }).loraNotifications,
      ),
    ).toBe('lora.refused');
    expect(() => loadEngineConfig({ AUTH: 'off', LORA_REACTIONS_DEAD_LETTER_QUEUE: 'amq.refused' })).toThrow(
      /LORA_REACTIONS_DEAD_LETTER_QUEUE/,
    );
    expect(() => loadEngineConfig({ AUTH: 'off', LORA_NOTIFICATIONS_RETENTION_DAYS: 'a week' })).toThrow(
      /LORA_NOTIFICATIONS_RETENTION_DAYS/,
    );
    const reactions = [{ type: 'sag', livscykluskode: 'Opstaaet', startProcess: 'sag-oprettet' }];
    expect(() => loadEngineConfig({ AUTH: 'off', LORA_REACTIONS: JSON.stringify(reactions) })).toThrow(
      /LORA_REACTIONS: expected AMQP_URL set too/,
    );
    expect(() =>
      loadEngineConfig({
        AUTH: 'off',
        AMQP_URL: 'http://guest:hemmelig@rabbit',
        LORA_REACTIONS: JSON.stringify([
          { type: 'sager', livscykluskode: 'Opstaaet', startProcess: 'x' },
          { type: 'sag', livscykluskode: 'Oprettet', startProcess: 'x' },
          { type: 'sag', livscykluskode: 'Rettet', startProcess: 'x', correlateMessage: 'y' },
        ]),
      }),
    ).toThrow(
      /AMQP_URL[^\n]*\*\*\*[\s\S]*entry 0: type "sager"[\s\S]*entry 1: livscykluskode "Oprettet"[\s\S]*entry 2: it needs exactly one/,
    );
  });
});
