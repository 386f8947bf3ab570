/**
 * The durable runtime's benchmark, in one run (`npm run bench:runtime`, which builds first):
 * - process instances per second started through the REST API of the built engine, on the real PostgreSQL and
 *   Redis, history on, with 1 and with 2 engine processes (ENGINE_ROLE=all, each on its own port, one schema, one
 *   Bull queue), for (a) start → none task → exclusive gateway (FEEL, default flow) → end, completed inside the
 *   start's transaction, and (b) the same with the task done by the no-op connector (a Bull hop and a second
 *   command) — counted until every started instance is COMPLETED in the database;
 * - start-to-wait-state latency (p50/p99, at the HTTP client) for a process that stops at a user task;
 * - the peer: the same models in bpmn-engine with its state saved to PostgreSQL once per instance;
 * - the PostgreSQL ceiling for the rows one instance of (a) writes: pgbench over exactly those statements;
 * - the runtime without HTTP (in this process), to tell its cost from the REST layer's.
 * It prints every figure with its target and ratio, and removes what it created (schemas, processes, Bull keys).
 *
 *   npm run bench:runtime [-- --scale 0.5]     # fewer instances per phase: faster, noisier
 */
import os from 'node:os';
import { Redis } from 'ioredis';
import pg from 'pg';
import {
  DATABASE_URL,
  benchSchemaName,
  dropLeftoverSchemas,
  dropSchema,
  openBenchStore,
} from './runtime/database.js';
import {
  freePort,
  startEngineProcess,
  stopEngineProcess,
  type EngineProcess,
} from './runtime/engine-processes.js';
import { postLoad, quantile } from './runtime/http-load.js';
import { InProcessRuntime } from './runtime/in-process.js';
import { MODEL_A, MODEL_B, MODEL_WAIT, PEER_A, PEER_B, START_AMOUNT } from './runtime/models.js';
import { measurePeer } from './runtime/peer.js';
import { measureCeiling } from './runtime/pg-ceiling.js';

const scaleArgument = process.argv.indexOf('--scale');
const SCALE = scaleArgument > 0 ? Number(process.argv[scaleArgument + 1]) : 1;
const scaled = (count: number) => Math.max(50, Math.round(count * SCALE));
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379/0';
/** Requests in flight per engine process. */
const CONCURRENCY_PER_ENGINE = 32;
const JOB_CONCURRENCY = 16;

const START_BODY = JSON.stringify({ variables: { amount: { value: START_AMOUNT, type: 'Integer' } } });
const startPath = (key: string) => `/engine-rest/process-definition/key/${key}/start`;

interface Figure {
  name: string;
  value: number;
  unit: string;
  target?: { value: number; label: string };
}

const figures: Figure[] = [];
const cleanups: Array<{ what: string; run: () => Promise<unknown> }> = [];
const log = (line: string) => console.log(`· ${line}`);

async function main(): Promise<void> {
  const dropped = await dropLeftoverSchemas();
  if (dropped.length > 0) log(`dropped ${dropped.length} schema(s) left by an interrupted run`);
  const machine = await describeMachine();
  console.log(machine.join('\n'));

  // The peer and the ceiling first, while no engine process competes for the two cores.
  const peerConcurrency = 8;
  log('peer: bpmn-engine + PostgreSQL, model (a)');
  const peerA = await measurePeer(PEER_A, {
    instances: scaled(1000),
    warmup: 200,
    concurrency: peerConcurrency,
  });
  const measurePeerB = async (when: string) => {
    log(`peer: bpmn-engine + PostgreSQL, model (b), ${when}`);
    const rate = await measurePeer(PEER_B, {
      instances: scaled(1000),
      warmup: 200,
      concurrency: peerConcurrency,
    });
    log(`  ${rate.toFixed(0)} instances/s`);
    return rate;
  };
  const measureCeilingOnce = async (when: string) => {
    log(`PostgreSQL ceiling: pgbench over the statements one instance of (a) writes, ${when}`);
    const result = await measureCeiling({ clients: 4, threads: 2, seconds: 10 });
    log(`  ${result.tps.toFixed(0)} transactions/s`);
    return result;
  };
  // The two baselines the targets divide by are measured before and after the engine runs, and the higher of the
  // two counts: other work on the machine can only make a target easier by lowering one of them.
  const peerBBefore = await measurePeerB('before the engine runs');
  const ceilingBefore = await measureCeilingOnce('before the engine runs');
  log(`  pgbench script (${ceilingBefore.writes.length} write statement(s) per transaction):`);
  for (const line of ceilingBefore.script.trim().split('\n')) log(`    ${shorten(line)}`);
  log('runtime in this process, no HTTP: statements per instance, and (a) instances per second');
  const inProcess = await measureInProcess();
  for (const [label, statements] of [
    ['(a)', inProcess.statementsA],
    ['(b)', inProcess.statementsB],
  ] as const) {
    log(`  ${label}: ${statements.length} statements to PostgreSQL per instance:`);
    for (const text of statements) log(`    ${shorten(text)}`);
  }

  // The engine: one schema, one Bull queue, the built engine's processes.
  const schema = benchSchemaName('engine');
  const queue = `kf-bench-${schema.slice(-8)}`;
  cleanups.push({ what: `schema ${schema}`, run: () => dropSchema(schema) });
  cleanups.push({ what: `Bull keys of ${queue}`, run: () => deleteBullKeys(queue) });
  const store = await openBenchStore(schema, 2);
  await store.destroy();
  const env = {
    DATABASE_URL,
    DATABASE_SCHEMA: schema,
    REDIS_URL,
    BULL_QUEUE: queue,
    ENGINE_ROLE: 'all',
    JOB_CONCURRENCY: String(JOB_CONCURRENCY),
  };
  const db = new pg.Pool({ connectionString: DATABASE_URL, max: 2, options: `-c search_path=${schema}` });
  cleanups.unshift({ what: 'database pool', run: () => db.end() });
  const engines: EngineProcess[] = [];
  cleanups.unshift({
    what: 'engine processes',
    run: () => Promise.all(engines.map((engine) => stopEngineProcess(engine))),
  });

  log(
    `engine processes: node dist/apps/engine/src/main.js engine, ENGINE_ROLE=all, JOB_CONCURRENCY=${JOB_CONCURRENCY}, ` +
      `Bull queue ${queue}, schema ${schema}; ${CONCURRENCY_PER_ENGINE} requests in flight per engine process`,
  );
  log('deploying the models through the designer-api');
  const designerPort = await freePort();
  const designer = await startEngineProcess('designer-api', 'designer-api', designerPort, {
    ...env,
    DESIGNER_PORT: String(designerPort),
    ENGINE_PORT: String(await freePort()),
  });
  engines.push(designer);
  for (const model of [MODEL_A, MODEL_B, MODEL_WAIT]) await deploy(designerPort, model);
  await stopEngineProcess(designer);
  engines.splice(engines.indexOf(designer), 1);

  const results: Record<string, number> = {};
  for (const count of [1, 2]) {
    while (engines.length < count) {
      const port = await freePort();
      log(`starting engine process ${engines.length + 1} on port ${port}`);
      engines.push(
        await startEngineProcess(`engine-${engines.length + 1}`, 'engine', port, {
          ...env,
          ENGINE_PORT: String(port),
          DESIGNER_PORT: String(await freePort()),
        }),
      );
    }
    const ports = engines.map((engine) => engine.port);
    for (const model of [MODEL_A, MODEL_B]) {
      const label = `${model === MODEL_A ? '(a)' : '(b)'} × ${count}`;
      log(
        `engine ${label}: ${model === MODEL_A ? 'none task, one transaction' : 'no-op connector, Bull hop'}`,
      );
      results[label] = await throughput(
        db,
        ports,
        model.key,
        model === MODEL_A ? scaled(8000) : scaled(4000),
      );
      log(`  ${results[label].toFixed(0)} instances/s`);
    }
    if (count === 1) {
      log('start-to-wait-state latency, one engine process, one request at a time');
      const latencies = await latency(ports[0]);
      results['p50'] = quantile(latencies, 0.5);
      results['p99'] = quantile(latencies, 0.99);
    }
  }
  await assertNoIncidents(db);
  await Promise.all(engines.splice(0).map((engine) => stopEngineProcess(engine)));
  const peerB = Math.max(peerBBefore, await measurePeerB('after the engine runs'));
  const ceiling = {
    tps: Math.max(ceilingBefore.tps, (await measureCeilingOnce('after the engine runs')).tps),
  };

  const bestA = Math.max(results['(a) × 1'], results['(a) × 2']);
  const bestB = Math.max(results['(b) × 1'], results['(b) × 2']);
  figures.push(
    { name: '(a) REST, 1 engine process', value: results['(a) × 1'], unit: 'inst/s' },
    { name: '(a) REST, 2 engine processes', value: results['(a) × 2'], unit: 'inst/s' },
    {
      name: '(a) best of 1 and 2 processes',
      value: bestA,
      unit: 'inst/s',
      target: { value: 1000, label: '≥ 1,000' },
    },
    {
      name: '(a) best, share of PostgreSQL ceiling',
      value: bestA / ceiling.tps,
      unit: '× ceiling',
      target: { value: 0.3, label: '≥ 30%' },
    },
    { name: '(b) REST, 1 engine process', value: results['(b) × 1'], unit: 'inst/s' },
    { name: '(b) REST, 2 engine processes', value: results['(b) × 2'], unit: 'inst/s' },
    {
      name: '(b) best, against bpmn-engine + PostgreSQL (b)',
      value: bestB / peerB,
      unit: '× peer',
      target: { value: 3, label: '≥ 3×' },
    },
    { name: 'start → user task latency p50', value: results['p50'], unit: 'ms' },
    { name: 'start → user task latency p99', value: results['p99'], unit: 'ms' },
    { name: 'peer: bpmn-engine + PostgreSQL (a)', value: peerA, unit: 'inst/s' },
    { name: 'peer: bpmn-engine + PostgreSQL (b), best of 2', value: peerB, unit: 'inst/s' },
    { name: 'PostgreSQL ceiling for (a), pgbench -c 4, best of 2', value: ceiling.tps, unit: 'inst/s' },
    { name: '(a) runtime in-process, no HTTP', value: inProcess.rate, unit: 'inst/s' },
    { name: '(a) statements to PostgreSQL per instance', value: inProcess.statementsA.length, unit: '' },
    { name: '(b) statements to PostgreSQL per instance', value: inProcess.statementsB.length, unit: '' },
  );
  printTable(machine);
}

/** Instances per second until every one of `count` started instances is completed, by the database. */
async function throughput(db: pg.Pool, ports: number[], key: string, count: number): Promise<number> {
  const target = { ports, path: startPath(key), body: START_BODY };
  const concurrency = CONCURRENCY_PER_ENGINE * ports.length;
  // Warm-up: JIT, connection pools, the definition caches.
  const warmStart = new Date();
  await expectSent(await postLoad(target, scaled(1000), concurrency));
  await untilCompleted(db, key, warmStart, scaled(1000));
  const started = new Date();
  await expectSent(await postLoad(target, count, concurrency));
  // The engines stamp ended_at with the same clock (one machine): from the first request to the last completion.
  const lastEnded = await untilCompleted(db, key, started, count);
  return (count / (lastEnded.getTime() - started.getTime())) * 1000;
}

async function latency(port: number): Promise<number[]> {
  const target = { ports: [port], path: startPath(MODEL_WAIT.key), body: START_BODY };
  await expectSent(await postLoad(target, scaled(300), 1));
  const measured = await postLoad(target, scaled(2000), 1);
  await expectSent(measured);
  return measured.latencies;
}

async function expectSent(result: Awaited<ReturnType<typeof postLoad>>): Promise<void> {
  if (result.failed > 0)
    throw new Error(`${result.failed} of ${result.sent} starts failed: ${result.firstFailure}`);
  if (result.retried > 0) log(`  (${result.retried} request(s) sent again after a connection reset)`);
}

/** Waits until `count` instances of `key` started since `since` are completed; answers when the last one ended. */
async function untilCompleted(db: pg.Pool, key: string, since: Date, count: number): Promise<Date> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const { rows } = await db.query<{ total: number; done: number; last: Date | null }>(
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE status = 'completed')::int AS done, max(ended_at) AS last
       FROM process_instances WHERE definition_key = $1 AND started_at >= $2`,
      [key, since],
    );
    const { total, done, last } = rows[0];
    if (done >= count && last) return last;
    if (Date.now() > deadline) {
      throw new Error(`${key}: ${done} of ${count} instances completed (${total} found) after 120 s`);
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function assertNoIncidents(db: pg.Pool): Promise<void> {
  const { rows } = await db.query<{ count: number }>(`SELECT count(*)::int AS count FROM incidents`);
  if (rows[0].count > 0) throw new Error(`${rows[0].count} incident(s) were raised during the run`);
}

async function measureInProcess(): Promise<{ rate: number; statementsA: string[]; statementsB: string[] }> {
  const schema = benchSchemaName('inproc');
  const dataSource = await openBenchStore(schema, 16);
  try {
    const engine = new InProcessRuntime(dataSource);
    await engine.deploy(MODEL_A);
    await engine.deploy(MODEL_B);
    const statementsA = await engine.statementsOf(MODEL_A.key);
    const statementsB = await engine.statementsOf(MODEL_B.key);
    await engine.throughput(MODEL_A.key, scaled(1000), 32);
    return { rate: await engine.throughput(MODEL_A.key, scaled(5000), 32), statementsA, statementsB };
  } finally {
    await dataSource.destroy();
    await dropSchema(schema);
  }
}

async function deploy(port: number, model: { key: string; xml: string }): Promise<void> {
  const form = new FormData();
  form.append('deployment-name', `bench-${model.key}`);
  form.append(`${model.key}.bpmn`, new Blob([model.xml], { type: 'application/xml' }), `${model.key}.bpmn`);
  const response = await fetch(`http://127.0.0.1:${port}/engine-rest/deployment/create`, {
    method: 'POST',
    body: form,
  });
  if (!response.ok) throw new Error(`deploying ${model.key}: ${response.status} ${await response.text()}`);
}

async function deleteBullKeys(queue: string): Promise<number> {
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 2 });
  await redis.connect();
  try {
    let deleted = 0;
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `bull:${queue}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) deleted += await redis.del(...keys);
    } while (cursor !== '0');
    return deleted;
  } finally {
    redis.disconnect();
  }
}

async function describeMachine(): Promise<string[]> {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  const { rows } = await client.query<{ version: string; sync: string }>(
    `SELECT current_setting('server_version') AS version, current_setting('synchronous_commit') AS sync`,
  );
  await client.end();
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 2 });
  await redis.connect();
  const info = await redis.info('server');
  redis.disconnect();
  const cpu = os.cpus();
  const load = os.loadavg().map((value) => value.toFixed(2));
  return [
    `machine: ${cpu.length} cores (${cpu[0]?.model.trim() ?? 'unknown CPU'}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.platform()} ${os.release()}`,
    `load average ${load.join(' ')} (other work on these cores makes every figure lower)`,
    `Node ${process.version}; PostgreSQL ${rows[0].version} (synchronous_commit ${rows[0].sync}); Redis ${/redis_version:(\S+)/.exec(info)?.[1] ?? '?'}`,
  ];
}

function shorten(text: string, width = 110): string {
  return text.length > width ? `${text.slice(0, width)}…` : text;
}

function printTable(machine: string[]): void {
  const rows = figures.map((figure) => {
    const shown =
      figure.unit === '× ceiling'
        ? `${(figure.value * 100).toFixed(0)}%`
        : figure.unit === '× peer'
          ? `${figure.value.toFixed(1)}×`
          : figure.unit === 'ms'
            ? `${figure.value.toFixed(1)} ms`
            : `${figure.value.toFixed(0)} ${figure.unit}`.trim();
    const ratio = figure.target ? figure.value / figure.target.value : undefined;
    return [
      figure.name,
      shown,
      figure.target?.label ?? '',
      ratio === undefined ? '' : `${ratio.toFixed(2)}`,
      ratio === undefined ? '' : ratio >= 1 ? 'PASS' : 'FAIL',
    ];
  });
  const header = ['figure', 'value', 'target', 'ratio', 'result'];
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column].length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column])))
      .join('  ');
  console.log('');
  console.log(machine.join('\n'));
  console.log(
    `load average at the end ${os
      .loadavg()
      .map((value) => value.toFixed(2))
      .join(' ')}`,
  );
  console.log(line(header));
  console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  for (const row of rows) console.log(line(row));
}

async function cleanUp(): Promise<void> {
  for (const { what, run } of cleanups.splice(0)) {
    await run().catch((error: unknown) =>
      console.error(`clean-up of ${what} failed: ${error instanceof Error ? error.message : String(error)}`),
    );
  }
}

process.once('SIGINT', () => {
  console.error('interrupted: cleaning up');
  void cleanUp().finally(() => process.exit(130));
});

try {
  await main();
} catch (error) {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
} finally {
  await cleanUp();
}
