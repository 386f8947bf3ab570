import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { connect as amqpConnect, type Channel, type ChannelModel } from 'amqplib';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect as tcpConnect, createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEAD_LETTER_REASON_HEADER, haendelsesbeskedXml } from '#adapters';
import { BeskedfordelerConsumers } from '../../apps/engine/src/beskedfordeler/beskedfordeler-consumers.service.js';
import { BeskedfordelerMessageCleanup } from '../../apps/engine/src/beskedfordeler/beskedfordeler-message-cleanup.js';
import { bpmnDocument, chain } from '../support/bpmn-xml.js';
import { deployLikeModeler, startTestApps, type Http, type TestApps } from './camunda-rest-client.js';

/**
 * The Beskedfordeler through the running engine, on the real RabbitMQ: Haendelsesbeskeder on the tenant's queue
 * start the mapped process once per BeskedId, poison messages land in the dead-letter queue with the reason, a
 * process publishes an envelope (connector:beskedfordeler-publish) that comes back and is correlated to it, and the
 * broker connection cut under the consumer (a TCP proxy in between) loses and duplicates nothing.
 */

const BROKER = 'amqp://guest:guest@127.0.0.1:5672';
const FLYTNING = 'a3b1c2d4-0000-4000-8000-000000000001';
const KVITTERING = 'a3b1c2d4-0000-4000-8000-000000000002';
/** Correlated to a process that may not wait yet when it arrives. */
const SENERE = 'a3b1c2d4-0000-4000-8000-000000000003';
const run = randomBytes(4).toString('hex');
const queue = `kf-test-bf-${run}`;
const deadLetters = `${queue}.dlq`;

/** A TCP proxy to the broker that can be cut (every connection dropped, the port closed) and reopened on its port. */
class CuttableProxy {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  port = 0;

  async open(): Promise<void> {
    const server = createServer((client) => {
      const upstream = tcpConnect(5672, '127.0.0.1');
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => {
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  async cut(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    const closed = new Promise((resolve) => server?.close(resolve));
    for (const socket of this.sockets) socket.destroy();
    await closed;
  }
}

const proxy = new CuttableProxy();
let admin: ChannelModel;
let channel: Channel;
let directory: string;
let apps: TestApps;
let engine: Http;

const flytning = bpmnDocument(
  `<bpmn:startEvent id="received" /><bpmn:endEvent id="done" />${chain('received', 'done')}`,
  { id: 'bf-flytning', dialect: 'camunda8' },
);

const afgoerelse = bpmnDocument(
  `<bpmn:startEvent id="start" />
   <bpmn:serviceTask id="announce">
     <bpmn:extensionElements>
       <zeebe:taskDefinition type="connector:beskedfordeler-publish" />
       <zeebe:ioMapping>
         <zeebe:input source="=&quot;${KVITTERING}&quot;" target="beskedtype" />
         <zeebe:input source="=sagId" target="objektId" />
         <zeebe:input source="=&quot;32.01.01&quot;" target="opgaveEmne" />
       </zeebe:ioMapping>
     </bpmn:extensionElements>
   </bpmn:serviceTask>
   <bpmn:intermediateCatchEvent id="kvittering"><bpmn:messageEventDefinition messageRef="kvitteringMessage" /></bpmn:intermediateCatchEvent>
   <bpmn:endEvent id="end" />
   ${chain('start', 'announce', 'kvittering', 'end')}`,
  {
    id: 'bf-afgoerelse',
    dialect: 'camunda8',
    rootElements:
      '<bpmn:message id="kvitteringMessage" name="bf-kvittering"><bpmn:extensionElements><zeebe:subscription correlationKey="=sagId" /></bpmn:extensionElements></bpmn:message>',
  },
);

const senere = bpmnDocument(
  `<bpmn:startEvent id="start" />
   <bpmn:intermediateCatchEvent id="besked"><bpmn:messageEventDefinition messageRef="senereMessage" /></bpmn:intermediateCatchEvent>
   <bpmn:endEvent id="end" />
   ${chain('start', 'besked', 'end')}`,
  {
    id: 'bf-senere',
    dialect: 'camunda8',
    rootElements:
      '<bpmn:message id="senereMessage" name="bf-senere"><bpmn:extensionElements><zeebe:subscription correlationKey="=sagId" /></bpmn:extensionElements></bpmn:message>',
  },
);

function envelope(
  beskedId: string,
  objektId: string,
  opgaveEmne = '27.24.00',
  beskedtype = FLYTNING,
): Buffer {
  return Buffer.from(
    haendelsesbeskedXml({
      beskedId,
      beskedtype,
      transaktionsId: randomUUID(),
      transaktionsTid: new Date(),
      objektId,
      objektType: 'Person',
      opgaveEmne,
      handling: 'Flyttet',
    }),
  );
}

function send(body: Buffer): void {
  channel.sendToQueue(queue, body, { persistent: true, contentType: 'application/xml' });
}

/** Instances of bf-flytning per business key (the envelope's ObjektId). */
async function instancesByObjekt(): Promise<Map<string, number>> {
  const response = await engine.get(
    '/engine-rest/history/process-instance?processDefinitionKey=bf-flytning&tenantIdIn=aarhus&maxResults=1000',
  );
  expect(response.status).toBe(200);
  const counts = new Map<string, number>();
  for (const instance of response.body as Array<{ businessKey: string }>) {
    counts.set(instance.businessKey, (counts.get(instance.businessKey) ?? 0) + 1);
  }
  return counts;
}

/** Polls until `done` holds; gives up (so the spec ends instead of polling for ever) after 400 looks. */
async function until<T>(probe: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (let look = 0; look < 400; look += 1) {
    const value = await probe();
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('The awaited state was never reached');
}

function consumer() {
  return apps.servers.engine!.get(BeskedfordelerConsumers).running[0]!;
}

beforeAll(async () => {
  admin = await amqpConnect(BROKER);
  channel = await admin.createChannel();
  await channel.assertQueue(queue, { durable: true });
  await proxy.open();
  process.env['KF_SECRET_E2E_BF_AMQP'] = `amqp://guest:guest@127.0.0.1:${proxy.port}`;
  process.env['KF_SECRET_E2E_BF_PUBLISH'] = BROKER;
  directory = mkdtempSync(join(tmpdir(), 'kf-beskedfordeler-e2e-'));
  const settingsFile = join(directory, 'connector-settings.json');
  writeFileSync(
    settingsFile,
    JSON.stringify({
      aarhus: {
        beskedfordeler: {
          amqpUrl: { secretRef: 'env:KF_SECRET_E2E_BF_AMQP' },
          queue,
          unmatchedTimeToLiveHours: 2,
          routes: [
            { beskedtype: FLYTNING, kle: '27.24%', startProcess: 'bf-flytning' },
            {
              beskedtype: KVITTERING,
              kle: '32.01.01',
              correlateMessage: 'bf-kvittering',
              correlationFrom: 'ObjektId',
            },
            { beskedtype: SENERE, correlateMessage: 'bf-senere', correlationFrom: 'ObjektId' },
          ],
        },
        'beskedfordeler-publish': {
          amqpUrl: { secretRef: 'env:KF_SECRET_E2E_BF_PUBLISH' },
          exchange: '',
          routingKey: queue,
        },
      },
    }),
  );
  apps = await startTestApps(
    { RECONCILE_INTERVAL_MS: '200', CONNECTOR_SETTINGS_FILE: settingsFile },
    { logger: ['error'] },
  );
  engine = apps.engine;
  for (const [name, xml] of [
    ['bf-flytning.bpmn', flytning],
    ['bf-afgoerelse.bpmn', afgoerelse],
    ['bf-senere.bpmn', senere],
  ] as const) {
    const deployed = await deployLikeModeler(apps.designer, name, xml, { tenantId: 'aarhus' });
    expect(deployed.status).toBe(200);
  }
}, 60_000);

afterAll(async () => {
  await apps?.stop();
  await proxy.cut();
  await channel?.deleteQueue(queue);
  await channel?.deleteQueue(deadLetters);
  await admin?.close();
  if (directory) rmSync(directory, { recursive: true, force: true });
  delete process.env['KF_SECRET_E2E_BF_AMQP'];
  delete process.env['KF_SECRET_E2E_BF_PUBLISH'];
}, 30_000);

describe('Beskedfordeler through the engine', () => {
  it('starts the mapped process for a Haendelsesbesked, once per BeskedId', async () => {
    const beskedId = randomUUID();
    send(envelope(beskedId, 'objekt-dup'));
    send(envelope(beskedId, 'objekt-dup'));
    send(envelope(randomUUID(), 'objekt-other'));
    const counts = await until(
      instancesByObjekt,
      (seen) => seen.has('objekt-dup') && seen.has('objekt-other'),
    );
    // Both copies are off the queue once handled; only then is the count final.
    await until(
      () => channel.checkQueue(queue),
      (state) => state.messageCount === 0,
    );
    await apps.servers.dataSource.query('SELECT 1');
    expect((await instancesByObjekt()).get('objekt-dup')).toBe(1);
    expect(counts.get('objekt-other')).toBe(1);
    const [recorded] = (await apps.servers.dataSource.query(
      `SELECT handled_as, process_instance_id FROM beskedfordeler_messages WHERE tenant_id = 'aarhus' AND besked_id = $1`,
      [beskedId],
    )) as Array<{ handled_as: string; process_instance_id: string }>;
    expect(recorded).toEqual({ handled_as: 'started', process_instance_id: expect.any(String) });
  }, 30_000);

  it('dead-letters a message it cannot read or route, with the reason, and acknowledges it', async () => {
    send(Buffer.from('<Haendelsesbesked><BeskedId>x'));
    send(envelope(randomUUID(), 'objekt-unrouted', '01.02.03'));
    const reasons: string[] = [];
    const dlq = await admin.createChannel();
    await until(
      async () => {
        const message = await dlq.get(deadLetters, { noAck: true }).catch(() => false as const);
        if (message) reasons.push(String(message.properties.headers?.[DEAD_LETTER_REASON_HEADER]));
        return reasons.length;
      },
      (count) => count === 2,
    );
    await dlq.close();
    expect(reasons.sort()).toEqual([
      `No route for Beskedtype ${FLYTNING} with KLE 01.02.03`,
      expect.stringContaining('is not well-formed XML'),
    ]);
    expect((await instancesByObjekt()).has('objekt-unrouted')).toBe(false);
  }, 30_000);

  it('publishes an envelope from a process and correlates it back to that process by ObjektId', async () => {
    const started = await engine
      .post('/engine-rest/process-definition/key/bf-afgoerelse/tenant-id/aarhus/start')
      .send({ variables: { sagId: { value: 'sag-4711', type: 'String' } } });
    expect(started.status).toBe(200);
    const id = started.body.id as string;
    const ended = await until(
      () => engine.get(`/engine-rest/history/process-instance?processInstanceId=${id}&tenantIdIn=aarhus`),
      (response) => response.body[0]?.state === 'COMPLETED',
    );
    expect(ended.body[0].state).toBe('COMPLETED');
    const variables = await engine.get(
      `/engine-rest/history/variable-instance?processInstanceId=${id}&tenantIdIn=aarhus`,
    );
    const byName = Object.fromEntries(
      (variables.body as Array<{ name: string; value: unknown }>).map((variable) => [
        variable.name,
        variable.value,
      ]),
    );
    expect(byName).toMatchObject({ objektId: 'sag-4711', opgaveEmne: '32.01.01', beskedtype: KVITTERING });
    expect(byName['beskedId']).toEqual(expect.stringMatching(/^[0-9a-f-]{36}$/));
  }, 30_000);

  it('survives the broker connection being cut mid-stream: nothing lost, nothing handled twice', async () => {
    const objekter = Array.from({ length: 40 }, (_, index) => `objekt-cut-${index}`);
    const ids = objekter.map(() => randomUUID());
    objekter.slice(0, 20).forEach((objekt, index) => send(envelope(ids[index]!, objekt)));
    await until(instancesByObjekt, (seen) => objekter.some((objekt) => seen.has(objekt)));
    await proxy.cut();
    // While the broker is out of reach: more messages, and some delivered again (same BeskedId).
    objekter.slice(20).forEach((objekt, index) => send(envelope(ids[20 + index]!, objekt)));
    objekter.slice(0, 5).forEach((objekt, index) => send(envelope(ids[index]!, objekt)));
    await until(
      async () => consumer().consuming,
      (consuming) => !consuming,
    );
    await proxy.open();
    await until(
      async () => consumer().consuming,
      (consuming) => consuming,
    );
    const counts = await until(instancesByObjekt, (seen) => objekter.every((objekt) => seen.has(objekt)));
    await until(
      () => channel.checkQueue(queue),
      (state) => state.messageCount === 0 && state.consumerCount === 1,
    );
    const final = await instancesByObjekt();
    expect(objekter.map((objekt) => final.get(objekt))).toEqual(objekter.map(() => 1));
    expect(counts.size).toBeGreaterThanOrEqual(objekter.length);
  }, 60_000);

  it('keeps a correlation no process waits for yet, acknowledges it, and delivers it once the process waits', async () => {
    const beskedId = randomUUID();
    send(envelope(beskedId, 'sag-senere-1', '27.24.00', SENERE));
    const [recorded] = await until(
      () =>
        apps.servers.dataSource.query(
          `SELECT handled_as, process_instance_id FROM beskedfordeler_messages WHERE tenant_id = 'aarhus' AND besked_id = $1`,
          [beskedId],
        ) as Promise<Array<{ handled_as: string; process_instance_id: string | null }>>,
      (rows) => rows.length === 1,
    );
    expect(recorded).toEqual({ handled_as: 'buffered', process_instance_id: null });
    await until(
      () => channel.checkQueue(queue),
      (state) => state.messageCount === 0,
    );
    const [buffered] = (await apps.servers.dataSource.query(
      `SELECT extract(epoch FROM expires_at - created_at) AS seconds FROM buffered_messages
       WHERE tenant_id = 'aarhus' AND name = 'bf-senere' AND correlation_key = 'sag-senere-1'`,
    )) as Array<{ seconds: string }>;
    expect(Number(buffered!.seconds)).toBeCloseTo(2 * 60 * 60, -1);

    const started = await engine
      .post('/engine-rest/process-definition/key/bf-senere/tenant-id/aarhus/start')
      .send({ variables: { sagId: { value: 'sag-senere-1', type: 'String' } } });
    expect(started.status).toBe(200);
    const ended = await until(
      () =>
        engine.get(
          `/engine-rest/history/process-instance?processInstanceId=${started.body.id as string}&tenantIdIn=aarhus`,
        ),
      (response) => response.body[0]?.state === 'COMPLETED',
    );
    expect(ended.body[0].state).toBe('COMPLETED');
    const left = (await apps.servers.dataSource.query(
      `SELECT 1 FROM buffered_messages WHERE tenant_id = 'aarhus' AND correlation_key = 'sag-senere-1'`,
    )) as unknown[];
    expect(left).toHaveLength(0);
  }, 30_000);

  it('forgets BeskedIds older than the retention in batches, skipping rows an intake holds', async () => {
    const dataSource = apps.servers.dataSource;
    const tag = randomBytes(4).toString('hex');
    const row = (tenant: string, id: string, daysOld: number) =>
      dataSource.query(
        `INSERT INTO beskedfordeler_messages (tenant_id, besked_id, beskedtype, handled_as, received_at)
         VALUES ($1, $2, $3, 'started', now() - ($4::integer * interval '1 day'))`,
        [tenant, `${tag}-${id}`, FLYTNING, daysOld],
      );
    for (const id of ['old-1', 'old-2', 'old-3', 'old-held']) await row('aarhus', id, 40);
    await row('aarhus', 'recent', 3);
    await row(`gone-${tag}`, 'old', 40);
    const remaining = async () =>
      (
        (await dataSource.query(
          `SELECT besked_id FROM beskedfordeler_messages WHERE besked_id LIKE $1 ORDER BY besked_id`,
          [`${tag}-%`],
        )) as Array<{ besked_id: string }>
      ).map((each) => each.besked_id.slice(tag.length + 1));

    // An intake transaction holds one old row (as an insert racing for the same BeskedId would).
    const holder = dataSource.createQueryRunner();
    await holder.startTransaction();
    await holder.query(
      `SELECT 1 FROM beskedfordeler_messages WHERE tenant_id = 'aarhus' AND besked_id = $1 FOR UPDATE`,
      [`${tag}-old-held`],
    );
    const cleanup = new BeskedfordelerMessageCleanup(dataSource, {
      tenants: [{ tenantId: 'aarhus', retentionMs: 30 * 24 * 60 * 60 * 1000 }],
      defaultRetentionMs: 30 * 24 * 60 * 60 * 1000,
      batchSize: 2,
    });
    try {
      expect(await cleanup.removeExpired()).toBeGreaterThanOrEqual(4);
      expect(await remaining()).toEqual(['old-held', 'recent']);
    } finally {
      await holder.commitTransaction();
      await holder.release();
    }
    await cleanup.removeExpired();
    expect(await remaining()).toEqual(['recent']);
    // The engine's own loop runs on this worker node with the tenant's retention.
    expect(apps.servers.engine!.get(BeskedfordelerConsumers).cleanup).toBeDefined();
  }, 30_000);
});
