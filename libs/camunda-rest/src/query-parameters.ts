import { parseCamundaDate } from './camunda-date.js';
import { invalidRequest } from './camunda-rest.exception.js';

/** A request's query, as Express parses it: values are strings, or arrays of them when a name repeats. */
export type QueryParameters = Record<string, unknown>;

/** One text parameter; refuses one given twice. Camunda's message names the parameter and the value. */
export function textParameter(query: QueryParameters, name: string): string | undefined {
  const value = query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') {
    throw invalidRequest(
      `Cannot set query parameter '${name}': it was given more than once; give it once (lists are comma-separated)`,
    );
  }
  return value;
}

/** `true` or `false`. */
export function booleanParameter(query: QueryParameters, name: string): boolean | undefined {
  const value = textParameter(query, name);
  if (value === undefined) return undefined;
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw invalidRequest(`Cannot set query parameter '${name}' to value '${value}': expected true or false`);
}

/** A whole number, at least `minimum`. */
export function integerParameter(query: QueryParameters, name: string, minimum = 0): number | undefined {
  const value = textParameter(query, name);
  if (value === undefined) return undefined;
  if (!/^-?\d+$/.test(value) || Number(value) < minimum || !Number.isSafeInteger(Number(value))) {
    throw invalidRequest(
      `Cannot set query parameter '${name}' to value '${value}': expected a whole number of at least ${minimum}`,
    );
  }
  return Number(value);
}

/**
 * A date in Camunda's format (`dueBefore=2026-01-05T08:00:00.000%2B0100`). A `+` sent unencoded arrives as a space
 * (URL form encoding); the offset is read back as `+` rather than refusing what most clients send.
 */
export function dateParameter(query: QueryParameters, name: string): Date | undefined {
  const value = textParameter(query, name);
  if (value === undefined) return undefined;
  const date = parseCamundaDate(value.replace(/ (\d{2}:?\d{2})$/, '+$1'));
  if (!date) {
    throw invalidRequest(
      `Cannot set query parameter '${name}' to value '${value}': expected a date in Camunda's format yyyy-MM-dd'T'HH:mm:ss.SSSZ, e.g. 2026-01-05T08:00:00.000+0100 (send '+' as %2B)`,
    );
  }
  return date;
}

/** A comma-separated list (`tenantIdIn=a,b`). */
export function listParameter(query: QueryParameters, name: string): string[] | undefined {
  const value = textParameter(query, name);
  if (value === undefined) return undefined;
  return value.split(',').map((item) => item.trim());
}

export interface Sorting<Column extends string> {
  by: Column;
  order: 'asc' | 'desc';
}

/**
 * Camunda's `sortBy` and `sortOrder`: both or neither. `columns` maps each sortable name to what it sorts by.
 *
 * @example
 * sortingParameters({ sortBy: 'startTime', sortOrder: 'asc' }, { startTime: 'started_at' }); // { by: 'started_at', order: 'asc' }
 */
export function sortingParameters<Column extends string>(
  query: QueryParameters,
  columns: Readonly<Record<string, Column>>,
): Sorting<Column> | undefined {
  const sortBy = textParameter(query, 'sortBy');
  const sortOrder = textParameter(query, 'sortOrder');
  if (sortBy === undefined && sortOrder === undefined) return undefined;
  if (sortBy === undefined || sortOrder === undefined) {
    throw invalidRequest('Only a single sorting parameter specified. sortBy and sortOrder required');
  }
  const by = Object.hasOwn(columns, sortBy) ? columns[sortBy] : undefined;
  if (by === undefined) {
    throw invalidRequest(
      `Cannot set query parameter 'sortBy' to value '${sortBy}': expected one of ${Object.keys(columns).join(', ')}`,
    );
  }
  if (sortOrder !== 'asc' && sortOrder !== 'desc') {
    throw invalidRequest(
      `Cannot set query parameter 'sortOrder' to value '${sortOrder}': expected asc or desc`,
    );
  }
  return { by, order: sortOrder };
}

/**
 * The most rows one list answers. A page is one query and one response in memory: unbounded, a careless client (or
 * a list that grew over the years) could take the engine down. Camunda's `queryMaxResultsLimit` does the same.
 */
export const MAX_RESULTS = 1000;

/**
 * Camunda's paging: `firstResult` (default 0) and `maxResults` (default and at most {@link MAX_RESULTS}; more is a
 * 400). A list without `maxResults` answers its first {@link MAX_RESULTS} rows; `/count` says how many there are.
 */
export function pagingParameters(query: QueryParameters): { offset: number; limit: number } {
  const limit = integerParameter(query, 'maxResults') ?? MAX_RESULTS;
  if (limit > MAX_RESULTS) {
    throw invalidRequest(
      `Cannot set query parameter 'maxResults' to value '${limit}': at most ${MAX_RESULTS} results are answered at once; page with firstResult`,
    );
  }
  return { offset: integerParameter(query, 'firstResult') ?? 0, limit };
}
