import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  DEFINITION_COLUMNS,
  definitionFilterOf,
  definitionFiltersOf,
  definitionOf,
  type DefinitionFilters,
  type DefinitionRow,
} from '../definition-filters.js';
import { countOf, listQueryOf, orderOf } from '../list-query.js';
import {
  booleanParameter,
  sortingParameters,
  type QueryParameters,
  type Sorting,
} from '../query-parameters.js';
import type { SqlFilter } from '../sql-filter.js';
import type { ProcessDefinitionView } from './camunda-process-definition.js';

/** What Camunda's `sortBy` of a process definition query may name, and the column it sorts by. */
const SORTABLE = {
  id: 'd.id',
  key: 'd.key',
  name: 'd.name',
  version: 'd.version',
  versionTag: 'd.version_tag',
  deploymentId: 'd.deployment_id',
  deployTime: 'dep.deployed_at',
  tenantId: 'd.tenant_id',
} as const;

type SortColumn = (typeof SORTABLE)[keyof typeof SORTABLE];

/** Camunda's process definition query, as far as this engine supports it (see {@link processDefinitionQueryOf}). */
export interface ProcessDefinitionQuery extends DefinitionFilters {
  tenantIds: string[];
  suspended?: boolean;
  sorting?: Sorting<SortColumn>;
  offset: number;
  limit: number | null;
}

/**
 * Reads Camunda's query parameters of `GET /process-definition` (and `/count`): processDefinitionId(In), key,
 * keysIn, keyLike, name(Like), deploymentId, version, latestVersion, versionTag(Like), withoutVersionTag,
 * resourceName(Like), active, suspended, sortBy/sortOrder and paging. A malformed value is a 400 naming the
 * parameter. `tenantIds` are the tenants the caller may see (from `readableTenants`).
 */
export function processDefinitionQueryOf(
  query: QueryParameters,
  tenantIds: string[],
): ProcessDefinitionQuery {
  const definitions = definitionFiltersOf(query, { id: 'processDefinitionId', keyIn: 'keysIn' });
  const active = booleanParameter(query, 'active');
  const suspended = booleanParameter(query, 'suspended');
  return listQueryOf(query, tenantIds, {
    ...definitions,
    // Camunda's `active=true` is "not suspended"; `false` for either flag filters nothing, as in Camunda.
    suspended: suspended === true ? true : active === true ? false : undefined,
    sorting: sortingParameters(query, SORTABLE),
  });
}

/**
 * Finds deployed process definitions, only ever within the tenants a request may see; by key, tenant and version
 * unless sorted otherwise. Shared by the engine's and the designer-api's `GET /process-definition`.
 */
@Injectable()
export class ProcessDefinitionQueryService {
  constructor(private readonly dataSource: DataSource) {}

  async find(query: ProcessDefinitionQuery): Promise<ProcessDefinitionView[]> {
    const filter = this.filterOf(query);
    const order = orderOf(query.sorting, { byDefault: 'd.key, d.tenant_id, d.version', tiebreaker: 'd.id' });
    const page = filter.page(query.offset, query.limit);
    const rows = (await this.dataSource.query(
      `SELECT ${DEFINITION_COLUMNS}, d.suspended, d.history_time_to_live_days
       FROM process_definitions d ${query.sorting?.by === SORTABLE.deployTime ? 'JOIN deployments dep ON dep.id = d.deployment_id' : ''}
       WHERE ${filter.where}
       ORDER BY ${order} ${page}`,
      filter.parameters,
    )) as Array<DefinitionRow & { suspended: boolean; history_time_to_live_days: number | null }>;
    return rows.map((row) => ({
      ...definitionOf(row),
      suspended: row.suspended,
      historyTimeToLiveDays: row.history_time_to_live_days,
    }));
  }

  async count(query: ProcessDefinitionQuery): Promise<number> {
    return countOf(this.dataSource, 'process_definitions d', this.filterOf(query));
  }

  /** One definition by id, of a tenant the caller may see. */
  async byId(id: string, tenantIds: string[]): Promise<ProcessDefinitionView | undefined> {
    return (await this.find({ tenantIds, ids: [id], offset: 0, limit: 1 }))[0];
  }

  /**
   * The tenant of the definition with this id (an id names one definition of one tenant). Only for callers bound
   * to no tenant (authentication off), which act for whatever tenant a request names: a start by id names none.
   */
  async tenantOf(id: string): Promise<string | undefined> {
    const rows = (await this.dataSource.query(`SELECT tenant_id FROM process_definitions WHERE id = $1`, [
      id,
    ])) as Array<{ tenant_id: string }>;
    return rows[0]?.tenant_id;
  }

  /** The latest version of a key, of the tenants the caller may see (one, for Camunda's `/key/{key}`). */
  async latestOf(key: string, tenantIds: string[]): Promise<ProcessDefinitionView | undefined> {
    return (
      await this.find({
        tenantIds,
        keys: [key],
        sorting: { by: SORTABLE.version, order: 'desc' },
        offset: 0,
        limit: 1,
      })
    )[0];
  }

  private filterOf(query: ProcessDefinitionQuery): SqlFilter {
    const filter = definitionFilterOf('process_definitions', query);
    if (query.suspended !== undefined) filter.condition(query.suspended ? 'd.suspended' : 'NOT d.suspended');
    return filter;
  }
}
