/**
 * The rows of an `INSERT/UPDATE/DELETE … RETURNING`: TypeORM answers an UPDATE or DELETE with `[rows, count]` on
 * PostgreSQL, an INSERT (and other drivers anything) with the rows.
 */
export function returnedRows<Row>(result: unknown): Row[] {
  return (Array.isArray(result) && Array.isArray(result[0]) ? result[0] : result) as Row[];
}
