import { Injectable } from '@nestjs/common';
import {
  booleanParameter,
  countOf,
  invalidRequest,
  listParameter,
  listQueryOf,
  notFound,
  oneAndListParameter,
  orderOf,
  sortingParameters,
  SqlFilter,
  textParameter,
  type QueryParameters,
  type Sorting,
} from '#camunda-rest';
import { rootScopeKeyOf, type ProcessInstanceState, type ValueType, type VariableMap } from '#bpmn';
import { DataSource } from 'typeorm';
import type { ProcessInstanceRow } from './process-instance.response.js';
import { addVariableFilters, variableFiltersOf, type VariableFilter } from './variable-filter.js';

/** What Camunda's `sortBy` of a process instance query may name, and the column it sorts by. */
const SORTABLE = {
  instanceId: 'i.id',
  definitionKey: 'i.definition_key',
  definitionId: 'i.definition_id',
  tenantId: 'i.tenant_id',
  businessKey: 'i.business_key',
} as const;

type SortColumn = (typeof SORTABLE)[keyof typeof SORTABLE];

/** Camunda filters this engine does not evaluate: refused, since ignoring a filter would answer too many instances. */
const UNSUPPORTED = ['caseInstanceId', 'incidentType', 'incidentMessage', 'incidentMessageLike'];

/** Camunda's process instance query, as far as this engine supports it (see {@link processInstanceQueryOf}). */
export interface ProcessInstanceQuery {
  tenantIds: string[];
  ids?: string[];
  businessKey?: string;
  businessKeyLike?: string;
  definitionId?: string;
  definitionKeys?: string[];
  definitionKeysNotIn?: string[];
  deploymentId?: string;
  superInstanceId?: string;
  subInstanceId?: string;
  suspended?: boolean;
  withIncident?: boolean;
  incidentId?: string;
  rootOnly?: boolean;
  leafOnly?: boolean;
  activityIds?: string[];
  variables?: VariableFilter[];
  variableNamesIgnoreCase?: boolean;
  variableValuesIgnoreCase?: boolean;
  sorting?: Sorting<SortColumn>;
  offset: number;
  limit: number | null;
}

/**
 * Reads the query parameters of `GET /process-instance` (and `/count`); a malformed value is a 400 naming the
 * parameter. `tenantIds` are the tenants the caller may see.
 */
export function processInstanceQueryOf(query: QueryParameters, tenantIds: string[]): ProcessInstanceQuery {
  for (const name of UNSUPPORTED) {
    if (query[name] !== undefined) {
      throw invalidRequest(`Query parameter '${name}' is not supported by this engine; leave it out`);
    }
  }
  const definitionKeys = oneAndListParameter(query, 'processDefinitionKey', 'processDefinitionKeyIn');
  const active = booleanParameter(query, 'active');
  const suspended = booleanParameter(query, 'suspended');
  const variables = variableFiltersOf(query);
  return listQueryOf(query, tenantIds, {
    ids: listParameter(query, 'processInstanceIds'),
    businessKey: textParameter(query, 'businessKey'),
    businessKeyLike: textParameter(query, 'businessKeyLike'),
    definitionId: textParameter(query, 'processDefinitionId'),
    definitionKeys,
    definitionKeysNotIn: listParameter(query, 'processDefinitionKeyNotIn'),
    deploymentId: textParameter(query, 'deploymentId'),
    superInstanceId: textParameter(query, 'superProcessInstance'),
    subInstanceId: textParameter(query, 'subProcessInstance'),
    // Camunda's `active=true` is "not suspended"; `false` for either flag filters nothing, as in Camunda.
    suspended: suspended === true ? true : active === true ? false : undefined,
    withIncident: booleanParameter(query, 'withIncident'),
    incidentId: textParameter(query, 'incidentId'),
    rootOnly: booleanParameter(query, 'rootProcessInstances'),
    leafOnly: booleanParameter(query, 'leafProcessInstances'),
    activityIds: listParameter(query, 'activityIdIn'),
    variables: variables.length > 0 ? variables : undefined,
    variableNamesIgnoreCase: booleanParameter(query, 'variableNamesIgnoreCase'),
    variableValuesIgnoreCase: booleanParameter(query, 'variableValuesIgnoreCase'),
    sorting: sortingParameters(query, SORTABLE),
  });
}

/** The columns of a running process instance the API answers with. */
const COLUMNS = `i.id, i.tenant_id, i.definition_id, i.definition_key, i.business_key, i.suspended, i.super_instance_id`;

/**
 * Reads running process instances (Camunda's runtime view: an ended instance is found only in the history), only
 * ever within the tenants a request may see.
 */
@Injectable()
export class ProcessInstanceQueryService {
  constructor(private readonly dataSource: DataSource) {}

  async find(query: ProcessInstanceQuery): Promise<ProcessInstanceRow[]> {
    const filter = this.filterOf(query);
    const order = orderOf(query.sorting, { byDefault: 'i.started_at, i.id', tiebreaker: 'i.id' });
    const page = filter.page(query.offset, query.limit);
    return (await this.dataSource.query(
      `SELECT ${COLUMNS} FROM process_instances i WHERE ${filter.where} ORDER BY ${order} ${page}`,
      filter.parameters,
    )) as ProcessInstanceRow[];
  }

  async count(query: ProcessInstanceQuery): Promise<number> {
    return countOf(this.dataSource, 'process_instances i', this.filterOf(query));
  }

  /** A running instance by id, of a tenant the caller may see. */
  async byId(id: string, tenantIds: string[]): Promise<ProcessInstanceRow | undefined> {
    return (await this.find({ tenantIds, ids: [id], offset: 0, limit: 1 }))[0];
  }

  /** {@link byId}, or a 404 (Camunda's message) for an unknown, ended or another tenant's instance. */
  async running(id: string, tenantIds: string[]): Promise<ProcessInstanceRow> {
    const instance = await this.byId(id, tenantIds);
    if (!instance) throw notFound(`Process instance with id ${id} does not exist`);
    return instance;
  }

  /** The instance's own (process-level) variables, by name, from the runtime's projection of its state. */
  async variablesOf(instance: ProcessInstanceRow): Promise<VariableMap> {
    const rows = (await this.dataSource.query(
      `SELECT name, type, value, value_info FROM variables
       WHERE process_instance_id = $1 AND tenant_id = $2 AND scope_key = $3 ORDER BY name`,
      [instance.id, instance.tenant_id, rootScopeKeyOf(instance.id)],
    )) as Array<{
      name: string;
      type: ValueType;
      value: unknown;
      value_info: Record<string, unknown> | null;
    }>;
    const variables: VariableMap = {};
    for (const row of rows) {
      variables[row.name] = {
        type: row.type,
        value: row.value,
        ...(row.value_info ? { valueInfo: row.value_info } : {}),
      };
    }
    return variables;
  }

  /** The instance's state document (for its activity instance tree); undefined once it ended meanwhile. */
  async stateOf(instance: ProcessInstanceRow): Promise<ProcessInstanceState | undefined> {
    const rows = (await this.dataSource.query(
      `SELECT state FROM process_instances WHERE id = $1 AND tenant_id = $2 AND status = 'active'`,
      [instance.id, instance.tenant_id],
    )) as Array<{ state: ProcessInstanceState }>;
    return rows[0]?.state;
  }

  private filterOf(query: ProcessInstanceQuery): SqlFilter {
    const filter = new SqlFilter('i.tenant_id', query.tenantIds)
      .condition(`i.status = 'active'`)
      .anyOf('i.id', query.ids)
      .equal('i.business_key', query.businessKey)
      .like('i.business_key', query.businessKeyLike)
      .equal('i.definition_id', query.definitionId)
      .anyOf('i.definition_key', query.definitionKeys)
      .equal('i.super_instance_id', query.superInstanceId);
    if (query.definitionKeysNotIn !== undefined) {
      filter.condition(`NOT (i.definition_key = ANY(${filter.parameter(query.definitionKeysNotIn)}))`);
    }
    if (query.deploymentId !== undefined) {
      filter.condition(
        `EXISTS (SELECT 1 FROM process_definitions d WHERE d.id = i.definition_id AND d.deployment_id::text = ${filter.parameter(query.deploymentId)})`,
      );
    }
    if (query.subInstanceId !== undefined) {
      filter.condition(
        `i.id = (SELECT s.super_instance_id FROM process_instances s WHERE s.id = ${filter.parameter(query.subInstanceId)} AND s.tenant_id = i.tenant_id)`,
      );
    }
    if (query.suspended !== undefined) filter.condition(query.suspended ? 'i.suspended' : 'NOT i.suspended');
    if (query.withIncident) {
      filter.condition(`EXISTS (SELECT 1 FROM incidents n WHERE n.process_instance_id = i.id)`);
    }
    if (query.incidentId !== undefined) {
      filter.condition(
        `EXISTS (SELECT 1 FROM incidents n WHERE n.process_instance_id = i.id AND n.id = ${filter.parameter(query.incidentId)})`,
      );
    }
    if (query.rootOnly) filter.condition('i.super_instance_id IS NULL');
    if (query.leafOnly) {
      filter.condition(
        `NOT EXISTS (SELECT 1 FROM process_instances c WHERE c.super_instance_id = i.id AND c.status = 'active')`,
      );
    }
    if (query.activityIds !== undefined) {
      filter.condition(
        `EXISTS (SELECT 1 FROM element_instances e WHERE e.process_instance_id = i.id AND e.element_id = ANY(${filter.parameter(query.activityIds)}))`,
      );
    }
    if (query.variables) {
      addVariableFilters(
        filter,
        query.variables,
        // The process scope's key is the instance id and a fixed suffix (see rootScopeKeyOf).
        { instanceIdSql: 'i.id', scopeKeySql: `i.id || ${filter.parameter(rootScopeKeyOf(''))}` },
        {
          namesIgnoreCase: query.variableNamesIgnoreCase === true,
          valuesIgnoreCase: query.variableValuesIgnoreCase === true,
        },
      );
    }
    return filter;
  }
}
