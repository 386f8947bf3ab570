import http from 'node:http';
import { performance } from 'node:perf_hooks';

/** A JSON POST target: the engines to spread the requests over (round robin), the path and the body. */
export interface StartTarget {
  ports: number[];
  path: string;
  body: string;
}

export interface LoadResult {
  sent: number;
  failed: number;
  /** Milliseconds from the first request to the last answer. */
  elapsedMs: number;
  /** Each request's latency in milliseconds, at the client. */
  latencies: number[];
  /** Requests sent again after their keep-alive connection was reset before any answer came. */
  retried: number;
  firstFailure?: string;
}

/**
 * A closed-loop load generator: `concurrency` requests in flight at all times over keep-alive connections (one agent
 * per engine, as many sockets as requests in flight), `count` requests in all.
 */
export async function postLoad(target: StartTarget, count: number, concurrency: number): Promise<LoadResult> {
  const agents = target.ports.map(
    () => new http.Agent({ keepAlive: true, maxSockets: concurrency, maxFreeSockets: concurrency }),
  );
  const body = Buffer.from(target.body);
  const latencies: number[] = [];
  let next = 0;
  let failed = 0;
  let retried = 0;
  let firstFailure: string | undefined;
  const started = performance.now();
  const one = (index: number, retry = false): Promise<void> =>
    new Promise((resolve) => {
      const which = index % target.ports.length;
      const begun = performance.now();
      const request = http.request(
        {
          host: '127.0.0.1',
          port: target.ports[which],
          path: target.path,
          method: 'POST',
          agent: agents[which],
          headers: { 'content-type': 'application/json', 'content-length': body.length },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => {
            latencies.push(performance.now() - begun);
            if (response.statusCode !== 200) {
              failed += 1;
              firstFailure ??= `${response.statusCode}: ${Buffer.concat(chunks).toString().slice(0, 500)}`;
            }
            resolve();
          });
        },
      );
      request.on('error', (error: NodeJS.ErrnoException) => {
        // A reused keep-alive connection the server closed at that moment: send the request once more.
        if (!retry && (error.code === 'ECONNRESET' || error.code === 'EPIPE')) {
          retried += 1;
          resolve(one(index, true));
          return;
        }
        failed += 1;
        firstFailure ??= error.message;
        resolve();
      });
      request.end(body);
    });
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      while (next < count) {
        const index = next;
        next += 1;
        await one(index);
      }
    }),
  );
  const elapsedMs = performance.now() - started;
  for (const agent of agents) agent.destroy();
  return { sent: count, failed, elapsedMs, latencies, retried, ...(firstFailure ? { firstFailure } : {}) };
}

/** The q-quantile (0..1) of a list of numbers. */
export function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}
