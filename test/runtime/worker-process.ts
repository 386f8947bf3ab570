/**
 * An engine job worker as a process of its own, for the crash-recovery tests: it runs the durable runtime's job
 * workers on Bull over a test schema, with a connector that records every call in the schema (so the test can count
 * calls across processes). Configured by environment: TEST_SCHEMA, TEST_QUEUE, WORKER_ID, LOCK_MS, SLOW_MS.
 */
import Bull from 'bull';
import { createStoreDataSource } from '#store';
import { BullJobDispatcher } from '../../apps/engine/src/runtime/bull-job-dispatcher.js';
import { EngineRuntime } from '../../apps/engine/src/runtime/engine-runtime.js';
import { TEST_DATABASE_URL } from '../support/test-database.js';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`worker-process needs ${name}`);
  return value;
};

const workerId = env('WORKER_ID');
const dataSource = createStoreDataSource({
  databaseUrl: TEST_DATABASE_URL,
  schema: env('TEST_SCHEMA'),
  poolSize: 6,
});
await dataSource.initialize();
const slowMs = Number(process.env.SLOW_MS ?? '0');
const runtime = new EngineRuntime(dataSource, {
  workerId,
  jobConcurrency: 6,
  reconcileIntervalMs: 200,
  lockDurationMs: Number(process.env.LOCK_MS ?? '2000'),
  retryBaseMs: 50,
  defaultRetries: 5,
  connectors: {
    isConnector: (jobType) => jobType.startsWith('connector:'),
    invoke: async (call) => {
      await new Promise((resolve) => setTimeout(resolve, slowMs));
      await dataSource.query(`INSERT INTO test_connector_calls (job_id, worker_id) VALUES ($1, $2)`, [
        call.jobId,
        workerId,
      ]);
      return { ok: true, output: { doneBy: workerId } };
    },
  },
  externalDispatcher: new BullJobDispatcher(
    new Bull<{ jobId: string }>(env('TEST_QUEUE'), env('TEST_REDIS_URL')),
    6,
  ),
});
await runtime.start();
process.send?.('ready');
process.on('SIGTERM', () => {
  void runtime
    .stop()
    .then(() => dataSource.destroy())
    .then(() => process.exit(0));
});
