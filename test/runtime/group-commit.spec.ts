import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { typedVariablesOf } from '#bpmn';
import { HistoryCleanup } from '../../apps/engine/src/runtime/history-cleanup.js';
import { NoSuchDefinitionError } from '../../apps/engine/src/runtime/instance-commands.js';
import { bpmnDocument, chain } from '../support/bpmn-xml.js';
import { RuntimeHarness } from './runtime-harness.js';

/**
 * Starts that arrive together are written together (group commit): one transaction, inserts merged into multi-row
 * inserts. What each caller sees must not change: its own instance, its own refusal, no start lost or doubled.
 */
let harness: RuntimeHarness;

const straight = bpmnDocument(
  `<bpmn:startEvent id="start" /><bpmn:task id="work" /><bpmn:endEvent id="end" />${chain('start', 'work', 'end')}`,
  { id: 'straight' },
);
const waiting = bpmnDocument(
  `<bpmn:startEvent id="start" /><bpmn:userTask id="review" /><bpmn:endEvent id="end" />${chain('start', 'review', 'end')}`,
  { id: 'waiting' },
);

beforeAll(async () => {
  harness = await RuntimeHarness.create();
  await harness.deploy('straight.bpmn', straight);
  await harness.deploy('waiting.bpmn', waiting);
}, 30_000);

afterAll(() => harness.close());

const count = async (sql: string, parameters: unknown[] = []) =>
  Number((await harness.query<{ n: string }>(sql, parameters))[0].n);

describe('starts written together', () => {
  it('gives every one of many concurrent starts its own instance, history and wait', async () => {
    const outcomes = await Promise.all(
      Array.from({ length: 60 }, (_, index) =>
        harness.runtime.commands.start({
          tenantId: '',
          definitionKey: index % 2 === 0 ? 'straight' : 'waiting',
          variables: typedVariablesOf({ index }),
          businessKey: `case-${index}`,
        }),
      ),
    );
    const ids = outcomes.map((outcome) => outcome.instanceId);
    expect(new Set(ids).size).toBe(60);
    expect(outcomes.map((outcome) => outcome.state.status)).toEqual(
      Array.from({ length: 60 }, (_, index) => (index % 2 === 0 ? 'completed' : 'active')),
    );
    expect(await count(`SELECT count(*) AS n FROM process_instances WHERE id = ANY($1)`, [ids])).toBe(60);
    expect(await count(`SELECT count(*) AS n FROM history_process_instances WHERE id = ANY($1)`, [ids])).toBe(
      60,
    );
    expect(
      await count(`SELECT count(*) AS n FROM user_tasks WHERE process_instance_id = ANY($1)`, [ids]),
    ).toBe(30);
    const keys = await harness.query<{ id: string; business_key: string }>(
      `SELECT id, business_key FROM process_instances WHERE id = ANY($1)`,
      [ids],
    );
    for (const row of keys) expect(row.business_key).toBe(`case-${ids.indexOf(row.id)}`);
    const variables = await harness.query<{ process_instance_id: string; value: unknown }>(
      `SELECT process_instance_id, value FROM variables WHERE process_instance_id = ANY($1) AND name = 'index'`,
      [ids.filter((_, index) => index % 2 === 1)],
    );
    for (const row of variables) expect(row.value).toBe(ids.indexOf(row.process_instance_id));
  });

  it('fails only the start that cannot be written, and only the one whose key has no definition', async () => {
    const taken = await harness.start('waiting');
    const settled = await Promise.allSettled([
      harness.runtime.commands.start({ tenantId: '', definitionKey: 'straight' }),
      harness.runtime.commands.start({ tenantId: '', definitionKey: 'straight', instanceId: taken }),
      harness.runtime.commands.start({ tenantId: '', definitionKey: 'no-such-process' }),
      harness.runtime.commands.start({ tenantId: '', definitionKey: 'waiting' }),
      harness.runtime.commands.start({ tenantId: '', definitionKey: 'straight' }),
    ]);
    expect(settled.map((outcome) => outcome.status)).toEqual([
      'fulfilled',
      'rejected',
      'rejected',
      'fulfilled',
      'fulfilled',
    ]);
    expect((settled[1] as PromiseRejectedResult).reason).toMatchObject({ code: '23505' });
    expect((settled[2] as PromiseRejectedResult).reason).toBeInstanceOf(NoSuchDefinitionError);
    expect(await harness.status(taken)).toBe('active');
  });

  it('applies many concurrent commands on distinct instances, each once; a refused one and a second one on an instance alone', async () => {
    const ids = await Promise.all(Array.from({ length: 40 }, () => harness.start('waiting')));
    const tasks = await harness.query<{ id: string; process_instance_id: string }>(
      `SELECT id, process_instance_id FROM user_tasks WHERE process_instance_id = ANY($1)`,
      [ids],
    );
    const taskOf = new Map(tasks.map((task) => [task.process_instance_id, task.id]));
    const complete = (id: string, index: number) =>
      harness.runtime.commands.run('', id, {
        type: 'trigger',
        waitKey: taskOf.get(id) as string,
        variables: typedVariablesOf({ decidedBy: `caseworker-${index}` }),
      });
    const settled = await Promise.allSettled([
      ...ids.map((id, index) => complete(id, index)),
      complete(ids[0], 99), // the same task again: its wait is gone once the first completion is written
      harness.runtime.commands.run('', 'no-such-instance', { type: 'cancel' }),
    ]);
    expect(settled.slice(0, 40).every((outcome) => outcome.status === 'fulfilled')).toBe(true);
    expect(settled[40].status).toBe('rejected');
    expect(settled[41]).toMatchObject({ status: 'rejected', reason: { reason: 'not-found' } });
    const rows = await harness.query<{ id: string; status: string; version: number }>(
      `SELECT id, status, version FROM process_instances WHERE id = ANY($1)`,
      [ids],
    );
    expect(rows.every((row) => row.status === 'completed' && row.version === 2)).toBe(true);
    const decided = await harness.query<{ process_instance_id: string; value: string }>(
      `SELECT process_instance_id, value FROM history_variable_updates WHERE name = 'decidedBy' AND process_instance_id = ANY($1)`,
      [ids],
    );
    expect(decided).toHaveLength(40);
    for (const row of decided) expect(row.value).toBe(`caseworker-${ids.indexOf(row.process_instance_id)}`);
    expect(
      await count(
        `SELECT count(*) AS n FROM history_process_instances WHERE id = ANY($1) AND state = 'completed' AND ended_at IS NOT NULL`,
        [ids],
      ),
    ).toBe(40);
  });

  it('starts one instance for one idempotency key, however many starts carry it at once', async () => {
    const outcomes = await Promise.all(
      Array.from({ length: 12 }, () =>
        harness.runtime.commands.start({
          tenantId: '',
          definitionKey: 'waiting',
          idempotencyKey: 'retry-42',
        }),
      ),
    );
    const ids = new Set(outcomes.map((outcome) => outcome.instanceId));
    expect(ids.size).toBe(1);
    expect(outcomes.filter((outcome) => !outcome.replayed)).toHaveLength(1);
    expect(await count(`SELECT count(*) AS n FROM idempotent_starts WHERE key = 'retry-42'`)).toBe(1);
    const later = await harness.runtime.commands.start({
      tenantId: '',
      definitionKey: 'waiting',
      idempotencyKey: 'retry-42',
    });
    expect(later).toMatchObject({ instanceId: [...ids][0], replayed: true });
    const otherTenant = await harness.runtime.commands
      .start({
        tenantId: 'another',
        definitionKey: 'waiting',
        idempotencyKey: 'retry-42',
      })
      .catch((error: unknown) => error);
    expect(otherTenant).toBeInstanceOf(NoSuchDefinitionError);

    // A day later the key is forgotten: the same key starts a new instance.
    const cleanup = new HistoryCleanup(harness.database.dataSource, {
      batchSize: 10,
      intervalMs: 60_000,
      defaultTimeToLiveDays: null,
    });
    expect(await cleanup.removeExpiredIdempotencyKeys(new Date())).toBe(0);
    expect(await cleanup.removeExpiredIdempotencyKeys(new Date(Date.now() + 25 * 3_600_000))).toBe(1);
    const fresh = await harness.runtime.commands.start({
      tenantId: '',
      definitionKey: 'waiting',
      idempotencyKey: 'retry-42',
    });
    expect(fresh.replayed).toBeUndefined();
    expect(ids.has(fresh.instanceId)).toBe(false);
  });
});
