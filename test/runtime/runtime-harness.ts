import Bull from 'bull';
import { typedVariablesOf } from '#bpmn';
import { BullJobDispatcher } from '../../apps/engine/src/runtime/bull-job-dispatcher.js';
import { DeploymentService } from '../../apps/designer-api/src/deployments/deployment.service.js';
import { EngineRuntime, type EngineRuntimeOptions } from '../../apps/engine/src/runtime/engine-runtime.js';
import type { ConnectorInvoker, ConnectorOutcome } from '../../apps/engine/src/runtime/job-runner.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/** Redis for tests: DATABASE 3 of the local server, so flushing it in a test touches nothing else. */
export const TEST_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379/3';

/** Connectors for runtime tests: `connector:<outcome>` job types, every call recorded with its idempotency key. */
export class RecordingConnectors implements ConnectorInvoker {
  readonly calls: Array<{ jobId: string; jobType: string; input: Record<string, unknown> }> = [];
  isConnector(jobType: string): boolean {
    return jobType.startsWith('connector:');
  }
  async invoke(call: {
    jobId: string;
    jobType: string;
    tenantId: string;
    input: Record<string, unknown>;
  }): Promise<ConnectorOutcome> {
    this.calls.push({ jobId: call.jobId, jobType: call.jobType, input: call.input });
    switch (call.jobType) {
      case 'connector:retryable':
        return { ok: false, retryable: true, message: 'the service answered 503' };
      case 'connector:rejects':
        return { ok: false, retryable: false, message: 'case not found', bpmnErrorCode: 'NOT_FOUND' };
      default:
        return { ok: true, output: { calledWith: call.jobId } };
    }
  }
}

/** A migrated schema, the deployment service and a running engine runtime in this process. */
export class RuntimeHarness {
  private constructor(
    readonly database: TestDatabase,
    readonly runtime: EngineRuntime,
    readonly deployments: DeploymentService,
    readonly connectors: RecordingConnectors,
  ) {}

  static async create(
    options: Partial<EngineRuntimeOptions> & { bullQueue?: string; startWorkers?: boolean } = {},
  ): Promise<RuntimeHarness> {
    const database = await createTestDatabase({ poolSize: 8 });
    const connectors = new RecordingConnectors();
    const { bullQueue, startWorkers = true, ...runtimeOptions } = options;
    const externalDispatcher = bullQueue
      ? new BullJobDispatcher(
          new Bull<{ jobId: string }>(bullQueue, TEST_REDIS_URL),
          runtimeOptions.jobConcurrency ?? 4,
        )
      : undefined;
    const runtime = new EngineRuntime(database.dataSource, {
      workerId: 'test-worker',
      jobConcurrency: 4,
      reconcileIntervalMs: 100,
      lockDurationMs: 30_000,
      retryBaseMs: 10,
      defaultRetries: 3,
      connectors,
      ...(externalDispatcher ? { externalDispatcher } : {}),
      ...runtimeOptions,
    });
    if (startWorkers) await runtime.start();
    return new RuntimeHarness(database, runtime, new DeploymentService(database.dataSource), connectors);
  }

  async close(): Promise<void> {
    await this.runtime.stop();
    await this.database.drop();
  }

  async deploy(name: string, xml: string, tenantId = ''): Promise<void> {
    await this.deployments.deploy({ tenantId, name, files: [{ name, content: Buffer.from(xml) }] });
  }

  async start(
    key: string,
    variables: Record<string, unknown> = {},
    options: { tenantId?: string; businessKey?: string } = {},
  ): Promise<string> {
    const tenantId = options.tenantId ?? '';
    const definition = await this.runtime.definitions.latest(this.database.dataSource.manager, tenantId, key);
    if (!definition) throw new Error(`No definition '${key}'`);
    const started = await this.runtime.commands.start({
      tenantId,
      definition,
      variables: typedVariablesOf(variables),
      ...(options.businessKey !== undefined ? { businessKey: options.businessKey } : {}),
    });
    return started.instanceId;
  }

  query<T = Record<string, unknown>>(sql: string, parameters: unknown[] = []): Promise<T[]> {
    return this.database.dataSource.query(sql, parameters) as Promise<T[]>;
  }

  async status(instanceId: string): Promise<string> {
    const [row] = await this.query<{ status: string }>(`SELECT status FROM process_instances WHERE id = $1`, [
      instanceId,
    ]);
    return row?.status ?? 'missing';
  }

  /** Polls until the instance has the status (the job workers run in the background), or fails after a while. */
  async until(instanceId: string, status: string, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      await this.runtime.settled();
      if ((await this.status(instanceId)) === status) return;
      if (Date.now() > deadline)
        throw new Error(`Instance ${instanceId} is ${await this.status(instanceId)}, not ${status}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async waitKey(
    instanceId: string,
    elementId: string,
    table: 'user_tasks' | 'jobs' | 'event_subscriptions',
  ): Promise<string> {
    const [row] = await this.query<{ id: string }>(
      `SELECT id FROM ${table} WHERE process_instance_id = $1 AND element_id = $2`,
      [instanceId, elementId],
    );
    if (!row) throw new Error(`Nothing waits at '${elementId}' in ${table}`);
    return row.id;
  }
}
