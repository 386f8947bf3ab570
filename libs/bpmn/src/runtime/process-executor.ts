import { behaviorOf } from '../behaviors/behavior-registry.js';
import { openAsyncContinuation } from '../behaviors/async-continuation.js';
import { continueCompensation, recordCompensable } from '../behaviors/compensation.js';
import { triggerEventSubProcess } from '../behaviors/containers/event-sub-process.js';
import { triggerBoundaryEvent } from '../behaviors/events/boundary-event.js';
import { openScopeSubscriptions } from '../behaviors/scope-subscriptions.js';
import { throwBpmnError, throwEscalation } from '../behaviors/events/event-propagation.js';
import { uncontrolledFlows } from '../behaviors/flow-selection.js';
import { consumeArrivals, recordArrival } from '../behaviors/gateways/join-arrivals.js';
import { checkInclusiveJoin } from '../behaviors/gateways/inclusive-gateway.js';
import { checkComplexGateway } from '../behaviors/gateways/complex-gateway.js';
import { eventDefinitionsOf } from '../model/event-definitions.js';
import type { ExecutableProcess } from '../model/executable-model.js';
import { CommandRejectedError } from './command-rejected.js';
import type { Command } from './commands.js';
import type { CommandResult } from './effects.js';
import { Execution, type ExecutionEnvironment } from './execution.js';
import { maskPersonalData } from './incident-text.js';
import { isLoopBody, isLoopIteration } from './loop-bodies.js';
import {
  rootScopeKeyOf,
  type AgendaItem,
  type CompensationRecord,
  type ElementInstance,
  type ProcessInstanceState,
  type TriggerPayload,
  type Wait,
} from './instance-state.js';

const DEFAULT_MAX_STEPS = 10_000;

/** The result of one step: `done` once the instance rests (every token waits, or it ended). */
export interface StepResult extends CommandResult<ProcessInstanceState> {
  done: boolean;
}

/**
 * Runs one process definition's instances: a command goes in with the instance's state, and out come the new
 * state, the effects for the outside world and the trace. The input state is never modified.
 *
 * @example
 * const executor = new ProcessExecutor(model.processes[0], { now: () => new Date() });
 * const started = executor.execute(null, { type: 'start', instanceId: 'pi-1', variables: {} });
 * const job = started.effects.find((e) => e.type === 'wait.opened' && e.wait.kind === 'job');
 */
export class ProcessExecutor {
  constructor(
    readonly process: ExecutableProcess,
    private readonly environment: ExecutionEnvironment,
  ) {}

  /** Applies a command and runs until the instance rests. */
  execute(state: ProcessInstanceState | null, command: Command): CommandResult<ProcessInstanceState> {
    const begun = this.begin(state, command);
    const execution = new Execution(this.process, begun.state, this.environment, begun.effects, begun.events);
    while (!this.stepIn(execution)) {
      /* run to the next wait state */
    }
    return { state: execution.state, effects: execution.effects, events: execution.events };
  }

  /** Applies a command without running: the agenda holds the work. Use with {@link step} to run step by step. */
  begin(state: ProcessInstanceState | null, command: Command): CommandResult<ProcessInstanceState> {
    if (command.type === 'start') return this.start(command);
    if (!state)
      throw new CommandRejectedError('invalid', `Command '${command.type}' needs the instance's state`);
    const execution = new Execution(this.process, structuredClone(state), this.environment);
    if (execution.state.status !== 'active') {
      throw new CommandRejectedError(
        'conflict',
        `Process instance '${state.id}' has ended (${state.status}); it takes no more commands`,
      );
    }
    execution.state.stepsInCommand = 0;
    this.accept(execution, command);
    return { state: execution.state, effects: execution.effects, events: execution.events };
  }

  /** Processes one item of the agenda on a copy of the state. */
  step(state: ProcessInstanceState): StepResult {
    const execution = new Execution(this.process, structuredClone(state), this.environment);
    const done = this.stepIn(execution);
    return { state: execution.state, effects: execution.effects, events: execution.events, done };
  }

  private start(command: Extract<Command, { type: 'start' }>): CommandResult<ProcessInstanceState> {
    const startEventId = command.startEventId ?? this.process.elements[this.process.id].noneStartEvent;
    const startEvent = startEventId ? this.process.elements[startEventId] : undefined;
    if (
      !startEventId ||
      !startEvent ||
      startEvent.type !== 'startEvent' ||
      startEvent.scopeId !== this.process.id
    ) {
      throw new CommandRejectedError(
        'invalid',
        startEventId
          ? `Process '${this.process.id}' has no start event '${startEventId}'`
          : `Process '${this.process.id}' has no none start event; start it by message, signal or timer`,
      );
    }
    const fired = command.firedDefinition;
    if (fired !== undefined && !eventDefinitionsOf(startEvent)[fired]) {
      throw new CommandRejectedError(
        'invalid',
        `Start event '${startEventId}' has ${eventDefinitionsOf(startEvent).length} event definitions, so it has no trigger number ${fired}`,
      );
    }
    const rootKey = rootScopeKeyOf(command.instanceId);
    const state: ProcessInstanceState = {
      schemaVersion: 1,
      id: command.instanceId,
      processId: this.process.id,
      ...(command.businessKey !== undefined ? { businessKey: command.businessKey } : {}),
      status: 'active',
      startedAt: this.environment.now().toISOString(),
      seq: 1,
      elementInstances: {
        [rootKey]: {
          key: rootKey,
          elementId: this.process.id,
          elementType: 'process',
          parentKey: null,
          status: 'active',
        },
      },
      variables: { [rootKey]: {} },
      rootKey,
      waits: {},
      incidents: {},
      agenda: [],
      stepsInCommand: 0,
      conditionsDirty: false,
    };
    const execution = new Execution(this.process, state, this.environment);
    execution.events.push({
      type: 'element.activated',
      key: rootKey,
      elementId: this.process.id,
      elementType: 'process',
      scopeKey: null,
    });
    execution.setTypedVariables(rootKey, command.variables ?? {}, true);
    // The process's own activation opens its event sub-processes' subscriptions before the first token moves.
    execution.schedule({ op: 'run-activation', key: rootKey });
    execution.schedule({
      op: 'activate',
      elementId: startEventId,
      scopeKey: rootKey,
      ...(fired !== undefined ? { payload: { firedDefinition: fired } } : {}),
    });
    return { state, effects: execution.effects, events: execution.events };
  }

  private accept(execution: Execution, command: Exclude<Command, { type: 'start' }>): void {
    const { state } = execution;
    switch (command.type) {
      case 'trigger':
      case 'throw-error': {
        const wait = openWaitOf(state, command.waitKey);
        if (command.type === 'trigger') {
          if (command.expect && wait.kind !== command.expect) {
            throw new CommandRejectedError(
              'invalid',
              `'${command.waitKey}' is a ${wait.kind}, not a ${command.expect}`,
            );
          }
          const payload = {
            ...(command.variables ? { variables: command.variables } : {}),
            ...(command.localVariables ? { localVariables: command.localVariables } : {}),
          };
          execution.schedule({ op: 'trigger', waitKey: wait.key, payload });
        } else {
          if (wait.kind !== 'job' && wait.kind !== 'user-task' && wait.kind !== 'call-activity') {
            throw new CommandRejectedError(
              'invalid',
              `A BPMN error can only be thrown from a job, a user task or a called process, not from a ${wait.kind}`,
            );
          }
          execution.closeWait(wait.key, 'triggered');
          execution.schedule({
            op: 'throw-error',
            fromKey: wait.ownerKey,
            errorCode: command.errorCode,
            ...(command.errorMessage ? { errorMessage: command.errorMessage } : {}),
            ...(command.variables ? { variables: command.variables } : {}),
          });
        }
        return;
      }
      case 'throw-escalation': {
        const wait = openWaitOf(state, command.waitKey);
        if (wait.kind !== 'call-activity') {
          throw new CommandRejectedError(
            'invalid',
            `An escalation can only be reported from a called process (a call-activity wait), not from a ${wait.kind}`,
          );
        }
        // The call activity keeps waiting unless an interrupting boundary event catches the escalation.
        execution.schedule({
          op: 'throw-escalation',
          fromKey: wait.ownerKey,
          escalationCode: command.escalationCode,
        });
        return;
      }
      case 'fail-wait': {
        const wait = openWaitOf(state, command.waitKey);
        const owner = state.elementInstances[wait.ownerKey];
        if (wait.kind !== 'job' && wait.kind !== 'async' && wait.kind !== 'call-activity') {
          throw new CommandRejectedError(
            'invalid',
            `Only a job, an asynchronous continuation or a call can fail, not a ${wait.kind}`,
          );
        }
        const message = maskPersonalData(command.message);
        if (wait.kind === 'job' || wait.kind === 'async') {
          execution.raiseIncident(owner, 'job-failed', message, [], owner.elementId, {
            key: wait.key,
            ...(wait.kind === 'job' ? { jobType: wait.jobType } : {}),
          });
        } else {
          execution.closeWait(wait.key, 'cancelled');
          execution.raiseIncident(owner, 'call-failed', message, [{ op: 'run-activation', key: owner.key }]);
        }
        return;
      }
      case 'set-variables': {
        const scopeKey = command.scopeKey ?? state.rootKey;
        if (!state.elementInstances[scopeKey]) {
          throw new CommandRejectedError(
            'not-found',
            `Process instance '${state.id}' has no scope '${scopeKey}'`,
          );
        }
        execution.setTypedVariables(scopeKey, command.variables, command.local ?? false);
        execution.removeVariables(scopeKey, command.deletions ?? [], command.local ?? false);
        return;
      }
      case 'resolve-incident': {
        const incident = state.incidents[command.incidentKey];
        if (!incident)
          throw new CommandRejectedError(
            'not-found',
            `Process instance '${state.id}' has no incident '${command.incidentKey}'`,
          );
        execution.deleteIncident(incident.key);
        const instance = state.elementInstances[incident.elementInstanceKey];
        if (
          instance &&
          !Object.values(state.incidents).some((other) => other.elementInstanceKey === instance.key)
        ) {
          instance.status = 'active';
        }
        for (const item of incident.retry) execution.schedule(item);
        return;
      }
      case 'cancel':
        execution.endInstance('cancelled');
        return;
    }
  }

  /** One step; true when there is nothing left to do. */
  private stepIn(execution: Execution): boolean {
    const { state } = execution;
    if (state.status !== 'active') return true;
    if (state.conditionsDirty) {
      // Variables changed in the last step: conditional events react before the token moves on (as Camunda 7's
      // variable events do), so a condition set by a task's result can still interrupt that task's scope.
      if (Object.values(state.waits).some((wait) => wait.kind === 'conditional')) {
        state.agenda.unshift({ op: 'evaluate-conditions' });
      } else {
        state.conditionsDirty = false;
      }
    }
    if (state.agenda.length === 0) return true;
    state.stepsInCommand += 1;
    if (state.stepsInCommand > (this.environment.maxSteps ?? DEFAULT_MAX_STEPS)) {
      this.stopForStepBudget(execution);
      return true;
    }
    const item = state.agenda.shift() as AgendaItem;
    this.process1(execution, item);
    return false;
  }

  private stopForStepBudget(execution: Execution): void {
    const { state } = execution;
    const item = state.agenda[0];
    const at =
      item.op === 'take-flow'
        ? { scopeKey: item.scopeKey, elementId: this.process.flows[item.flowId].targetId }
        : item.op === 'activate'
          ? { scopeKey: item.scopeKey, elementId: item.elementId }
          : 'key' in item
            ? {
                scopeKey: item.key,
                elementId: state.elementInstances[item.key]?.elementId ?? this.process.id,
              }
            : { scopeKey: state.rootKey, elementId: this.process.id };
    const holder = state.elementInstances[at.scopeKey] ?? state.elementInstances[state.rootKey];
    const limit = this.environment.maxSteps ?? DEFAULT_MAX_STEPS;
    const retry = state.agenda;
    state.agenda = [];
    execution.raiseIncident(
      holder,
      'step-budget-exceeded',
      `Stopped after ${limit} steps without reaching a wait state, at '${at.elementId}': the model probably loops without a wait state. Fix the loop's condition, then resolve the incident to continue.`,
      retry,
      at.elementId,
    );
    state.stepsInCommand = 0;
  }

  private process1(execution: Execution, item: AgendaItem): void {
    switch (item.op) {
      case 'take-flow':
        return this.takeFlow(execution, item.flowId, item.scopeKey);
      case 'activate':
        return this.activate(execution, item.elementId, item.scopeKey, item.payload, item.compensation);
      case 'run-activation':
        return this.runActivation(execution, item.key);
      case 'complete':
        return this.complete(execution, item.key);
      case 'trigger':
        return this.trigger(execution, item.waitKey, item.payload);
      case 'inclusive-join-check':
        return checkInclusiveJoin(execution, item.scopeKey, item.gatewayId);
      case 'evaluate-conditions':
        return this.evaluateConditions(execution);
      case 'complex-gateway-check':
        return checkComplexGateway(execution, item.scopeKey, item.gatewayId);
      case 'throw-escalation': {
        const thrower = execution.instance(item.fromKey);
        if (thrower) throwEscalation(execution, thrower, item.escalationCode);
        return;
      }
      case 'throw-error':
        return throwBpmnError(execution, item.fromKey, item.errorCode, item.errorMessage, item.variables);
    }
  }

  private takeFlow(execution: Execution, flowId: string, scopeKey: string): void {
    if (!execution.instance(scopeKey)) return;
    const flow = this.process.flows[flowId];
    execution.events.push({ type: 'flow.taken', flowId, scopeKey });
    const target = execution.element(flow.targetId);
    const behavior = behaviorOf(target.type);
    if (behavior.onArrive) return behavior.onArrive(execution, target, scopeKey, flowId);
    if (target.startQuantity <= 1) return this.activate(execution, target.id, scopeKey, undefined);
    // startQuantity: the activity starts once that many tokens have arrived, on any of its flows.
    const arrivals = recordArrival(execution, scopeKey, target.id, '*');
    if (arrivals['*'] >= target.startQuantity) {
      consumeArrivals(execution, scopeKey, target.id, ['*'], target.startQuantity);
      this.activate(execution, target.id, scopeKey, undefined);
    }
  }

  private activate(
    execution: Execution,
    elementId: string,
    scopeKey: string,
    payload: TriggerPayload | undefined,
    compensation?: { throwerKey: string; record: CompensationRecord },
  ): void {
    if (!execution.instance(scopeKey)) return;
    const instance = execution.createInstance(elementId, scopeKey, payload);
    if (compensation) {
      instance.compensationFor = compensation.throwerKey;
      // The handler sees the compensated activity's local variables as they were when it completed.
      execution.setTypedVariables(instance.key, compensation.record.variables ?? {}, true);
      // A sub-process compensated by its event sub-process gets back the compensable work it did.
      const inner = (compensation.record.inner ?? []).map((record) => ({
        ...record,
        scopeKey: instance.key,
      }));
      if (inner.length > 0) execution.state.compensable = [...(execution.state.compensable ?? []), ...inner];
    }
    const element = execution.element(elementId);
    if (element.asyncBefore && !isLoopIteration(execution.state, instance)) {
      // The element starts in a transaction of its own, when a job worker runs the continuation.
      return openAsyncContinuation(execution, instance, 'before');
    }
    this.runActivation(execution, instance.key);
  }

  /** Input mappings, boundary events, then the element's own activation. Re-run when an incident is resolved. */
  private runActivation(execution: Execution, key: string): void {
    const instance = execution.instance(key);
    if (!instance) return;
    instance.status = 'active';
    const retry: AgendaItem[] = [{ op: 'run-activation', key }];
    const mapped = execution.applyMappings(instance, 'inputs');
    if (!mapped.ok)
      return execution.raiseIncident(instance, 'expression-failed', maskPersonalData(mapped.message), retry);
    if (!instance.boundariesOpen) {
      const opened = openScopeSubscriptions(execution, instance);
      if (!opened.ok) {
        execution.closeWaitsOwnedBy(instance.key, 'cancelled');
        return execution.raiseIncident(
          instance,
          'expression-failed',
          maskPersonalData(opened.message),
          retry,
        );
      }
      instance.boundariesOpen = true;
    }
    // The instance's own type: a loop body behaves as the body, not as the activity it repeats.
    behaviorOf(instance.elementType).onActivate(execution, instance);
  }

  /** Output mappings and the choice of outgoing flows; a failure in either keeps the instance here with an incident. */
  private complete(execution: Execution, key: string): void {
    const instance = execution.instance(key);
    if (!instance) return;
    if (key === execution.state.rootKey) {
      if (execution.scopeIsIdle(key)) execution.endInstance('completed');
      return;
    }
    instance.status = 'active';
    // A sub-process (or loop body) completes only while it is still empty: a token may have arrived since this was scheduled.
    const isContainer = instance.elementType === 'subProcess' || instance.elementType === 'transaction';
    if ((isContainer || isLoopBody(instance)) && !execution.scopeIsIdle(key)) return;
    const element = execution.element(instance.elementId);
    if (element.asyncAfter && !instance.asyncAfterPassed && !isLoopIteration(execution.state, instance)) {
      // The element has done its work; it leaves in a transaction of its own.
      return openAsyncContinuation(execution, instance, 'after');
    }
    const retry: AgendaItem[] = [{ op: 'complete', key }];
    const mapped = execution.applyMappings(instance, 'outputs');
    if (!mapped.ok)
      return execution.raiseIncident(instance, 'expression-failed', maskPersonalData(mapped.message), retry);
    // An inner instance of a multi-instance or loop activity does not leave through flows: its body decides.
    const container = instance.parentKey === null ? undefined : execution.instance(instance.parentKey);
    const containerBehavior = container && behaviorOf(container.elementType);
    if (container && containerBehavior?.onChildComplete) {
      // Each repetition is compensable on its own; the body then carries them along.
      recordCompensable(execution, instance);
      return containerBehavior.onChildComplete(execution, container, instance);
    }
    if (instance.compensationFor) return this.finishCompensationRun(execution, instance);
    const behavior = behaviorOf(instance.elementType);
    const selected = behavior.selectOutgoing
      ? behavior.selectOutgoing(execution, instance)
      : uncontrolledFlows(execution, instance);
    if (!selected.ok) {
      const type = selected.noMatchingFlow ? 'no-matching-flow' : 'expression-failed';
      return execution.raiseIncident(instance, type, maskPersonalData(selected.message), retry);
    }
    const scopeKey = instance.parentKey as string;
    recordCompensable(execution, instance);
    execution.removeInstance(instance, 'completed');
    for (const flowId of selected.value as string[]) {
      for (let token = 0; token < element.completionQuantity; token += 1) {
        execution.schedule({ op: 'take-flow', flowId, scopeKey });
      }
    }
    execution.afterLeaving(scopeKey);
  }

  /** A compensation handler (or a sub-process compensated by its event sub-process) is done: no flow is taken, the throw goes on. */
  private finishCompensationRun(execution: Execution, instance: ElementInstance): void {
    const scopeKey = instance.parentKey as string;
    execution.removeInstance(instance, 'completed');
    const thrower = execution.instance(instance.compensationFor as string);
    if (thrower) continueCompensation(execution, thrower);
    execution.afterLeaving(scopeKey);
  }

  private trigger(execution: Execution, waitKey: string, payload: TriggerPayload): void {
    const wait = execution.state.waits[waitKey];
    if (!wait) return;
    const owner = execution.instance(wait.ownerKey);
    if (!owner) return execution.closeWait(waitKey, 'cancelled');
    if (wait.kind === 'async') {
      execution.closeWait(waitKey, 'triggered');
      if (wait.phase === 'before') return this.runActivation(execution, owner.key);
      owner.asyncAfterPassed = true;
      return execution.schedule({ op: 'complete', key: owner.key });
    }
    const reacting = execution.element(wait.elementId);
    if (reacting.type === 'boundaryEvent') return triggerBoundaryEvent(execution, owner, wait, payload);
    if (reacting.type === 'startEvent' && execution.element(reacting.scopeId as string).triggeredByEvent) {
      return triggerEventSubProcess(execution, owner, wait, payload);
    }
    const behavior = behaviorOf(owner.elementType);
    if (behavior.onTrigger) return behavior.onTrigger(execution, owner, wait, payload);
    execution.closeWait(waitKey, 'triggered');
    execution.applyPayload(owner, payload);
    execution.schedule({ op: 'complete', key: owner.key });
  }

  /** Conditional events fire when their condition becomes true; a failing condition counts as false here. */
  private evaluateConditions(execution: Execution): void {
    execution.state.conditionsDirty = false;
    const fired: AgendaItem[] = [];
    for (const wait of Object.values(execution.state.waits)) {
      if (wait.kind !== 'conditional') continue;
      // A multiple event has at most one conditional trigger (validation sees to it).
      const definition = eventDefinitionsOf(execution.element(wait.elementId)).find(
        (candidate) => candidate.kind === 'conditional',
      );
      if (definition?.kind !== 'conditional') continue;
      const result = execution.evaluateEventCondition(definition.condition, wait.ownerKey);
      const holds = result.ok && result.value === true;
      if (holds && !wait.lastResult) fired.push({ op: 'trigger', waitKey: wait.key, payload: {} });
      wait.lastResult = holds;
    }
    execution.state.agenda.unshift(...fired);
  }
}

/** The open wait a command names, or a rejection saying there is none. */
function openWaitOf(state: ProcessInstanceState, waitKey: string): Wait {
  const wait = state.waits[waitKey];
  if (!wait || !state.elementInstances[wait.ownerKey]) {
    throw new CommandRejectedError(
      'not-found',
      `Process instance '${state.id}' has no open wait '${waitKey}'`,
    );
  }
  return wait;
}
