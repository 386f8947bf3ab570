import {
  booleanParameter,
  countOf,
  dateParameter,
  integerParameter,
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
import { camundaExternalTaskOf, type ExternalTaskRow } from './external-task.response.js';

/** Columns Camunda's `sortBy` values of `GET /external-task` sort by. */
const EXTERNAL_TASK_SORT_COLUMNS = {
  id: 'j.id',
  lockExpirationTime: 'j.lock_expires_at',
  processInstanceId: 'j.process_instance_id',
  processDefinitionId: 'i.definition_id',
  processDefinitionKey: 'i.definition_key',
  tenantId: 'j.tenant_id',
  taskPriority: 'j.priority',
  createTime: 'j.created_at',
} as const;

const TABLES = `jobs j JOIN process_instances i ON i.id = j.process_instance_id
  LEFT JOIN process_definitions d ON d.id = i.definition_id`;

const COLUMNS = `j.id, j.tenant_id, j.type, j.process_instance_id, j.element_id, j.element_instance_key, j.retries,
  j.priority, j.lock_owner, j.lock_expires_at, j.error_message, j.created_at, i.definition_id, i.definition_key,
  d.version_tag, i.business_key, i.suspended`;

/** A `GET /external-task` query: its filter (tenant-scoped) and its order. */
export interface ExternalTaskQuery {
  filter: SqlFilter;
  sorting?: Sorting<(typeof EXTERNAL_TASK_SORT_COLUMNS)[keyof typeof EXTERNAL_TASK_SORT_COLUMNS]>;
}

/** Reads external tasks — open `external-task` jobs — only ever within the tenants a request may see. */
@Injectable()
export class ExternalTaskQueryService {
  constructor(private readonly dataSource: DataSource) {}

  /** Camunda's query parameters of `GET /external-task` and `/count`, as a filter over the caller's tenants. */
  queryOf(query: QueryParameters, tenantIds: string[]): ExternalTaskQuery {
    const filter = new SqlFilter('j.tenant_id', tenantIds)
      .condition(`j.kind = 'external-task'`)
      .equal('j.id', textParameter(query, 'externalTaskId'))
      .anyOf('j.id', listParameter(query, 'externalTaskIdIn'))
      .equal('j.type', textParameter(query, 'topicName'))
      .equal('j.lock_owner', textParameter(query, 'workerId'))
      .equal('j.process_instance_id', textParameter(query, 'processInstanceId'))
      .anyOf('j.process_instance_id', listParameter(query, 'processInstanceIdIn'))
      .equal('i.definition_id', textParameter(query, 'processDefinitionId'))
      .equal('j.element_id', textParameter(query, 'activityId'))
      .anyOf('j.element_id', listParameter(query, 'activityIdIn'))
      .equal('j.element_instance_key', textParameter(query, 'executionId'));
    // Camunda's "locked" is a lock that has not expired yet; "not locked" is no lock or an expired one.
    if (booleanParameter(query, 'locked') === true) filter.condition('j.lock_expires_at > now()');
    if (booleanParameter(query, 'notLocked') === true) {
      filter.condition('(j.lock_expires_at IS NULL OR j.lock_expires_at <= now())');
    }
    if (booleanParameter(query, 'withRetriesLeft') === true)
      filter.condition('(j.retries IS NULL OR j.retries > 0)');
    if (booleanParameter(query, 'noRetriesLeft') === true) filter.condition('j.retries = 0');
    if (booleanParameter(query, 'active') === true) filter.condition('NOT i.suspended');
    if (booleanParameter(query, 'suspended') === true) filter.condition('i.suspended');
    const before = dateParameter(query, 'lockExpirationBefore');
    if (before) filter.condition(`j.lock_expires_at < ${filter.parameter(before)}`);
    const after = dateParameter(query, 'lockExpirationAfter');
    if (after) filter.condition(`j.lock_expires_at > ${filter.parameter(after)}`);
    const atLeast = integerParameter(query, 'priorityHigherThanOrEquals', Number.MIN_SAFE_INTEGER);
    if (atLeast !== undefined) filter.condition(`j.priority >= ${filter.parameter(atLeast)}`);
    const atMost = integerParameter(query, 'priorityLowerThanOrEquals', Number.MIN_SAFE_INTEGER);
    if (atMost !== undefined) filter.condition(`j.priority <= ${filter.parameter(atMost)}`);
    const sorting = sortingParameters(query, EXTERNAL_TASK_SORT_COLUMNS);
    return { filter, ...(sorting ? { sorting } : {}) };
  }

  async find(
    query: ExternalTaskQuery,
    offset: number,
    limit: number | null,
  ): Promise<Array<Record<string, unknown>>> {
    const { filter, sorting } = query;
    const order = orderOf(sorting, { byDefault: 'j.created_at, j.id', nullsLast: true });
    const page = filter.page(offset, limit);
    const rows = (await this.dataSource.query(
      `SELECT ${COLUMNS} FROM ${TABLES} WHERE ${filter.where} ORDER BY ${order} ${page}`,
      filter.parameters,
    )) as ExternalTaskRow[];
    return rows.map(camundaExternalTaskOf);
  }

  async count(query: ExternalTaskQuery): Promise<number> {
    return countOf(this.dataSource, TABLES, query.filter);
  }

  async byId(id: string, tenantIds: string[]): Promise<ExternalTaskRow | undefined> {
    const rows = (await this.dataSource.query(
      `SELECT ${COLUMNS} FROM ${TABLES} WHERE j.id = $1 AND j.tenant_id = ANY($2) AND j.kind = 'external-task'`,
      [id, tenantIds],
    )) as ExternalTaskRow[];
    return rows[0];
  }

  /** The full error details a worker reported with its last failure; `undefined` when there is no such task. */
  async errorDetails(id: string, tenantIds: string[]): Promise<{ details: string | null } | undefined> {
    const rows = (await this.dataSource.query(
      `SELECT error_details FROM jobs WHERE id = $1 AND tenant_id = ANY($2) AND kind = 'external-task'`,
      [id, tenantIds],
    )) as Array<{ error_details: string | null }>;
    return rows[0] ? { details: rows[0].error_details } : undefined;
  }
}
