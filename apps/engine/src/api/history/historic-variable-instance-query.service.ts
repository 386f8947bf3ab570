import { rootScopeKeyOf } from '#bpmn';
import {
  booleanParameter,
  listParameter,
  orderOf,
  SqlFilter,
  sortingParameters,
  textParameter,
  type QueryParameters,
  type Sorting,
} from '#camunda-rest';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { HistoricVariableInstanceRow } from './historic-variable-instance.response.js';

/** Columns Camunda's `sortBy` values of `GET /history/variable-instance` sort by. */
const VARIABLE_SORT_COLUMNS = {
  instanceId: 'l.process_instance_id',
  variableName: 'l.name',
  tenantId: 'l.tenant_id',
} as const;

/**
 * A `GET /history/variable-instance` query: `filter` narrows the updates (tenants, instances, names), `latest` the
 * latest update of each variable (its value, its state), once the updates are reduced to it.
 */
export interface HistoricVariableInstanceQuery {
  filter: SqlFilter;
  latest: string[];
  sorting?: Sorting<(typeof VARIABLE_SORT_COLUMNS)[keyof typeof VARIABLE_SORT_COLUMNS]>;
}

/**
 * Reads historic variable instances — each variable of each scope of an instance, with its latest value — from the
 * history of variable updates, only ever within the tenants a request may see. The variable's id is that of its
 * first update, so it stays the same while its value changes.
 */
@Injectable()
export class HistoricVariableInstanceQueryService {
  constructor(private readonly dataSource: DataSource) {}

  /** Camunda's query parameters of `GET /history/variable-instance` and `/count`, over the caller's tenants. */
  queryOf(query: QueryParameters, tenantIds: string[]): HistoricVariableInstanceQuery {
    const filter = new SqlFilter('u.tenant_id', tenantIds)
      .equal('u.process_instance_id', textParameter(query, 'processInstanceId'))
      .anyOf('u.process_instance_id', listParameter(query, 'processInstanceIdIn'))
      .equal('u.name', textParameter(query, 'variableName'))
      .like('u.name', textParameter(query, 'variableNameLike'));
    const latest: string[] = [];
    const value = textParameter(query, 'variableValue');
    if (value !== undefined) {
      // Camunda reads the value as a String: it matches String variables with exactly that text.
      latest.push(`l.value = to_jsonb(${filter.parameter(value)}::text)`);
    }
    const scopes = [
      ...(listParameter(query, 'activityInstanceIdIn') ?? []),
      ...(listParameter(query, 'executionIdIn') ?? []),
    ];
    if (scopes.length > 0) {
      // A process instance's id stands for its own scope.
      latest.push(`l.scope_key = ANY(${filter.parameter([...scopes, ...scopes.map(rootScopeKeyOf)])})`);
    }
    const types = listParameter(query, 'variableTypeIn');
    if (types)
      latest.push(`lower(l.type) = ANY(${filter.parameter(types.map((type) => type.toLowerCase()))})`);
    const definitionId = textParameter(query, 'processDefinitionId');
    if (definitionId !== undefined) latest.push(`h.definition_id = ${filter.parameter(definitionId)}`);
    const definitionKey = textParameter(query, 'processDefinitionKey');
    if (definitionKey !== undefined) latest.push(`h.definition_key = ${filter.parameter(definitionKey)}`);
    if (booleanParameter(query, 'includeDeleted') !== true) latest.push('NOT l.deleted');
    const sorting = sortingParameters(query, VARIABLE_SORT_COLUMNS);
    return { filter, latest, ...(sorting ? { sorting } : {}) };
  }

  /** The query of `GET /history/variable-instance/{id}`: the variable whose first update has that id, deleted or not. */
  byIdQuery(id: string, tenantIds: string[]): HistoricVariableInstanceQuery | undefined {
    if (!/^\d{1,18}$/.test(id)) return undefined;
    const filter = new SqlFilter('u.tenant_id', tenantIds);
    filter.condition(
      `(u.process_instance_id, u.scope_key, u.name) IN (SELECT process_instance_id, scope_key, name
         FROM history_variable_updates WHERE id = ${filter.parameter(id)}::bigint)`,
    );
    return { filter, latest: [] };
  }

  async find(
    query: HistoricVariableInstanceQuery,
    offset: number,
    limit: number | null,
  ): Promise<HistoricVariableInstanceRow[]> {
    const order = orderOf(query.sorting, { byDefault: 'l.process_instance_id, l.created_at, l.id::bigint' });
    const sql = this.select(query);
    const page = query.filter.page(offset, limit);
    return (await this.dataSource.query(
      `${sql} ORDER BY ${order} ${page}`,
      query.filter.parameters,
    )) as HistoricVariableInstanceRow[];
  }

  async count(query: HistoricVariableInstanceQuery): Promise<number> {
    const [row] = (await this.dataSource.query(
      `SELECT count(*)::int AS count FROM (${this.select(query)}) counted`,
      query.filter.parameters,
    )) as Array<{ count: number }>;
    return row?.count ?? 0;
  }

  private select(query: HistoricVariableInstanceQuery): string {
    return `WITH latest AS (
        SELECT DISTINCT ON (u.process_instance_id, u.scope_key, u.name)
          u.tenant_id, u.process_instance_id, u.scope_key, u.name, u.type, u.value, u.value_info, u.deleted,
          u.removal_time, (min(u.id) OVER updates)::text AS id, min(u.updated_at) OVER updates AS created_at
        FROM history_variable_updates u
        WHERE ${query.filter.where}
        WINDOW updates AS (PARTITION BY u.process_instance_id, u.scope_key, u.name)
        ORDER BY u.process_instance_id, u.scope_key, u.name, u.id DESC)
      SELECT l.*, h.definition_id, h.definition_key, h.super_instance_id
      FROM latest l LEFT JOIN history_process_instances h ON h.id = l.process_instance_id
      ${query.latest.length > 0 ? `WHERE ${query.latest.join(' AND ')}` : ''}`;
  }
}
