import type { TraceEvent } from '#bpmn';
import type { EntityManager } from 'typeorm';
import type { InstanceContext } from './instance-row.js';

interface ActivityRow {
  id: string;
  activityId: string;
  activityType: string;
  parent: string | null;
  state: 'active' | 'completed' | 'terminated';
  startedAt: Date | null;
  endedAt: Date | null;
}

/**
 * Writes a command's trace into the history tables and the variables projection, in the command's transaction, so a
 * reader right after the command sees it. Activity instances that start and end within one command become one row.
 */
export class HistoryWriter {
  async write(
    manager: EntityManager,
    context: InstanceContext,
    events: TraceEvent[],
    now: Date,
  ): Promise<void> {
    const activities = new Map<string, ActivityRow>();
    const endedScopes: string[] = [];
    const variables = new Map<
      string,
      { scopeKey: string; name: string; type: string; value: unknown; valueInfo: unknown }
    >();
    for (const event of events) {
      switch (event.type) {
        case 'element.activated':
          activities.set(event.key, {
            id: event.key,
            activityId: event.elementId,
            activityType: event.elementType,
            parent: event.scopeKey,
            state: 'active',
            startedAt: now,
            endedAt: null,
          });
          break;
        case 'element.completed':
        case 'element.terminated': {
          const row = activities.get(event.key) ?? {
            id: event.key,
            activityId: event.elementId,
            activityType: event.elementType,
            parent: event.scopeKey,
            state: 'active',
            startedAt: null,
            endedAt: null,
          };
          row.state = event.type === 'element.completed' ? 'completed' : 'terminated';
          row.endedAt = now;
          activities.set(event.key, row);
          if (event.scopeKey !== null) endedScopes.push(event.key);
          break;
        }
        case 'variable.set':
          variables.set(`${event.scopeKey}\u0000${event.name}`, {
            scopeKey: event.scopeKey,
            name: event.name,
            type: event.value.type,
            value: event.value.value ?? null,
            valueInfo: event.value.valueInfo ?? null,
          });
          break;
        default:
          break;
      }
    }
    await this.writeActivities(manager, context, [...activities.values()]);
    await this.writeVariables(manager, context, [...variables.values()], now);
    if (endedScopes.length > 0) {
      // The core drops an ended scope's local variables; so does the projection.
      await manager.query(`DELETE FROM variables WHERE process_instance_id = $1 AND scope_key = ANY($2)`, [
        context.instanceId,
        endedScopes,
      ]);
    }
  }

  private async writeActivities(
    manager: EntityManager,
    context: InstanceContext,
    rows: ActivityRow[],
  ): Promise<void> {
    const started = rows.filter((row) => row.startedAt !== null);
    const ended = rows.filter((row) => row.startedAt === null);
    if (started.length > 0) {
      const values: unknown[] = [];
      const tuples = started.map((row, index) => {
        const base = index * 11;
        values.push(
          row.id,
          context.tenantId,
          context.instanceId,
          context.definitionId,
          row.activityId,
          row.activityType,
          row.parent,
          row.state,
          row.startedAt,
          row.endedAt,
          null,
        );
        return `(${Array.from({ length: 11 }, (_, offset) => `$${base + offset + 1}`).join(', ')})`;
      });
      await manager.query(
        `INSERT INTO history_activity_instances (id, tenant_id, process_instance_id, definition_id, activity_id, activity_type,
           parent_activity_instance_id, state, started_at, ended_at, removal_time) VALUES ${tuples.join(', ')}`,
        values,
      );
    }
    for (const row of ended) {
      await manager.query(`UPDATE history_activity_instances SET state = $2, ended_at = $3 WHERE id = $1`, [
        row.id,
        row.state,
        row.endedAt,
      ]);
    }
  }

  private async writeVariables(
    manager: EntityManager,
    context: InstanceContext,
    rows: Array<{ scopeKey: string; name: string; type: string; value: unknown; valueInfo: unknown }>,
    now: Date,
  ): Promise<void> {
    if (rows.length === 0) return;
    const current: unknown[] = [];
    const history: unknown[] = [];
    const currentTuples: string[] = [];
    const historyTuples: string[] = [];
    rows.forEach((row, index) => {
      const value = JSON.stringify(row.value);
      const valueInfo = row.valueInfo === null ? null : JSON.stringify(row.valueInfo);
      current.push(context.instanceId, row.scopeKey, context.tenantId, row.name, row.type, value, valueInfo);
      currentTuples.push(
        `(${Array.from({ length: 7 }, (_, offset) => `$${index * 7 + offset + 1}`).join(', ')})`,
      );
      history.push(
        context.tenantId,
        context.instanceId,
        row.scopeKey,
        row.name,
        row.type,
        value,
        valueInfo,
        now,
      );
      historyTuples.push(
        `(${Array.from({ length: 8 }, (_, offset) => `$${index * 8 + offset + 1}`).join(', ')})`,
      );
    });
    await manager.query(
      `INSERT INTO variables (process_instance_id, scope_key, tenant_id, name, type, value, value_info) VALUES ${currentTuples.join(', ')}
       ON CONFLICT (process_instance_id, scope_key, name) DO UPDATE SET type = EXCLUDED.type, value = EXCLUDED.value, value_info = EXCLUDED.value_info`,
      current,
    );
    await manager.query(
      `INSERT INTO history_variable_updates (tenant_id, process_instance_id, scope_key, name, type, value, value_info, updated_at)
       VALUES ${historyTuples.join(', ')}`,
      history,
    );
  }
}
