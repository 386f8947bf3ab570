import { randomBytes } from 'node:crypto';
import { connect as tcpConnect, createServer, type Server, type Socket } from 'node:net';
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
import { AmqpPublishChannels } from './amqp-publish-channels.js';
import {
  beskedfordelerPublishConnector,
  createBeskedfordelerPublishConnector,
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
  await beskedfordelerPublishConnector.close?.();
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

/** A TCP proxy to the broker that counts the connections made through it and can drop them all. */
class CountingProxy {
  readonly server: Server;
  accepted = 0;
  readonly open = new Set<Socket>();

  constructor() {
    this.server = createServer((client) => {
      this.accepted += 1;
      const upstream = tcpConnect(Number(new URL(BROKER).port || 5672), new URL(BROKER).hostname);
      for (const socket of [client, upstream]) {
        socket.on('error', () => {
          client.destroy();
          upstream.destroy();
        });
      }
      this.open.add(client);
      client.on('close', () => {
        this.open.delete(client);
        upstream.destroy();
      });
      client.pipe(upstream).pipe(client);
    });
  }

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const url = new URL(BROKER);
    url.host = `127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return url.toString();
  }

  dropAll(): void {
    for (const socket of this.open) socket.destroy();
  }
}

async function until(done: () => boolean): Promise<void> {
  for (let look = 0; look < 100 && !done(); look += 1)
    await new Promise((resolve) => setTimeout(resolve, 20));
  expect(done()).toBe(true);
}

describe('beskedfordeler-publish keeps one connection per tenant and broker', () => {
  const proxy = new CountingProxy();
  const channels = new AmqpPublishChannels();
  const connector = createBeskedfordelerPublishConnector({ channels });
  const registry = new ConnectorRegistry([connector]);
  let proxiedSecrets: EnvFileSecretResolver;

  beforeAll(async () => {
    proxiedSecrets = new EnvFileSecretResolver({ env: { BF_URL: await proxy.listen() } });
  });
  afterAll(async () => {
    await registry.close();
    proxy.dropAll();
    await new Promise((resolve) => proxy.server.close(resolve));
  });

  const publishFor = (tenantId: string, idempotencyKey: string) =>
    runConnector(
      registry,
      'beskedfordeler-publish',
      letter,
      connectorTestContext({
        connectorId: 'beskedfordeler-publish',
        idempotencyKey,
        tenantId,
        settings,
        secrets: proxiedSecrets,
      }),
    );

  it('publishes of one tenant share a connection; another tenant with the same broker gets its own', async () => {
    await drain();
    const results = await Promise.all(['p-1', 'p-2', 'p-3'].map((key) => publishFor('aarhus', key)));
    expect(results.map((result) => result.status)).toEqual(['completed', 'completed', 'completed']);
    expect(await publishFor('aarhus', 'p-4')).toMatchObject({ status: 'completed' });
    expect(proxy.accepted).toBe(1);
    expect(await publishFor('odense', 'p-5')).toMatchObject({ status: 'completed' });
    expect(proxy.accepted).toBe(2);
    expect(channels.size).toBe(2);
    expect(await drain()).toHaveLength(5);
  });

  it('opens a new connection when the old one dropped, and loses no publish', async () => {
    proxy.dropAll();
    await until(() => channels.size === 0);
    const before = proxy.accepted;
    expect(await publishFor('aarhus', 'p-6')).toMatchObject({ status: 'completed' });
    expect(proxy.accepted).toBe(before + 1);
    expect((await drain()).map((message) => message.messageId)).toHaveLength(1);
  });

  it('closes its connections when the registry closes, and opens one again for a later publish', async () => {
    expect(proxy.open.size).toBeGreaterThan(0);
    await registry.close();
    expect(channels.size).toBe(0);
    await until(() => proxy.open.size === 0);
    expect(await publishFor('aarhus', 'p-7')).toMatchObject({ status: 'completed' });
    expect(channels.size).toBe(1);
    await drain();
  });
});
