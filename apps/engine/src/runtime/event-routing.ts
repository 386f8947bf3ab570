import { CommandRejectedError, type VariableMap } from '#bpmn';
import type { DataSource, EntityManager } from 'typeorm';
import type { DefinitionCatalog } from './definition-catalog.js';
import type { InstanceCommands } from './instance-commands.js';

/** A message to correlate, as a caller or a throwing process names it. */
export interface MessageToCorrelate {
  tenantId: string;
  messageName: string;
  /** Camunda 8: must equal the subscription's correlation key. */
  correlationKey?: string;
  /** Camunda 7: only instances with this business key. */
  businessKey?: string;
  variables: VariableMap;
  /** Deliver to every waiting subscription instead of the oldest one. */
  all?: boolean;
}

export interface CorrelationResult {
  resultType: 'Execution' | 'ProcessDefinition';
  processInstanceId: string;
}

interface SubscriptionRow {
  id: string;
  process_instance_id: string;
}

/**
 * Delivers messages and signals: to waiting subscriptions first (oldest first), else by starting the latest
 * version of each definition with a matching start event. A subscription that closed in the meantime (another
 * command got there first) is skipped for the next one.
 */
export class EventRouting {
  constructor(
    private readonly dataSource: DataSource,
    private readonly definitions: DefinitionCatalog,
    private readonly commands: InstanceCommands,
  ) {}

  async correlateMessage(message: MessageToCorrelate): Promise<CorrelationResult[]> {
    const results: CorrelationResult[] = [];
    const subscriptions = (await this.dataSource.query(
      `SELECT s.id, s.process_instance_id FROM event_subscriptions s
       WHERE s.tenant_id = $1 AND s.kind = 'message' AND s.name = $2
         AND ($3::text IS NULL OR s.correlation_key IS NULL OR s.correlation_key = $3)
         AND ($4::text IS NULL OR s.business_key = $4)
       ORDER BY s.created_at, s.id`,
      [message.tenantId, message.messageName, message.correlationKey ?? null, message.businessKey ?? null],
    )) as SubscriptionRow[];
    for (const subscription of subscriptions) {
      const delivered = await this.deliver(message.tenantId, subscription, message.variables);
      if (delivered) {
        results.push({ resultType: 'Execution', processInstanceId: subscription.process_instance_id });
        if (!message.all) return results;
      }
    }
    if (results.length > 0) return results;
    const startable = await this.definitions.startableBy(
      this.dataSource.manager,
      message.tenantId,
      'message',
      message.messageName,
    );
    for (const { definition, startEventId } of message.all ? startable : startable.slice(0, 1)) {
      const started = await this.commands.start({
        tenantId: message.tenantId,
        definition,
        startEventId,
        variables: message.variables,
        ...(message.businessKey !== undefined ? { businessKey: message.businessKey } : {}),
      });
      results.push({ resultType: 'ProcessDefinition', processInstanceId: started.instanceId });
    }
    return results;
  }

  /** Broadcasts a signal to every waiting subscription and every definition with a matching signal start event. */
  async broadcastSignal(
    tenantId: string,
    signalName: string,
    variables: VariableMap,
    manager?: EntityManager,
  ): Promise<number> {
    const query = manager ?? this.dataSource.manager;
    const subscriptions = (await query.query(
      `SELECT id, process_instance_id FROM event_subscriptions WHERE tenant_id = $1 AND kind = 'signal' AND name = $2 ORDER BY created_at, id`,
      [tenantId, signalName],
    )) as SubscriptionRow[];
    let reached = 0;
    for (const subscription of subscriptions) {
      if (await this.deliver(tenantId, subscription, variables)) reached += 1;
    }
    for (const { definition, startEventId } of await this.definitions.startableBy(
      query,
      tenantId,
      'signal',
      signalName,
    )) {
      await this.commands.start({ tenantId, definition, startEventId, variables });
      reached += 1;
    }
    return reached;
  }

  private async deliver(
    tenantId: string,
    subscription: SubscriptionRow,
    variables: VariableMap,
  ): Promise<boolean> {
    try {
      await this.commands.run(tenantId, subscription.process_instance_id, {
        type: 'trigger',
        waitKey: subscription.id,
        variables,
      });
      return true;
    } catch (error) {
      if (error instanceof CommandRejectedError) return false;
      throw error;
    }
  }
}
