import { Injectable } from '@nestjs/common';
import { notFound } from '#camunda-rest';
import type { ProcessInstanceState, TraceEvent, VariableMap } from '#bpmn';
import { DataSource } from 'typeorm';
import { EngineRuntime } from '../../runtime/engine-runtime.js';
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
  constructor(
    private readonly runtime: EngineRuntime,
    private readonly dataSource: DataSource,
  ) {}

  async start(tenantId: string, key: string, request: StartRequest): Promise<StartedProcessInstance> {
    const definition = await this.runtime.definitions.latest(this.dataSource.manager, tenantId, key);
    if (!definition) {
      throw notFound(
        `No matching process definition with key: ${key} and ${tenantId === '' ? 'no tenant-id' : `tenant-id: ${tenantId}`}`,
        'RestException',
      );
    }
    const outcome = await this.runtime.commands.start({
      tenantId,
      definition,
      variables: request.variables,
      ...(request.businessKey !== undefined ? { businessKey: request.businessKey } : {}),
    });
    return {
      id: outcome.instanceId,
      definitionId: definition.id,
      definitionKey: definition.key,
      businessKey: request.businessKey ?? null,
      tenantId,
      ended: outcome.state.status !== 'active',
      ...(request.withVariablesInReturn
        ? { variables: rootVariablesAfter(outcome.state, outcome.result.events, request.variables) }
        : {}),
    };
  }
}

/**
 * The root scope's variables after the start. An instance that already ended has dropped its scopes, so then they
 * are replayed from the start variables and the trace, as Camunda answers with the variables at the end.
 */
function rootVariablesAfter(
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
