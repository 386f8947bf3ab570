import { CommandRejectedError, type TypedValue, type VariableMap, type Wait } from '#bpmn';
import { returnedRows } from '#store';
import type { DataSource } from 'typeorm';
import type { ExternalTaskNotifier } from './external-task-notifier.js';
import type { InstanceCommands } from './instance-commands.js';

/** A topic a worker fetches, how long it holds what it gets, and which of the topic's tasks it wants. */
export interface TopicRequest {
  topicName: string;
  lockDurationMs: number;
  /** Variables to hand the worker (all visible ones when absent). */
  variables?: string[];
  /** Only the task's own (local) variables, not those of the scopes around it. */
  localVariables?: boolean;
  /** Narrows the fetch's tenants for this topic. */
  tenantIds?: string[];
  businessKey?: string;
  processDefinitionIds?: string[];
  processDefinitionKeys?: string[];
  processDefinitionVersionTag?: string;
  /** Root-scope variables the instance must have, with these values (compared as JSON). */
  processVariables?: Record<string, unknown>;
}

export interface FetchOptions {
  /** Highest priority first; otherwise oldest first. */
  usePriority?: boolean;
}

export interface WaitingFetchOptions extends FetchOptions {
  /** How long to wait for work when there is none at once (long polling). */
  waitMs: number;
  /** Ends the wait early (the client went away, the app shuts down): the answer is then empty. */
  signal?: AbortSignal;
}

/** An external task as a worker sees it (Camunda 7's LockedExternalTask). */
export interface LockedExternalTask {
  id: string;
  topicName: string;
  workerId: string;
  lockExpirationTime: Date;
  processInstanceId: string;
  processDefinitionId: string;
  processDefinitionKey: string;
  processDefinitionVersionTag: string | null;
  activityId: string;
  activityInstanceId: string;
  businessKey: string | null;
  retries: number | null;
  errorMessage: string | null;
  errorDetails: string | null;
  priority: number;
  tenantId: string;
  variables: VariableMap;
  /** The task's static properties (`camunda:properties`, `zeebe:taskHeaders`). */
  headers: Record<string, string>;
}

interface LockedRow {
  id: string;
  type: string;
  lock_expires_at: Date;
  process_instance_id: string;
  element_id: string;
  element_instance_key: string;
  retries: number | null;
  error_message: string | null;
  error_details: string | null;
  priority: number;
  tenant_id: string;
  payload: { headers?: Record<string, string> } | null;
  definition_id: string;
  definition_key: string;
  version_tag: string | null;
  business_key: string | null;
  state: {
    variables: Record<string, VariableMap>;
    elementInstances: Record<string, { parentKey: string | null }>;
    waits: Record<string, Wait>;
  };
}

interface TaskRow {
  process_instance_id: string;
  lock_owner: string | null;
  lock_expires_at: Date | null;
  retries: number | null;
  error_message: string | null;
  element_instance_key: string;
  type: string;
}

/** What a worker may be refused for, in Camunda's words: "<what> of External Task <id> cannot be <done> by worker". */
const WRONG_WORKER = {
  complete: (id: string) => `External Task ${id} cannot be completed by worker`,
  failure: (id: string) => `Failure of External Task ${id} cannot be reported by worker`,
  bpmnError: (id: string) => `Bpmn error of External Task ${id} cannot be reported by worker`,
  extendLock: (id: string) => `The lock of the External Task ${id} cannot be extended by worker`,
  lock: (id: string) => `External Task ${id} cannot be locked by worker`,
} as const;

/**
 * External tasks: service tasks done by workers outside the engine. Workers fetch and lock by topic (a task is
 * locked by one worker at a time, in PostgreSQL, so two workers never get the same task), then complete it, report
 * a BPMN error, or report a failure that counts down its retries (an incident at zero). Only the worker holding the
 * lock may do so; a lock that expired makes the task fetchable again, and whoever fetches it next holds it.
 */
export class ExternalTasks {
  constructor(
    private readonly dataSource: DataSource,
    private readonly commands: InstanceCommands,
    private readonly notifier: ExternalTaskNotifier,
  ) {}

  /** Locks up to `maxTasks` fetchable tasks of the topics for `workerId` (none of a suspended instance). */
  async fetchAndLock(
    tenantIds: string[],
    workerId: string,
    maxTasks: number,
    topics: TopicRequest[],
    options: FetchOptions = {},
  ): Promise<LockedExternalTask[]> {
    const locked: LockedExternalTask[] = [];
    for (const topic of topics) {
      if (locked.length >= maxTasks) break;
      const parameters: unknown[] = [
        topic.topicName,
        topic.tenantIds ? topic.tenantIds.filter((tenant) => tenantIds.includes(tenant)) : tenantIds,
        maxTasks - locked.length,
        workerId,
        String(topic.lockDurationMs),
      ];
      const filters: string[] = [];
      const filter = (sql: (parameter: string) => string, value: unknown) => {
        if (value === undefined) return;
        parameters.push(value);
        filters.push(sql(`$${parameters.length}`));
      };
      filter((p) => `i.business_key = ${p}`, topic.businessKey);
      filter((p) => `i.definition_id = ANY(${p})`, topic.processDefinitionIds);
      filter((p) => `i.definition_key = ANY(${p})`, topic.processDefinitionKeys);
      filter(
        (p) => `i.definition_id IN (SELECT d.id FROM process_definitions d WHERE d.version_tag = ${p})`,
        topic.processDefinitionVersionTag,
      );
      for (const [name, value] of Object.entries(topic.processVariables ?? {})) {
        parameters.push(name, JSON.stringify(value));
        filters.push(
          `i.state -> 'variables' -> (i.state ->> 'rootKey') -> $${parameters.length - 1}::text -> 'value' = $${parameters.length}::jsonb`,
        );
      }
      const rows = await this.dataSource.query(
        `WITH candidates AS (
           SELECT j.id FROM jobs j JOIN process_instances i ON i.id = j.process_instance_id
           WHERE j.kind = 'external-task' AND j.type = $1 AND j.tenant_id = ANY($2) AND j.due_at <= now()
             AND (j.retries IS NULL OR j.retries > 0) AND (j.lock_owner IS NULL OR j.lock_expires_at < now())
             AND NOT i.suspended ${filters.map((sql) => `AND ${sql}`).join(' ')}
           ORDER BY ${options.usePriority ? 'j.priority DESC, ' : ''}j.created_at, j.id LIMIT $3 FOR UPDATE OF j SKIP LOCKED)
         UPDATE jobs j SET lock_owner = $4, lock_expires_at = now() + ($5 || ' milliseconds')::interval
         FROM candidates c, process_instances i LEFT JOIN process_definitions d ON d.id = i.definition_id
         WHERE j.id = c.id AND i.id = j.process_instance_id
         RETURNING j.id, j.type, j.lock_expires_at, j.process_instance_id, j.element_id, j.element_instance_key, j.retries,
           j.error_message, j.error_details, j.priority, j.tenant_id, j.payload, i.definition_id, i.definition_key,
           d.version_tag, i.business_key, i.state`,
        parameters,
      );
      for (const row of returnedRows<LockedRow>(rows)) locked.push(this.toTask(row, workerId, topic));
    }
    return locked;
  }

  /**
   * Long polling: fetches and locks at once if there is work, else waits up to `waitMs` for work on the topics and
   * answers as soon as it could lock some — woken by the notifier when this process commits a matching task, and
   * re-checking at the notifier's interval for work other processes created or locks that expired.
   */
  async fetchAndLockWaiting(
    tenantIds: string[],
    workerId: string,
    maxTasks: number,
    topics: TopicRequest[],
    options: WaitingFetchOptions,
  ): Promise<LockedExternalTask[]> {
    const deadline = Date.now() + options.waitMs;
    const subscription = this.notifier.subscribe({
      topics: new Set(topics.map((topic) => topic.topicName)),
      tenantIds: new Set(tenantIds),
    });
    const stop = () => subscription.close();
    options.signal?.addEventListener('abort', stop, { once: true });
    if (options.signal?.aborted) stop();
    try {
      for (;;) {
        const locked = await this.fetchAndLock(tenantIds, workerId, maxTasks, topics, options);
        const left = deadline - Date.now();
        if (locked.length > 0 || left <= 0 || maxTasks === 0) return locked;
        await subscription.next(left);
        // Nobody is waiting for the answer any more: lock nothing for them.
        if (!subscription.open) return [];
      }
    } finally {
      options.signal?.removeEventListener('abort', stop);
      subscription.close();
    }
  }

  /** The worker is done: its variables go into the process, which moves on. */
  async complete(
    tenantId: string,
    taskId: string,
    workerId: string,
    variables: VariableMap = {},
    localVariables: VariableMap = {},
  ): Promise<void> {
    const task = await this.lockedBy(tenantId, taskId, workerId, WRONG_WORKER.complete);
    await this.commands.run(tenantId, task.process_instance_id, {
      type: 'trigger',
      waitKey: taskId,
      expect: 'job',
      variables,
      localVariables,
    });
  }

  /** The worker reports a business error: thrown at the task, caught by its error boundary events. */
  async handleBpmnError(
    tenantId: string,
    taskId: string,
    workerId: string,
    errorCode: string,
    errorMessage?: string,
    variables?: VariableMap,
  ): Promise<void> {
    const task = await this.lockedBy(tenantId, taskId, workerId, WRONG_WORKER.bpmnError);
    await this.commands.run(tenantId, task.process_instance_id, {
      type: 'throw-error',
      waitKey: taskId,
      errorCode,
      ...(errorMessage ? { errorMessage } : {}),
      ...(variables ? { variables } : {}),
    });
  }

  /** The worker failed: the task waits `retryTimeoutMs` with `retries` left; at zero it becomes an incident. */
  async handleFailure(
    tenantId: string,
    taskId: string,
    workerId: string,
    errorMessage: string | null,
    retries: number,
    retryTimeoutMs: number,
    errorDetails?: string,
  ): Promise<void> {
    const task = await this.lockedBy(tenantId, taskId, workerId, WRONG_WORKER.failure);
    await this.dataSource.query(
      `UPDATE jobs SET retries = $2, due_at = now() + ($3 || ' milliseconds')::interval, lock_owner = NULL, lock_expires_at = NULL,
         error_message = $4, error_details = $5 WHERE id = $1`,
      [
        taskId,
        Math.max(0, retries),
        String(Math.max(0, retryTimeoutMs)),
        errorMessage?.slice(0, 4000) ?? null,
        errorDetails ?? null,
      ],
    );
    if (retries <= 0) {
      await this.raiseIncident(tenantId, taskId, task.process_instance_id, errorMessage);
    } else if (retryTimeoutMs <= 0) {
      this.notifier.announce([{ tenantId, topic: task.type }]);
    }
  }

  /** The worker needs longer: its lock, which must not have expired, now ends `newDurationMs` from now. */
  async extendLock(tenantId: string, taskId: string, workerId: string, newDurationMs: number): Promise<void> {
    const extended = await this.updated(
      `UPDATE jobs SET lock_expires_at = now() + ($4 || ' milliseconds')::interval
       WHERE id = $1 AND tenant_id = $2 AND kind = 'external-task' AND lock_owner = $3 AND lock_expires_at >= now()
       RETURNING id`,
      [taskId, tenantId, workerId, String(newDurationMs)],
    );
    if (extended > 0) return;
    await this.lockedBy(tenantId, taskId, workerId, WRONG_WORKER.extendLock);
    throw new CommandRejectedError('invalid', 'Cannot extend a lock that expired');
  }

  /**
   * Locks one task by its id for `workerId` (Camunda's `POST /external-task/{id}/lock`): refused while another
   * worker's lock has not expired; the same worker gets a new lock from now.
   */
  async lock(tenantId: string, taskId: string, workerId: string, durationMs: number): Promise<void> {
    const locked = await this.updated(
      `UPDATE jobs SET lock_owner = $3, lock_expires_at = now() + ($4 || ' milliseconds')::interval
       WHERE id = $1 AND tenant_id = $2 AND kind = 'external-task'
         AND (lock_owner IS NULL OR lock_owner = $3 OR lock_expires_at < now()) RETURNING id`,
      [taskId, tenantId, workerId, String(durationMs)],
    );
    if (locked > 0) return;
    const task = await this.task(tenantId, taskId);
    if (!task) throw notFound(taskId);
    throw wrongWorker(WRONG_WORKER.lock(taskId), workerId, task.lock_owner);
  }

  /** Frees the task for any worker at once (an operator's or a worker's decision). */
  async unlock(tenantId: string, taskId: string): Promise<void> {
    const [task] = (await this.returning(
      `UPDATE jobs SET lock_owner = NULL, lock_expires_at = NULL
       WHERE id = $1 AND tenant_id = $2 AND kind = 'external-task' RETURNING type`,
      [taskId, tenantId],
    )) as Array<{ type: string }>;
    if (!task) throw notFound(taskId);
    this.notifier.announce([{ tenantId, topic: task.type }]);
  }

  /**
   * Sets the retries, as Camunda's `setRetries` does: from zero to more resolves the task's incident and makes it
   * fetchable again; to zero raises an incident.
   */
  async setRetries(tenantId: string, taskId: string, retries: number): Promise<void> {
    if (!Number.isInteger(retries) || retries < 0) {
      throw new CommandRejectedError('invalid', 'The number of retries cannot be negative');
    }
    const task = await this.task(tenantId, taskId);
    if (!task) throw notFound(taskId);
    const wasExhausted = task.retries === 0;
    if (retries > 0 && wasExhausted) {
      const incidents = (await this.dataSource.query(
        `SELECT id FROM incidents WHERE tenant_id = $1 AND process_instance_id = $2 AND element_instance_key = $3
           AND incident_type = 'job-failed'`,
        [tenantId, task.process_instance_id, task.element_instance_key],
      )) as Array<{ id: string }>;
      for (const incident of incidents) {
        await this.commands.run(tenantId, task.process_instance_id, {
          type: 'resolve-incident',
          incidentKey: incident.id,
        });
      }
    }
    await this.dataSource.query(
      `UPDATE jobs SET retries = $3${retries > 0 && wasExhausted ? ', due_at = now()' : ''} WHERE id = $1 AND tenant_id = $2`,
      [taskId, tenantId, retries],
    );
    if (retries === 0 && !wasExhausted) {
      await this.raiseIncident(tenantId, taskId, task.process_instance_id, task.error_message);
    } else if (retries > 0) {
      this.notifier.announce([{ tenantId, topic: task.type }]);
    }
  }

  private async raiseIncident(
    tenantId: string,
    taskId: string,
    instanceId: string,
    errorMessage: string | null,
  ): Promise<void> {
    await this.commands.run(tenantId, instanceId, {
      type: 'fail-wait',
      waitKey: taskId,
      message: errorMessage ?? `External task '${taskId}' has no retries left`,
    });
  }

  private async lockedBy(
    tenantId: string,
    taskId: string,
    workerId: string,
    refusal: (taskId: string) => string,
  ): Promise<TaskRow> {
    const task = await this.task(tenantId, taskId);
    if (!task) throw notFound(taskId);
    if (task.lock_owner !== workerId) throw wrongWorker(refusal(taskId), workerId, task.lock_owner);
    return task;
  }

  private async task(tenantId: string, taskId: string): Promise<TaskRow | undefined> {
    const [task] = (await this.dataSource.query(
      `SELECT process_instance_id, lock_owner, lock_expires_at, retries, error_message, element_instance_key, type
       FROM jobs WHERE id = $1 AND tenant_id = $2 AND kind = 'external-task'`,
      [taskId, tenantId],
    )) as TaskRow[];
    return task;
  }

  /** Rows an `UPDATE … RETURNING` touched (TypeORM answers `[rows, count]` for it). */
  private async returning(sql: string, parameters: unknown[]): Promise<unknown[]> {
    return returnedRows(await this.dataSource.query(sql, parameters));
  }

  private async updated(sql: string, parameters: unknown[]): Promise<number> {
    return (await this.returning(sql, parameters)).length;
  }

  private toTask(row: LockedRow, workerId: string, topic: TopicRequest): LockedExternalTask {
    const wait = row.state.waits[row.id];
    const visible: VariableMap = {};
    const chain: string[] = [];
    for (
      let key: string | null = wait?.ownerKey ?? null;
      key !== null;
      key = topic.localVariables ? null : (row.state.elementInstances[key]?.parentKey ?? null)
    )
      chain.push(key);
    for (const key of chain.reverse()) Object.assign(visible, row.state.variables[key] ?? {});
    const variables: VariableMap = {};
    for (const [name, value] of Object.entries(visible)) {
      if (!topic.variables || topic.variables.includes(name)) variables[name] = value as TypedValue;
    }
    return {
      id: row.id,
      topicName: row.type,
      workerId,
      lockExpirationTime: new Date(row.lock_expires_at),
      processInstanceId: row.process_instance_id,
      processDefinitionId: row.definition_id,
      processDefinitionKey: row.definition_key,
      processDefinitionVersionTag: row.version_tag,
      activityId: row.element_id,
      activityInstanceId: row.element_instance_key,
      businessKey: row.business_key,
      retries: row.retries,
      errorMessage: row.error_message,
      errorDetails: row.error_details,
      priority: row.priority,
      tenantId: row.tenant_id,
      variables,
      headers: row.payload?.headers ?? {},
    };
  }
}

function notFound(taskId: string): CommandRejectedError {
  return new CommandRejectedError('not-found', `External task with id ${taskId} does not exist`);
}

/** Camunda's refusal of a worker that does not hold the lock (a 400): "… by worker 'a'. It is locked by worker 'b'." */
function wrongWorker(refusal: string, workerId: string, owner: string | null): CommandRejectedError {
  return new CommandRejectedError(
    'invalid',
    `${refusal} '${workerId}'. It is locked by worker '${owner ?? 'null'}'.`,
  );
}
