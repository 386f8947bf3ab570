import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { connect } from 'amqplib';
import { randomBytes } from 'node:crypto';
import {
  AmqpLoraNotificationBroker,
  LoraNotificationPublisher,
  LoraObjectService,
  LoraRegistrationStore,
  loraObjectTypeAt,
  type LoraScope,
} from '#lora';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { loraFixture } from './lora-comparison.js';

const AMQP_URL = 'amqp://guest:guest@127.0.0.1:5672';
const EXCHANGE = `kf-test.lora-retention.${randomBytes(4).toString('hex')}`;
const RETENTION_MS = 60_000;

describe('LoRA notification outbox: published notifications are deleted after the retention', () => {
  let db: TestDatabase;
  let service: LoraObjectService;
  let scope: LoraScope;

  beforeAll(async () => {
    db = await createTestDatabase();
    service = new LoraObjectService(new LoraRegistrationStore(db.dataSource));
    const klasse = loraObjectTypeAt('klassifikation', 'klasse');
    if (!klasse) throw new Error('no klasse type');
    scope = { tenantId: 'aarhus', type: klasse };
  });

  afterAll(async () => {
    await db?.drop();
    const rabbit = await connect(AMQP_URL);
    const channel = await rabbit.createChannel();
    await channel.deleteExchange(EXCHANGE);
    await rabbit.close();
  });

  const publisherWith = (options: { cleanupIntervalMs?: number } = {}) =>
    new LoraNotificationPublisher(
      db.dataSource,
      new AmqpLoraNotificationBroker({ url: AMQP_URL, exchange: EXCHANGE }),
      {
        retentionMs: RETENTION_MS,
        cleanupBatchSize: 2,
        pollIntervalMs: 50,
        ...options,
      },
    );

  async function createKlasser(count: number): Promise<void> {
    for (let i = 0; i < count; i += 1) {
      await service.create(scope, loraFixture('klasse_opret.json'), { brugerref: 'test' });
    }
  }

  /** The outbox as (published?, expired?) counts. */
  async function outbox(): Promise<{ unpublished: number; published: number }> {
    const [row] = (await db.dataSource.query(
      `SELECT count(*) FILTER (WHERE published_at IS NULL)::int AS unpublished,
              count(*) FILTER (WHERE published_at IS NOT NULL)::int AS published FROM lora_notifications`,
    )) as Array<{ unpublished: number; published: number }>;
    return row;
  }

  /** Makes the oldest `count` published notifications look published longer ago than the retention. */
  async function age(count: number): Promise<void> {
    await db.dataSource.query(
      `UPDATE lora_notifications SET published_at = published_at - interval '2 minutes'
       WHERE id IN (SELECT id FROM lora_notifications WHERE published_at IS NOT NULL ORDER BY id LIMIT $1)`,
      [count],
    );
  }

  it('deletes those published before the retention, in batches, and never an unpublished one', async () => {
    const publisher = publisherWith();
    await createKlasser(5);
    expect(await publisher.publishPending()).toBe(5);
    await age(3);
    await createKlasser(1); // stays unpublished
    await db.dataSource.query(
      `UPDATE lora_notifications SET registered_at = registered_at - interval '30 days' WHERE published_at IS NULL`,
    );

    expect(await publisher.deleteExpired()).toBe(3); // batches of 2: 2, then 1
    expect(await outbox()).toEqual({ unpublished: 1, published: 2 });
    expect(await publisher.deleteExpired()).toBe(0);
    await publisher.stop();
  });

  it('is done by the publisher’s loop, every cleanup interval', async () => {
    const publisher = publisherWith({ cleanupIntervalMs: 100 });
    publisher.start();
    try {
      await createKlasser(2);
      publisher.wake();
      const deadline = Date.now() + 20_000;
      while ((await outbox()).unpublished > 0 && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 50));
      const before = await outbox();
      expect(before.unpublished).toBe(0);
      await age(before.published);
      while ((await outbox()).published > 0 && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 50));
      expect(await outbox()).toEqual({ unpublished: 0, published: 0 });
    } finally {
      await publisher.stop();
    }
  }, 30_000);
});
