import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { CommandRejectedError } from '#bpmn';
import { CamundaRestException, notFound } from '#camunda-rest';
import { EngineRuntime } from '../../runtime/engine-runtime.js';
import type { ExternalTasks } from '../../runtime/external-tasks.js';
import { ConcurrentModificationError } from '../../runtime/instance-commands.js';
import { camundaLockedExternalTaskOf } from './external-task.response.js';
import { ExternalTaskQueryService } from './external-task-query.service.js';
import type { FetchAndLockRequest } from './fetch-and-lock-request.js';

/**
 * What workers do with external tasks over REST, on the runtime's {@link ExternalTasks}: fetch and lock (with long
 * polling), and report on a task they hold. Refusals come back as Camunda's REST layer words them (a `RestException`:
 * 404 "External task with id … does not exist", 400 "… cannot be completed by worker 'a'. It is locked by worker 'b'.").
 */
@Injectable()
export class ExternalTaskWorkService implements OnModuleDestroy {
  /** Aborted when the app shuts down: waiting fetches answer at once, so the HTTP server can close. */
  private readonly shutdown = new AbortController();

  constructor(
    private readonly runtime: EngineRuntime,
    private readonly queries: ExternalTaskQueryService,
  ) {}

  onModuleDestroy(): void {
    this.shutdown.abort();
  }

  /** Locks what there is; with `asyncResponseTimeout`, waits for work until then, unless `clientGone` aborts first. */
  async fetchAndLock(
    request: FetchAndLockRequest,
    clientGone: AbortSignal,
  ): Promise<Array<Record<string, unknown>>> {
    const tenantIds = [...new Set(request.topics.flatMap((topic) => topic.tenantIds))];
    const tasks =
      request.asyncResponseTimeoutMs > 0
        ? await this.runtime.externalTasks.fetchAndLockWaiting(
            tenantIds,
            request.workerId,
            request.maxTasks,
            request.topics,
            {
              usePriority: request.usePriority,
              waitMs: request.asyncResponseTimeoutMs,
              signal: AbortSignal.any([clientGone, this.shutdown.signal]),
            },
          )
        : await this.runtime.externalTasks.fetchAndLock(
            tenantIds,
            request.workerId,
            request.maxTasks,
            request.topics,
            { usePriority: request.usePriority },
          );
    return tasks.map((task) => {
      const topic = request.topics.find((candidate) => candidate.topicName === task.topicName);
      return camundaLockedExternalTaskOf(task, {
        deserializeValues: topic?.deserializeValues ?? false,
        includeExtensionProperties: topic?.includeExtensionProperties ?? false,
      });
    });
  }

  /**
   * Runs `work` on the task `id` within the tenants the caller may see (its own, or those an unauthenticated request
   * names): another tenant's task is a 404, as an unknown one is.
   */
  async onTask(
    id: string,
    tenantIds: string[],
    work: (externalTasks: ExternalTasks, tenantId: string) => Promise<void>,
  ): Promise<void> {
    const task = await this.queries.byId(id, tenantIds);
    if (!task) throw externalTaskNotFound(id);
    try {
      await work(this.runtime.externalTasks, task.tenant_id);
    } catch (error) {
      if (error instanceof ConcurrentModificationError) {
        throw new CamundaRestException(409, 'OptimisticLockingException', error.message);
      }
      if (!(error instanceof CommandRejectedError)) throw error;
      if (error.reason === 'not-found') throw externalTaskNotFound(id);
      throw new CamundaRestException(error.reason === 'conflict' ? 409 : 400, 'RestException', error.message);
    }
  }
}

export function externalTaskNotFound(id: string): CamundaRestException {
  return notFound(`External task with id ${id} does not exist`, 'RestException');
}
