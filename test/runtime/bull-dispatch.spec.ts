import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { bpmnDocument, chain } from '../support/bpmn-xml.js';
import { RuntimeHarness, TEST_REDIS_URL } from './runtime-harness.js';

let h: RuntimeHarness;

beforeAll(async () => {
  h = await RuntimeHarness.create({
    bullQueue: `kf-test-${randomBytes(4).toString('hex')}`,
    reconcileIntervalMs: 200,
  });
  await h.deploy(
    'work.bpmn',
    bpmnDocument(
      `<bpmn:startEvent id="start" /><bpmn:serviceTask id="call" camunda:type="external" camunda:topic="connector:ok" />
       <bpmn:intermediateCatchEvent id="pause"><bpmn:timerEventDefinition><bpmn:timeDuration>PT0.2S</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
       <bpmn:endEvent id="end" />${chain('start', 'call', 'pause', 'end')}`,
      { id: 'work' },
    ),
  );
});

afterAll(async () => {
  await h.close();
});

async function allCompleted(ids: string[], timeoutMs = 20_000): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const rows = await h.query<{ status: string }>(
      `SELECT status FROM process_instances WHERE id = ANY($1)`,
      [ids],
    );
    const statuses = rows.map((row) => row.status);
    if (statuses.every((status) => status === 'completed') || Date.now() > deadline) return statuses;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('jobs through Bull on Redis', () => {
  it('runs connector calls and timers of many instances, each exactly once', async () => {
    const ids = await Promise.all(Array.from({ length: 20 }, () => h.start('work')));
    expect(await allCompleted(ids)).toEqual(ids.map(() => 'completed'));
    for (const id of ids) {
      expect(h.connectors.calls.filter((call) => call.jobId.startsWith(`${id}.`))).toHaveLength(1);
    }
    expect(await h.query(`SELECT id FROM jobs WHERE process_instance_id = ANY($1)`, [ids])).toEqual([]);
  }, 30_000);

  it('loses nothing when Redis forgets everything in the middle of a run', async () => {
    const ids = await Promise.all(Array.from({ length: 20 }, () => h.start('work')));
    const redis = new Redis(TEST_REDIS_URL);
    await redis.flushdb();
    await redis.quit();
    const statuses = await allCompleted(ids);
    expect(statuses).toEqual(ids.map(() => 'completed'));
    for (const id of ids) {
      expect(h.connectors.calls.filter((call) => call.jobId.startsWith(`${id}.`))).toHaveLength(1);
    }
  }, 30_000);
});
