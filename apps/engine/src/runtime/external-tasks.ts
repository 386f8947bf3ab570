import { CommandRejectedError, type TypedValue, type VariableMap, type Wait } from '#bpmn';
import type { DataSource } from 'typeorm';
import type { InstanceCommands } from './instance-commands.js';

/** A topic a worker fetches, and how long it holds what it gets. */
export interface TopicRequest {
  topicName: string;
  lockDurationMs: number;
  /** Variables to hand the worker (all visible ones when absent). */
  variables?: string[];
}

/** An external task as a worker sees it (Camunda 7's LockedExternalTask, less what later issues add). */
export interface LockedExternalTask {
  id: string;
  topicName: string;
  workerId: string;
  lockExpirationTime: Date;
  processInstanceId: string;
  processDefinitionId: string;
  processDefinitionKey: string;
  activityId: string;
  activityInstanceId: string;
  businessKey: string | null;
  retries: number | null;
  errorMessage: string | null;
  priority: number;
  tenantId: string;
  variables: VariableMap;
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
  priority: number;
  tenant_id: string;
  payload: { headers?: Record<string, string> } | null;
  definition_id: string;
  definition_key: string;
  business_key: string | null;
  state: {
    variables: Record<string, VariableMap>;
    elementInstances: Record<string, { parentKey: string | null }>;
    waits: Record<string, Wait>;
  };
}

/**
 * External tasks: service tasks done by workers outside the engine. Workers fetch and lock by topic (a task is
 * locked by one worker at a time, in PostgreSQL, so two workers never get the same task), then complete it, report
 * a BPMN error, or report a failure that counts down its retries (an incident at zero).
 */
export class ExternalTasks {
  constructor(
    private readonly dataSource: DataSource,
    private readonly commands: InstanceCommands,
  ) {}

  async fetchAndLock(
    tenantIds: string[],
    workerId: string,
    maxTasks: number,
    topics: TopicRequest[],
  ): Promise<LockedExternalTask[]> {
    const locked: LockedExternalTask[] = [];
    for (const topic of topics) {
      if (locked.length >= maxTasks) break;
      const rows = await this.dataSource.query(
        `WITH candidates AS (
           SELECT id FROM jobs
           WHERE kind = 'external-task' AND type = $1 AND tenant_id = ANY($2) AND due_at <= now()
             AND (retries IS NULL OR retries > 0) AND (lock_owner IS NULL OR lock_expires_at < now())
           ORDER BY priority DESC, created_at LIMIT $3 FOR UPDATE SKIP LOCKED)
         UPDATE jobs j SET lock_owner = $4, lock_expires_at = now() + ($5 || ' milliseconds')::interval
         FROM candidates c, process_instances i
         WHERE j.id = c.id AND i.id = j.process_instance_id
         RETURNING j.id, j.type, j.lock_expires_at, j.process_instance_id, j.element_id, j.element_instance_key, j.retries,
           j.error_message, j.priority, j.tenant_id, j.payload, i.definition_id, i.definition_key, i.business_key, i.state`,
        [topic.topicName, tenantIds, maxTasks - locked.length, workerId, String(topic.lockDurationMs)],
      );
      const list = (Array.isArray(rows) && Array.isArray(rows[0]) ? rows[0] : rows) as LockedRow[];
      for (const row of list) locked.push(this.toTask(row, workerId, topic.variables));
    }
    return locked;
  }

  /** The worker is done: its variables go into the process, which moves on. */
  async complete(
    tenantId: string,
    taskId: string,
    workerId: string,
    variables: VariableMap = {},
    localVariables: VariableMap = {},
  ): Promise<void> {
    const task = await this.lockedBy(tenantId, taskId, workerId);
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
    const task = await this.lockedBy(tenantId, taskId, workerId);
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
    errorMessage: string,
    retries: number,
    retryTimeoutMs: number,
    errorDetails?: string,
  ): Promise<void> {
    const task = await this.lockedBy(tenantId, taskId, workerId);
    await this.dataSource.query(
      `UPDATE jobs SET retries = $2, due_at = now() + ($3 || ' milliseconds')::interval, lock_owner = NULL, lock_expires_at = NULL,
         error_message = $4, error_details = $5 WHERE id = $1`,
      [
        taskId,
        Math.max(0, retries),
        String(Math.max(0, retryTimeoutMs)),
        errorMessage.slice(0, 4000),
        errorDetails ?? null,
      ],
    );
    if (retries <= 0) {
      await this.commands.run(tenantId, task.process_instance_id, {
        type: 'fail-wait',
        waitKey: taskId,
        message: errorMessage,
      });
    }
  }

  private async lockedBy(
    tenantId: string,
    taskId: string,
    workerId: string,
  ): Promise<{ process_instance_id: string }> {
    const [task] = (await this.dataSource.query(
      `SELECT process_instance_id, lock_owner, lock_expires_at FROM jobs WHERE id = $1 AND tenant_id = $2 AND kind = 'external-task'`,
      [taskId, tenantId],
    )) as Array<{ process_instance_id: string; lock_owner: string | null; lock_expires_at: Date | null }>;
    if (!task) throw new CommandRejectedError('not-found', `No external task '${taskId}'`);
    if (task.lock_owner !== workerId) {
      throw new CommandRejectedError(
        'conflict',
        `External task '${taskId}' is locked by ${task.lock_owner ? `worker '${task.lock_owner}'` : 'no worker'}, not by '${workerId}'; fetch and lock it first`,
      );
    }
    return task;
  }

  private toTask(row: LockedRow, workerId: string, names: string[] | undefined): LockedExternalTask {
    const wait = row.state.waits[row.id];
    const visible: VariableMap = {};
    const chain: string[] = [];
    for (
      let key: string | null = wait?.ownerKey ?? null;
      key !== null;
      key = row.state.elementInstances[key]?.parentKey ?? null
    )
      chain.push(key);
    for (const key of chain.reverse()) Object.assign(visible, row.state.variables[key] ?? {});
    const variables: VariableMap = {};
    for (const [name, value] of Object.entries(visible)) {
      if (!names || names.includes(name)) variables[name] = value as TypedValue;
    }
    return {
      id: row.id,
      topicName: row.type,
      workerId,
      lockExpirationTime: new Date(row.lock_expires_at),
      processInstanceId: row.process_instance_id,
      processDefinitionId: row.definition_id,
      processDefinitionKey: row.definition_key,
      activityId: row.element_id,
      activityInstanceId: row.element_instance_key,
      businessKey: row.business_key,
      retries: row.retries,
      errorMessage: row.error_message,
      priority: row.priority,
      tenantId: row.tenant_id,
      variables,
      headers: row.payload?.headers ?? {},
    };
  }
}
