/**
 * Builds the WHERE and paging of a list query with numbered parameters, always starting from the tenants the request
 * may see — so no list query can forget its tenant scope.
 *
 * @example
 * const filter = new SqlFilter('i.tenant_id', query.tenantIds);
 * filter.equal('i.process_instance_id', query.processInstanceId);
 * dataSource.query(`SELECT … WHERE ${filter.where} ORDER BY … ${filter.page(query.offset, query.limit)}`, filter.parameters);
 */
export class SqlFilter {
  readonly parameters: unknown[];
  private readonly conditions: string[];

  constructor(tenantColumn: string, tenantIds: string[]) {
    this.parameters = [tenantIds];
    this.conditions = [`${tenantColumn} = ANY($1)`];
  }

  /** `column = value`, when a value is given. */
  equal(column: string, value: string | number | undefined): this {
    if (value === undefined) return this;
    this.parameters.push(value);
    this.conditions.push(`${column} = $${this.parameters.length}`);
    return this;
  }

  /** `column = ANY(values)`, when values are given (Camunda's `…In` lists). */
  anyOf(column: string, values: readonly string[] | undefined): this {
    if (values === undefined) return this;
    this.conditions.push(`${column} = ANY(${this.parameter(values)})`);
    return this;
  }

  /** `column LIKE pattern`, when a pattern is given: Camunda's `…Like` parameters, `%` and `_` as wildcards. */
  like(column: string, pattern: string | undefined): this {
    if (pattern === undefined) return this;
    this.conditions.push(`${column} LIKE ${this.parameter(pattern)}`);
    return this;
  }

  /** Adds a parameter and answers its placeholder (`$4`), for a condition the query writes around it. */
  parameter(value: unknown): string {
    this.parameters.push(value);
    return `$${this.parameters.length}`;
  }

  /** A condition without parameters (written by the query, never from request text). */
  condition(sql: string): this {
    this.conditions.push(sql);
    return this;
  }

  get where(): string {
    return this.conditions.join(' AND ');
  }

  /** `LIMIT … OFFSET …` as parameters; no limit when `limit` is null. */
  page(offset: number, limit: number | null): string {
    this.parameters.push(offset);
    const offsetSql = `OFFSET $${this.parameters.length}`;
    if (limit === null) return offsetSql;
    this.parameters.push(limit);
    return `LIMIT $${this.parameters.length} ${offsetSql}`;
  }
}
