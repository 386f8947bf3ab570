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
    /** Whether a scope had variables before this command; unknown means it may have had. */
    hadVariables: (scopeKey: string) => boolean = () => true,
  ): Promise<void> {
    const activities = new Map<string, ActivityRow>();
    const endedScopes: string[] = [];
    const variables = new Map<
      string,
      { scopeKey: string; name: string; type: string; value: unknown; valueInfo: unknown }
    >();
    const deleted = new Map<string, { scopeKey: string; name: string; type: string }>();
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
          deleted.delete(`${event.scopeKey}\u0000${event.name}`);
          variables.set(`${event.scopeKey}\u0000${event.name}`, {
            scopeKey: event.scopeKey,
            name: event.name,
            type: event.value.type,
            value: event.value.value ?? null,
            valueInfo: event.value.valueInfo ?? null,
          });
          break;
        case 'variable.deleted':
          variables.delete(`${event.scopeKey}\u0000${event.name}`);
          deleted.set(`${event.scopeKey}\u0000${event.name}`, {
            scopeKey: event.scopeKey,
            name: event.name,
            type: event.previous.type,
          });
          break;
        default:
          break;
      }
    }
    await this.writeActivities(manager, context, [...activities.values()]);
    await this.writeVariables(manager, context, [...variables.values()], now);
    if (deleted.size > 0) await this.writeDeletions(manager, context, [...deleted.values()], now);
    // The core drops an ended scope's local variables; so does the projection (a scope that never had any has no rows).
    const setNow = new Set([...variables.values()].map((row) => row.scopeKey));
    const withVariables = endedScopes.filter((scopeKey) => hadVariables(scopeKey) || setNow.has(scopeKey));
    if (withVariables.length > 0) {
      await manager.query(`DELETE FROM variables WHERE process_instance_id = $1 AND scope_key = ANY($2)`, [
        context.instanceId,
        withVariables,
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
    const values: unknown[] = [];
    const parameter = (value: unknown) => `$${values.push(value)}`;
    // Activities started by an earlier command and ended by this one: one UPDATE for all of them.
    const update =
      ended.length === 0
        ? undefined
        : `UPDATE history_activity_instances AS h SET state = v.state, ended_at = v.ended_at
           FROM (VALUES ${ended.map((row) => `(${parameter(row.id)}::text, ${parameter(row.state)}::text, ${parameter(row.endedAt)}::timestamptz)`).join(', ')})
             AS v (id, state, ended_at)
           WHERE h.id = v.id`;
    const insert =
      started.length === 0
        ? undefined
        : `INSERT INTO history_activity_instances (id, tenant_id, process_instance_id, definition_id, activity_id, activity_type,
             parent_activity_instance_id, state, started_at, ended_at, removal_time) VALUES ${started
               .map(
                 (row) =>
                   `(${[
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
                   ]
                     .map(parameter)
                     .join(', ')})`,
               )
               .join(', ')}`;
    // The rows updated were started by earlier commands, the rows inserted are new: they never overlap, so one
    // statement writes both.
    if (update && insert) await manager.query(`WITH ended AS (${update}) ${insert}`, values);
    else if (update ?? insert) await manager.query((update ?? insert) as string, values);
  }

  /** Variables an operator removed: gone from the projection, and a `deleted` row in their history. */
  private async writeDeletions(
    manager: EntityManager,
    context: InstanceContext,
    rows: Array<{ scopeKey: string; name: string; type: string }>,
    now: Date,
  ): Promise<void> {
    const current: unknown[] = [context.instanceId];
    const matches = rows.map(
      (row) => `(scope_key = $${current.push(row.scopeKey)} AND name = $${current.push(row.name)})`,
    );
    await manager.query(
      `DELETE FROM variables WHERE process_instance_id = $1 AND (${matches.join(' OR ')})`,
      current,
    );
    const history: unknown[] = [];
    const tuples = rows.map(
      (row) =>
        `(${[context.tenantId, context.instanceId, row.scopeKey, row.name, row.type, now]
          .map((value) => `$${history.push(value)}`)
          .join(', ')}, null, true)`,
    );
    await manager.query(
      `INSERT INTO history_variable_updates (tenant_id, process_instance_id, scope_key, name, type, updated_at, value, deleted)
       VALUES ${tuples.join(', ')}`,
      history,
    );
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
