import {
  compileBpmn,
  compileDmn,
  eventDefinitionsOf,
  isMultipleEvent,
  plainValuesOf,
  ProcessExecutor,
  typedVariablesOf,
  type Command,
  type CommandResult,
  type DecisionLookup,
  type ExecutableDecisions,
  type Effect,
  type ExecutableModel,
  type ExecutableProcess,
  type ProcessInstanceState,
  type TraceEvent,
  type VariableMap,
  type Wait,
} from '#bpmn';

/**
 * An in-memory stand-in for the durable runtime, for scenario tests of the pure core: it keeps instance states,
 * routes messages and signals between them, and drives a fake clock. With `snapshotEveryStep` every command runs
 * step by step, and between steps the state and the model go through JSON and a fresh executor — as if each
 * step ran in another process. Processes deployed together call each other: a call activity's wait starts the
 * called process, whose end (completed, failed with an error, an uncaught escalation) is reported back on that wait,
 * and closing the wait as cancelled cancels the child.
 */
export class ProcessHarness {
  readonly instances = new Map<string, ProcessInstanceState>();
  readonly effects: Effect[] = [];
  readonly events: TraceEvent[] = [];
  /** Every command that succeeded, in order, with the time it ran at: replayed elsewhere, it must lead to the same states. */
  readonly commandLog: Array<{ processId: string; instanceId: string; command: Command; at: string }> = [];
  readonly unmatchedMessages: Array<Extract<Effect, { type: 'message.published' }>> = [];
  private clock = new Date('2026-01-05T08:00:00.000Z');
  private nextInstance = 1;
  /** Called instances, by instance id: the caller and its call activity's wait. */
  private readonly calls = new Map<string, { callerId: string; waitKey: string }>();

  private constructor(
    private readonly model: ExecutableModel,
    private readonly options: {
      snapshotEveryStep: boolean;
      maxSteps?: number;
      decisions?: ExecutableDecisions[];
    },
  ) {}

  /** Deploys one BPMN document, or several whose processes then call each other. */
  static async deploy(
    xml: string | string[],
    options: { snapshotEveryStep?: boolean; maxSteps?: number; dmn?: string[] } = {},
  ): Promise<ProcessHarness> {
    const models: ExecutableModel[] = [];
    for (const document of Array.isArray(xml) ? xml : [xml]) {
      const { model: compiled, findings } = await compileBpmn(document);
      if (!compiled) {
        throw new Error(
          `The scenario's model does not validate:\n${findings.map((f) => `${f.elementId ?? ''}: ${f.message}`).join('\n')}`,
        );
      }
      models.push(compiled);
    }
    const model: ExecutableModel = {
      dialect: models[0].dialect,
      processes: models.flatMap((deployed) => deployed.processes),
    };
    // DMN documents deploy alongside, in order: a decision's version is the count of documents holding it so far.
    const decisions: ExecutableDecisions[] = [];
    for (const dmn of options.dmn ?? []) {
      const compiled = await compileDmn(dmn);
      if (!compiled.model) {
        throw new Error(
          `The scenario's DMN does not validate:\n${compiled.findings.map((f) => `${f.elementId ?? ''}: ${f.message}`).join('\n')}`,
        );
      }
      decisions.push(compiled.model);
    }
    return new ProcessHarness(model, {
      snapshotEveryStep: options.snapshotEveryStep ?? false,
      maxSteps: options.maxSteps,
      decisions,
    });
  }

  now(): Date {
    return new Date(this.clock);
  }

  advanceClock(to: Date): void {
    if (to > this.clock) this.clock = new Date(to);
  }

  // ----- commands -----

  start(
    options: {
      processId?: string;
      variables?: Record<string, unknown>;
      businessKey?: string;
      startEventId?: string;
      /** A multiple start event: which of its triggers occurred. */
      firedDefinition?: number;
    } = {},
  ): string {
    const process = options.processId ? this.processNamed(options.processId) : this.model.processes[0];
    const instanceId = `pi-${this.nextInstance++}`;
    this.run(process, null, {
      type: 'start',
      instanceId,
      variables: typedVariablesOf(options.variables ?? {}),
      ...(options.businessKey ? { businessKey: options.businessKey } : {}),
      ...(options.startEventId ? { startEventId: options.startEventId } : {}),
      ...(options.firedDefinition !== undefined ? { firedDefinition: options.firedDefinition } : {}),
    });
    return instanceId;
  }

  completeJob(elementId: string, variables: Record<string, unknown> = {}, instanceId?: string): void {
    this.triggerWait(this.wait(elementId, 'job', instanceId), { variables: typedVariablesOf(variables) });
  }

  completeUserTask(elementId: string, variables: Record<string, unknown> = {}, instanceId?: string): void {
    this.triggerWait(this.wait(elementId, 'user-task', instanceId), {
      variables: typedVariablesOf(variables),
    });
  }

  /** Completes one particular job or user task by its wait key (one instance among those of a multi-instance activity). */
  completeWait(waitKey: string, variables: Record<string, unknown> = {}): void {
    const wait = [...this.instances.values()]
      .flatMap((state) => Object.values(state.waits))
      .find((candidate) => candidate.key === waitKey);
    if (!wait) throw new Error(`No open wait '${waitKey}'`);
    this.triggerWait(wait, { variables: typedVariablesOf(variables) });
  }

  /** Completes a job with typed variables as a worker sends them (types such as Object kept), some local to the task. */
  completeJobTyped(
    elementId: string,
    payload: { variables?: VariableMap; localVariables?: VariableMap },
    instanceId?: string,
  ): void {
    this.triggerWait(this.wait(elementId, 'job', instanceId), payload);
  }

  /** Moves the clock to the timer's due time and fires it. */
  fireTimer(elementId: string, instanceId?: string): void {
    const wait = this.wait(elementId, 'timer', instanceId);
    if (wait.kind === 'timer') this.advanceClock(new Date(wait.dueAt));
    this.triggerWait(wait, {});
  }

  /** Correlates a message to the first waiting subscription with its name (and key), else starts a process on it. */
  correlate(messageName: string, variables: Record<string, unknown> = {}, correlationKey?: string): void {
    this.deliverMessage({
      type: 'message.published',
      messageName,
      ...(correlationKey !== undefined ? { correlationKey } : {}),
      variables: typedVariablesOf(variables),
      elementId: '(test)',
    });
  }

  signal(signalName: string, variables: Record<string, unknown> = {}): void {
    this.broadcast(signalName, typedVariablesOf(variables));
  }

  throwError(elementId: string, errorCode: string, errorMessage?: string, instanceId?: string): void {
    const wait = this.wait(elementId, undefined, instanceId);
    this.command(this.ownerInstance(wait), {
      type: 'throw-error',
      waitKey: wait.key,
      errorCode,
      ...(errorMessage ? { errorMessage } : {}),
    });
  }

  /** The runtime reports that a job or a call could not be done (retries exhausted, called process missing …). */
  failWait(elementId: string, message: string, instanceId?: string): void {
    const wait = this.wait(elementId, undefined, instanceId);
    this.command(this.ownerInstance(wait), { type: 'fail-wait', waitKey: wait.key, message });
  }

  setVariables(variables: Record<string, unknown>, instanceId?: string): void {
    const id = instanceId ?? this.onlyInstanceId();
    this.command(id, { type: 'set-variables', variables: typedVariablesOf(variables) });
  }

  /** An operator removes process variables (Camunda's `removeVariable`). */
  removeVariables(names: string[], instanceId?: string): void {
    const id = instanceId ?? this.onlyInstanceId();
    this.command(id, { type: 'set-variables', variables: {}, deletions: names });
  }

  resolveIncident(elementId: string, instanceId?: string): void {
    const id = instanceId ?? this.onlyInstanceId();
    const incident = Object.values(this.state(id).incidents).find(
      (candidate) => candidate.elementId === elementId,
    );
    if (!incident) throw new Error(`No incident at '${elementId}'`);
    this.command(id, { type: 'resolve-incident', incidentKey: incident.key });
  }

  cancel(instanceId?: string): void {
    this.command(instanceId ?? this.onlyInstanceId(), { type: 'cancel' });
  }

  // ----- what tests look at -----

  /** The instances a caller's call activities started, oldest first. */
  calledBy(callerId: string): string[] {
    return [...this.calls.entries()].filter(([, call]) => call.callerId === callerId).map(([id]) => id);
  }

  state(instanceId?: string): ProcessInstanceState {
    const state = this.instances.get(instanceId ?? this.onlyInstanceId());
    if (!state) throw new Error(`No instance '${instanceId}'`);
    return state;
  }

  status(instanceId?: string): ProcessInstanceState['status'] {
    return this.state(instanceId).status;
  }

  /** The process variables as plain values. */
  variables(instanceId?: string): Record<string, unknown> {
    const state = this.state(instanceId);
    return plainValuesOf(state.variables[state.rootKey] ?? {});
  }

  /** The multiset of elements that completed (the process itself excluded), sorted. */
  completed(instanceId?: string): string[] {
    return this.traceOf('element.completed', instanceId);
  }

  terminated(instanceId?: string): string[] {
    return this.traceOf('element.terminated', instanceId);
  }

  /** Element ids of the open waits of one kind, sorted. */
  waiting(kind?: Wait['kind'], instanceId?: string): string[] {
    return Object.values(this.state(instanceId).waits)
      .filter((wait) => !kind || wait.kind === kind)
      .map((wait) => wait.elementId)
      .sort();
  }

  incidents(instanceId?: string): Array<{ elementId: string; type: string; message: string }> {
    return Object.values(this.state(instanceId).incidents).map((incident) => ({
      elementId: incident.elementId,
      type: incident.incidentType,
      message: incident.message,
    }));
  }

  wait(elementId: string, kind?: Wait['kind'], instanceId?: string): Wait {
    const candidates = [...this.instances.entries()]
      .filter(([id]) => !instanceId || id === instanceId)
      .flatMap(([, state]) => Object.values(state.waits))
      .filter((wait) => wait.elementId === elementId && (!kind || wait.kind === kind));
    if (candidates.length === 0)
      throw new Error(`Nothing waits at '${elementId}'${kind ? ` (${kind})` : ''}`);
    return candidates[0];
  }

  // ----- plumbing -----

  private traceOf(type: TraceEvent['type'], instanceId?: string): string[] {
    const prefix = instanceId
      ? `${instanceId}.`
      : this.instances.size === 1
        ? `${this.onlyInstanceId()}.`
        : '';
    return this.events
      .filter(
        (event) =>
          event.type === type &&
          'key' in event &&
          event.key.startsWith(prefix) &&
          event.elementType !== 'process',
      )
      .map((event) => (event as { elementId: string }).elementId)
      .sort();
  }

  private onlyInstanceId(): string {
    if (this.instances.size !== 1) throw new Error(`Name the instance: there are ${this.instances.size}`);
    return [...this.instances.keys()][0];
  }

  private ownerInstance(wait: Wait): string {
    return wait.key.slice(0, wait.key.lastIndexOf('.'));
  }

  private processNamed(processId: string): ExecutableProcess {
    const process = this.model.processes.find((candidate) => candidate.id === processId);
    if (!process) throw new Error(`No process '${processId}'`);
    return process;
  }

  private triggerWait(
    wait: Wait,
    payload: Omit<Extract<Command, { type: 'trigger' }>, 'type' | 'waitKey'>,
  ): void {
    this.command(this.ownerInstance(wait), { type: 'trigger', waitKey: wait.key, ...payload });
  }

  private command(instanceId: string, command: Command): void {
    const state = this.state(instanceId);
    this.run(this.processNamed(state.processId), state, command);
  }

  private executor(process: ExecutableProcess): ProcessExecutor {
    const environment = {
      now: () => this.now(),
      ...(this.options.maxSteps ? { maxSteps: this.options.maxSteps } : {}),
      decisions: this.decisionLookup(),
    };
    if (!this.options.snapshotEveryStep) return new ProcessExecutor(process, environment);
    return new ProcessExecutor(JSON.parse(JSON.stringify(process)) as ExecutableProcess, environment);
  }

  /** Finds decisions as a runtime would: the latest, or by version number or tag; all DMN counts as one deployment. */
  private decisionLookup(): DecisionLookup {
    const deployed = this.options.decisions ?? [];
    const documents = this.options.snapshotEveryStep ? roundTrip(deployed) : deployed;
    return {
      find: (decisionId, binding) => {
        const versions = documents.filter((document) => Object.hasOwn(document.decisions, decisionId));
        if (binding.type === 'version') return versions[binding.version - 1];
        if (binding.type === 'versionTag')
          return versions.findLast(
            (document) => document.decisions[decisionId].versionTag === binding.versionTag,
          );
        return versions[versions.length - 1];
      },
    };
  }

  private run(process: ExecutableProcess, state: ProcessInstanceState | null, command: Command): void {
    let result: CommandResult<ProcessInstanceState>;
    if (!this.options.snapshotEveryStep) {
      result = this.executor(process).execute(state, command);
    } else {
      const begun = this.executor(process).begin(state, command);
      const effects = [...begun.effects];
      const events = [...begun.events];
      let current = roundTrip(begun.state);
      for (;;) {
        const stepped = this.executor(process).step(current);
        effects.push(...stepped.effects);
        events.push(...stepped.events);
        current = roundTrip(stepped.state);
        if (stepped.done) break;
      }
      result = { state: current, effects, events };
    }
    this.instances.set(result.state.id, result.state);
    this.commandLog.push({
      processId: process.id,
      instanceId: result.state.id,
      command,
      at: this.now().toISOString(),
    });
    this.effects.push(...result.effects);
    this.events.push(...result.events);
    // A called process's uncaught escalation goes to its caller before its end does.
    for (const event of result.events) {
      if (event.type === 'escalation.thrown' && !event.caughtBy)
        this.escalateToCaller(result.state.id, event.escalationCode);
    }
    for (const effect of result.effects) {
      if (effect.type === 'signal.thrown') this.broadcast(effect.signalName, effect.variables);
      if (effect.type === 'message.published') this.deliverMessage(effect);
      if (effect.type === 'wait.opened' && effect.wait.kind === 'call-activity')
        this.startCalledProcess(result.state.id, effect.wait);
      if (effect.type === 'wait.closed' && effect.kind === 'call-activity' && effect.reason === 'cancelled')
        this.cancelCalledProcess(effect.key);
      if (effect.type === 'instance.ended') this.reportToCaller(result.state.id);
    }
  }

  // ----- call activities -----

  private startCalledProcess(callerId: string, wait: Extract<Wait, { kind: 'call-activity' }>): void {
    // Within one command the wait may have been opened and closed again (an interrupting event fired at once).
    if (!this.instances.get(callerId)?.waits[wait.key]) return;
    const process = this.model.processes.find(
      (candidate) =>
        candidate.id === wait.processId &&
        (wait.binding !== 'versionTag' || candidate.versionTag === wait.versionTag),
    );
    if (!process || (wait.binding === 'version' && wait.version !== 1)) {
      throw new Error(
        `No deployed process '${wait.processId}' (${wait.binding}) for '${wait.elementId}' to call`,
      );
    }
    const childId = `pi-${this.nextInstance++}`;
    this.calls.set(childId, { callerId, waitKey: wait.key });
    this.run(process, null, {
      type: 'start',
      instanceId: childId,
      variables: wait.variables,
      ...(wait.businessKey !== undefined ? { businessKey: wait.businessKey } : {}),
    });
  }

  private cancelCalledProcess(waitKey: string): void {
    for (const [childId, call] of this.calls) {
      if (call.waitKey === waitKey && this.instances.get(childId)?.status === 'active')
        this.command(childId, { type: 'cancel' });
    }
  }

  /** The caller's wait, while it still waits for this child. */
  private callerWaiting(childId: string): { callerId: string; waitKey: string } | undefined {
    const call = this.calls.get(childId);
    if (!call || !this.instances.get(call.callerId)?.waits[call.waitKey]) return undefined;
    return call;
  }

  private reportToCaller(childId: string): void {
    const call = this.callerWaiting(childId);
    const child = this.instances.get(childId);
    if (!call || !child) return;
    if (child.status === 'completed') {
      this.command(call.callerId, {
        type: 'trigger',
        waitKey: call.waitKey,
        variables: child.variables[child.rootKey] ?? {},
      });
    } else if (child.status === 'failed' && child.failure) {
      this.command(call.callerId, {
        type: 'throw-error',
        waitKey: call.waitKey,
        errorCode: child.failure.errorCode,
        ...(child.failure.errorMessage ? { errorMessage: child.failure.errorMessage } : {}),
      });
    }
  }

  private escalateToCaller(childId: string, escalationCode: string): void {
    const call = this.callerWaiting(childId);
    if (call)
      this.command(call.callerId, { type: 'throw-escalation', waitKey: call.waitKey, escalationCode });
  }

  private broadcast(signalName: string, variables: Record<string, import('#bpmn').TypedValue>): void {
    const waits = [...this.instances.values()]
      .filter((state) => state.status === 'active')
      .flatMap((state) => Object.values(state.waits))
      .filter((wait) => wait.kind === 'signal' && wait.signalName === signalName);
    for (const wait of waits) {
      const owner = this.instances.get(this.ownerInstance(wait));
      if (owner?.waits[wait.key]) this.triggerWait(wait, { variables });
    }
    for (const start of this.startEventsOn('signal', signalName)) {
      this.start({ ...start, variables: plainValuesOf(variables) });
    }
  }

  private deliverMessage(message: Extract<Effect, { type: 'message.published' }>): void {
    for (const state of this.instances.values()) {
      if (state.status !== 'active') continue;
      const wait = Object.values(state.waits).find(
        (candidate) =>
          candidate.kind === 'message' &&
          candidate.messageName === message.messageName &&
          (message.correlationKey === undefined || candidate.correlationKey === message.correlationKey),
      );
      if (wait) return this.triggerWait(wait, { variables: message.variables });
    }
    const [start] = this.startEventsOn('message', message.messageName);
    if (start) {
      this.start({ ...start, variables: plainValuesOf(message.variables) });
      return;
    }
    this.unmatchedMessages.push(message);
  }

  /** The start events a message or signal of this name starts (for a multiple start event: which trigger it is). */
  private startEventsOn(
    kind: 'message' | 'signal',
    name: string,
  ): Array<{ processId: string; startEventId: string; firedDefinition?: number }> {
    const found: Array<{ processId: string; startEventId: string; firedDefinition?: number }> = [];
    for (const process of this.model.processes) {
      for (const startEventId of process.startEvents) {
        const element = process.elements[startEventId];
        const index = eventDefinitionsOf(element).findIndex((definition) =>
          definition.kind === 'message'
            ? kind === 'message' && definition.messageName.source === name
            : definition.kind === 'signal' && kind === 'signal' && definition.signalName.source === name,
        );
        if (index < 0) continue;
        found.push({
          processId: process.id,
          startEventId,
          ...(isMultipleEvent(element) ? { firedDefinition: index } : {}),
        });
      }
    }
    return found;
  }
}

function roundTrip<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
