import { randomUUID } from 'node:crypto';
import {
  CommandRejectedError,
  ProcessExecutor,
  type Command,
  type CommandResult,
  type DecisionLookup,
  type ProcessInstanceState,
  type VariableMap,
} from '#bpmn';
import type { DataSource, EntityManager } from 'typeorm';
import { DecisionStore } from './decision-store.js';
import type { DefinitionCatalog, RuntimeDefinition } from './definition-catalog.js';
import type { DispatchRequest, EffectProjector } from './effect-projector.js';
import type { HistoryWriter } from './history-writer.js';
import type { InstanceContext, InstanceRow } from './instance-row.js';
import { expectRow, inLazyTransaction, WriteBatch } from './write-batch.js';

/** Another writer changed the instance between our read and our write: the command is run again. */
export class ConcurrentModificationError extends Error {
  constructor(readonly instanceId: string) {
    super(`Process instance '${instanceId}' was changed by another command at the same time`);
  }
}

/** Receives the jobs a committed transaction wrote, to run them. */
export interface JobDispatcher {
  dispatch(requests: DispatchRequest[]): void;
}

export interface StartRequest {
  tenantId: string;
  definition: RuntimeDefinition;
  variables?: VariableMap;
  businessKey?: string;
  startEventId?: string;
  firedDefinition?: number;
  /** A called process: the caller's instance and the wait of its call activity. */
  superInstanceId?: string;
  superWaitKey?: string;
  /** The new instance's id; a fresh UUID when absent (a replay of recorded commands gives its own). */
  instanceId?: string;
}

export interface CommandOutcome {
  instanceId: string;
  state: ProcessInstanceState;
  result: CommandResult<ProcessInstanceState>;
}

const MAX_ATTEMPTS = 20;

/**
 * One transaction per command: load the instance, run the core to the next wait state, persist the new state
 * (optimistically locked on its version), project the effects and write history — then, after commit, hand the
 * jobs it wrote to the dispatcher. A conflicting writer makes the command run again on the newer state.
 */
export class InstanceCommands {
  private readonly executors = new Map<string, ProcessExecutor>();
  private readonly decisionStore = new DecisionStore();
  /** The decisions the command being executed may call; set right before the (synchronous) execution. */
  private currentDecisions: DecisionLookup | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly definitions: DefinitionCatalog,
    private readonly projector: EffectProjector,
    private readonly history: HistoryWriter,
    private readonly dispatcher: JobDispatcher,
    private readonly clock: () => Date = () => new Date(),
    private readonly decisions?: DecisionLookup,
    /** Steps one command may take before the core stops it with an incident (the core's default when absent). */
    private readonly maxSteps?: number,
  ) {}

  /** Starts an instance in a transaction of its own (or in `manager`'s, whose caller then dispatches). */
  async start(
    request: StartRequest,
    manager?: EntityManager,
  ): Promise<CommandOutcome & { dispatch: DispatchRequest[] }> {
    if (manager) return this.batched(manager, (batched) => this.startIn(batched, request));
    // Begun only if needed: a start that writes one combined statement needs no BEGIN/COMMIT (see WriteBatch).
    const outcome = await inLazyTransaction(this.dataSource, (manager) => this.startIn(manager, request));
    this.dispatcher.dispatch(outcome.dispatch);
    return outcome;
  }

  /** Runs a command on an instance; retried on a concurrent modification. */
  async run(
    tenantId: string,
    instanceId: string,
    command: Command,
    manager?: EntityManager,
  ): Promise<CommandOutcome & { dispatch: DispatchRequest[] }> {
    if (manager)
      return this.batched(manager, (batched) => this.runIn(batched, tenantId, instanceId, command));
    for (let attempt = 1; ; attempt += 1) {
      try {
        // Begun only if needed: read the instance, then one statement that writes and checks the version.
        const outcome = await inLazyTransaction(this.dataSource, (manager) =>
          this.runIn(manager, tenantId, instanceId, command),
        );
        this.dispatcher.dispatch(outcome.dispatch);
        return outcome;
      } catch (error) {
        if (!(error instanceof ConcurrentModificationError) || attempt >= MAX_ATTEMPTS) throw error;
        await new Promise((resolve) => setTimeout(resolve, Math.min(50, attempt * 2) * Math.random()));
      }
    }
  }

  private async startIn(
    manager: EntityManager,
    request: StartRequest,
  ): Promise<CommandOutcome & { dispatch: DispatchRequest[] }> {
    const { definition } = request;
    if (definition.suspended) {
      throw new CommandRejectedError(
        'conflict',
        `Process definition '${definition.id}' is suspended; it starts no instances`,
      );
    }
    const now = this.clock();
    const instanceId = request.instanceId ?? randomUUID();
    const decisions = await this.decisionsFor(manager, definition);
    this.currentDecisions = decisions;
    const result = this.executor(definition).execute(null, {
      type: 'start',
      instanceId,
      ...(request.variables ? { variables: request.variables } : {}),
      ...(request.businessKey !== undefined ? { businessKey: request.businessKey } : {}),
      ...(request.startEventId ? { startEventId: request.startEventId } : {}),
      ...(request.firedDefinition !== undefined ? { firedDefinition: request.firedDefinition } : {}),
    });
    const state = result.state;
    const context = this.contextOf(request.tenantId, instanceId, definition, request.businessKey ?? null);
    const ended = state.status !== 'active';
    await manager.query(
      `INSERT INTO process_instances (id, tenant_id, definition_id, definition_key, business_key, status, state, version,
         super_instance_id, super_wait_key, started_at, ended_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 1, $8, $9, $10, $11)`,
      [
        instanceId,
        request.tenantId,
        definition.id,
        definition.key,
        request.businessKey ?? null,
        state.status,
        JSON.stringify(state),
        request.superInstanceId ?? null,
        request.superWaitKey ?? null,
        now,
        ended ? now : null,
      ],
    );
    await manager.query(
      `INSERT INTO history_process_instances (id, tenant_id, definition_id, definition_key, business_key, state, super_instance_id,
         started_at, ended_at, removal_time, failure)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [
        instanceId,
        request.tenantId,
        definition.id,
        definition.key,
        request.businessKey ?? null,
        state.status,
        request.superInstanceId ?? null,
        now,
        ended ? now : null,
        ended ? this.removalTime(definition, now) : null,
        state.failure ? JSON.stringify(state.failure) : null,
      ],
    );
    const dispatch = await this.persistEffects(manager, context, result, now, 1, {
      superInstanceId: request.superInstanceId ?? null,
      superWaitKey: request.superWaitKey ?? null,
    });
    return { instanceId, state, result, dispatch };
  }

  private async runIn(
    manager: EntityManager,
    tenantId: string,
    instanceId: string,
    command: Command,
  ): Promise<CommandOutcome & { dispatch: DispatchRequest[] }> {
    const rows = (await manager.query(
      `SELECT id, tenant_id AS "tenantId", definition_id AS "definitionId", definition_key AS "definitionKey",
         business_key AS "businessKey", state, version, super_instance_id AS "superInstanceId", super_wait_key AS "superWaitKey"
       FROM process_instances WHERE id = $1 AND tenant_id = $2`,
      [instanceId, tenantId],
    )) as InstanceRow[];
    const row = rows[0];
    if (!row) throw new CommandRejectedError('not-found', `No process instance '${instanceId}'`);
    const definition = await this.definitions.byIdOf(manager, tenantId, row.definitionId);
    if (!definition)
      throw new Error(`Process definition '${row.definitionId}' of instance '${instanceId}' is missing`);
    const now = this.clock();
    const decisions = await this.decisionsFor(manager, definition);
    // Set right before the synchronous execution: no other command can run in between.
    this.currentDecisions = decisions;
    const result = this.executor(definition).execute(row.state, command);
    const state = result.state;
    const ended = state.status !== 'active';
    // Optimistically locked on the version read above: no row touched means another command was first.
    await expectRow(
      manager,
      `UPDATE process_instances SET state = $1, version = version + 1, status = $2, ended_at = $3
       WHERE id = $4 AND tenant_id = $5 AND version = $6`,
      [JSON.stringify(state), state.status, ended ? now : null, instanceId, tenantId, row.version],
      () => new ConcurrentModificationError(instanceId),
    );
    const context = this.contextOf(tenantId, instanceId, definition, row.businessKey);
    const dispatch = await this.persistEffects(
      manager,
      context,
      result,
      now,
      row.version + 1,
      { superInstanceId: row.superInstanceId, superWaitKey: row.superWaitKey },
      row.state,
    );
    if (ended) {
      await manager.query(
        `UPDATE history_process_instances SET state = $2, ended_at = $3, removal_time = $4, failure = $5 WHERE id = $1`,
        [
          instanceId,
          state.status,
          now,
          this.removalTime(definition, now),
          state.failure ? JSON.stringify(state.failure) : null,
        ],
      );
    }
    return { instanceId, state, result, dispatch };
  }

  /** Runs a command's work with its writes batched into as few statements as possible (see WriteBatch). */
  private async batched<T>(manager: EntityManager, work: (batched: EntityManager) => Promise<T>): Promise<T> {
    const batch = new WriteBatch(manager);
    const result = await work(batch.manager);
    await batch.flush();
    return result;
  }

  /** Effects and history of one command, and the follow-ups a child owes its caller. */
  private async persistEffects(
    manager: EntityManager,
    context: InstanceContext,
    result: CommandResult<ProcessInstanceState>,
    now: Date,
    version: number,
    link: { superInstanceId: string | null; superWaitKey: string | null },
    previous: ProcessInstanceState | null = null,
  ): Promise<DispatchRequest[]> {
    const dispatch = await this.projector.project(manager, context, result.effects, now, version);
    // Only scopes that had variables before this command (or got some in it) have rows in the projection.
    await this.history.write(manager, context, result.events, now, (scopeKey) =>
      Boolean(previous?.variables[scopeKey]),
    );
    if (link.superInstanceId && link.superWaitKey) {
      dispatch.push(
        ...(await this.projector.reportToCaller(
          manager,
          context,
          result,
          now,
          link.superInstanceId,
          link.superWaitKey,
        )),
      );
    }
    return dispatch;
  }

  private contextOf(
    tenantId: string,
    instanceId: string,
    definition: RuntimeDefinition,
    businessKey: string | null,
  ): InstanceContext {
    return {
      tenantId,
      instanceId,
      definitionId: definition.id,
      definitionKey: definition.key,
      businessKey,
      historyTimeToLiveDays: definition.historyTimeToLiveDays,
    };
  }

  private removalTime(definition: RuntimeDefinition, endedAt: Date): Date | null {
    if (definition.historyTimeToLiveDays === null) return null;
    return new Date(endedAt.getTime() + definition.historyTimeToLiveDays * 86_400_000);
  }

  /** The tenant's decisions, read when the process evaluates any. */
  private async decisionsFor(
    manager: EntityManager,
    definition: RuntimeDefinition,
  ): Promise<DecisionLookup | undefined> {
    return this.decisionStore.needsDecisions(definition)
      ? this.decisionStore.lookupFor(manager, definition)
      : undefined;
  }

  private executor(definition: RuntimeDefinition): ProcessExecutor {
    let executor = this.executors.get(definition.id);
    if (!executor) {
      executor = new ProcessExecutor(definition.process, {
        now: this.clock,
        ...(this.maxSteps ? { maxSteps: this.maxSteps } : {}),
        decisions: {
          find: (decisionId, binding) => (this.currentDecisions ?? this.decisions)?.find(decisionId, binding),
        },
      });
      this.executors.set(definition.id, executor);
    }
    return executor;
  }
}
