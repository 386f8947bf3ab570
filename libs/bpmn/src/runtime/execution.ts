import type { DecisionLookup } from '../dmn/decision-lookup.js';
import {
  evaluateCondition,
  evaluateEventCondition,
  evaluateExpression,
  type Evaluation,
} from '../expressions/expression-evaluator.js';
import type { ExecutableElement, ExecutableProcess } from '../model/executable-model.js';
import { describeExpression, referencedVariable, type Expression } from '../model/expression.js';
import { typedValueOf, type TypedValue, type VariableMap } from '../model/typed-value.js';
import type { Effect, TraceEvent } from './effects.js';
import type {
  AgendaItem,
  ElementInstance,
  Incident,
  IncidentType,
  ProcessInstanceState,
  TriggerPayload,
  Wait,
} from './instance-state.js';
import { instanceTypeOf, isLoopBody } from './loop-bodies.js';
import { VariableScopes } from './variable-scopes.js';

/** What the core needs from its host: the time, limits, and its DMN decisions. Ids are derived from state. */
export interface ExecutionEnvironment {
  now(): Date;
  /** Steps one command may take before the instance stops with an incident (default 10 000). */
  maxSteps?: number;
  /** IANA zone for timer dates without an offset and for cron cycles (default Europe/Copenhagen). */
  timeZone?: string;
  /**
   * Where business rule tasks find their DMN decisions, which are deployed apart from the process. Without it, a
   * business rule task that evaluates a decision stops with an incident.
   */
  decisions?: DecisionLookup;
}

/**
 * The working context of one command over one instance: it owns the (already copied) state and collects
 * effects and trace events. Element behaviours act only through it.
 */
export class Execution {
  readonly variables: VariableScopes;

  constructor(
    readonly process: ExecutableProcess,
    readonly state: ProcessInstanceState,
    readonly environment: ExecutionEnvironment,
    readonly effects: Effect[] = [],
    readonly events: TraceEvent[] = [],
  ) {
    this.variables = new VariableScopes(
      state,
      (scopeKey, name, value) => {
        this.state.conditionsDirty = true;
        this.events.push({ type: 'variable.set', scopeKey, name, value });
      },
      (scopeKey, name, previous) => {
        this.state.conditionsDirty = true;
        this.events.push({ type: 'variable.deleted', scopeKey, name, previous });
      },
    );
  }

  get timeZone(): string {
    return this.environment.timeZone ?? 'Europe/Copenhagen';
  }

  now(): Date {
    return this.environment.now();
  }

  nextKey(): string {
    this.state.seq += 1;
    return `${this.state.id}.${this.state.seq}`;
  }

  element(id: string): ExecutableElement {
    const element = this.process.elements[id];
    if (!element) throw new Error(`Element '${id}' is not part of process '${this.process.id}'`);
    return element;
  }

  instance(key: string): ElementInstance | undefined {
    return this.state.elementInstances[key];
  }

  schedule(item: AgendaItem): void {
    this.state.agenda.push(item);
  }

  // ----- expressions -----

  evaluate(expression: Expression, scopeKey: string): Evaluation {
    return evaluateExpression(expression, this.variables.lookup(scopeKey));
  }

  evaluateCondition(expression: Expression, scopeKey: string): Evaluation {
    return evaluateCondition(expression, this.variables.lookup(scopeKey));
  }

  /** A conditional event's condition: a variable that does not exist yet makes it false, not an incident. */
  evaluateEventCondition(expression: Expression, scopeKey: string): Evaluation {
    return evaluateEventCondition(expression, this.variables.lookup(scopeKey));
  }

  /** Evaluates to text (message names, job types, timers, assignees); numbers are accepted as text. */
  evaluateText(expression: Expression, scopeKey: string, what: string): Evaluation {
    const result = this.evaluate(expression, scopeKey);
    if (!result.ok)
      return {
        ok: false,
        message: `Failed to evaluate ${what} '${describeExpression(expression)}': ${result.message}`,
      };
    if (typeof result.value === 'string') return result;
    if (typeof result.value === 'number') return { ok: true, value: String(result.value) };
    return {
      ok: false,
      message: `Expected ${what} '${describeExpression(expression)}' to give text, but it gave ${JSON.stringify(result.value)}`,
    };
  }

  // ----- element instances -----

  createInstance(elementId: string, parentKey: string | null, payload?: TriggerPayload): ElementInstance {
    const element = this.element(elementId);
    const elementType = instanceTypeOf(element, parentKey === null ? undefined : this.instance(parentKey));
    const instance: ElementInstance = {
      key: this.nextKey(),
      elementId,
      elementType,
      parentKey,
      status: 'active',
      ...(payload ? { triggeredWith: payload } : {}),
    };
    this.state.elementInstances[instance.key] = instance;
    this.events.push({
      type: 'element.activated',
      key: instance.key,
      elementId,
      elementType,
      scopeKey: parentKey,
    });
    return instance;
  }

  childrenOf(scopeKey: string): ElementInstance[] {
    return Object.values(this.state.elementInstances).filter((instance) => instance.parentKey === scopeKey);
  }

  /** Removes a finished instance: its waits close, its local variables go, the trace records how it ended. */
  removeInstance(instance: ElementInstance, how: 'completed' | 'terminated'): void {
    // A wait that fired was closed by its trigger; whatever is left (boundary events, other gateway targets) is cancelled.
    this.closeWaitsOwnedBy(instance.key, 'cancelled');
    for (const incident of Object.values(this.state.incidents)) {
      if (incident.elementInstanceKey === instance.key)
        this.deleteIncident(incident.key, how === 'terminated');
    }
    // The process's own variables outlive it: they are the instance's result.
    if (instance.key !== this.state.rootKey) this.variables.dropScope(instance.key);
    // A scope that ends without completing can no longer be compensated.
    if (how === 'terminated') this.forgetCompensable(instance.key);
    delete this.state.elementInstances[instance.key];
    this.events.push({
      type: how === 'completed' ? 'element.completed' : 'element.terminated',
      key: instance.key,
      elementId: instance.elementId,
      elementType: instance.elementType,
      scopeKey: instance.parentKey,
    });
  }

  /** Terminates an instance and everything inside it, children first. */
  terminate(instance: ElementInstance): void {
    this.terminateChildren(instance.key);
    this.removeInstance(instance, 'terminated');
  }

  /** Terminates every token in a scope: child instances, tokens waiting at joins, tokens still in transit. */
  terminateChildren(scopeKey: string): void {
    for (const child of this.childrenOf(scopeKey)) this.terminate(child);
    this.dropTokensInTransit(scopeKey);
  }

  /** Drops the tokens of a scope that are not in an element instance: waiting at joins, or on the agenda. */
  dropTokensInTransit(scopeKey: string): void {
    const scope = this.instance(scopeKey);
    if (scope) delete scope.arrivals;
    // Complex gateways waiting to swallow the rest of an activation have nothing more to wait for.
    if (scope) delete scope.complexAwaiting;
    this.state.agenda = this.state.agenda.filter((item) => !this.belongsToScope(item, scopeKey));
  }

  private belongsToScope(item: AgendaItem, scopeKey: string): boolean {
    switch (item.op) {
      case 'take-flow':
      case 'activate':
      case 'inclusive-join-check':
      case 'complex-gateway-check':
        return item.scopeKey === scopeKey;
      default:
        return false;
    }
  }

  /** Called after an instance left a scope: the scope may be done, and waiting inclusive joins may fire. */
  afterLeaving(scopeKey: string | null): void {
    if (scopeKey === null) return;
    const scope = this.instance(scopeKey);
    if (!scope) return;
    for (const gatewayId of Object.keys(scope.arrivals ?? {})) {
      if (this.element(gatewayId).type === 'inclusiveGateway')
        this.schedule({ op: 'inclusive-join-check', scopeKey, gatewayId });
    }
    // Complex gateways wait on reachability too: without a condition for their join, after firing for the rest.
    const complex = new Set([
      ...Object.keys(scope.arrivals ?? {}),
      ...Object.keys(scope.complexAwaiting ?? {}),
    ]);
    for (const gatewayId of complex) {
      if (this.element(gatewayId).type === 'complexGateway')
        this.schedule({ op: 'complex-gateway-check', scopeKey, gatewayId });
    }
    if (this.scopeIsIdle(scopeKey)) this.schedule({ op: 'complete', key: scopeKey });
  }

  scopeIsIdle(scopeKey: string): boolean {
    const scope = this.instance(scopeKey);
    if (!scope || scope.status !== 'active') return false;
    if (this.childrenOf(scopeKey).length > 0) return false;
    if (Object.values(scope.arrivals ?? {}).some((flows) => Object.values(flows).some((count) => count > 0)))
      return false;
    return !this.state.agenda.some(
      (item) => (item.op === 'take-flow' || item.op === 'activate') && item.scopeKey === scopeKey,
    );
  }

  /** Drops the compensation records of activities that completed in a scope. */
  forgetCompensable(scopeKey: string): void {
    if (!this.state.compensable) return;
    this.state.compensable = this.state.compensable.filter((record) => record.scopeKey !== scopeKey);
    if (this.state.compensable.length === 0) delete this.state.compensable;
  }

  // ----- variables -----

  /** Applies what a trigger brought: local variables on the element, the rest propagated (or local when outputs map them). */
  applyPayload(instance: ElementInstance, payload: TriggerPayload | undefined): void {
    if (!payload) return;
    for (const [name, value] of Object.entries(payload.localVariables ?? {}))
      this.variables.setLocal(instance.key, name, value);
    const local = this.element(instance.elementId).outputs.length > 0;
    for (const [name, value] of Object.entries(payload.variables ?? {})) {
      if (local) this.variables.setLocal(instance.key, name, value);
      else this.variables.set(instance.key, name, value);
    }
  }

  /** Evaluates mappings in order, each result visible to the next (inputs) or written to the parent (outputs). */
  applyMappings(instance: ElementInstance, direction: 'inputs' | 'outputs'): Evaluation {
    // A loop's mappings belong to each of its inner instances, not to the body around them.
    if (isLoopBody(instance)) return { ok: true, value: undefined };
    const element = this.element(instance.elementId);
    for (const mapping of element[direction]) {
      const result = this.evaluate(mapping.source, instance.key);
      if (!result.ok) {
        return {
          ok: false,
          message: `Failed to evaluate the ${direction === 'inputs' ? 'input' : 'output'} mapping '${mapping.target}' ('${describeExpression(mapping.source)}') of '${element.id}': ${result.message}`,
        };
      }
      const reference = referencedVariable(mapping.source);
      const value = (reference && this.variables.find(instance.key, reference)) || typedValueOf(result.value);
      if (direction === 'inputs') this.variables.setLocal(instance.key, mapping.target, value);
      else this.variables.set(instance.parentKey ?? this.state.rootKey, mapping.target, value);
    }
    return { ok: true, value: undefined };
  }

  /** The variables an element instance holds itself (what a throw event sends, from its input mappings). */
  localVariables(instance: ElementInstance): VariableMap {
    return { ...(this.state.variables[instance.key] ?? {}) };
  }

  setTypedVariables(scopeKey: string, variables: Record<string, TypedValue>, local: boolean): void {
    for (const [name, value] of Object.entries(variables)) {
      if (local) this.variables.setLocal(scopeKey, name, value);
      else this.variables.set(scopeKey, name, value);
    }
  }

  removeVariables(scopeKey: string, names: string[], local: boolean): void {
    for (const name of names) this.variables.remove(scopeKey, name, local);
  }

  // ----- waits -----

  openWait(wait: Wait): void {
    this.state.waits[wait.key] = wait;
    this.effects.push({ type: 'wait.opened', wait });
  }

  closeWait(key: string, reason: 'triggered' | 'cancelled'): void {
    const wait = this.state.waits[key];
    if (!wait) return;
    delete this.state.waits[key];
    this.effects.push({ type: 'wait.closed', key, kind: wait.kind, reason });
  }

  closeWaitsOwnedBy(ownerKey: string, reason: 'triggered' | 'cancelled'): void {
    for (const wait of Object.values(this.state.waits)) {
      if (wait.ownerKey === ownerKey) this.closeWait(wait.key, reason);
    }
  }

  // ----- incidents -----

  /** `elementId` names where the trouble is when the holder is a scope (a token on its way to that element). */
  raiseIncident(
    instance: ElementInstance,
    incidentType: IncidentType,
    message: string,
    retry: AgendaItem[],
    elementId: string = instance.elementId,
    job?: Incident['job'],
  ): void {
    const incident: Incident = {
      key: this.nextKey(),
      elementInstanceKey: instance.key,
      elementId,
      incidentType,
      message,
      createdAt: this.now().toISOString(),
      ...(job ? { job } : {}),
      retry,
    };
    instance.status = 'incident';
    this.state.incidents[incident.key] = incident;
    this.effects.push({ type: 'incident.raised', incident });
  }

  /** `deleted`: it goes with its element or process instance rather than being resolved (Camunda's "deleted" incident). */
  deleteIncident(key: string, deleted = false): void {
    if (!this.state.incidents[key]) return;
    delete this.state.incidents[key];
    this.effects.push({ type: 'incident.resolved', key, ...(deleted ? { deleted: true as const } : {}) });
  }

  // ----- the instance as a whole -----

  endInstance(status: 'completed' | 'cancelled' | 'failed'): void {
    const root = this.instance(this.state.rootKey);
    if (root) {
      this.terminateChildren(root.key);
      this.removeInstance(root, status === 'completed' ? 'completed' : 'terminated');
    }
    for (const wait of Object.keys(this.state.waits)) this.closeWait(wait, 'cancelled');
    for (const incident of Object.keys(this.state.incidents)) this.deleteIncident(incident, true);
    this.state.agenda = [];
    delete this.state.compensable;
    this.state.status = status;
    this.state.endedAt = this.now().toISOString();
    this.effects.push({ type: 'instance.ended', status });
  }
}
