import { BullModule, getQueueToken } from '@nestjs/bull';
import type { DynamicModule, Provider } from '@nestjs/common';
import type { Queue } from 'bull';
import type { EngineConfig } from '../config/engine-config.js';

/** Nest token of the Bull queue jobs go through, or `null` when REDIS_URL is unset (jobs stay in this process). */
export const JOB_QUEUE = Symbol('JOB_QUEUE');

/** A Bull job carries only the id of its job row: PostgreSQL stays the truth. */
export type JobQueue = Queue<{ jobId: string }>;

/** The Bull module and queue (named BULL_QUEUE, on REDIS_URL) when Redis is configured; nothing otherwise. */
export function jobQueueImports(config: EngineConfig): DynamicModule[] {
  if (config.redisUrl === undefined) return [];
  return [BullModule.forRoot({ url: config.redisUrl }), BullModule.registerQueue({ name: config.bullQueue })];
}

export function jobQueueProvider(config: EngineConfig): Provider {
  return config.redisUrl === undefined
    ? { provide: JOB_QUEUE, useValue: null }
    : { provide: JOB_QUEUE, useExisting: getQueueToken(config.bullQueue) };
}

/** Waits until the queue reaches Redis, so a wrong REDIS_URL stops start-up instead of silently queueing nothing. */
export async function ensureQueueReachable(
  queue: JobQueue,
  config: EngineConfig,
  timeoutMs = 10_000,
): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new Error(
            `Could not reach Redis at REDIS_URL=${redactedRedisUrl(config.redisUrl)} within ${timeoutMs / 1000} s: ` +
              'check that Redis runs there, or unset REDIS_URL to run jobs in this process from PostgreSQL',
          ),
        ),
      timeoutMs,
    );
  });
  try {
    await Promise.race([queue.isReady(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function redactedRedisUrl(url: string | undefined): string {
  return (url ?? '').replace(/^([a-z]+:\/\/[^:/@]*:)[^@]*@/i, '$1***@');
}
