import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { HistoryCleanup } from '../../apps/engine/src/runtime/history-cleanup.js';
import { bpmnDocument, chain } from '../support/bpmn-xml.js';
import { RuntimeHarness } from './runtime-harness.js';

let h: RuntimeHarness;

beforeAll(async () => {
  h = await RuntimeHarness.create();
  const model = (id: string, ttl: string) =>
    bpmnDocument(`<bpmn:startEvent id="start" /><bpmn:endEvent id="end" />${chain('start', 'end')}`, {
      id,
    }).replace(
      `id="${id}" isExecutable="true"`,
      `id="${id}" isExecutable="true" camunda:historyTimeToLive="${ttl}"`,
    );
  await h.deploy('short.bpmn', model('shortLived', '1'));
  await h.deploy('long.bpmn', model('longLived', 'P30D'));
});

afterAll(async () => {
  await h.close();
});

describe('history cleanup', () => {
  it('removes exactly the history whose time to live has passed, in batches', async () => {
    const short = await Promise.all(Array.from({ length: 5 }, () => h.start('shortLived')));
    const long = await h.start('longLived');
    const cleanup = new HistoryCleanup(h.database.dataSource, {
      batchSize: 2,
      intervalMs: 60_000,
      defaultTimeToLiveDays: null,
    });

    expect(await cleanup.runOnce(new Date())).toBe(0);
    const twoDaysLater = new Date(Date.now() + 2 * 86_400_000);
    expect(await cleanup.runOnce(twoDaysLater)).toBe(5);

    const left = await h.query<{ id: string }>(
      `SELECT id FROM history_process_instances WHERE id = ANY($1)`,
      [[...short, long]],
    );
    expect(left.map((row) => row.id)).toEqual([long]);
    expect(
      await h.query(`SELECT id FROM history_activity_instances WHERE process_instance_id = ANY($1)`, [short]),
    ).toEqual([]);
    expect(
      (await h.query(`SELECT id FROM history_activity_instances WHERE process_instance_id = $1`, [long]))
        .length,
    ).toBe(3);

    const monthsLater = new Date(Date.now() + 31 * 86_400_000);
    expect(await cleanup.runOnce(monthsLater)).toBe(1);
  });
});
