import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { connect, type ChannelModel } from 'amqplib';
import {
  connectorTestContext,
  describeConnectorConformance,
} from '../../conformance/connector-conformance.js';
import { ConnectorRegistry } from '../../registry/connector-registry.js';
import { runConnector } from '../../run/run-connector.js';
import { EnvFileSecretResolver } from '../../tenant/secret-resolver.js';
import {
  beskedfordelerPublishConnector,
  type BeskedfordelerPublishInput,
} from './beskedfordeler-publish.connector.js';
import { parseHaendelsesbesked } from './haendelsesbesked.js';

/** The real RabbitMQ on loopback; a queue of this run's own, deleted after. */
const BROKER = process.env['AMQP_TEST_URL'] ?? 'amqp://guest:guest@127.0.0.1:5672';
const queue = `kf-test-bf-publish-${randomBytes(4).toString('hex')}`;
let admin: ChannelModel;
/** A port where nothing answers AMQP: it accepts and closes at once. */
let silent: Server;

beforeAll(async () => {
  admin = await connect(BROKER);
  const channel = await admin.createChannel();
  await channel.assertQueue(queue, { durable: false, autoDelete: false });
  await channel.close();
  silent = createServer((socket) => socket.destroy());
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
});

afterAll(async () => {
  const channel = await admin.createChannel();
  await channel.deleteQueue(queue);
  await admin.close();
  await new Promise((resolve) => silent.close(resolve));
});

const secrets = new EnvFileSecretResolver({ env: { BF_URL: BROKER } });
const settings = { amqpUrl: { secretRef: 'env:BF_URL' }, exchange: '', routingKey: queue };

const letter: BeskedfordelerPublishInput = {
  beskedtype: 'a3b1c2d4-0000-4000-8000-000000000002',
  objektId: '9d2f3c1e-0000-4000-8000-00000000abcd',
  objektType: 'Sag',
  ansvarligMyndighed: 'urn:oio:cvr-nr:29189846',
  opgaveEmne: '27.24.00',
  handling: 'Afgjort',
};

/** Takes every message now on the queue. */
async function drain(): Promise<Array<{ messageId: string | undefined; body: string }>> {
  const channel = await admin.createChannel();
  const taken: Array<{ messageId: string | undefined; body: string }> = [];
  for (;;) {
    const message = await channel.get(queue, { noAck: true });
    if (message === false) break;
    taken.push({
      messageId: message.properties.messageId as string | undefined,
      body: message.content.toString('utf8'),
    });
  }
  await channel.close();
  return taken;
}

describeConnectorConformance(() => beskedfordelerPublishConnector, {
  valid: [
    { name: 'a full envelope', input: letter },
    { name: 'the fewest fields', input: { beskedtype: letter.beskedtype, objektId: 'sag-1' } },
  ],
  invalid: [
    { name: 'nothing', input: {}, paths: ['$.beskedtype', '$.objektId'] },
    {
      name: 'a KLE that is not an emne',
      input: { ...letter, opgaveEmne: '27.24', ansvarligMyndighed: 'cvr 1' },
      paths: ['$.ansvarligMyndighed', '$.opgaveEmne'],
    },
  ],
  tenant: { settings, secrets, secretValues: [BROKER] },
});

describe('beskedfordeler-publish against RabbitMQ', () => {
  const registry = new ConnectorRegistry([beskedfordelerPublishConnector]);
  const publish = (idempotencyKey: string, tenantSettings: Record<string, unknown> = settings) =>
    runConnector(
      registry,
      'beskedfordeler-publish',
      letter,
      connectorTestContext({
        connectorId: 'beskedfordeler-publish',
        idempotencyKey,
        tenantId: 'aarhus',
        settings: tenantSettings,
        secrets,
      }),
    );

  it('publishes a Haendelsesbesked whose BeskedId is the same on a retry of one job', async () => {
    await drain();
    const first = await publish('instance-3.4');
    const retry = await publish('instance-3.4');
    const other = await publish('instance-3.5');
    expect(first).toEqual(retry);
    expect(other).not.toEqual(first);
    const taken = await drain();
    expect(taken).toHaveLength(3);
    const [published] = taken;
    const besked = parseHaendelsesbesked(published!.body);
    expect(first).toEqual({
      status: 'completed',
      output: { beskedId: besked.beskedId, transaktionsId: besked.transaktionsId },
    });
    expect(published!.messageId).toBe(besked.beskedId);
    expect(besked).toMatchObject({
      beskedtype: letter.beskedtype,
      objekt: { objektId: letter.objektId, opgaveEmne: '27.24.00', handling: 'Afgjort', objektType: 'Sag' },
    });
  });

  it('fails permanently for a missing exchange and retryably for a broker that does not answer', async () => {
    const missing = await publish('instance-4.1', {
      ...settings,
      exchange: `kf-missing-${randomBytes(4).toString('hex')}`,
    });
    expect(missing).toMatchObject({ status: 'failed', failure: { retryable: false } });
    expect(missing.status === 'failed' && missing.failure.message).toContain('has no exchange');
    const port = (silent.address() as AddressInfo).port;
    const unreachable = await runConnector(
      registry,
      'beskedfordeler-publish',
      letter,
      connectorTestContext({
        connectorId: 'beskedfordeler-publish',
        settings: { ...settings, amqpUrl: { secretRef: 'env:BF_SILENT' } },
        secrets: new EnvFileSecretResolver({ env: { BF_SILENT: `amqp://guest:guest@127.0.0.1:${port}` } }),
      }),
    );
    expect(unreachable).toMatchObject({ status: 'failed', failure: { retryable: true } });
    expect(JSON.stringify(unreachable)).not.toContain('guest:guest');
  });

  it('fails permanently, saying what to configure, for a tenant without settings', async () => {
    const result = await publish('instance-5.1', {});
    expect(result).toMatchObject({ status: 'failed', failure: { retryable: false } });
    expect(result.status === 'failed' && result.failure.message).toContain('configure amqpUrl');
  });
});
