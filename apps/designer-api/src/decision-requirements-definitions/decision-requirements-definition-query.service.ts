import { Injectable } from '@nestjs/common';
import {
  countOf,
  definitionFilterOf,
  definitionFiltersOf,
  listQueryOf,
  orderOf,
  sortingParameters,
  textParameter,
  type DefinitionFilters,
  type QueryParameters,
  type Sorting,
  type SqlFilter,
} from '#camunda-rest';
import { DataSource } from 'typeorm';
import type { DecisionRequirementsDefinitionView } from './camunda-decision-requirements-definition.js';

/** What Camunda's `sortBy` of a decision requirements definition query may name, and the column it sorts by. */
const SORTABLE = {
  id: 'd.id',
  key: 'd.key',
  name: 'd.name',
  version: 'd.version',
  deploymentId: 'd.deployment_id',
  tenantId: 'd.tenant_id',
} as const;

type SortColumn = (typeof SORTABLE)[keyof typeof SORTABLE];

/**
 * The decision requirements definitions, one row each, read from the decisions deployed with them (a DRD is kept
 * on its decisions' rows; its name is the DMN definitions' name in the compiled model). Constant SQL, no request text.
 */
const DECISION_REQUIREMENTS = `(SELECT DISTINCT ON (r.decision_requirements_id)
    r.decision_requirements_id AS id, r.decision_requirements_key AS key, r.decision_requirements_version AS version,
    r.executable->>'name' AS name, NULL::text AS version_tag, r.resource_name, r.deployment_id, r.tenant_id
  FROM decision_definitions r WHERE r.decision_requirements_id IS NOT NULL
  ORDER BY r.decision_requirements_id) d`;

export interface DecisionRequirementsDefinitionQuery extends DefinitionFilters {
  tenantIds: string[];
  /** `id`, as the brief of this API names it beside Camunda's `decisionRequirementsDefinitionId`. */
  id?: string;
  sorting?: Sorting<SortColumn>;
  offset: number;
  limit: number | null;
}

/**
 * Reads Camunda's query parameters of `GET /decision-requirements-definition` (and `/count`):
 * decisionRequirementsDefinitionId(In) (or `id`), key, keyLike, name(Like), deploymentId, version, latestVersion,
 * resourceName(Like), sortBy/sortOrder and paging (tenants are the caller's, see `readableTenants`).
 */
export function decisionRequirementsDefinitionQueryOf(
  query: QueryParameters,
  tenantIds: string[],
): DecisionRequirementsDefinitionQuery {
  // Camunda's DRD query has no version tag filters; given anyway, they match nothing (a DRD has no version tag).
  const filters = definitionFiltersOf(query, { id: 'decisionRequirementsDefinitionId', keyIn: 'keyIn' });
  return listQueryOf(query, tenantIds, {
    ...filters,
    id: textParameter(query, 'id'),
    sorting: sortingParameters(query, SORTABLE),
  });
}

/** Deployed decision requirements definitions, only ever within the tenants a request may see. */
@Injectable()
export class DecisionRequirementsDefinitionQueryService {
  constructor(private readonly dataSource: DataSource) {}

  async find(query: DecisionRequirementsDefinitionQuery): Promise<DecisionRequirementsDefinitionView[]> {
    const filter = this.filterOf(query);
    const order = orderOf(query.sorting, { byDefault: 'd.key, d.tenant_id, d.version', tiebreaker: 'd.id' });
    const rows = (await this.dataSource.query(
      `SELECT d.id, d.key, d.version, d.name, d.resource_name, d.deployment_id, d.tenant_id
       FROM ${DECISION_REQUIREMENTS} WHERE ${filter.where} ORDER BY ${order} ${filter.page(query.offset, query.limit)}`,
      filter.parameters,
    )) as Array<{
      id: string;
      key: string;
      version: number;
      name: string | null;
      resource_name: string;
      deployment_id: string;
      tenant_id: string;
    }>;
    return rows.map((row) => ({
      id: row.id,
      key: row.key,
      version: Number(row.version),
      name: row.name,
      resource: row.resource_name,
      deploymentId: row.deployment_id,
      tenantId: row.tenant_id,
    }));
  }

  async count(query: DecisionRequirementsDefinitionQuery): Promise<number> {
    return countOf(this.dataSource, DECISION_REQUIREMENTS, this.filterOf(query));
  }

  async byId(id: string, tenantIds: string[]): Promise<DecisionRequirementsDefinitionView | undefined> {
    return (await this.find({ tenantIds, ids: [id], offset: 0, limit: 1 }))[0];
  }

  /** The latest version of a key, of the tenants the caller may see (one, for Camunda's `/key/{key}`). */
  async latestOf(key: string, tenantIds: string[]): Promise<DecisionRequirementsDefinitionView | undefined> {
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

  private filterOf(query: DecisionRequirementsDefinitionQuery): SqlFilter {
    // The shared filters name `d`'s columns; the latest version is the DRD's own, so it is written here.
    const filter = definitionFilterOf('decision_definitions', { ...query, latestVersion: false }).equal(
      'd.id',
      query.id,
    );
    if (query.latestVersion) {
      filter.condition(
        `d.version = (SELECT max(l.decision_requirements_version) FROM decision_definitions l
           WHERE l.tenant_id = d.tenant_id AND l.decision_requirements_key = d.key)`,
      );
    }
    return filter;
  }
}
