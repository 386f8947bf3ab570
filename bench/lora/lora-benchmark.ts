/**
 * The LoRA service's benchmark (`npm run bench:lora`), on the real PostgreSQL (DATABASE_URL, else the local server)
 * in a schema of its own, dropped afterwards:
 * - bulk create rate: BENCH_LORA_OBJECTS objects (default 100,000: brugere, organisationenheder, klasser, sager with
 *   their attributes, states and relations) created through the service's write path, `CONCURRENCY` in flight,
 *   then every tenth changed (a second registration); beside it the same rows inserted by plain SQL, one
 *   transaction per object, as the floor;
 * - read-at-now and search latency p50/p99 through the service, through its HTTP API, and as hand-written SQL on
 *   the same tables giving the same answer (the floor), with the ratio service/SQL.
 *
 *   BENCH_LORA_OBJECTS=10000 npm run bench:lora     # a quick run
 */
import os from 'node:os';
import pg from 'pg';
import { LoraObjectService, LoraRegistrationStore } from '#lora';
import { quantile } from '../runtime/http-load.js';
import { DATABASE_URL, dropSchema, openBenchStore } from '../runtime/database.js';
import { closeHttpAgent, getOk, startLoraHttp } from './lora-bench-http.js';
import { loadObjects } from './lora-bench-load.js';
import { benchOperations, throughService, type BenchOperation } from './lora-bench-operations.js';

const OBJECTS = Number(process.env.BENCH_LORA_OBJECTS ?? 100_000);
const CONCURRENCY = 8;
/** Samples per operation and way, and the most time one may take. */
const SAMPLES = 300;
const SAMPLE_BUDGET_MS = 8_000;
const SCHEMA = `bench_lora_${process.pid}`;
const log = (line: string) => console.log(`· ${line}`);

interface Latencies {
  p50: number;
  p99: number;
  samples: number;
}

async function main(): Promise<void> {
  if (!Number.isInteger(OBJECTS) || OBJECTS < 100) {
    throw new Error(
      `BENCH_LORA_OBJECTS: expected a whole number of at least 100, found '${process.env.BENCH_LORA_OBJECTS}'`,
    );
  }
  console.log(
    `${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}), ${OBJECTS} objects, ${CONCURRENCY} writers`,
  );
  const dataSource = await openBenchStore(SCHEMA, CONCURRENCY + 2);
  const sql = new pg.Pool({
    connectionString: DATABASE_URL,
    max: CONCURRENCY,
    options: `-c search_path=${SCHEMA}`,
  });
  let http: Awaited<ReturnType<typeof startLoraHttp>> | undefined;
  try {
    const service = new LoraObjectService(new LoraRegistrationStore(dataSource));
    const load = await loadObjects(service, OBJECTS, CONCURRENCY, log);
    const floorRate = await plainSqlCreateRate(sql, Math.min(10_000, Math.round(OBJECTS / 10)));
    await sql.query('VACUUM ANALYZE lora_registrations');
    await sql.query('VACUUM ANALYZE lora_search_values');
    const sizes = await tableSizes(sql);
    http = await startLoraHttp(dataSource);
    const port = http.port;
    const rows: string[][] = [];
    for (const operation of benchOperations(load.objects)) {
      log(operation.name);
      const [viaService, viaHttp, viaSql] = await measure(operation, [
        (n) => throughService(service, operation, n),
        (n) => getOk(port, `/lora${operation.path(n)}`),
        (n) => {
          const statement = operation.sql(n);
          return sql.query(statement.text, statement.parameters);
        },
      ]);
      rows.push([
        operation.name,
        pair(viaService),
        pair(viaHttp),
        pair(viaSql),
        `${(viaService.p50 / viaSql.p50).toFixed(1)}×`,
      ]);
    }
    const createRate = load.created / (load.createMs / 1000);
    console.log('');
    console.log(
      `LoRA benchmark: ${load.created} objects (${sizes}), ${os.cpus().length} cores, PostgreSQL at ${new URL(DATABASE_URL).host}`,
    );
    printTable(
      ['write', 'service', 'plain SQL', 'service / SQL'],
      [
        [
          'bulk create (objects/s)',
          createRate.toFixed(0),
          floorRate.toFixed(0),
          `${(floorRate / createRate).toFixed(1)}× slower`,
        ],
        ['change → 2nd registration (objects/s)', (load.updated / (load.updateMs / 1000)).toFixed(0), '', ''],
      ],
    );
    console.log('');
    printTable(
      ['operation (latency ms, p50 / p99)', 'service', 'HTTP', 'plain SQL', 'service / SQL p50'],
      rows,
    );
  } finally {
    await http?.app.close();
    closeHttpAgent();
    await sql.end();
    await dataSource.destroy();
    await dropSchema(SCHEMA);
  }
}

/** Latencies of each way of doing an operation, sample `n` of each way one after another (the same input). */
async function measure(
  operation: BenchOperation,
  ways: Array<(n: number) => Promise<unknown>>,
): Promise<Latencies[]> {
  const times: number[][] = ways.map(() => []);
  for (let n = 0; n < 10; n += 1) for (const way of ways) await way(n); // warm
  const started = performance.now();
  for (let n = 0; n < SAMPLES && performance.now() - started < SAMPLE_BUDGET_MS; n += 1) {
    for (const [index, way] of ways.entries()) {
      const begun = performance.now();
      await way(n);
      times[index].push(performance.now() - begun);
    }
  }
  void operation;
  return times.map((samples) => ({
    p50: quantile(samples, 0.5),
    p99: quantile(samples, 0.99),
    samples: samples.length,
  }));
}

/**
 * The floor of a create: the same rows (a registration, its search values, its outbox row) inserted by plain SQL, one
 * transaction per object, `CONCURRENCY` in flight, copied from loaded objects into a tenant of their own (so the
 * searches do not see them).
 */
async function plainSqlCreateRate(sql: pg.Pool, count: number): Promise<number> {
  const { rows } = await sql.query<{ id: string }>(
    `SELECT id::text FROM lora_registrations WHERE tenant_id = '' ORDER BY id LIMIT $1`,
    [count],
  );
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      const client = await sql.connect();
      try {
        while (next < rows.length) {
          const source = rows[next].id;
          next += 1;
          await client.query('BEGIN');
          const inserted = await client.query<{ id: string }>(
            `INSERT INTO lora_registrations (tenant_id, object_type, uuid, registered_from, livscykluskode, brugerref, note, content, brugervendtnoegle)
             SELECT 'floor', object_type, gen_random_uuid(), clock_timestamp(), livscykluskode, brugerref, note, content, brugervendtnoegle
             FROM lora_registrations WHERE id = $1 RETURNING id`,
            [source],
          );
          const id = inserted.rows[0].id;
          await client.query(
            `INSERT INTO lora_search_values (tenant_id, registration_id, kind, name, value, objekttype, virkning_from, virkning_to)
             SELECT 'floor', $2, kind, name, value, objekttype, virkning_from, virkning_to FROM lora_search_values WHERE registration_id = $1`,
            [source, id],
          );
          await client.query(
            `INSERT INTO lora_notifications (tenant_id, object_uuid, object_type, livscykluskode, registered_at)
             SELECT tenant_id, uuid, object_type, livscykluskode, registered_from FROM lora_registrations WHERE id = $1`,
            [id],
          );
          await client.query('COMMIT');
        }
      } finally {
        client.release();
      }
    }),
  );
  return rows.length / ((performance.now() - started) / 1000);
}

async function tableSizes(sql: pg.Pool): Promise<string> {
  const { rows } = await sql.query<{ registrations: string; values: string; bytes: string }>(
    `SELECT (SELECT count(*) FROM lora_registrations WHERE tenant_id = '')::text AS registrations,
       (SELECT count(*) FROM lora_search_values WHERE tenant_id = '')::text AS values,
       pg_size_pretty(pg_total_relation_size('lora_registrations') + pg_total_relation_size('lora_search_values')) AS bytes`,
  );
  const [row] = rows;
  return `${row.registrations} registrations, ${row.values} search values, ${row.bytes}`;
}

const pair = (latencies: Latencies) => `${latencies.p50.toFixed(2)} / ${latencies.p99.toFixed(2)}`;

function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column].length)),
  );
  const line = (cells: string[]) =>
    `| ${cells.map((cell, column) => cell.padEnd(widths[column])).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`);
  for (const row of rows) console.log(line(row));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
