import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { bpmnDocument, chain } from '../support/bpmn-xml.js';
import { RuntimeHarness, TEST_REDIS_URL } from './runtime-harness.js';

/**
 * Job workers in processes of their own, on real PostgreSQL and Redis: killed with SIGKILL in the middle of a load,
 * restarted, run side by side. Instances are started from this process, whose runtime only dispatches.
 */
const queue = `kf-crash-${randomBytes(4).toString('hex')}`;
const workerScript = fileURLToPath(new URL('./worker-process.ts', import.meta.url));
let h: RuntimeHarness;
const workers: ChildProcess[] = [];

function startWorker(workerId: string, slowMs = 20, lockMs = 1500): Promise<ChildProcess> {
  const child = fork(workerScript, [], {
    execArgv: ['--import', 'tsx'],
    env: {
      ...process.env,
      TEST_SCHEMA: h.database.schema,
      TEST_QUEUE: queue,
      TEST_REDIS_URL,
      WORKER_ID: workerId,
      LOCK_MS: String(lockMs),
      SLOW_MS: String(slowMs),
    },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  workers.push(child);
  return new Promise((resolve, reject) => {
    child.once('message', () => resolve(child));
    child.once('exit', (code) => reject(new Error(`worker ${workerId} exited with ${code}`)));
  });
}

async function stopAll(): Promise<void> {
  await Promise.all(
    workers.splice(0).map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
        }),
    ),
  );
}

async function statuses(ids: string[], timeoutMs: number): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const rows = await h.query<{ status: string }>(
      `SELECT status FROM process_instances WHERE id = ANY($1)`,
      [ids],
    );
    const found = rows.map((row) => row.status);
    if (
      (found.length === ids.length && found.every((status) => status === 'completed')) ||
      Date.now() > deadline
    )
      return found;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Every instance completed its connector task exactly once (whatever the workers went through). */
async function completedOncePerInstance(ids: string[]): Promise<void> {
  const rows = await h.query<{ process_instance_id: string; count: string }>(
    `SELECT process_instance_id, count(*) FROM history_activity_instances
     WHERE process_instance_id = ANY($1) AND activity_id = 'call' AND state = 'completed' GROUP BY process_instance_id`,
    [ids],
  );
  expect(rows).toHaveLength(ids.length);
  expect(rows.every((row) => Number(row.count) === 1)).toBe(true);
  expect(await h.query(`SELECT id FROM jobs WHERE process_instance_id = ANY($1)`, [ids])).toEqual([]);
}

beforeAll(async () => {
  // This process's runtime dispatches to Bull but runs no job: the worker processes do.
  h = await RuntimeHarness.create({ bullQueue: queue, startWorkers: false });
  await h.database.dataSource.query(
    `CREATE TABLE test_connector_calls (job_id text NOT NULL, worker_id text NOT NULL)`,
  );
  await h.deploy(
    'load.bpmn',
    bpmnDocument(
      `<bpmn:startEvent id="start" /><bpmn:serviceTask id="call" camunda:type="external" camunda:topic="connector:record" />
       <bpmn:intermediateCatchEvent id="pause"><bpmn:timerEventDefinition><bpmn:timeDuration>PT0.1S</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
       <bpmn:endEvent id="end" />${chain('start', 'call', 'pause', 'end')}`,
      { id: 'load' },
    ),
  );
  await h.deploy(
    'later.bpmn',
    bpmnDocument(
      `<bpmn:startEvent id="start" />
       <bpmn:intermediateCatchEvent id="wait"><bpmn:timerEventDefinition><bpmn:timeDuration>PT2S</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
       <bpmn:endEvent id="end" />${chain('start', 'wait', 'end')}`,
      { id: 'later' },
    ),
  );
}, 60_000);

afterEach(async () => {
  await stopAll();
}, 60_000);

afterAll(async () => {
  await h.close();
}, 60_000);

describe('crash recovery with job workers in other processes', () => {
  it('two workers on one load run no job twice', async () => {
    // Locks long enough that no job outlives its lock on a busy machine: a recovery would rightly run it again.
    await Promise.all([startWorker('w1', 20, 30_000), startWorker('w2', 20, 30_000)]);
    const ids = await Promise.all(Array.from({ length: 60 }, () => h.start('load')));
    expect(await statuses(ids, 90_000)).toEqual(ids.map(() => 'completed'));
    await completedOncePerInstance(ids);
    const calls = await h.query<{ job_id: string; count: string }>(
      `SELECT job_id, count(*) FROM test_connector_calls GROUP BY job_id HAVING count(*) > 1`,
    );
    expect(calls).toEqual([]);
    // Which worker got which job is up to Bull; that none ran twice is the point.
    const byWorker = await h.query<{ worker_id: string }>(
      `SELECT DISTINCT worker_id FROM test_connector_calls`,
    );
    expect(byWorker.length).toBeGreaterThanOrEqual(1);
  }, 150_000);

  it('a worker killed with SIGKILL in the middle of a load loses nothing: every instance completes exactly once', async () => {
    const [victim] = await Promise.all([startWorker('victim', 150), startWorker('survivor', 150)]);
    const ids = await Promise.all(Array.from({ length: 80 }, () => h.start('load')));
    await new Promise((resolve) => setTimeout(resolve, 400));
    victim.kill('SIGKILL');
    expect(await statuses(ids, 90_000)).toEqual(ids.map(() => 'completed'));
    await completedOncePerInstance(ids);
  }, 150_000);

  it('timers due while no worker ran fire after a restart', async () => {
    const ids = await Promise.all(Array.from({ length: 10 }, () => h.start('later')));
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(
      (
        await h.query<{ status: string }>(`SELECT status FROM process_instances WHERE id = ANY($1)`, [ids])
      ).every((row) => row.status === 'active'),
    ).toBe(true);
    await startWorker('restarted');
    expect(await statuses(ids, 90_000)).toEqual(ids.map(() => 'completed'));
  }, 150_000);
});
