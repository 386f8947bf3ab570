import { invalidRequest, listParameter, type QueryParameters, type SqlFilter } from '#camunda-rest';

/** Camunda's comparison operators of a `variables` filter. */
const OPERATORS = ['eq', 'neq', 'gt', 'gteq', 'lt', 'lteq', 'like'] as const;
type Operator = (typeof OPERATORS)[number];

const SQL_OPERATOR: Record<Exclude<Operator, 'like'>, string> = {
  eq: '=',
  neq: '<>',
  gt: '>',
  gteq: '>=',
  lt: '<',
  lteq: '<=',
};

/** One `name_operator_value` expression of Camunda's `variables` query parameter. */
export interface VariableFilter {
  name: string;
  operator: Operator;
  value: string;
}

const EXPRESSION = new RegExp(`^(.+?)_(${OPERATORS.join('|')})_(.*)$`, 's');
const NUMBER = /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/;

/**
 * Reads `variables=amount_gt_1000,status_eq_open` (Camunda's `key_operator_value`, comma-separated): a 400 names
 * the expression that does not have that form. The name ends at the first `_<operator>_`, so values may contain
 * underscores; as in Camunda, neither names nor values can contain commas.
 */
export function variableFiltersOf(query: QueryParameters, parameter = 'variables'): VariableFilter[] {
  const expressions = listParameter(query, parameter) ?? [];
  return expressions.map((expression) => {
    const match = EXPRESSION.exec(expression);
    if (!match) {
      throw invalidRequest(
        `Cannot set query parameter '${parameter}' to value '${expression}': expected name_operator_value with an operator of ${OPERATORS.join(', ')} (e.g. amount_gt_1000)`,
      );
    }
    return { name: match[1] as string, operator: match[2] as Operator, value: match[3] as string };
  });
}

/**
 * Adds one `EXISTS` condition per filter over the `variables` rows of the process scope: `scopeKeySql` is the SQL of
 * the scope's key. Camunda treats every value of a GET query as a String; this engine compares a String variable
 * with the text and, beyond Camunda, a numeric variable with a value that reads as a number and a Boolean one with
 * `true`/`false` — so `amount_gt_1000` finds an Integer `amount` of 5000. `like` is for Strings, `%` the wildcard.
 */
export function addVariableFilters(
  filter: SqlFilter,
  filters: VariableFilter[],
  scope: { instanceIdSql: string; scopeKeySql: string },
  options: { namesIgnoreCase?: boolean; valuesIgnoreCase?: boolean } = {},
): void {
  for (const { name, operator, value } of filters) {
    const nameMatch = options.namesIgnoreCase
      ? `lower(v.name) = lower(${filter.parameter(name)})`
      : `v.name = ${filter.parameter(name)}`;
    const text = options.valuesIgnoreCase ? `lower(v.value #>> '{}')` : `(v.value #>> '{}')`;
    const textValue = (placeholder: string) =>
      options.valuesIgnoreCase ? `lower(${placeholder})` : placeholder;
    const matches: string[] = [];
    if (operator === 'like') {
      matches.push(`(v.type = 'String' AND ${text} LIKE ${textValue(filter.parameter(value))})`);
    } else {
      const sql = SQL_OPERATOR[operator];
      matches.push(`(v.type = 'String' AND ${text} ${sql} ${textValue(filter.parameter(value))})`);
      if (NUMBER.test(value)) {
        matches.push(
          `(v.type IN ('Integer', 'Long', 'Short', 'Double') AND jsonb_typeof(v.value) = 'number'
            AND (v.value #>> '{}')::numeric ${sql} ${filter.parameter(value)}::numeric)`,
        );
      }
      if ((value === 'true' || value === 'false') && (operator === 'eq' || operator === 'neq')) {
        matches.push(
          `(v.type = 'Boolean' AND jsonb_typeof(v.value) = 'boolean' AND v.value ${sql} ${filter.parameter(value)}::jsonb)`,
        );
      }
    }
    filter.condition(
      `EXISTS (SELECT 1 FROM variables v WHERE v.process_instance_id = ${scope.instanceIdSql}
         AND v.scope_key = ${scope.scopeKeySql} AND ${nameMatch} AND (${matches.join(' OR ')}))`,
    );
  }
}
