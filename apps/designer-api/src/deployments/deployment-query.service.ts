import { Injectable } from '@nestjs/common';
import {
  booleanParameter,
  dateParameter,
  countOf,
  invalidRequest,
  listQueryOf,
  notFound,
  orderOf,
  sortingParameters,
  SqlFilter,
  textParameter,
  type QueryParameters,
  type Sorting,
} from '#camunda-rest';
import { DataSource } from 'typeorm';

/** Where a definition's model was deployed: its tenant, deployment and resource name. */
export interface DeployedDefinition {
  id: string;
  tenantId: string;
  deploymentId: string;
  resource: string;
}

/** What Camunda's `sortBy` of a deployment query may name, and the column it sorts by. */
const SORTABLE = {
  id: 'd.id',
  name: 'd.name',
  deploymentTime: 'd.deployed_at',
  tenantId: 'd.tenant_id',
} as const;

type SortColumn = (typeof SORTABLE)[keyof typeof SORTABLE];

/** Camunda's deployment query, as far as it is supported (see {@link deploymentQueryOf}). */
export interface DeploymentQuery {
  tenantIds: string[];
  id?: string;
  name?: string;
  nameLike?: string;
  source?: string;
  withoutSource?: boolean;
  after?: Date;
  before?: Date;
  sorting?: Sorting<SortColumn>;
  offset: number;
  limit: number | null;
}

export interface DeploymentView {
  id: string;
  name: string | null;
  source: string | null;
  tenantId: string;
  deployedAt: Date;
}

export interface DeploymentResourceView {
  id: string;
  name: string;
  deploymentId: string;
}

/**
 * Reads Camunda's query parameters of `GET /deployment` (and `/count`): id, name, nameLike, source, withoutSource,
 * after, before (deployment time, exclusive), sortBy id/name/deploymentTime/tenantId with sortOrder, and paging.
 * `tenantIds` are the tenants the caller may see. A malformed value is a 400 naming the parameter.
 */
export function deploymentQueryOf(query: QueryParameters, tenantIds: string[]): DeploymentQuery {
  const source = textParameter(query, 'source');
  const withoutSource = booleanParameter(query, 'withoutSource');
  if (source !== undefined && withoutSource === true) {
    throw invalidRequest(
      "The query parameters 'source' and 'withoutSource' exclude each other: give one of them",
    );
  }
  return listQueryOf(query, tenantIds, {
    id: textParameter(query, 'id'),
    name: textParameter(query, 'name'),
    nameLike: textParameter(query, 'nameLike'),
    source,
    withoutSource,
    after: dateParameter(query, 'after'),
    before: dateParameter(query, 'before'),
    sorting: sortingParameters(query, SORTABLE),
  });
}

/** Deployments and their resources, only ever within the tenants a request may see. */
@Injectable()
export class DeploymentQueryService {
  constructor(private readonly dataSource: DataSource) {}

  async find(query: DeploymentQuery): Promise<DeploymentView[]> {
    const filter = this.filterOf(query);
    const order = orderOf(query.sorting, { byDefault: 'd.deployed_at, d.id', tiebreaker: 'd.id' });
    const rows = (await this.dataSource.query(
      `SELECT d.id, d.name, d.source, d.tenant_id, d.deployed_at FROM deployments d
       WHERE ${filter.where} ORDER BY ${order} ${filter.page(query.offset, query.limit)}`,
      filter.parameters,
    )) as DeploymentRow[];
    return rows.map(deploymentOf);
  }

  async count(query: DeploymentQuery): Promise<number> {
    return countOf(this.dataSource, 'deployments d', this.filterOf(query));
  }

  async byId(id: string, tenantIds: string[]): Promise<DeploymentView | undefined> {
    return (await this.find({ tenantIds, id, offset: 0, limit: 1 }))[0];
  }

  /** The resources of a deployment, by name. */
  async resourcesOf(deployment: DeploymentView): Promise<DeploymentResourceView[]> {
    const rows = (await this.dataSource.query(
      `SELECT id, name, deployment_id FROM deployment_resources WHERE tenant_id = $1 AND deployment_id = $2 ORDER BY name`,
      [deployment.tenantId, deployment.id],
    )) as Array<{ id: string; name: string; deployment_id: string }>;
    return rows.map((row) => ({ id: row.id, name: row.name, deploymentId: row.deployment_id }));
  }

  /** One resource of a deployment, with its bytes when asked for. */
  async resource(
    deployment: DeploymentView,
    resourceId: string,
  ): Promise<(DeploymentResourceView & { content: Buffer }) | undefined> {
    const rows = (await this.dataSource.query(
      `SELECT id, name, deployment_id, content FROM deployment_resources
       WHERE tenant_id = $1 AND deployment_id = $2 AND id::text = $3`,
      [deployment.tenantId, deployment.id, resourceId],
    )) as Array<{ id: string; name: string; deployment_id: string; content: Buffer | Uint8Array }>;
    const row = rows[0];
    if (!row) return undefined;
    return { id: row.id, name: row.name, deploymentId: row.deployment_id, content: Buffer.from(row.content) };
  }

  /**
   * The text of the model a definition was deployed as (its resource, by name), for its XML and diagram; a 404
   * saying `No <missing> <definition id>` when the resource is gone.
   */
  async modelTextOf(definition: DeployedDefinition, missing: string): Promise<string> {
    const rows = (await this.dataSource.query(
      `SELECT content FROM deployment_resources WHERE tenant_id = $1 AND deployment_id = $2 AND name = $3`,
      [definition.tenantId, definition.deploymentId, definition.resource],
    )) as Array<{ content: Buffer | Uint8Array }>;
    if (!rows[0]) throw notFound(`No ${missing} ${definition.id}`);
    return Buffer.from(rows[0].content).toString('utf8');
  }

  private filterOf(query: DeploymentQuery): SqlFilter {
    const filter = new SqlFilter('d.tenant_id', query.tenantIds)
      .equal('d.id::text', query.id)
      .equal('d.name', query.name)
      .like('d.name', query.nameLike)
      .equal('d.source', query.source);
    if (query.withoutSource) filter.condition('d.source IS NULL');
    if (query.after) filter.condition(`d.deployed_at > ${filter.parameter(query.after)}`);
    if (query.before) filter.condition(`d.deployed_at < ${filter.parameter(query.before)}`);
    return filter;
  }
}

interface DeploymentRow {
  id: string;
  name: string | null;
  source: string | null;
  tenant_id: string;
  deployed_at: Date | string;
}

function deploymentOf(row: DeploymentRow): DeploymentView {
  return {
    id: row.id,
    name: row.name,
    source: row.source,
    tenantId: row.tenant_id,
    deployedAt: new Date(row.deployed_at),
  };
}
