import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { connect, type Channel, type ChannelModel } from 'amqplib';
import { randomBytes, randomUUID } from 'node:crypto';
import { bpmnDocument, chain } from '../support/bpmn-xml.js';
import { deployLikeModeler, startTestApps, type TestApps } from '../api/camunda-rest-client.js';

const RUN = randomBytes(4).toString('hex');
const EXCHANGE = `kf-test.lora-redelivery.${RUN}`;
const REACTIONS_QUEUE = `kf-test.lora-redelivery-reactions.${RUN}`;

/** A process a message starts: each correlation of `klasse-rettet-start` is one more instance, so a double shows. */
const startedByMessage = bpmnDocument(
  `<bpmn:startEvent id="start"><bpmn:messageEventDefinition messageRef="Msg_start" /></bpmn:startEvent>
   <bpmn:userTask id="gennemse" name="Gennemse rettelsen" /><bpmn:endEvent id="end" />${chain('start', 'gennemse', 'end')}`,
  {
    id: 'lora-klasse-rettet-start',
    rootElements: '<bpmn:message id="Msg_start" name="klasse-rettet-start" />',
  },
);
/** The same, started by a sag being created (startProcess reactions). */
const sagProcess = bpmnDocument(
  `<bpmn:startEvent id="start" /><bpmn:userTask id="behandl" name="Behandl" /><bpmn:endEvent id="end" />${chain('start', 'behandl', 'end')}`,
  { id: 'lora-sag-redelivery' },
);

describe('LoRA reactions: a notification RabbitMQ delivers twice is reacted to once', () => {
  let apps: TestApps;
  let rabbit: ChannelModel;
  let channel: Channel;

  beforeAll(async () => {
    rabbit = await connect('amqp://guest:guest@127.0.0.1:5672');
    channel = await rabbit.createChannel();
    apps = await startTestApps({
      AMQP_URL: 'amqp://guest:guest@127.0.0.1:5672',
      LORA_NOTIFICATIONS_EXCHANGE: EXCHANGE,
      LORA_REACTIONS_QUEUE: REACTIONS_QUEUE,
      LORA_REACTIONS: JSON.stringify([
        { type: 'klasse', livscykluskode: 'Rettet', correlateMessage: 'klasse-rettet-start' },
        { type: 'sag', livscykluskode: 'Opstaaet', startProcess: 'lora-sag-redelivery' },
      ]),
    });
    expect((await deployLikeModeler(apps.designer, 'start.bpmn', startedByMessage)).status).toBe(200);
    expect((await deployLikeModeler(apps.designer, 'sag.bpmn', sagProcess)).status).toBe(200);
    // Bound as the consumer binds it, so nothing published before the consumer connected is lost.
    await channel.assertExchange(EXCHANGE, 'topic', { durable: true });
    await channel.assertQueue(REACTIONS_QUEUE, { durable: true });
    for (const key of ['klasse.Rettet', 'sag.Opstaaet'])
      await channel.bindQueue(REACTIONS_QUEUE, EXCHANGE, key);
  }, 60_000);

  afterAll(async () => {
    await apps?.stop();
    if (channel) {
      await channel.deleteQueue(REACTIONS_QUEUE);
      await channel.deleteExchange(EXCHANGE);
    }
    await rabbit?.close();
  }, 30_000);

  /** Publishes a notification as the outbox publisher does (same messageId each time: a redelivery). */
  async function deliver(messageId: string, body: Record<string, string>): Promise<void> {
    channel.publish(
      EXCHANGE,
      `${body.objekttype}.${body.livscykluskode}`,
      Buffer.from(JSON.stringify(body)),
      {
        messageId,
        contentType: 'application/json',
        persistent: true,
      },
    );
  }

  async function instancesWithBusinessKey(uuid: string): Promise<string[]> {
    const list = await apps.engine.get(`/engine-rest/process-instance?businessKey=${uuid}`);
    return (list.body as Array<{ id: string }>).map((instance) => instance.id);
  }

  /**
   * Delivers a fresh sag notification and waits for the instance it starts: the consumer handles one message at a
   * time in queue order, so everything delivered before it has been handled by then.
   */
  async function afterEverythingDelivered(): Promise<void> {
    const uuid = randomUUID();
    await deliver(`sentinel-${uuid}`, {
      uuid,
      objekttype: 'sag',
      livscykluskode: 'Opstaaet',
      registreringstid: '2026-01-05T10:00:00.000Z',
      tenant: '',
    });
    const deadline = Date.now() + 30_000;
    while ((await instancesWithBusinessKey(uuid)).length === 0) {
      if (Date.now() > deadline) throw new Error('Timed out waiting for the reactions to be handled');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  it('correlates the message once, whatever RabbitMQ delivers again', async () => {
    const uuid = randomUUID();
    const notification = {
      uuid,
      objekttype: 'klasse',
      livscykluskode: 'Rettet',
      registreringstid: '2026-01-05T08:00:00.000Z',
      tenant: '',
    };
    await deliver('9001', notification);
    await deliver('9001', notification);
    // A later change of the same klasse is another notification: it starts another instance.
    await deliver('9002', { ...notification, registreringstid: '2026-01-05T09:00:00.000Z' });
    await afterEverythingDelivered();
    expect(await instancesWithBusinessKey(uuid)).toHaveLength(2);
  }, 60_000);

  it('starts the mapped process once per notification', async () => {
    const uuid = randomUUID();
    const notification = {
      uuid,
      objekttype: 'sag',
      livscykluskode: 'Opstaaet',
      registreringstid: '2026-01-05T08:00:00.000Z',
      tenant: '',
    };
    await deliver('9101', notification);
    await deliver('9101', notification);
    await afterEverythingDelivered();
    expect(await instancesWithBusinessKey(uuid)).toHaveLength(1);
  }, 60_000);
});
