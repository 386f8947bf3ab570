import { Injectable } from '@nestjs/common';
import { notFound } from '#camunda-rest';
import type { ProcessInstanceState, TraceEvent, VariableMap } from '#bpmn';
import { EngineRuntime } from '../../runtime/engine-runtime.js';
import { NoSuchDefinitionError, type StartOutcome } from '../../runtime/instance-commands.js';
import type { StartRequest } from './start-request.js';

/** A started instance, as the start request's answer needs it. */
export interface StartedProcessInstance {
  id: string;
  definitionId: string;
  definitionKey: string;
  businessKey: string | null;
  tenantId: string;
  /** It ran to its end within the start's own transaction. */
  ended: boolean;
  /** The instance's variables after the start, when asked for. */
  variables?: VariableMap;
}

/**
 * Starts an instance of the latest version of a process definition of one tenant, in one transaction: the core
 * runs it to its first wait states and the history is written before the answer goes out.
 */
@Injectable()
export class ProcessStartService {
  constructor(private readonly runtime: EngineRuntime) {}

  /**
   * Starts the latest version of `key`. With an `idempotencyKey`, a repeated start answers the instance the first
   * one started (as it is now) instead of starting another.
   */
  async start(
    tenantId: string,
    key: string,
    request: StartRequest,
    idempotencyKey?: string,
  ): Promise<StartedProcessInstance> {
    let outcome: StartOutcome;
    try {
      outcome = await this.runtime.commands.start({
        tenantId,
        definitionKey: key,
        variables: request.variables,
        ...(request.businessKey !== undefined ? { businessKey: request.businessKey } : {}),
        ...(idempotencyKey !== undefined ? { idempotencyKey } : {}),
      });
    } catch (error) {
      if (error instanceof NoSuchDefinitionError) throw notFound(error.message, 'RestException');
      throw error;
    }
    return startedInstanceOf(outcome, request);
  }

  /**
   * Starts the definition with this id (Camunda Modeler's "deploy and start"), if it belongs to `tenantId`: another
   * tenant's definition is a 404, as an unknown one.
   */
  async startById(
    tenantId: string,
    id: string,
    request: StartRequest,
    idempotencyKey?: string,
  ): Promise<StartedProcessInstance> {
    // Read now, not from the cache: the version may have been suspended or deleted since (by the designer-api).
    const definition = await this.runtime.definitions.current(this.runtime.dataSource.manager, tenantId, id);
    if (!definition) throw notFound(`No matching definition with id ${id}`);
    const outcome = await this.runtime.commands.start({
      tenantId,
      definition,
      variables: request.variables,
      ...(request.businessKey !== undefined ? { businessKey: request.businessKey } : {}),
      ...(idempotencyKey !== undefined ? { idempotencyKey } : {}),
    });
    return startedInstanceOf(outcome, request);
  }
}

/** The answer of a start, from its outcome. */
export function startedInstanceOf(outcome: StartOutcome, request: StartRequest): StartedProcessInstance {
  return {
    id: outcome.instanceId,
    definitionId: outcome.definition.id,
    definitionKey: outcome.definition.key,
    businessKey: outcome.replayed ? (outcome.state.businessKey ?? null) : (request.businessKey ?? null),
    tenantId: outcome.definition.tenantId,
    ended: outcome.state.status !== 'active',
    ...(request.withVariablesInReturn
      ? { variables: rootVariablesAfter(outcome.state, outcome.result.events, request.variables) }
      : {}),
  };
}

/**
 * The root scope's variables after a command (a start, a task's completion). An instance that already ended has
 * dropped its scopes, so then they are replayed from the variables before it and the trace, as Camunda answers with
 * the variables at the end.
 */
export function rootVariablesAfter(
  state: ProcessInstanceState,
  events: TraceEvent[],
  initial: VariableMap,
): VariableMap {
  const live = state.variables[state.rootKey];
  if (live) return live;
  const variables: VariableMap = { ...initial };
  for (const event of events) {
    if (event.type === 'variable.set' && event.scopeKey === state.rootKey)
      variables[event.name] = event.value;
  }
  return variables;
}
