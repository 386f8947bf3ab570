import type { DataSource } from 'typeorm';
import { DEFAULT_TIME_ZONE } from '#bpmn';

/** How LoRA 1.3's database is set up (magenta-aps/mox `docker/postgres-initdb.d/10-init-db.sh`, `test_support.py`). */
const LORA_SESSION = `SELECT set_config('timezone', $1, true), set_config('datestyle', 'ISO, YMD', true),
  set_config('intervalstyle', 'sql_standard', true)`;

/** LoRA's columns: `timestamptz` answered by PostgreSQL's `to_json`, `interval(0)` in its text form. */
const READ_AS: Record<'timestamptz' | 'interval', string> = {
  timestamptz: `SELECT to_json($1::text::timestamptz) #>> '{}' AS value`,
  interval: `SELECT ($1::text::interval(0))::text AS value`,
};

/** PostgreSQL's "data exception" class: the text is no value of the type (bad syntax, out of range). */
const isDataException = (error: unknown): boolean => {
  const code =
    (error as { code?: unknown }).code ?? (error as { driverError?: { code?: unknown } }).driverError?.code;
  return typeof code === 'string' && code.startsWith('22');
};

/**
 * Reads `text` as a LoRA database would store it in a `timestamptz` or `interval(0)` column and answers it as LoRA
 * does (`2014-05-19T14:02:32+02:00`, `2:00:00`), or `undefined` when PostgreSQL refuses the text. It runs in its own
 * short transaction so the session settings stay local to it.
 */
export async function readAsLoraPostgres(
  dataSource: DataSource,
  type: 'timestamptz' | 'interval',
  text: string,
): Promise<string | undefined> {
  try {
    return await dataSource.transaction(async (manager) => {
      await manager.query(LORA_SESSION, [DEFAULT_TIME_ZONE]);
      const [row] = (await manager.query(READ_AS[type], [text])) as Array<{ value: string }>;
      return row.value;
    });
  } catch (error) {
    if (isDataException(error)) return undefined;
    throw error;
  }
}
