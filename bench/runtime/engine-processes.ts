import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The engine as `npm run build` builds it. */
export const ENGINE_MAIN = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../dist/apps/engine/src/main.js',
);

/**
 * Node options for the engine processes, e.g. `BENCH_ENGINE_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof"` to
 * profile them (Node refuses --cpu-prof in NODE_OPTIONS).
 */
const NODE_ARGS = (process.env.BENCH_ENGINE_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);

/** A process of the built engine this benchmark started, and how to reach it. */
export interface EngineProcess {
  name: string;
  port: number;
  child: ChildProcess;
  /** What it printed (kept to show when it fails). */
  output: string[];
}

/** A TCP port nobody listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts `node dist/apps/engine/src/main.js <app>` with the given environment and waits until it listens on its
 * port. `app` is `engine` (the engine's REST API and, with ENGINE_ROLE=all, its job workers) or `designer-api`.
 */
export async function startEngineProcess(
  name: string,
  app: 'engine' | 'designer-api',
  port: number,
  env: Record<string, string>,
  timeoutMs = 60_000,
): Promise<EngineProcess> {
  const child = spawn(process.execPath, [...NODE_ARGS, ENGINE_MAIN, app], {
    // The benchmark measures the engine, not authentication or a log line per request: AUTH=off and LOG_LEVEL=warn
    // unless the caller's env says otherwise.
    env: { ...process.env, AUTH: 'off', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const running: EngineProcess = { name, port, child, output: [] };
  const keep = (chunk: Buffer) => {
    running.output.push(chunk.toString());
    if (running.output.length > 200) running.output.splice(0, running.output.length - 200);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${name} exited (${child.exitCode ?? child.signalCode}):\n${running.output.join('')}`);
    }
    if (await listening(port)) return running;
    if (Date.now() > deadline) {
      await stopEngineProcess(running);
      throw new Error(
        `${name} did not listen on ${port} within ${timeoutMs} ms:\n${running.output.join('')}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** SIGTERM (graceful: running jobs finish), then SIGKILL if it has not exited after a while. */
export async function stopEngineProcess(engine: EngineProcess, graceMs = 15_000): Promise<void> {
  const { child } = engine;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
