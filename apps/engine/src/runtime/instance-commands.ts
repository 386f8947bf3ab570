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
import { GroupCommitQueue, settle, type Settled } from './group-commit-queue.js';
import { recordOperation, type OperatorOperation } from './operation-log.js';
import { tenantScoped, type DefinitionCatalog, type RuntimeDefinition } from './definition-catalog.js';
import type { DispatchRequest, EffectProjector } from './effect-projector.js';
import type { HistoryWriter } from './history-writer.js';
import { instanceRowColumns, type InstanceContext, type InstanceRow } from './instance-row.js';
import { RuntimeObservers } from './runtime-observers.js';
import { expectRow, inLazyTransaction, WriteBatch } from './write-batch.js';

/** Another writer changed the instance between our read and our write: the command is run again. */
export class ConcurrentModificationError extends Error {
  constructor(readonly instanceId: string) {
    super(`Process instance '${instanceId}' was changed by another command at the same time`);
  }
}

/**
 * The instance is suspended: the command would move it, so it is refused (Camunda's rule; cancelling still works).
 * A job that meets it keeps its row and waits for the activation.
 */
export class InstanceSuspendedError extends CommandRejectedError {
  constructor(readonly instanceId: string) {
    super(
      'invalid',
      `ProcessInstance ${instanceId} is suspended: activate it (PUT /process-instance/${instanceId}/suspended with {"suspended": false}) first`,
    );
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
  /**
   * The caller's key for this start (the `Idempotency-Key` header): a second start with the same key for the same
   * tenant answers the first start's instance instead of starting another.
   */
  idempotencyKey?: string;
}

/** A start of the latest version of a definition key (resolved when the start runs, with the starts beside it). */
export interface StartByKeyRequest extends Omit<StartRequest, 'definition'> {
  definitionKey: string;
}

/** No definition of that key for the tenant. */
export class NoSuchDefinitionError extends CommandRejectedError {
  constructor(
    readonly tenantId: string,
    readonly definitionKey: string,
  ) {
    super(
      'not-found',
      `No matching process definition with key: ${definitionKey} and ${tenantId === '' ? 'no tenant-id' : `tenant-id: ${tenantId}`}`,
    );
  }
}

export interface CommandOutcome {
  instanceId: string;
  state: ProcessInstanceState;
  result: CommandResult<ProcessInstanceState>;
}

/** A start's outcome: the instance it started, or — for a repeated idempotency key — the one started before. */
export interface StartOutcome extends CommandOutcome {
  definition: RuntimeDefinition;
  dispatch: DispatchRequest[];
  /** The idempotency key had been used: nothing was started, this is the first start's instance as it is now. */
  replayed?: boolean;
}

/** How a command on an instance is run. */
export interface RunOptions {
  /** The instance's row, when the caller read it already (a job reads it with its lock): the first attempt uses it. */
  known?: InstanceRow;
  /** An operator's or caseworker's operation: recorded in the operation log in the command's transaction. */
  operation?: OperatorOperation;
}

/** A command on an instance, queued to be written together with others (see `runTogether`). */
interface QueuedRun extends RunOptions {
  tenantId: string;
  instanceId: string;
  command: Command;
}

type RunOutcome = CommandOutcome & { dispatch: DispatchRequest[] };

/** How starts share transactions (see {@link GroupCommitQueue}). */
export interface StartBatching {
  maxBatches: number;
  maxBatchSize: number;
}

const DEFAULT_START_BATCHING: StartBatching = { maxBatches: 2, maxBatchSize: 64 };
const UNIQUE_VIOLATION = '23505';

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
  private readonly starts: GroupCommitQueue<StartRequest | StartByKeyRequest, StartOutcome>;
  private readonly runs: GroupCommitQueue<QueuedRun, RunOutcome>;
  /** Told of every command once it is committed (metrics). */
  readonly observers = new RuntimeObservers();

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
    batching: StartBatching = DEFAULT_START_BATCHING,
  ) {
    this.starts = new GroupCommitQueue((requests) => this.startTogether(requests), batching);
    this.runs = new GroupCommitQueue((requests) => this.runTogether(requests), batching);
  }

  /**
   * Starts an instance: in `manager`'s transaction (whose caller then dispatches), or else committed — together with
   * the starts that arrive while others are being written, in one transaction (group commit) — and dispatched.
   */
  async start(request: StartRequest | StartByKeyRequest, manager?: EntityManager): Promise<StartOutcome> {
    if (manager) {
      const definition = await this.definitionOf(manager, request);
      const outcome = await this.batched(manager, (batched) =>
        this.startIn(batched, { ...request, definition }),
      );
      // In the caller's transaction, which commits right after: reported now, as the caller has no way to.
      this.committed(outcome, true);
      return outcome;
    }
    return this.starts.submit(request);
  }

  /**
   * Runs queued starts. Their definitions are looked up in one query; then all of them are written in one
   * transaction, their inserts into each table merged into one multi-row insert, so a batch of starts that run to
   * a wait state or their end costs about the round trips and the commit of one. A start the core refuses fails
   * alone; if the combined write fails, each start runs again in a transaction of its own, so one bad start never
   * fails the others.
   */
  private async startTogether(
    requests: Array<StartRequest | StartByKeyRequest>,
  ): Promise<Settled<StartOutcome>[]> {
    if (requests.length === 1) return [await settle(() => this.startAlone(requests[0]))];
    const resolved = await this.definitions.latestOf(
      this.dataSource.manager,
      requests.flatMap((request) => ('definition' in request ? [] : [request])),
    );
    const outcomes: Array<Settled<StartOutcome> | undefined> = requests.map((request) =>
      'definition' in request || resolved.has(keyOf(request))
        ? undefined
        : { ok: false, error: new NoSuchDefinitionError(request.tenantId, request.definitionKey) },
    );
    const replays = await this.replaysOf(this.dataSource.manager, requests);
    try {
      await inLazyTransaction(
        this.dataSource,
        async (manager) => {
          for (const [index, request] of requests.entries()) {
            if (outcomes[index]) continue;
            const replay = request.idempotencyKey ? replays.get(idempotencyKeyOf(request)) : undefined;
            if (replay) {
              outcomes[index] = { ok: true, value: replay };
              continue;
            }
            const definition = 'definition' in request ? request.definition : resolved.get(keyOf(request));
            try {
              outcomes[index] = {
                ok: true,
                value: await this.startIn(manager, {
                  ...request,
                  definition: definition as RuntimeDefinition,
                }),
              };
            } catch (error) {
              // Refused by the core or for its definition: before it wrote anything, so the others go on.
              if (!(error instanceof CommandRejectedError)) throw error;
              outcomes[index] = { ok: false, error };
            }
          }
        },
        { mergeRows: true },
      );
    } catch {
      // The combined write failed (a duplicate idempotency key, a duplicate instance id …): each on its own.
      const alone: Settled<StartOutcome>[] = [];
      for (const request of requests) alone.push(await settle(() => this.startAlone(request)));
      return alone;
    }
    const settled = outcomes as Settled<StartOutcome>[];
    this.dispatcher.dispatch(settled.flatMap((outcome) => (outcome.ok ? outcome.value.dispatch : [])));
    for (const outcome of settled) if (outcome.ok) this.committed(outcome.value, true);
    return settled;
  }

  /** One start in a transaction of its own (begun only if needed: one combined statement needs no BEGIN/COMMIT). */
  private async startAlone(request: StartRequest | StartByKeyRequest): Promise<StartOutcome> {
    const definition = await this.definitionOf(this.dataSource.manager, request);
    if (request.idempotencyKey) {
      const replay = (await this.replaysOf(this.dataSource.manager, [request])).get(
        idempotencyKeyOf(request),
      );
      if (replay) return replay;
    }
    try {
      const outcome = await inLazyTransaction(this.dataSource, (manager) =>
        this.startIn(manager, { ...request, definition }),
      );
      this.dispatcher.dispatch(outcome.dispatch);
      this.committed(outcome, true);
      return outcome;
    } catch (error) {
      // The same key, started at the same moment by another request that committed first: answer its instance.
      if (request.idempotencyKey && (error as { code?: unknown }).code === UNIQUE_VIOLATION) {
        const replay = (await this.replaysOf(this.dataSource.manager, [request])).get(
          idempotencyKeyOf(request),
        );
        if (replay) return replay;
      }
      throw error;
    }
  }

  private async definitionOf(
    manager: EntityManager,
    request: StartRequest | StartByKeyRequest,
  ): Promise<RuntimeDefinition> {
    if ('definition' in request) return request.definition;
    const definition = (await this.definitions.latestOf(manager, [request])).get(keyOf(request));
    if (!definition) throw new NoSuchDefinitionError(request.tenantId, request.definitionKey);
    return definition;
  }

  /** The instances earlier starts with these requests' idempotency keys started, as they are now. */
  private async replaysOf(
    manager: EntityManager,
    requests: Array<StartRequest | StartByKeyRequest>,
  ): Promise<Map<string, StartOutcome>> {
    const keyed = requests.filter((request) => request.idempotencyKey !== undefined);
    const replays = new Map<string, StartOutcome>();
    if (keyed.length === 0) return replays;
    const rows = (await manager.query(
      `SELECT k.tenant_id, k.key, p.id, p.definition_id, p.state FROM idempotent_starts k
         JOIN process_instances p ON p.id = k.process_instance_id AND p.tenant_id = k.tenant_id
       WHERE (k.tenant_id, k.key) IN (SELECT * FROM unnest($1::text[], $2::text[]))`,
      [keyed.map((request) => request.tenantId), keyed.map((request) => request.idempotencyKey)],
    )) as Array<{
      tenant_id: string;
      key: string;
      id: string;
      definition_id: string;
      state: ProcessInstanceState;
    }>;
    for (const row of rows) {
      const definition = await this.definitions.byIdOf(manager, row.tenant_id, row.definition_id);
      if (!definition) continue;
      replays.set(tenantScoped(row.tenant_id, row.key), {
        instanceId: row.id,
        state: row.state,
        result: { state: row.state, effects: [], events: [] },
        definition,
        dispatch: [],
        replayed: true,
      });
    }
    return replays;
  }

  /** Runs a command on an instance; retried on a concurrent modification. */
  async run(
    tenantId: string,
    instanceId: string,
    command: Command,
    manager?: EntityManager,
    options: RunOptions = {},
  ): Promise<CommandOutcome & { dispatch: DispatchRequest[] }> {
    if (manager) {
      const outcome = await this.batched(manager, (batched) =>
        this.runIn(batched, tenantId, instanceId, command, undefined, false, options.operation),
      );
      this.committed(outcome, false);
      return outcome;
    }
    return this.runs.submit({ tenantId, instanceId, command, ...options });
  }

  /**
   * Runs queued commands on distinct instances in one transaction (group commit, as for starts): their optimistically
   * locked updates and their other writes merged into one statement, which requires every instance to still have the
   * version its command read. Anything else — a stale version, a failing write — and each command runs again on its
   * own, with its retries. Commands the core refuses fail alone. A second command on an instance already in the batch
   * runs after it, on its own.
   */
  private async runTogether(requests: QueuedRun[]): Promise<Array<Settled<RunOutcome>>> {
    if (requests.length === 1) return [await settle(() => this.runAlone(requests[0]))];
    const seen = new Set<string>();
    const together = requests.filter(
      (request) => !seen.has(request.instanceId) && seen.add(request.instanceId),
    );
    const outcomes = new Map<QueuedRun, Settled<RunOutcome>>();
    const unknown = together.filter((request) => !request.known);
    const rows = new Map<string, InstanceRow>();
    if (unknown.length > 0) {
      const read = (await this.dataSource.query(
        `SELECT ${instanceRowColumns('p')} FROM process_instances p
         WHERE (p.id, p.tenant_id) IN (SELECT * FROM unnest($1::text[], $2::text[]))`,
        [unknown.map((request) => request.instanceId), unknown.map((request) => request.tenantId)],
      )) as InstanceRow[];
      for (const row of read) rows.set(tenantScoped(row.tenantId, row.id), row);
    }
    try {
      await inLazyTransaction(
        this.dataSource,
        async (manager) => {
          for (const request of together) {
            const row = request.known ?? rows.get(tenantScoped(request.tenantId, request.instanceId));
            try {
              outcomes.set(request, {
                ok: true,
                value: await this.runIn(
                  manager,
                  request.tenantId,
                  request.instanceId,
                  request.command,
                  row,
                  true,
                  request.operation,
                ),
              });
            } catch (error) {
              // Refused before it wrote anything (no such instance, suspended, no such wait): the others go on.
              if (!(error instanceof CommandRejectedError)) throw error;
              outcomes.set(request, { ok: false, error });
            }
          }
        },
        { mergeRows: true },
      );
    } catch {
      // A stale version or a failed write: each command on its own, with its retries (rows read again).
      outcomes.clear();
    }
    if (outcomes.size > 0) {
      const committed = [...outcomes.values()].flatMap((outcome) => (outcome.ok ? [outcome.value] : []));
      this.dispatcher.dispatch(committed.flatMap((outcome) => outcome.dispatch));
      for (const outcome of committed) this.committed(outcome, false);
    }
    const settled: Array<Settled<RunOutcome>> = [];
    for (const request of requests) {
      settled.push(
        outcomes.get(request) ?? (await settle(() => this.runAlone({ ...request, known: undefined }))),
      );
    }
    return settled;
  }

  /** One command in a transaction of its own, run again on the newer state after a concurrent modification. */
  private async runAlone({
    tenantId,
    instanceId,
    command,
    known,
    operation,
  }: QueuedRun): Promise<RunOutcome> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        // Begun only if needed: read the instance, then one statement that writes and checks the version.
        const outcome = await inLazyTransaction(this.dataSource, (manager) =>
          this.runIn(
            manager,
            tenantId,
            instanceId,
            command,
            attempt === 1 ? known : undefined,
            false,
            operation,
          ),
        );
        this.dispatcher.dispatch(outcome.dispatch);
        this.committed(outcome, false);
        return outcome;
      } catch (error) {
        if (!(error instanceof ConcurrentModificationError) || attempt >= MAX_ATTEMPTS) throw error;
        await new Promise((resolve) => setTimeout(resolve, Math.min(50, attempt * 2) * Math.random()));
      }
    }
  }

  private async startIn(manager: EntityManager, request: StartRequest): Promise<StartOutcome> {
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
    if (request.idempotencyKey !== undefined) {
      await manager.query(
        `INSERT INTO idempotent_starts (tenant_id, key, process_instance_id, created_at) VALUES ($1, $2, $3, $4)`,
        [request.tenantId, request.idempotencyKey, instanceId, now],
      );
    }
    const dispatch = await this.persistEffects(manager, context, result, now, 1, {
      superInstanceId: request.superInstanceId ?? null,
      superWaitKey: request.superWaitKey ?? null,
    });
    return { instanceId, state, result, dispatch, definition };
  }

  private async runIn(
    manager: EntityManager,
    tenantId: string,
    instanceId: string,
    command: Command,
    known?: InstanceRow,
    /** `known` is the row as read for this command; absent means the instance does not exist. */
    knownIsRead = false,
    operation?: OperatorOperation,
  ): Promise<CommandOutcome & { dispatch: DispatchRequest[] }> {
    const row =
      knownIsRead || (known?.id === instanceId && known.tenantId === tenantId)
        ? known
        : (
            (await manager.query(
              `SELECT ${instanceRowColumns('p')} FROM process_instances p WHERE p.id = $1 AND p.tenant_id = $2`,
              [instanceId, tenantId],
            )) as InstanceRow[]
          )[0];
    if (!row) throw new CommandRejectedError('not-found', `No process instance '${instanceId}'`);
    // Camunda's rule: a suspended instance does not move until it is activated; it can still be cancelled.
    if (row.suspended && command.type !== 'cancel') throw new InstanceSuspendedError(instanceId);
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
    // Written over a VALUES row so that commands written together merge into one statement (see WriteBatch).
    await expectRow(
      manager,
      `UPDATE process_instances AS p SET state = v.state, version = p.version + 1, status = v.status, ended_at = v.ended_at
       FROM (VALUES ($1::jsonb, $2::text, $3::timestamptz, $4::text, $5::text, $6::integer))
         AS v (state, status, ended_at, id, tenant_id, version)
       WHERE p.id = v.id AND p.tenant_id = v.tenant_id AND p.version = v.version`,
      [JSON.stringify(state), state.status, ended ? now : null, instanceId, tenantId, row.version],
      () => new ConcurrentModificationError(instanceId),
    );
    if (operation) await recordOperation(manager, tenantId, instanceId, operation, now);
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
        `UPDATE history_process_instances AS h SET state = v.state, ended_at = v.ended_at, removal_time = v.removal_time,
           failure = v.failure
         FROM (VALUES ($1::text, $2::text, $3::timestamptz, $4::timestamptz, $5::jsonb))
           AS v (id, state, ended_at, removal_time, failure)
         WHERE h.id = v.id`,
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

  /** Tells the observers of a committed command (a replayed idempotent start started nothing). */
  private committed(outcome: CommandOutcome & { replayed?: boolean }, started: boolean): void {
    if (outcome.replayed) return;
    this.observers.commandCommitted({
      definitionKey: outcome.state.processId,
      started,
      effects: outcome.result.effects,
    });
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

function keyOf(request: { tenantId: string; definitionKey: string }): string {
  return tenantScoped(request.tenantId, request.definitionKey);
}

function idempotencyKeyOf(request: { tenantId: string; idempotencyKey?: string }): string {
  return tenantScoped(request.tenantId, request.idempotencyKey ?? '');
}
