import { performance } from 'node:perf_hooks';
import { BpmnModdle } from 'bpmn-moddle';
import { Engine } from 'bpmn-engine';
import pg from 'pg';
import { DATABASE_URL, benchSchemaName, dropSchema } from './database.js';
import { START_AMOUNT } from './models.js';

/**
 * The peer: bpmn-engine (paed01) running the same model in this process, each instance's state — its getState()
 * JSON — saved to PostgreSQL once, when the instance has ended (one INSERT per instance, autocommit). Instances run
 * `concurrency` at a time so the INSERTs overlap the next instances' work, as the engine's do.
 */
export async function measurePeer(
  xml: string,
  options: { instances: number; warmup: number; concurrency: number },
): Promise<number> {
  const schema = benchSchemaName('peer');
  const pool = new pg.Pool({
    connectionString: DATABASE_URL,
    max: options.concurrency,
    options: `-c search_path=${schema}`,
  });
  try {
    await pool.query(`CREATE SCHEMA "${schema}"`);
    await pool.query(
      `CREATE TABLE peer_instances (id text PRIMARY KEY, state jsonb NOT NULL, saved_at timestamptz NOT NULL)`,
    );
    // Parsed once, as our engine's executable model is compiled once at deployment.
    const moddleContext = await new BpmnModdle().fromXML(xml);
    let serial = 0;
    const one = async (): Promise<void> => {
      const id = `peer-${(serial += 1)}`;
      const engine = new Engine({
        name: id,
        moddleContext,
        services: {
          noop: (_scope: unknown, callback: (error: Error | null) => void) =>
            setImmediate(() => callback(null)),
        },
      });
      const ended = new Promise<void>((resolve, reject) => {
        engine.once('end', () => resolve());
        engine.once('error', reject);
      });
      await engine.execute({ variables: { amount: START_AMOUNT, escalate: START_AMOUNT > 1000 } });
      await ended;
      const state = await engine.getState();
      await pool.query(`INSERT INTO peer_instances (id, state, saved_at) VALUES ($1, $2, now())`, [
        id,
        JSON.stringify(state),
      ]);
    };
    const batch = async (count: number): Promise<void> => {
      let left = count;
      await Promise.all(
        Array.from({ length: options.concurrency }, async () => {
          while (left > 0) {
            left -= 1;
            await one();
          }
        }),
      );
    };
    await batch(options.warmup);
    const started = performance.now();
    await batch(options.instances);
    const rate = (options.instances / (performance.now() - started)) * 1000;
    const { rows } = await pool.query<{ count: number }>(`SELECT count(*)::int AS count FROM peer_instances`);
    if (rows[0].count !== options.warmup + options.instances)
      throw new Error(`the peer saved ${rows[0].count} states, not ${options.warmup + options.instances}`);
    return rate;
  } finally {
    await pool.end();
    await dropSchema(schema);
  }
}
