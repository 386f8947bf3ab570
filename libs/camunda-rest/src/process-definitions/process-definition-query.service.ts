import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  booleanParameter,
  integerParameter,
  listParameter,
  pagingParameters,
  sortingParameters,
  textParameter,
  type QueryParameters,
  type Sorting,
} from '../query-parameters.js';
import { SqlFilter } from '../sql-filter.js';
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
export interface ProcessDefinitionQuery {
  tenantIds: string[];
  ids?: string[];
  keys?: string[];
  keyLike?: string;
  name?: string;
  nameLike?: string;
  deploymentId?: string;
  version?: number;
  /** Only the latest version of each key (per tenant). */
  latestVersion?: boolean;
  versionTag?: string;
  versionTagLike?: string;
  withoutVersionTag?: boolean;
  resourceName?: string;
  resourceNameLike?: string;
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
  const id = textParameter(query, 'processDefinitionId');
  const idIn = listParameter(query, 'processDefinitionIdIn');
  const key = textParameter(query, 'key');
  const keysIn = listParameter(query, 'keysIn');
  const active = booleanParameter(query, 'active');
  const suspended = booleanParameter(query, 'suspended');
  const sorting = sortingParameters(query, SORTABLE);
  const optional = {
    ids: id === undefined ? idIn : [id, ...(idIn ?? [])],
    keys: key === undefined ? keysIn : [key, ...(keysIn ?? [])],
    keyLike: textParameter(query, 'keyLike'),
    name: textParameter(query, 'name'),
    nameLike: textParameter(query, 'nameLike'),
    deploymentId: textParameter(query, 'deploymentId'),
    version: integerParameter(query, 'version', 1),
    latestVersion: booleanParameter(query, 'latestVersion'),
    versionTag: textParameter(query, 'versionTag'),
    versionTagLike: textParameter(query, 'versionTagLike'),
    withoutVersionTag: booleanParameter(query, 'withoutVersionTag'),
    resourceName: textParameter(query, 'resourceName'),
    resourceNameLike: textParameter(query, 'resourceNameLike'),
    // Camunda's `active=true` is "not suspended"; `false` for either flag filters nothing, as in Camunda.
    suspended: suspended === true ? true : active === true ? false : undefined,
    sorting,
  };
  return {
    tenantIds,
    ...(Object.fromEntries(
      Object.entries(optional).filter(([, value]) => value !== undefined),
    ) as Partial<ProcessDefinitionQuery>),
    ...pagingParameters(query),
  };
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
    const order = query.sorting
      ? `${query.sorting.by} ${query.sorting.order}, d.id`
      : 'd.key, d.tenant_id, d.version';
    const page = filter.page(query.offset, query.limit);
    const rows = (await this.dataSource.query(
      `SELECT d.id, d.key, d.version, d.name, d.version_tag, d.resource_name, d.deployment_id, d.tenant_id, d.suspended,
         d.history_time_to_live_days
       FROM process_definitions d ${query.sorting?.by === SORTABLE.deployTime ? 'JOIN deployments dep ON dep.id = d.deployment_id' : ''}
       WHERE ${filter.where}
       ORDER BY ${order} ${page}`,
      filter.parameters,
    )) as Array<{
      id: string;
      key: string;
      version: number;
      name: string | null;
      version_tag: string | null;
      resource_name: string;
      deployment_id: string;
      tenant_id: string;
      suspended: boolean;
      history_time_to_live_days: number | null;
    }>;
    return rows.map((row) => ({
      id: row.id,
      key: row.key,
      version: Number(row.version),
      name: row.name,
      versionTag: row.version_tag,
      resource: row.resource_name,
      deploymentId: row.deployment_id,
      tenantId: row.tenant_id,
      suspended: row.suspended,
      historyTimeToLiveDays: row.history_time_to_live_days,
    }));
  }

  async count(query: ProcessDefinitionQuery): Promise<number> {
    const filter = this.filterOf(query);
    const rows = (await this.dataSource.query(
      `SELECT count(*)::int AS count FROM process_definitions d WHERE ${filter.where}`,
      filter.parameters,
    )) as Array<{ count: number }>;
    return Number(rows[0]?.count ?? 0);
  }

  /** One definition by id, of a tenant the caller may see. */
  async byId(id: string, tenantIds: string[]): Promise<ProcessDefinitionView | undefined> {
    return (await this.find({ tenantIds, ids: [id], offset: 0, limit: 1 }))[0];
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
    const filter = new SqlFilter('d.tenant_id', query.tenantIds)
      .anyOf('d.id', query.ids)
      .anyOf('d.key', query.keys)
      .like('d.key', query.keyLike)
      .equal('d.name', query.name)
      .like('d.name', query.nameLike)
      .equal('d.deployment_id::text', query.deploymentId)
      .equal('d.version', query.version)
      .equal('d.version_tag', query.versionTag)
      .like('d.version_tag', query.versionTagLike)
      .equal('d.resource_name', query.resourceName)
      .like('d.resource_name', query.resourceNameLike);
    if (query.withoutVersionTag) filter.condition('d.version_tag IS NULL');
    if (query.suspended !== undefined) filter.condition(query.suspended ? 'd.suspended' : 'NOT d.suspended');
    if (query.latestVersion) {
      filter.condition(
        `d.version = (SELECT max(l.version) FROM process_definitions l WHERE l.tenant_id = d.tenant_id AND l.key = d.key)`,
      );
    }
    return filter;
  }
}
