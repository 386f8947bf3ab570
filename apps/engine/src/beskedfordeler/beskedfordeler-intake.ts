import {
  beskedCorrelationValueOf,
  beskedfordelerRouteOf,
  beskedVariablesOf,
  DEFAULT_UNMATCHED_TIME_TO_LIVE_HOURS,
  parseHaendelsesbesked,
  UnusableHaendelsesbeskedError,
  type BeskedfordelerRoute,
  type BeskedfordelerSettings,
  type BeskedOutcome,
  type Haendelsesbesked,
} from '#adapters';
import { typedVariablesOf } from '#bpmn';
import type { EntityManager } from 'typeorm';
import type { DispatchRequest } from '../runtime/effect-projector.js';
import type { EngineRuntime } from '../runtime/engine-runtime.js';
import { NoSuchDefinitionError } from '../runtime/instance-commands.js';
import { correlateInTransaction } from '../runtime/message-correlation-in-transaction.js';

/** Why a message cannot be handled by any retry: it goes to the dead-letter queue with this reason. */
class Undeliverable extends Error {}

/** What a message became: the instance it started or reached, or buffered for one that will wait. */
type Handled =
  | { readonly as: 'started' | 'correlated'; readonly instanceId: string }
  | { readonly as: 'buffered'; readonly instanceId: null };

/**
 * Turns one Haendelsesbesked from a tenant's queue into an engine command — a start or a message correlation,
 * chosen by the first route whose Beskedtype and KLE emne (OpgaveEmne) match — and records its BeskedId in
 * `beskedfordeler_messages` in the same transaction. So a message delivered again (its acknowledgement was lost
 * with the connection) is recognised and acknowledged without a second start or correlation, and nothing is
 * acknowledged before it is committed. A correlation no process waits for yet is handed to the engine's message
 * buffer for the tenant's `unmatchedTimeToLiveHours` (7 days by default) — delivered when a matching subscription
 * opens — and acknowledged. What cannot be handled (unreadable XML, no route, no deployed process) is dead-lettered
 * with the reason; anything else thrown (the database, a concurrent modification) makes the consumer requeue the
 * message after a delay.
 */
export class BeskedfordelerIntake {
  constructor(private readonly runtime: EngineRuntime) {}

  async handle(tenantId: string, settings: BeskedfordelerSettings, body: Buffer): Promise<BeskedOutcome> {
    let besked: Haendelsesbesked;
    try {
      besked = parseHaendelsesbesked(body.toString('utf8'));
    } catch (error) {
      if (error instanceof UnusableHaendelsesbeskedError)
        return { kind: 'dead-letter', reason: error.message };
      throw error;
    }
    const route = beskedfordelerRouteOf(settings.routes, besked);
    if (!route) {
      return {
        kind: 'dead-letter',
        reason: `No route for Beskedtype ${besked.beskedtype}${besked.objekt.opgaveEmne ? ` with KLE ${besked.objekt.opgaveEmne}` : ''}`,
      };
    }
    const dispatch: DispatchRequest[] = [];
    try {
      const recorded = await this.runtime.dataSource.transaction(async (manager) => {
        const inserted = (await manager.query(
          `INSERT INTO beskedfordeler_messages (tenant_id, besked_id, beskedtype, handled_as)
           VALUES ($1, $2, $3, $4) ON CONFLICT (tenant_id, besked_id) DO NOTHING RETURNING besked_id`,
          [tenantId, besked.beskedId, besked.beskedtype, route.startProcess ? 'started' : 'correlated'],
        )) as unknown[];
        if (inserted.length === 0) return false;
        const handled = await this.command(manager, tenantId, settings, route, besked, dispatch);
        await manager.query(
          `UPDATE beskedfordeler_messages SET handled_as = $3, process_instance_id = $4
           WHERE tenant_id = $1 AND besked_id = $2`,
          [tenantId, besked.beskedId, handled.as, handled.instanceId],
        );
        return true;
      });
      if (!recorded) return { kind: 'duplicate' };
    } catch (error) {
      if (error instanceof Undeliverable) return { kind: 'dead-letter', reason: error.message };
      throw error;
    }
    this.runtime.dispatchCommitted(dispatch);
    return { kind: 'handled' };
  }

  /** Starts, correlates or buffers in `manager`'s transaction. */
  private async command(
    manager: EntityManager,
    tenantId: string,
    settings: BeskedfordelerSettings,
    route: BeskedfordelerRoute,
    besked: Haendelsesbesked,
    dispatch: DispatchRequest[],
  ): Promise<Handled> {
    const variables = typedVariablesOf(beskedVariablesOf(besked));
    if (route.startProcess !== undefined) {
      try {
        const started = await this.runtime.commands.start(
          {
            tenantId,
            definitionKey: route.startProcess,
            variables,
            ...(besked.objekt.objektId !== undefined ? { businessKey: besked.objekt.objektId } : {}),
            idempotencyKey: `beskedfordeler:${besked.beskedId}`,
          },
          manager,
        );
        dispatch.push(...started.dispatch);
        return { as: 'started', instanceId: started.instanceId };
      } catch (error) {
        if (error instanceof NoSuchDefinitionError) {
          throw new Undeliverable(`Process '${route.startProcess}' is not deployed for tenant '${tenantId}'`);
        }
        throw error;
      }
    }
    const messageName = route.correlateMessage ?? '';
    const value = beskedCorrelationValueOf(route, besked);
    if (value === undefined) {
      throw new Undeliverable(
        `The Haendelsesbesked has no ${route.correlationFrom ?? 'ObjektId'} to correlate by`,
      );
    }
    const correlated = await correlateInTransaction(this.runtime, manager, {
      tenantId,
      messageName,
      variables,
      correlationKey: value,
      ...(route.correlationVariable ? { processVariablesEqual: { [route.correlationVariable]: value } } : {}),
      bufferForMs:
        (settings.unmatchedTimeToLiveHours ?? DEFAULT_UNMATCHED_TIME_TO_LIVE_HOURS) * 60 * 60 * 1000,
    });
    dispatch.push(...correlated.dispatch);
    const [reached] = correlated.reached;
    return reached ?? { as: 'buffered', instanceId: null };
  }
}
