import { connectorIdOf } from '#adapters';
import { CommandRejectedError } from '#bpmn';
import type { LinkableRequest } from '#camunda-rest';
import type { DataSource, EntityManager } from 'typeorm';
import type { ProcessInstanceControl } from '../../../designer-api/src/process-instances/process-instance-control.js';
import { camundaProcessInstanceOf } from '../api/process-definitions/process-instance.response.js';
import { ProcessStartService } from '../api/process-definitions/process-start.service.js';
import { startRequestOf } from '../api/process-definitions/start-request.js';
import type { EngineConfig } from '../config/engine-config.js';
import { createEngineRuntime } from '../runtime-module/engine-runtime.factory.js';
import type { SuspensionChange, SuspensionTarget } from '../runtime/definition-suspension.js';
import type { EngineRuntime } from '../runtime/engine-runtime.js';
import { ConcurrentModificationError } from '../runtime/instance-commands.js';
import type { ConnectorInvoker } from '../runtime/job-runner.js';

/** Attempts at one cancellation that meets a concurrent writer, within the removal's transaction. */
const MAX_CANCEL_ATTEMPTS = 5;

/**
 * The designer-api's way into the engine: starts, cancellations and definition suspensions through an engine runtime, so they are the
 * engine's own commands — the same start path, checks and history as `POST /process-definition/{id}/start` and
 * `DELETE /process-instance/{id}` on the engine.
 */
export class RuntimeInstanceControl implements ProcessInstanceControl {
  private readonly starts: ProcessStartService;

  constructor(private readonly runtime: EngineRuntime) {
    this.starts = new ProcessStartService(runtime);
  }

  async startById(
    tenantId: string,
    definitionId: string,
    body: unknown,
    request: LinkableRequest,
  ): Promise<Record<string, unknown>> {
    const started = await this.starts.startById(tenantId, definitionId, startRequestOf(body));
    return { ...camundaProcessInstanceOf(started, request) };
  }

  async cancelInTransaction(manager: EntityManager, tenantId: string, instanceIds: string[]): Promise<void> {
    for (const instanceId of instanceIds) {
      for (let attempt = 1; ; attempt += 1) {
        try {
          await this.runtime.commands.run(tenantId, instanceId, { type: 'cancel' }, manager);
          break;
        } catch (error) {
          // Ended (or gone) since it was found running: nothing left to cancel.
          if (error instanceof CommandRejectedError) break;
          // A job committed a step of it meanwhile: read it again (read committed sees the newer version).
          if (!(error instanceof ConcurrentModificationError) || attempt >= MAX_CANCEL_ATTEMPTS) throw error;
        }
      }
    }
  }

  suspendDefinitions(
    tenantId: string,
    target: SuspensionTarget,
    change: SuspensionChange,
    executionDate?: Date,
  ): Promise<boolean> {
    return this.runtime.suspendDefinitions(tenantId, target, change, executionDate);
  }
}

/**
 * The runtime the designer-api starts and cancels instances with: one in the API role, running no jobs. The jobs
 * its commands write (a start's first timer or connector call, a cancelled caller's message to what it called)
 * stay in PostgreSQL, where the engine's reconciler hands them to a worker within RECONCILE_INTERVAL_MS — as on
 * any API node without Redis. So the designer-api needs no queue of its own and works the same whether the engine
 * runs in its process (`npm start`) or elsewhere (`npm run start:designer-api`).
 */
export function designerInstanceControl(
  dataSource: DataSource,
  config: EngineConfig,
): RuntimeInstanceControl {
  const jobTypesOnly: ConnectorInvoker = {
    isConnector: (jobType) => connectorIdOf(jobType) !== undefined,
    invoke: () => Promise.reject(new Error('The designer-api runs no jobs, so it calls no connectors')),
  };
  return new RuntimeInstanceControl(
    createEngineRuntime(dataSource, { ...config, role: 'api' }, jobTypesOnly, null),
  );
}
