import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import {
  benchSchemaName,
  captureStatements,
  dropSchema,
  openBenchStore,
  type CapturedStatement,
} from './database.js';
import { InProcessRuntime } from './in-process.js';
import { MODEL_A } from './models.js';

const run = promisify(execFile);

export interface CeilingResult {
  /** pgbench transactions per second: one transaction = the rows one instance of model (a) writes. */
  tps: number;
  /** Every statement one start of model (a) sends, transaction control included, in order. */
  statements: CapturedStatement[];
  /** The write statements that went into the pgbench script. */
  writes: string[];
  script: string;
}

/** Writes, also combined ones (`WITH w0 AS (INSERT …) INSERT …`); reads and transaction control are left out. */
const WRITE = /^\s*(INSERT|UPDATE|DELETE|WITH)\b/i;
const BEGIN = /^\s*(BEGIN|START TRANSACTION)\b/i;

/**
 * The PostgreSQL ceiling for model (a): records the statements one instance writes (by running one start through the
 * runtime over a dedicated schema), turns them into a pgbench script with a fresh instance id per transaction, and
 * runs pgbench against that schema. Its transactions per second bound what any engine writing those rows can reach.
 */
export async function measureCeiling(options: {
  clients: number;
  threads: number;
  seconds: number;
}): Promise<CeilingResult> {
  const schema = benchSchemaName('pgbench');
  const dataSource = await openBenchStore(schema, 2);
  const directory = await mkdtemp(path.join(tmpdir(), 'kf-bench-'));
  try {
    const engine = new InProcessRuntime(dataSource);
    await engine.deploy(MODEL_A);
    await engine.start(MODEL_A.key); // warm: the definition is cached, as it is under load
    const { result, statements } = await captureStatements(() => engine.start(MODEL_A.key));
    if (result.status !== 'completed') throw new Error(`model (a) ended ${result.status} in one start`);
    const writes = statements
      .filter((statement) => WRITE.test(statement.text))
      .map((statement) => render(statement).split(result.instanceId).join('pgb-:bench_pi'));
    // In a transaction if the engine used one; a single statement is atomic on its own.
    const transaction = statements.some((statement) => BEGIN.test(statement.text));
    const script = [
      '\\set bench_pi random(1, 9000000000000000000)',
      ...(transaction ? ['BEGIN;'] : []),
      ...writes.map((sql) => `${sql};`),
      ...(transaction ? ['COMMIT;'] : []),
      '',
    ].join('\n');
    const file = path.join(directory, 'instance-a.sql');
    await writeFile(file, script);
    const url = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test');
    const { stdout } = await run(
      'pgbench',
      [
        '-n',
        '-f',
        file,
        '-c',
        String(options.clients),
        '-j',
        String(options.threads),
        '-T',
        String(options.seconds),
        '-h',
        url.hostname,
        '-p',
        url.port || '5432',
        '-U',
        decodeURIComponent(url.username || 'postgres'),
        url.pathname.slice(1) || 'test',
      ],
      { env: { ...process.env, PGOPTIONS: `-c search_path=${schema}` }, maxBuffer: 16 * 1024 * 1024 },
    );
    const match = /tps = ([\d.]+) \(without initial connection time\)/.exec(stdout);
    if (!match) throw new Error(`pgbench printed no tps:\n${stdout}`);
    const [{ count }] = (await dataSource.query(
      `SELECT count(*)::int AS count FROM history_process_instances WHERE starts_with(id, 'pgb-')`,
    )) as Array<{ count: number }>;
    if (count === 0) throw new Error('pgbench wrote no instance: its script is wrong');
    return { tps: Number(match[1]), statements, writes, script };
  } finally {
    await dataSource.destroy();
    await dropSchema(schema);
    await rm(directory, { recursive: true, force: true });
  }
}

/** One statement with its parameters written in as SQL literals. */
function render({ text, values }: CapturedStatement): string {
  return text
    .replace(/\$(\d+)/g, (_, index: string) => literal(values[Number(index) - 1]))
    .replace(/\s+/g, ' ');
}

function literal(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return quote(value.toISOString());
  if (Array.isArray(value)) return `ARRAY[${value.map(literal).join(', ')}]::text[]`;
  if (typeof value === 'object') return quote(JSON.stringify(value));
  return quote(String(value));
}

function quote(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}
