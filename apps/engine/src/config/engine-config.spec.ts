import { describe, expect, it } from '@jest/globals';
import { ConfigurationError, loadEngineConfig } from './engine-config.js';

function problemsOf(env: Record<string, string>): string {
  try {
    loadEngineConfig(env);
  } catch (error) {
    if (error instanceof ConfigurationError) return error.message;
    throw error;
  }
  throw new Error('expected the configuration to be refused');
}

describe('loadEngineConfig', () => {
  it('defaults to both apps on 8080/8081, the embedded store in ./.data, jobs in-process, role all', () => {
    expect(loadEngineConfig({})).toEqual({
      enginePort: 8080,
      designerPort: 8081,
      store: {},
      redisUrl: undefined,
      bullQueue: 'kommune-flow-jobs',
      jobConcurrency: 8,
      reconcileIntervalMs: 1000,
      jobLockMs: 60000,
      jobRetries: 3,
      jobRetryBaseMs: 1000,
      historyTtlDays: 180,
      historyCleanupIntervalMs: 3600000,
      role: 'all',
    });
  });

  it('reads PostgreSQL, Redis and every tuning setting', () => {
    expect(
      loadEngineConfig({
        ENGINE_PORT: '9000',
        DESIGNER_PORT: '9001',
        DATABASE_URL: 'postgres://flow:secret@db:5432/flow',
        DATABASE_SCHEMA: 'kommune_flow',
        STORE_DATA_DIR: '/ignored/with/a/database/url',
        REDIS_URL: 'redis://redis:6379/2',
        BULL_QUEUE: 'flow-jobs',
        JOB_CONCURRENCY: '16',
        RECONCILE_INTERVAL_MS: '500',
        JOB_LOCK_MS: '120000',
        JOB_RETRIES: '5',
        JOB_RETRY_BASE_MS: '250',
        HISTORY_TTL_DAYS: 'forever',
        HISTORY_CLEANUP_INTERVAL_MS: '60000',
        ENGINE_ROLE: 'worker',
      }),
    ).toEqual({
      enginePort: 9000,
      designerPort: 9001,
      store: { databaseUrl: 'postgres://flow:secret@db:5432/flow', schema: 'kommune_flow' },
      redisUrl: 'redis://redis:6379/2',
      bullQueue: 'flow-jobs',
      jobConcurrency: 16,
      reconcileIntervalMs: 500,
      jobLockMs: 120000,
      jobRetries: 5,
      jobRetryBaseMs: 250,
      historyTtlDays: null,
      historyCleanupIntervalMs: 60000,
      role: 'worker',
    });
  });

  it('uses STORE_DATA_DIR for the embedded store, and treats empty settings as unset', () => {
    expect(
      loadEngineConfig({ STORE_DATA_DIR: '/var/lib/flow', DATABASE_URL: '', REDIS_URL: ' ' }),
    ).toMatchObject({
      store: { dataDir: '/var/lib/flow' },
      redisUrl: undefined,
    });
  });

  it('names the setting, what it found and what it expected', () => {
    expect(problemsOf({ ENGINE_PORT: 'eighty' })).toBe(
      "The engine cannot start: a setting is wrong.\n  ENGINE_PORT: expected a TCP port from 0 to 65535 (0: any free port), but found 'eighty'",
    );
  });

  it.each([
    [
      { DESIGNER_PORT: '70000' },
      "DESIGNER_PORT: expected a TCP port from 0 to 65535 (0: any free port), but found '70000'",
    ],
    [{ ENGINE_PORT: '9000', DESIGNER_PORT: '9000' }, 'DESIGNER_PORT: expected a port other than ENGINE_PORT'],
    [
      { DATABASE_URL: 'mysql://db/flow' },
      "DATABASE_URL: expected a postgres:// URL, e.g. postgres://user:password@host:5432/database, but found 'mysql://db/flow'",
    ],
    [{ DATABASE_SCHEMA: 'flow' }, 'DATABASE_SCHEMA: expected DATABASE_URL to be set too'],
    [
      { DATABASE_URL: 'postgres://db/flow', DATABASE_SCHEMA: 'Flow-1' },
      'DATABASE_SCHEMA: expected a lower-case PostgreSQL identifier',
    ],
    [
      { REDIS_URL: '127.0.0.1:6379' },
      "REDIS_URL: expected a redis:// or rediss:// URL, e.g. redis://127.0.0.1:6379/0, but found '127.0.0.1:6379'",
    ],
    [{ BULL_QUEUE: 'jobs with spaces' }, 'BULL_QUEUE: expected a queue name'],
    [
      { JOB_CONCURRENCY: '0' },
      "JOB_CONCURRENCY: expected a whole number of concurrent jobs from 1 to 1000, but found '0'",
    ],
    [
      { RECONCILE_INTERVAL_MS: '1s' },
      "RECONCILE_INTERVAL_MS: expected milliseconds from 50 to 3600000, but found '1s'",
    ],
    [{ JOB_LOCK_MS: '10' }, 'JOB_LOCK_MS: expected milliseconds from 1000 to 86400000'],
    [{ JOB_RETRIES: '0' }, 'JOB_RETRIES: expected a whole number of retries from 1 to 100'],
    [
      { HISTORY_TTL_DAYS: 'never' },
      "HISTORY_TTL_DAYS: expected a number of days from 0 to 36500, or 'forever', but found 'never'",
    ],
    [
      { HISTORY_CLEANUP_INTERVAL_MS: '-5' },
      "HISTORY_CLEANUP_INTERVAL_MS: expected milliseconds from 1000 to 604800000, but found '-5'",
    ],
    [{ ENGINE_ROLE: 'both' }, "ENGINE_ROLE: expected all, api, worker, but found 'both'"],
    [
      { ENGINE_ROLE: 'worker' },
      "ENGINE_ROLE: expected 'all' with the embedded store (it allows one process), or DATABASE_URL set",
    ],
  ])('refuses %j', (env, message) => {
    expect(problemsOf(env)).toContain(message);
  });

  it('reports every wrong setting at once, and never prints a password', () => {
    const message = problemsOf({
      ENGINE_PORT: 'x',
      JOB_CONCURRENCY: 'many',
      DATABASE_URL: 'http://flow:hemmelig@db/flow',
    });
    expect(message).toContain('3 settings are wrong');
    expect(message).toContain('ENGINE_PORT');
    expect(message).toContain('JOB_CONCURRENCY');
    expect(message).toContain("'http://flow:***@db/flow'");
    expect(message).not.toContain('hemmelig');
  });
});
