import type { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import type { DataSource } from 'typeorm';
import type { JobQueue } from '../runtime-module/job-queue.js';

/** One dependency's health, as terminus reports it. */
export type HealthCheck = () => PromiseLike<HealthIndicatorResult>;

/** Nest token of the checks an app's `/health` runs. */
export const HEALTH_CHECKS = Symbol('HEALTH_CHECKS');

/** A dependency that does not answer within this long counts as down: a probe must not hang. */
const CHECK_TIMEOUT_MS = 3_000;

/** The store answers a query (`SELECT 1` on the app's DataSource: PostgreSQL, or the embedded PGlite). */
export function databaseCheck(indicators: HealthIndicatorService, dataSource: DataSource): HealthCheck {
  return () =>
    indicators
      .check('database')
      .attempt(async () => {
        await dataSource.query('SELECT 1');
      })
      .withTimeout(CHECK_TIMEOUT_MS);
}

/** Redis, which Bull hands the jobs through, answers a PING. */
export function redisCheck(indicators: HealthIndicatorService, queue: JobQueue): HealthCheck {
  return () =>
    indicators
      .check('redis')
      .attempt(async () => {
        await queue.client.ping();
      })
      .withTimeout(CHECK_TIMEOUT_MS);
}
