import { performance } from 'node:perf_hooks';
import { typedVariablesOf } from '#bpmn';
import type { DataSource } from 'typeorm';
import { DeploymentService } from '../../apps/designer-api/src/deployments/deployment.service.js';
import { EngineRuntime } from '../../apps/engine/src/runtime/engine-runtime.js';
import type { RuntimeDefinition } from '../../apps/engine/src/runtime/definition-catalog.js';
import { captureStatements } from './database.js';
import { START_AMOUNT } from './models.js';

/**
 * The durable runtime composed in this process over a bench schema, without HTTP and without Bull (jobs, if any, run
 * in this process): to record the statements one instance writes, and to tell the runtime's own cost from the
 * REST layer's.
 */
export class InProcessRuntime {
  readonly runtime: EngineRuntime;
  private readonly definitions = new Map<string, RuntimeDefinition>();

  constructor(readonly dataSource: DataSource) {
    this.runtime = new EngineRuntime(dataSource, {
      workerId: 'bench-in-process',
      jobConcurrency: 8,
      reconcileIntervalMs: 60_000,
      lockDurationMs: 30_000,
      retryBaseMs: 50,
      defaultRetries: 3,
      connectors: {
        isConnector: (jobType) => jobType.startsWith('connector:'),
        invoke: async () => ({ ok: true, output: {} }),
      },
    });
  }

  async deploy(model: { key: string; xml: string }): Promise<RuntimeDefinition> {
    await new DeploymentService(this.dataSource).deploy({
      tenantId: '',
      name: `${model.key}.bpmn`,
      files: [{ name: `${model.key}.bpmn`, content: Buffer.from(model.xml) }],
    });
    const definition = await this.runtime.definitions.latest(this.dataSource.manager, '', model.key);
    if (!definition) throw new Error(`${model.key} did not deploy`);
    this.definitions.set(model.key, definition);
    return definition;
  }

  /** Starts one instance as the REST start does: the latest definition of the key, then the start command. */
  async start(key: string): Promise<{ instanceId: string; status: string }> {
    const outcome = await this.runtime.commands.start({
      tenantId: '',
      definitionKey: key,
      variables: typedVariablesOf({ amount: START_AMOUNT }),
    });
    return { instanceId: outcome.instanceId, status: outcome.state.status };
  }

  /**
   * Every statement one instance sends to PostgreSQL from its start until it has settled (its jobs run here, as
   * the job workers run them), the reconciler's polling left out: the round trips per instance.
   */
  async statementsOf(key: string): Promise<string[]> {
    await this.start(key); // warm: the definition is cached, as it is under load
    await this.runtime.settled();
    const { statements } = await captureStatements(async () => {
      await this.start(key);
      await this.runtime.settled();
    });
    return statements
      .map((statement) => statement.text.replace(/\s+/g, ' ').trim())
      .filter((text) => !text.startsWith('SELECT id, due_at, lock_expires_at FROM jobs'));
  }

  /** Instances per second with `concurrency` starts in flight, each completing in its own transaction. */
  async throughput(key: string, instances: number, concurrency: number): Promise<number> {
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < instances) {
          next += 1;
          const { status } = await this.start(key);
          if (status !== 'completed') throw new Error(`an instance of ${key} ended ${status}`);
        }
      }),
    );
    return (instances / (performance.now() - started)) * 1000;
  }
}
