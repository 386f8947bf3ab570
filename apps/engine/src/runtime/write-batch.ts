import type { DataSource, EntityManager, QueryRunner } from 'typeorm';

/**
 * Fewer round trips per command. A command's writes — the instance row, its history, its jobs, variables — are plain
 * INSERT/UPDATE/DELETE statements whose results nobody reads; sent one by one, each costs a round trip to
 * PostgreSQL (and system calls on both sides), which is most of a short command's cost. This manager defers them
 * and sends each run of them as ONE statement: the writes become data-modifying CTEs of a single
 * `WITH w0 AS (…), w1 AS (…) <last write>`. Within the command's transaction that changes nothing a reader can see:
 * - anything that is not such a write (a read, a `RETURNING`, a statement with a sub-query, unknown SQL) first sends
 *   what is deferred, then runs as before — reads always see the command's own earlier writes;
 * - two statements writing the same table never share a combined statement (a CTE does not see its siblings'
 *   rows), so a second statement on a table first sends what is deferred — writes to one table keep their order.
 *   A writer that knows its writes to one table touch distinct rows may send them as one `WITH … AS (…) …`
 *   statement of such writes: it is deferred as a unit;
 * - an optimistically locked write that must touch a row ({@link expectRow}) is checked by the combined statement
 *   itself, which fails whole — nothing of it is written — when the row was not there;
 * - foreign keys are checked at the end of the combined statement, still inside the transaction;
 * - a failing write fails the combined statement and with it the command's transaction, as it did alone.
 * Call `flush()` before the transaction commits (and before giving the manager back to a caller).
 *
 * With `mergeRows` (for several commands written together, see {@link inLazyTransaction}'s callers), a write whose
 * text equals a deferred one's except for its rows is added to it as more rows, so the commands' writes to one table
 * become one statement instead of one each: `INSERT INTO t (…) VALUES (…)` gets more VALUES rows, an
 * `UPDATE t … FROM (VALUES (…)) AS v …` more rows of its VALUES list, `DELETE FROM t WHERE …` its condition OR-ed, and
 * optimistically locked writes of that UPDATE shape ({@link expectRow}) merge too, the combined statement then
 * requiring every one of them to touch its row. A `WITH` unit merges part by part into a unit of the same shape.
 * Rows that an `ON CONFLICT … DO UPDATE` would meet twice fail such a statement, and one stale version fails all of
 * it: whoever merges must be able to run the commands again one by one, without merging.
 */
export class WriteBatch {
  private pending: DeferredWrite[] = [];
  /** The deferred write that must touch rows — `expected` of them (merged) — and the error when it touches fewer. */
  private guard: { write: DeferredWrite; error: () => Error; expected: number } | undefined;

  /** The manager to hand to the writers: its `query` defers writes; nothing else of it is batched. */
  readonly manager: EntityManager;

  constructor(
    target: EntityManager,
    private readonly send: (sql: string, parameters: unknown[]) => Promise<unknown> = (sql, parameters) =>
      target.query(sql, parameters),
    private readonly mergeRows = false,
  ) {
    const query = (sql: string, parameters?: unknown[]) => this.query(sql, parameters ?? []);
    this.manager = new Proxy(target, {
      get: (object, property, receiver) =>
        property === 'query'
          ? query
          : property === BATCH
            ? this
            : (Reflect.get(object, property, receiver) as unknown),
    });
  }

  /** True when nothing is deferred. */
  get empty(): boolean {
    return this.pending.length === 0;
  }

  /** Sends every deferred write as one statement (through `send`, by default the batch's own). */
  async flush(send = this.send): Promise<void> {
    const batch = this.pending;
    const guard = this.guard;
    if (batch.length === 0) return;
    this.pending = [];
    this.guard = undefined;
    if (!guard && batch.length === 1 && batch[0].parts.length === 1) {
      await send(partsOf(batch[0])[0], batch[0].parameters);
      return;
    }
    const parameters: unknown[] = [];
    const parts: string[] = [];
    let guardPart = -1;
    for (const write of batch) {
      const offset = parameters.length;
      for (const parameter of write.parameters) parameters.push(parameter);
      if (write === guard?.write) guardPart = parts.length;
      for (const sql of partsOf(write)) parts.push(renumbered(sql, offset));
    }
    if (!guard) {
      const last = parts.pop() as string;
      await send(`WITH ${parts.map((sql, index) => `w${index} AS (${sql})`).join(', ')} ${last}`, parameters);
      return;
    }
    // Every write becomes a CTE; the statement divides by whether the guarded write touched all the rows it must:
    // fewer fails it whole.
    const ctes = parts.map(
      (sql, index) => `w${index} AS (${index === guardPart ? `${sql} RETURNING 1` : sql})`,
    );
    const check =
      guard.expected === 1
        ? `(SELECT count(*) FROM w${guardPart})::int`
        : `((SELECT count(*) FROM w${guardPart}) = ${guard.expected})::int`;
    try {
      await send(`WITH ${ctes.join(', ')} SELECT 1 / ${check}`, parameters);
    } catch (error) {
      if ((error as { code?: unknown }).code === DIVISION_BY_ZERO) throw guard.error();
      throw error;
    }
  }

  /** Defers a write that must touch at least one row; if it touches none, the flush fails with `error()`. */
  async expectRow(sql: string, parameters: unknown[], error: () => Error): Promise<void> {
    const write = analysed(sql).write;
    if (write === undefined || write.parts.length !== 1) {
      throw new Error(`Expected a single write that can be deferred, but got: ${sql}`);
    }
    if (this.mergeRows && this.guard && this.mergedInto(this.guard.write, sql, parameters)) {
      this.guard.expected += 1;
      return;
    }
    if (this.guard || this.conflicts(write)) await this.flush();
    const deferred = this.deferred(sql, parameters);
    this.pending.push(deferred);
    this.guard = { write: deferred, error, expected: 1 };
  }

  private async query(sql: string, parameters: unknown[]): Promise<unknown> {
    const write = analysed(sql).write;
    if (write === undefined) {
      await this.flush();
      return this.send(sql, parameters);
    }
    if (
      this.mergeRows &&
      this.pending.some((target) => target !== this.guard?.write && this.mergedInto(target, sql, parameters))
    )
      return [];
    if (this.conflicts(write)) await this.flush();
    this.pending.push(this.deferred(sql, parameters));
    // What a write without RETURNING answers: no rows.
    return [];
  }

  /** A deferred write of `sql` (a deferrable one): copies of its analysis, which merging changes. */
  private deferred(sql: string, parameters: unknown[]): DeferredWrite {
    const { write, shapes } = analysed(sql);
    if (!write) throw new Error(`Not a write that can be deferred: ${sql}`);
    return {
      tables: write.tables,
      parts: write.parts,
      parameters: [...parameters],
      ...(this.mergeRows && shapes
        ? { shapes: shapes.map((shape) => ({ ...shape, rowList: [shape.rows] })) }
        : {}),
    };
  }

  /** Adds the write's rows to `target` if their texts differ only in their rows (see `mergeRows`). */
  private mergedInto(target: DeferredWrite, sql: string, parameters: unknown[]): boolean {
    if (!target.shapes) return false;
    const { shapes } = analysed(sql);
    if (!shapes || shapes.length !== target.shapes.length) return false;
    const same = shapes.every(
      (shape, index) =>
        shape.head === target.shapes?.[index].head &&
        shape.tail === target.shapes[index].tail &&
        shape.separator === target.shapes[index].separator,
    );
    if (!same || target.parameters.length + parameters.length > MAX_MERGED_PARAMETERS) return false;
    const offset = target.parameters.length;
    target.shapes.forEach((shape, index) => shape.rowList.push(renumbered(shapes[index].rows, offset)));
    for (const parameter of parameters) target.parameters.push(parameter);
    return true;
  }

  private conflicts(write: Omit<DeferredWrite, 'parameters'>): boolean {
    return this.pending.some((other) => other.tables.some((table) => write.tables.includes(table)));
  }
}

/**
 * Runs a write that must touch at least one row (an optimistically locked UPDATE, written without RETURNING):
 * deferred into the batch when `manager` is a batch's, else sent at once; `error()` is thrown when it touches none.
 */
export async function expectRow(
  manager: EntityManager,
  sql: string,
  parameters: unknown[],
  error: () => Error,
): Promise<void> {
  const batch = (manager as unknown as { [BATCH]?: WriteBatch })[BATCH];
  if (batch) return batch.expectRow(sql, parameters, error);
  const rows = (await manager.query(`${sql} RETURNING 1`, parameters)) as unknown;
  // TypeORM answers an UPDATE … RETURNING with [rows, count]; other drivers with the rows.
  const count =
    Array.isArray(rows) && rows.length === 2 && typeof rows[1] === 'number'
      ? rows[1]
      : Array.isArray(rows)
        ? rows.length
        : 0;
  if (count === 0) throw error();
}

/**
 * A transaction begun only when it is needed. Work whose statements all end up in one combined write (a start that
 * runs to its end or to a wait state without reading anything) is sent as that single statement — atomic by
 * itself, without BEGIN and COMMIT: two round trips fewer. A read before anything is written runs on its own (a
 * transaction takes no snapshot across READ COMMITTED statements anyway, and it takes no lock): an optimistically
 * locked command reads its instance, then writes one statement that checks the version. Anything else — a read
 * after a write, a locking read, a second statement — first begins a real transaction on a connection of its own,
 * and everything from then on runs in it, as before.
 */
export async function inLazyTransaction<T>(
  dataSource: DataSource,
  work: (manager: EntityManager) => Promise<T>,
  options: { mergeRows?: boolean } = {},
): Promise<T> {
  let runner: QueryRunner | undefined;
  const send = async (sql: string, parameters: unknown[]): Promise<unknown> => {
    if (!runner && batch.empty && PLAIN_READ.test(sql) && !LOCKING_READ.test(sql)) {
      return dataSource.query(sql, parameters);
    }
    if (!runner) {
      const opened = dataSource.createQueryRunner();
      runner = opened;
      await opened.connect();
      await opened.startTransaction();
    }
    return runner.query(sql, parameters);
  };
  const batch: WriteBatch = new WriteBatch(dataSource.manager, send, options.mergeRows ?? false);
  try {
    const result = await work(batch.manager);
    if (runner) {
      await batch.flush();
      await runner.commitTransaction();
    } else {
      // Nothing was written yet: what is deferred makes one statement, atomic on its own.
      await batch.flush((sql, parameters) => dataSource.query(sql, parameters));
    }
    return result;
  } catch (error) {
    if (runner?.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
    throw error;
  } finally {
    if (runner) await runner.release();
  }
}

interface DeferredWrite {
  /** The tables it writes. */
  tables: string[];
  /** Its writes: one, or a `WITH` statement's CTE bodies and main write (they share the parameters). */
  parts: string[];
  parameters: unknown[];
  /**
   * Each part split around its rows, when other writes of the same shape may add rows to it (see `mergeRows`): the
   * rows merged so far, renumbered to follow each other's parameters; the part's text is made once, at the flush.
   */
  shapes?: Array<MergeShape & { rowList: string[] }>;
}

/** The write's texts, with the rows merged into it. */
function partsOf(write: DeferredWrite): string[] {
  const { shapes } = write;
  if (!shapes || shapes.every((shape) => shape.rowList.length === 1)) return write.parts;
  return shapes.map((shape) => `${shape.head} ${shape.rowList.join(shape.separator)}${shape.tail}`);
}

/** A write split around its rows: `${head} ${rows}${tail}`, more rows joined with `separator`. */
export interface MergeShape {
  /** `INSERT INTO t (a, b) VALUES`, `UPDATE t AS x SET … FROM (VALUES`, `DELETE FROM t WHERE` */
  head: string;
  /** `($1, $2), ($3, $4)`, or `(a = $1) OR (a = $2)` */
  rows: string;
  /** What follows the rows (`ON CONFLICT …`, `) AS v (…) WHERE …`), or ''. */
  tail: string;
  separator: ', ' | ' OR ';
}

/** PostgreSQL takes at most 65,535 parameters per statement; merged writes stay well below. */
const MAX_MERGED_PARAMETERS = 30_000;
const INSERT_HEAD = /^\s*(INSERT\s+INTO\s+[A-Za-z_][A-Za-z0-9_]*\s*\([^()]*\)\s*VALUES)\s*/i;
const UPDATE_FROM_VALUES_HEAD = /^\s*(UPDATE\s+[A-Za-z_][A-Za-z0-9_]*\b[^()]*?\bFROM\s*\(\s*VALUES)\s*/i;
const DELETE_WHERE = /^\s*(DELETE\s+FROM\s+[A-Za-z_][A-Za-z0-9_]*\s+WHERE)\b/i;

/** Every part's shape, or undefined if one of them cannot take more rows. */
/** What a statement's text says about deferring and merging it; the same texts come again and again. */
interface Analysis {
  write: Omit<DeferredWrite, 'parameters'> | undefined;
  shapes: MergeShape[] | undefined;
}

const ANALYSED = new Map<string, Analysis>();
/** Texts remembered at most; statements with literal values could otherwise grow the cache without bound. */
const MAX_ANALYSED = 2_000;

/** The analysis of a statement text, remembered (callers copy what they change). */
function analysed(sql: string): Analysis {
  let analysis = ANALYSED.get(sql);
  if (!analysis) {
    const write = deferrableWrite(sql);
    analysis = { write, shapes: write && mergeShapesOf(write.parts) };
    if (ANALYSED.size >= MAX_ANALYSED) ANALYSED.clear();
    ANALYSED.set(sql, analysis);
  }
  return analysis;
}

function mergeShapesOf(parts: string[]): MergeShape[] | undefined {
  const shapes: MergeShape[] = [];
  for (const part of parts) {
    const shape = mergeShapeOf(part);
    if (!shape) return undefined;
    shapes.push(shape);
  }
  return shapes;
}

/**
 * How a write can take more rows: an `INSERT INTO t (…) VALUES (…), (…) [ON CONFLICT …]` or an
 * `UPDATE t … FROM (VALUES (…), (…)) AS v (…) WHERE …` around its VALUES rows, a `DELETE FROM t WHERE …` around its
 * condition; undefined for any other statement.
 */
export function mergeShapeOf(sql: string): MergeShape | undefined {
  const remove = DELETE_WHERE.exec(sql);
  if (remove) {
    return {
      head: remove[1].replace(/\s+/g, ' '),
      rows: `(${sql.slice(remove[0].length).trim()})`,
      tail: '',
      separator: ' OR ',
    };
  }
  const head = INSERT_HEAD.exec(sql) ?? UPDATE_FROM_VALUES_HEAD.exec(sql);
  if (!head) return undefined;
  let index = head[0].length;
  for (;;) {
    if (sql[index] !== '(') return undefined;
    const close = closingParenthesis(sql, index + 1);
    if (close < 0) return undefined;
    const next = /^\s*,\s*/.exec(sql.slice(close + 1));
    if (!next || sql[close + 1 + next[0].length] !== '(') {
      const tail = sql.slice(close + 1).trimEnd();
      if (/\bRETURNING\b|;/i.test(tail)) return undefined;
      return {
        head: head[1].replace(/\s+/g, ' '),
        rows: sql.slice(head[0].length, close + 1),
        tail,
        separator: ', ',
      };
    }
    index = close + 1 + next[0].length;
  }
}

/** The text with every parameter placeholder `$n` moved up by `offset` (a scan: this runs for every merged row). */
function renumbered(sql: string, offset: number): string {
  if (offset === 0) return sql;
  let text = '';
  let copied = 0;
  for (let dollar = sql.indexOf('$'); dollar >= 0; dollar = sql.indexOf('$', dollar + 1)) {
    let end = dollar + 1;
    let index = 0;
    for (let code = sql.charCodeAt(end); code >= 48 && code <= 57; code = sql.charCodeAt(++end)) {
      index = index * 10 + code - 48;
    }
    if (end === dollar + 1) continue;
    text += `${sql.slice(copied, dollar + 1)}${index + offset}`;
    copied = end;
    dollar = end - 1;
  }
  return copied === 0 ? sql : text + sql.slice(copied);
}

const BATCH = Symbol('WriteBatch');
const DIVISION_BY_ZERO = '22012';
const PLAIN_READ = /^\s*SELECT\b/i;
const LOCKING_READ = /\bFOR\s+(?:UPDATE|NO\s+KEY\s+UPDATE|SHARE|KEY\s+SHARE)\b/i;
const WRITE = /^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+([A-Za-z_][A-Za-z0-9_]*)\b/i;
const CTE = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s+AS\s*\(/i;

/**
 * A statement that can be deferred, with the tables it writes: INSERT … VALUES, UPDATE … SET … WHERE (optionally
 * FROM a VALUES list), DELETE FROM … WHERE — over its own table only, returning nothing; or `WITH a AS (<such a
 * write>), … <such a write>`, whose parts never refer to each other (they cannot: they read no table).
 */
export function deferrableWrite(sql: string): Omit<DeferredWrite, 'parameters'> | undefined {
  const withClause = /^\s*WITH\b/i.exec(sql);
  if (!withClause) {
    const table = simpleWrite(sql);
    return table === undefined ? undefined : { tables: [table], parts: [sql] };
  }
  const parts: string[] = [];
  let rest = sql.slice(withClause[0].length);
  for (;;) {
    const cte = CTE.exec(rest);
    if (!cte) return undefined;
    const close = closingParenthesis(rest, cte[0].length);
    if (close < 0) return undefined;
    parts.push(rest.slice(cte[0].length, close));
    rest = rest.slice(close + 1);
    const comma = /^\s*,/.exec(rest);
    if (!comma) break;
    rest = rest.slice(comma[0].length);
  }
  parts.push(rest);
  const tables: string[] = [];
  for (const part of parts) {
    const table = simpleWrite(part);
    if (table === undefined) return undefined;
    if (!tables.includes(table)) tables.push(table);
  }
  return { tables, parts: parts.map((part) => part.trim()) };
}

function simpleWrite(sql: string): string | undefined {
  const match = WRITE.exec(sql);
  if (!match) return undefined;
  const rest = sql.slice(match[0].length);
  if (/\b(?:RETURNING|SELECT|JOIN|USING|WITH)\b|;/i.test(rest)) return undefined;
  if (/\bFROM\b(?!\s*\(\s*VALUES\b)/i.test(rest)) return undefined;
  return match[1].toLowerCase();
}

/** The index of the parenthesis closing the one open before `from`, skipping quoted text; -1 if none. */
function closingParenthesis(sql: string, from: number): number {
  let depth = 1;
  for (let index = from; index < sql.length; index += 1) {
    const char = sql[index];
    if (char === "'" || char === '"') {
      const end = sql.indexOf(char, index + 1);
      if (end < 0) return -1;
      index = end;
    } else if (char === '(') depth += 1;
    else if (char === ')' && (depth -= 1) === 0) return index;
  }
  return -1;
}
