import { oneAndListParameter } from './list-query.js';
import {
  booleanParameter,
  integerParameter,
  textParameter,
  type QueryParameters,
} from './query-parameters.js';
import { SqlFilter } from './sql-filter.js';

/**
 * The filters Camunda's process and decision definition queries share: by id, key, name, deployment, version,
 * version tag and resource. `latestVersion` keeps only the latest version of each key (per tenant).
 */
export interface DefinitionFilters {
  ids?: string[];
  keys?: string[];
  keyLike?: string;
  name?: string;
  nameLike?: string;
  deploymentId?: string;
  version?: number;
  latestVersion?: boolean;
  versionTag?: string;
  versionTagLike?: string;
  withoutVersionTag?: boolean;
  resourceName?: string;
  resourceNameLike?: string;
}

/**
 * Reads the shared definition filters (`undefined` where not given, for `listQueryOf`): `<id>`, `<id>In`, `key`,
 * `<keyIn>`, keyLike, name(Like), deploymentId, version, latestVersion, versionTag(Like), withoutVersionTag,
 * resourceName(Like). The id and key list parameters are named differently per definition kind (Camunda's
 * `processDefinitionIdIn`/`keysIn`, `decisionDefinitionIdIn`/`keyIn`).
 */
export function definitionFiltersOf(
  query: QueryParameters,
  names: { id: string; keyIn: string },
): Record<keyof DefinitionFilters, unknown> & DefinitionFilters {
  return {
    ids: oneAndListParameter(query, names.id, `${names.id}In`),
    keys: oneAndListParameter(query, 'key', names.keyIn),
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
  };
}

/**
 * The shared definition filters over `table` aliased `d`, within the tenants a request may see. `table` is one of
 * the definition tables, written by the query, never request text.
 */
export function definitionFilterOf(
  table: 'process_definitions' | 'decision_definitions',
  query: DefinitionFilters & { tenantIds: string[] },
): SqlFilter {
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
  if (query.latestVersion) {
    filter.condition(
      `d.version = (SELECT max(l.version) FROM ${table} l WHERE l.tenant_id = d.tenant_id AND l.key = d.key)`,
    );
  }
  return filter;
}

/** The columns every deployed definition has, read by {@link definitionOf}. */
export const DEFINITION_COLUMNS =
  'd.id, d.key, d.version, d.name, d.version_tag, d.resource_name, d.deployment_id, d.tenant_id';

/** A row of {@link DEFINITION_COLUMNS}. */
export interface DefinitionRow {
  id: string;
  key: string;
  version: number;
  name: string | null;
  version_tag: string | null;
  resource_name: string;
  deployment_id: string;
  tenant_id: string;
}

/** What every deployed definition's view has, from its row. */
export function definitionOf(row: DefinitionRow): {
  id: string;
  key: string;
  version: number;
  name: string | null;
  versionTag: string | null;
  resource: string;
  deploymentId: string;
  tenantId: string;
} {
  return {
    id: row.id,
    key: row.key,
    version: Number(row.version),
    name: row.name,
    versionTag: row.version_tag,
    resource: row.resource_name,
    deploymentId: row.deployment_id,
    tenantId: row.tenant_id,
  };
}
