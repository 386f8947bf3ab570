import { CamundaRestException, notFound } from '#camunda-rest';
import { visibleVariables, type ProcessInstanceState, type TypedValue, type VariableMap } from '#bpmn';
import { returnedRows } from '#store';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EngineRuntime } from '../../runtime/engine-runtime.js';
import { insertOperationsFrom, operationDetails } from '../../runtime/operation-log.js';
import { rootVariablesAfter } from '../process-definitions/process-start.service.js';
import type { BpmnErrorRequest } from './task-requests.js';

/** The task a command names, found within the tenants the request may see. */
interface TaskTarget {
  id: string;
  tenant_id: string;
  process_instance_id: string;
  element_instance_key: string;
  suspended: boolean;
}

/** What the task sees of its instance: the instance's state, for its variables. */
interface TaskWithState extends TaskTarget {
  state: ProcessInstanceState;
}

/**
 * What caseworkers do with user tasks. Claiming and assigning change only the task row (who works on a task is not
 * part of the process's execution state, as a job's lock is not); completing and changing variables are core
 * commands on the instance, in one transaction with the history.
 *
 * A task is looked up within the tenants the request may see (the caller's own tenant; without authentication, the
 * `tenantIdIn` the request names), and the command acts in the task's tenant: another tenant's task is a 404.
 */
@Injectable()
export class TaskCommandService {
  constructor(
    private readonly runtime: EngineRuntime,
    private readonly dataSource: DataSource,
  ) {}

  /** Camunda's claim: the task becomes the user's unless someone else has it (409 `TaskAlreadyClaimedException`). */
  async claim(tenantIds: string[], taskId: string, userId: string, actor: string): Promise<void> {
    const task = await this.activeTask(tenantIds, taskId, 'claim');
    const claimed = (await this.dataSource.query(
      `WITH claimed AS (
         UPDATE user_tasks SET assignee = $2, updated_at = now()
         WHERE id = $1 AND tenant_id = $3 AND (assignee IS NULL OR assignee = $2) RETURNING id, tenant_id, process_instance_id),
       logged AS (${insertOperationsFrom('claimed', 4, 5, 6)})
       SELECT id FROM claimed`,
      [
        task.id,
        userId,
        task.tenant_id,
        'Claim',
        operationDetails({ entityType: 'Task', entityId: task.id, properties: { assignee: userId } }),
        actor,
      ],
    )) as unknown;
    if (returnedRows(claimed).length === 0) {
      throw new CamundaRestException(
        409,
        'TaskAlreadyClaimedException',
        `Task '${taskId}' is already claimed by someone else.`,
      );
    }
  }

  /** Camunda's setAssignee (and unclaim, with null): sets or clears the assignee whoever had the task. */
  async setAssignee(
    tenantIds: string[],
    taskId: string,
    userId: string | null,
    what: 'unclaim' | 'set the assignee of',
    actor: string,
  ): Promise<void> {
    const task = await this.activeTask(tenantIds, taskId, what);
    await this.dataSource.query(
      `WITH assigned AS (
         UPDATE user_tasks SET assignee = $2, updated_at = now() WHERE id = $1 AND tenant_id = $3
         RETURNING id, tenant_id, process_instance_id),
       logged AS (${insertOperationsFrom('assigned', 4, 5, 6)})
       SELECT id FROM assigned`,
      [
        task.id,
        userId,
        task.tenant_id,
        what === 'unclaim' ? 'Unclaim' : 'Assign',
        operationDetails({ entityType: 'Task', entityId: task.id, properties: { assignee: userId } }),
        actor,
      ],
    );
  }

  /**
   * Completes the task: its wait is triggered with the variables (each goes to the innermost scope that has it,
   * else to the process), and the instance moves on to its next wait state in the same transaction. Answers the
   * process variables afterwards when asked (also when the instance ended with this completion).
   */
  async complete(
    tenantIds: string[],
    taskId: string,
    variables: VariableMap,
    withVariablesInReturn: boolean,
    actor: string,
  ): Promise<VariableMap | undefined> {
    let task: TaskTarget;
    let before: VariableMap = {};
    if (withVariablesInReturn) {
      const withState = await this.taskWithState(tenantIds, taskId, 'complete');
      before = withState.state.variables[withState.state.rootKey] ?? {};
      task = withState;
    } else {
      task = await this.activeTask(tenantIds, taskId, 'complete');
    }
    const outcome = await this.runtime.commands.run(
      task.tenant_id,
      task.process_instance_id,
      { type: 'trigger', waitKey: task.id, expect: 'user-task', variables },
      undefined,
      { operation: { userId: actor, operationType: 'Complete', entityType: 'Task', entityId: task.id } },
    );
    return withVariablesInReturn
      ? rootVariablesAfter(outcome.state, outcome.result.events, before)
      : undefined;
  }

  /**
   * A caseworker reports a business error on the task (Camunda's `handleBpmnError`): thrown at the task, caught by
   * its error boundary events or an enclosing error event sub-process; the variables are set before it is thrown.
   */
  async throwBpmnError(tenantIds: string[], taskId: string, error: BpmnErrorRequest): Promise<void> {
    const task = await this.activeTask(tenantIds, taskId, 'report a BPMN error on');
    await this.runtime.commands.run(task.tenant_id, task.process_instance_id, {
      type: 'throw-error',
      waitKey: task.id,
      errorCode: error.errorCode,
      ...(error.errorMessage ? { errorMessage: error.errorMessage } : {}),
      variables: error.variables,
    });
  }

  /** The variables the task sees: its own scope's and every enclosing scope's, up to the process. */
  async variables(tenantIds: string[], taskId: string): Promise<VariableMap> {
    const task = await this.taskWithState(tenantIds, taskId, 'read the variables of', false);
    return visibleVariables(task.state, task.element_instance_key);
  }

  /** One variable the task sees, or a 404 naming it. */
  async variable(tenantIds: string[], taskId: string, name: string): Promise<TypedValue> {
    const value = (await this.variables(tenantIds, taskId))[name];
    if (value === undefined) throw notFound(`task variable with name ${name} does not exist`);
    return value;
  }

  /**
   * Camunda's `setVariables`/`removeVariables` on a task: each variable goes to the innermost scope of the task that
   * has it, else to the process instance; a core command, so conditional events and history see the change.
   */
  async modifyVariables(
    tenantIds: string[],
    taskId: string,
    modifications: VariableMap,
    deletions: string[],
  ): Promise<void> {
    const task = await this.findTask(tenantIds, taskId, 'change the variables of');
    await this.runtime.commands.run(task.tenant_id, task.process_instance_id, {
      type: 'set-variables',
      scopeKey: task.element_instance_key,
      variables: modifications,
      ...(deletions.length > 0 ? { deletions } : {}),
    });
  }

  private async findTask(tenantIds: string[], taskId: string, what: string): Promise<TaskTarget> {
    const [task] = (await this.dataSource.query(
      `SELECT t.id, t.tenant_id, t.process_instance_id, t.element_instance_key, p.suspended
       FROM user_tasks t JOIN process_instances p ON p.id = t.process_instance_id
       WHERE t.id = $1 AND t.tenant_id = ANY($2)`,
      [taskId, tenantIds],
    )) as TaskTarget[];
    if (!task) throw notFound(`Cannot ${what} task ${taskId}: no task with this id exists`);
    return task;
  }

  /** A task that may be worked on: a suspended instance's tasks wait until it is activated (Camunda refuses too). */
  private async activeTask(tenantIds: string[], taskId: string, what: string): Promise<TaskTarget> {
    const task = await this.findTask(tenantIds, taskId, what);
    refuseSuspended(task, what);
    return task;
  }

  private async taskWithState(
    tenantIds: string[],
    taskId: string,
    what: string,
    mustBeActive = true,
  ): Promise<TaskWithState> {
    const [task] = (await this.dataSource.query(
      `SELECT t.id, t.tenant_id, t.process_instance_id, t.element_instance_key, p.suspended, p.state
       FROM user_tasks t JOIN process_instances p ON p.id = t.process_instance_id
       WHERE t.id = $1 AND t.tenant_id = ANY($2)`,
      [taskId, tenantIds],
    )) as TaskWithState[];
    if (!task) throw notFound(`Cannot ${what} task ${taskId}: no task with this id exists`);
    if (mustBeActive) refuseSuspended(task, what);
    return task;
  }
}

function refuseSuspended(task: TaskTarget, what: string): void {
  if (task.suspended) {
    throw new CamundaRestException(
      400,
      'SuspendedEntityInteractionException',
      `Cannot ${what} task ${task.id}: its process instance ${task.process_instance_id} is suspended; activate it first`,
    );
  }
}
