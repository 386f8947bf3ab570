import {
  listParameter,
  pagingParameters,
  textParameter,
  type QueryParameters,
  type Sorting,
} from './query-parameters.js';
import type { SqlFilter } from './sql-filter.js';

/** What every list query carries: the tenants the caller may see and Camunda's paging. */
export interface ListQuery {
  tenantIds: string[];
  offset: number;
  limit: number | null;
}

/** The filters a request gave: each one left `undefined` is dropped, so `'name' in query` means it was given. */
export type GivenFilters<Filters extends object> = {
  [Name in keyof Filters]?: Exclude<Filters[Name], undefined>;
};

/**
 * A list query: the tenants the caller may see, the filters the request gave (read by the caller, `undefined` when
 * absent) and Camunda's paging (`firstResult`, `maxResults`; a malformed value is a 400 naming it).
 *
 * @example
 * return listQueryOf(query, tenantIds, { businessKey: textParameter(query, 'businessKey') });
 */
export function listQueryOf<Filters extends object>(
  query: QueryParameters,
  tenantIds: string[],
  filters: Filters,
): ListQuery & GivenFilters<Filters> {
  return {
    tenantIds,
    ...(Object.fromEntries(
      Object.entries(filters).filter(([, value]) => value !== undefined),
    ) as GivenFilters<Filters>),
    ...pagingParameters(query),
  };
}

/**
 * One value and its list form as one list, the way Camunda accepts both (`key` and `keyIn`, `jobId` and `jobIds`):
 * the single value first; `undefined` when neither is given.
 */
export function oneAndListParameter(
  query: QueryParameters,
  name: string,
  listName: string,
): string[] | undefined {
  const one = textParameter(query, name);
  const list = listParameter(query, listName);
  return one === undefined ? list : [one, ...(list ?? [])];
}

/**
 * The `ORDER BY` columns of a list: the sorting a request asked for, then `tiebreaker` so that pages do not overlap;
 * `byDefault` when it asked for none (and as the tiebreaker, unless one is named). `nullsLast` keeps rows without a
 * value at the end in either direction (PostgreSQL puts them first when descending).
 */
export function orderOf(
  sorting: Sorting<string> | undefined,
  order: { byDefault: string; tiebreaker?: string; nullsLast?: boolean },
): string {
  if (!sorting) return order.byDefault;
  const nulls = order.nullsLast ? ' NULLS LAST' : '';
  return `${sorting.by} ${sorting.order}${nulls}, ${order.tiebreaker ?? order.byDefault}`;
}

/** Anything that runs SQL with numbered parameters: a TypeORM `DataSource`, `EntityManager` or `QueryRunner`. */
interface Queryable {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

/**
 * How many rows of `from` (what follows `FROM`: a table and its alias, joins or a subquery) the filter matches:
 * the `/count` of a list.
 */
export async function countOf(queryable: Queryable, from: string, filter: SqlFilter): Promise<number> {
  const rows = (await queryable.query(
    `SELECT count(*)::int AS count FROM ${from} WHERE ${filter.where}`,
    filter.parameters,
  )) as Array<{ count: number }>;
  return Number(rows[0]?.count ?? 0);
}
