import {
  booleanParameter,
  countOf,
  dateParameter,
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
import type { HistoricProcessInstanceRow } from './historic-process-instance.response.js';

/** Columns Camunda's `sortBy` values of `GET /history/process-instance` sort by. */
const PROCESS_INSTANCE_SORT_COLUMNS = {
  instanceId: 'h.id',
  definitionId: 'h.definition_id',
  definitionKey: 'h.definition_key',
  definitionName: 'd.name',
  definitionVersion: 'd.version',
  businessKey: 'h.business_key',
  startTime: 'h.started_at',
  endTime: 'h.ended_at',
  duration: '(h.ended_at - h.started_at)',
  tenantId: 'h.tenant_id',
} as const;

const COLUMNS = `h.id, h.tenant_id, h.definition_id, h.definition_key, d.name AS definition_name,
  d.version AS definition_version, h.business_key, h.state, p.suspended, h.super_instance_id, h.started_at, h.ended_at,
  h.removal_time`;

const TABLES = `history_process_instances h
  LEFT JOIN process_definitions d ON d.id = h.definition_id
  LEFT JOIN process_instances p ON p.id = h.id`;

/** A `GET /history/process-instance` query: its filter (tenant-scoped) and its order. */
export interface HistoricProcessInstanceQuery {
  filter: SqlFilter;
  sorting?: Sorting<(typeof PROCESS_INSTANCE_SORT_COLUMNS)[keyof typeof PROCESS_INSTANCE_SORT_COLUMNS]>;
}

/** Reads the history of process instances, only ever within the tenants a request may see. */
@Injectable()
export class HistoricProcessInstanceQueryService {
  constructor(private readonly dataSource: DataSource) {}

  /** Camunda's query parameters of `GET /history/process-instance` and `/count`, over the caller's tenants. */
  queryOf(query: QueryParameters, tenantIds: string[]): HistoricProcessInstanceQuery {
    const filter = new SqlFilter('h.tenant_id', tenantIds)
      .equal('h.id', textParameter(query, 'processInstanceId'))
      .anyOf('h.id', listParameter(query, 'processInstanceIds'))
      .equal('h.business_key', textParameter(query, 'processInstanceBusinessKey'))
      .like('h.business_key', textParameter(query, 'processInstanceBusinessKeyLike'))
      .equal('h.definition_id', textParameter(query, 'processDefinitionId'))
      .equal('h.definition_key', textParameter(query, 'processDefinitionKey'))
      .anyOf('h.definition_key', listParameter(query, 'processDefinitionKeyIn'))
      .equal('h.super_instance_id', textParameter(query, 'superProcessInstanceId'));
    // Camunda names them processInstanceBusinessKey(Like); `businessKey` is accepted too, as callers send it.
    filter
      .equal('h.business_key', textParameter(query, 'businessKey'))
      .like('h.business_key', textParameter(query, 'businessKeyLike'));
    if (booleanParameter(query, 'finished') === true) filter.condition('h.ended_at IS NOT NULL');
    if (booleanParameter(query, 'unfinished') === true) filter.condition('h.ended_at IS NULL');
    // Camunda's state filters, in the terms of `camundaHistoricState`.
    const states: Array<[string, string]> = [
      ['active', `h.state = 'active' AND NOT coalesce(p.suspended, false)`],
      ['suspended', `h.state = 'active' AND coalesce(p.suspended, false)`],
      ['completed', `h.state = 'completed'`],
      ['externallyTerminated', `h.state = 'cancelled'`],
      ['internallyTerminated', `h.state = 'failed'`],
    ];
    for (const [name, condition] of states) {
      if (booleanParameter(query, name) === true) filter.condition(`(${condition})`);
    }
    const times: Array<[string, string, '<=' | '>=']> = [
      ['startedBefore', 'h.started_at', '<='],
      ['startedAfter', 'h.started_at', '>='],
      ['finishedBefore', 'h.ended_at', '<='],
      ['finishedAfter', 'h.ended_at', '>='],
    ];
    for (const [name, column, operator] of times) {
      const date = dateParameter(query, name);
      if (date) filter.condition(`${column} ${operator} ${filter.parameter(date)}`);
    }
    const sorting = sortingParameters(query, PROCESS_INSTANCE_SORT_COLUMNS);
    return { filter, ...(sorting ? { sorting } : {}) };
  }

  async find(
    query: HistoricProcessInstanceQuery,
    offset: number,
    limit: number | null,
  ): Promise<HistoricProcessInstanceRow[]> {
    const { filter, sorting } = query;
    const order = orderOf(sorting, { byDefault: 'h.started_at, h.id', nullsLast: true });
    const page = filter.page(offset, limit);
    return (await this.dataSource.query(
      `SELECT ${COLUMNS} FROM ${TABLES} WHERE ${filter.where} ORDER BY ${order} ${page}`,
      filter.parameters,
    )) as HistoricProcessInstanceRow[];
  }

  async count(query: HistoricProcessInstanceQuery): Promise<number> {
    return countOf(this.dataSource, TABLES, query.filter);
  }

  async byId(id: string, tenantIds: string[]): Promise<HistoricProcessInstanceRow | undefined> {
    const rows = (await this.dataSource.query(
      `SELECT ${COLUMNS} FROM ${TABLES} WHERE h.id = $1 AND h.tenant_id = ANY($2)`,
      [id, tenantIds],
    )) as HistoricProcessInstanceRow[];
    return rows[0];
  }
}
