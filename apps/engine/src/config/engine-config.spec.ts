import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { hashApiKey } from '#camunda-rest';
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
      auth: { mode: 'credentials', apiKeys: [], oidc: undefined },
      logLevel: 'info',
      maxResourceBytes: 5242880,
      lora: { enabled: true, prefix: '/lora' },
      loraNotifications: {
        amqpUrl: undefined,
        exchange: 'lora.notifications',
        reactions: [],
        reactionsQueue: 'kommune-flow.lora-reactions',
        retentionMs: 604800000,
      },
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
        AUTH: 'off',
        LOG_LEVEL: 'debug',
        MAX_RESOURCE_BYTES: '1048576',
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
      auth: { mode: 'off' },
      logLevel: 'debug',
      maxResourceBytes: 1048576,
      lora: { enabled: true, prefix: '/lora' },
      loraNotifications: {
        amqpUrl: undefined,
        exchange: 'lora.notifications',
        reactions: [],
        reactionsQueue: 'kommune-flow.lora-reactions',
        retentionMs: 604800000,
      },
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
    [{ AUTH: 'none' }, "AUTH: expected 'on' (the default: API keys and OIDC tokens) or 'off'"],
    [
      { LOG_LEVEL: 'loud' },
      "LOG_LEVEL: expected trace, debug, info, warn, error, fatal, silent, but found 'loud'",
    ],
    [
      { API_KEYS: '{not json' },
      'API_KEYS: expected a JSON array of {"name", "tenant", "roles", "keySha256"} entries',
    ],
    [{ API_KEYS: '{}' }, 'API_KEYS: expected a JSON array of'],
    [
      { API_KEYS: '[{"name":"portal","roles":["process-starter"],"keySha256":"' + 'a'.repeat(64) + '"}]' },
      `API_KEYS: expected entry 0 ('portal'): "tenant" to be a tenant id, or null for a key that acts without a tenant`,
    ],
    [
      {
        API_KEYS:
          '[{"name":"portal","tenant":"0751","roles":["admin"],"keySha256":"' + 'a'.repeat(64) + '"}]',
      },
      `API_KEYS: expected entry 0 ('portal'): "roles" to be a non-empty list of process-starter, worker, caseworker`,
    ],
    [
      { API_KEYS: '[{"name":"portal","tenant":"0751","roles":["worker"],"keySha256":"secret"}]' },
      `API_KEYS: expected entry 0 ('portal'): "keySha256" to be the key's SHA-256 as 64 hex digits`,
    ],
    [
      { API_KEYS_FILE: '/nonexistent/keys.json' },
      "API_KEYS_FILE: expected the path of a readable JSON file listing the API keys, but found '/nonexistent/keys.json', which cannot be read (ENOENT)",
    ],
    [
      { OIDC_ISSUER: 'https://login.example.dk' },
      'OIDC_JWKS_URL: expected OIDC_ISSUER, OIDC_JWKS_URL and OIDC_AUDIENCE set together',
    ],
    [
      {
        OIDC_ISSUER: 'https://login.example.dk',
        OIDC_AUDIENCE: 'flow',
        OIDC_JWKS_URL: 'http://login.example.dk/jwks',
      },
      "OIDC_JWKS_URL: expected an https:// URL of the issuer's JSON Web Key Set (http:// only on localhost)",
    ],
    [
      { ENGINE_ROLE: 'worker' },
      "ENGINE_ROLE: expected 'all' with the embedded store (it allows one process), or DATABASE_URL set",
    ],
  ])('refuses %j', (env, message) => {
    expect(problemsOf(env)).toContain(message);
  });

  it('reads API keys from API_KEYS and API_KEYS_FILE together, "tenant": null meaning no tenant', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'kf-keys-')), 'keys.json');
    const hash = hashApiKey('kf_file-key');
    writeFileSync(
      file,
      JSON.stringify([{ name: 'modeler', tenant: null, roles: ['process-owner'], keySha256: hash }]),
    );
    const config = loadEngineConfig({
      API_KEYS: JSON.stringify([
        {
          name: 'aarhus-portal',
          tenant: '0751',
          roles: ['process-starter', 'caseworker'],
          keySha256: 'AB'.repeat(32),
        },
      ]),
      API_KEYS_FILE: file,
    });
    expect(config.auth).toEqual({
      mode: 'credentials',
      apiKeys: [
        {
          name: 'aarhus-portal',
          tenantId: '0751',
          roles: ['process-starter', 'caseworker'],
          keySha256: 'ab'.repeat(32),
        },
        { name: 'modeler', tenantId: '', roles: ['process-owner'], keySha256: hash },
      ],
      oidc: undefined,
    });
    expect(
      problemsOf({
        API_KEYS: JSON.stringify([
          { name: 'modeler', tenant: '0751', roles: ['worker'], keySha256: 'cd'.repeat(32) },
        ]),
        API_KEYS_FILE: file,
      }),
    ).toContain(
      "API_KEYS: expected each key listed once, under a name of its own, but found the name 'modeler' twice",
    );
  });

  it('reads the OIDC issuer with its claims, defaulting to tenant and roles; http only on loopback', () => {
    expect(
      loadEngineConfig({
        OIDC_ISSUER: 'http://127.0.0.1:8443/realms/kommune',
        OIDC_JWKS_URL: 'http://127.0.0.1:8443/realms/kommune/certs',
        OIDC_AUDIENCE: 'kommune-flow',
      }).auth,
    ).toEqual({
      mode: 'credentials',
      apiKeys: [],
      oidc: {
        issuer: 'http://127.0.0.1:8443/realms/kommune',
        jwksUrl: 'http://127.0.0.1:8443/realms/kommune/certs',
        audience: 'kommune-flow',
        tenantClaim: 'tenant',
        rolesClaim: 'roles',
      },
    });
    expect(
      loadEngineConfig({
        OIDC_ISSUER: 'https://login.example.dk',
        OIDC_JWKS_URL: 'https://login.example.dk/jwks',
        OIDC_AUDIENCE: 'flow',
        OIDC_TENANT_CLAIM: 'kommunekode',
        OIDC_ROLES_CLAIM: 'realm_access.roles',
      }).auth,
    ).toMatchObject({ oidc: { tenantClaim: 'kommunekode', rolesClaim: 'realm_access.roles' } });
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
