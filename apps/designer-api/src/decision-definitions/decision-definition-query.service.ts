import { Injectable } from '@nestjs/common';
import {
  countOf,
  DEFINITION_COLUMNS,
  definitionFilterOf,
  definitionFiltersOf,
  definitionOf,
  listQueryOf,
  orderOf,
  sortingParameters,
  textParameter,
  type DefinitionFilters,
  type DefinitionRow,
  type QueryParameters,
  type Sorting,
  type SqlFilter,
} from '#camunda-rest';
import { DataSource } from 'typeorm';
import type { DecisionDefinitionView } from './camunda-decision-definition.js';

/** What Camunda's `sortBy` of a decision definition query may name, and the column it sorts by. */
const SORTABLE = {
  id: 'd.id',
  key: 'd.key',
  name: 'd.name',
  version: 'd.version',
  deploymentId: 'd.deployment_id',
  tenantId: 'd.tenant_id',
  versionTag: 'd.version_tag',
} as const;

type SortColumn = (typeof SORTABLE)[keyof typeof SORTABLE];

export interface DecisionDefinitionQuery extends DefinitionFilters {
  tenantIds: string[];
  decisionRequirementsDefinitionId?: string;
  decisionRequirementsDefinitionKey?: string;
  sorting?: Sorting<SortColumn>;
  offset: number;
  limit: number | null;
}

/**
 * Reads Camunda's query parameters of `GET /decision-definition` (and `/count`): decisionDefinitionId(In), key,
 * keyIn, keyLike, name(Like), deploymentId, version, latestVersion, versionTag(Like), withoutVersionTag,
 * resourceName(Like), decisionRequirementsDefinitionId/Key, sortBy/sortOrder and paging.
 */
export function decisionDefinitionQueryOf(
  query: QueryParameters,
  tenantIds: string[],
): DecisionDefinitionQuery {
  return listQueryOf(query, tenantIds, {
    ...definitionFiltersOf(query, { id: 'decisionDefinitionId', keyIn: 'keyIn' }),
    decisionRequirementsDefinitionId: textParameter(query, 'decisionRequirementsDefinitionId'),
    decisionRequirementsDefinitionKey: textParameter(query, 'decisionRequirementsDefinitionKey'),
    sorting: sortingParameters(query, SORTABLE),
  });
}

/** Deployed decision definitions, only ever within the tenants a request may see; by key, tenant and version. */
@Injectable()
export class DecisionDefinitionQueryService {
  constructor(private readonly dataSource: DataSource) {}

  async find(query: DecisionDefinitionQuery): Promise<DecisionDefinitionView[]> {
    const filter = this.filterOf(query);
    const order = orderOf(query.sorting, { byDefault: 'd.key, d.tenant_id, d.version', tiebreaker: 'd.id' });
    const rows = (await this.dataSource.query(
      `SELECT ${DEFINITION_COLUMNS}, d.decision_requirements_id, d.decision_requirements_key
       FROM decision_definitions d WHERE ${filter.where} ORDER BY ${order} ${filter.page(query.offset, query.limit)}`,
      filter.parameters,
    )) as Array<
      DefinitionRow & { decision_requirements_id: string | null; decision_requirements_key: string }
    >;
    return rows.map((row) => ({
      ...definitionOf(row),
      decisionRequirementsDefinitionId: row.decision_requirements_id,
      // Camunda names a DRD only for documents with more than one decision.
      decisionRequirementsDefinitionKey: row.decision_requirements_id ? row.decision_requirements_key : null,
    }));
  }

  async count(query: DecisionDefinitionQuery): Promise<number> {
    return countOf(this.dataSource, 'decision_definitions d', this.filterOf(query));
  }

  async byId(id: string, tenantIds: string[]): Promise<DecisionDefinitionView | undefined> {
    return (await this.find({ tenantIds, ids: [id], offset: 0, limit: 1 }))[0];
  }

  private filterOf(query: DecisionDefinitionQuery): SqlFilter {
    const filter = definitionFilterOf('decision_definitions', query).equal(
      'd.decision_requirements_id',
      query.decisionRequirementsDefinitionId,
    );
    if (query.decisionRequirementsDefinitionKey !== undefined) {
      filter
        .equal('d.decision_requirements_key', query.decisionRequirementsDefinitionKey)
        .condition('d.decision_requirements_id IS NOT NULL');
    }
    return filter;
  }
}
