/**
 * The rows of an `INSERT/UPDATE/DELETE … RETURNING`: TypeORM answers an UPDATE or DELETE with `[rows, count]` on
 * PostgreSQL (`pg`), an INSERT (and PGlite anything) with the rows. Shared by both apps, which run such statements.
 */
export function returnedRows<Row>(result: unknown): Row[] {
  if (!Array.isArray(result)) return [];
  return (Array.isArray(result[0]) ? result[0] : result) as Row[];
}
