import { readFileSync } from 'node:fs';
import {
  apiKeyEntriesOf,
  type ApiKeyEntry,
  type AuthenticationSettings,
  type OidcSettings,
} from '#camunda-rest';
import { redactUrl, storeOptionsFromEnvironment, type StoreDataSourceOptions } from '#store';
import { connectorSettingsFromEnvironment, type TenantConnectorSettings } from './connector-settings-file.js';
import {
  loraNotificationSettingsFromEnvironment,
  type LoraNotificationSettings,
} from './lora-notification-settings.js';

/**
 * How an engine process splits the work: `all` serves the HTTP APIs and runs jobs; `api` serves the APIs and leaves
 * jobs to worker nodes; `worker` runs jobs (and history cleanup) and serves only `/health` and `/metrics`.
 */
export const ENGINE_ROLES = ['all', 'api', 'worker'] as const;
export type EngineRole = (typeof ENGINE_ROLES)[number];

/** Nest token of the {@link EngineConfig} the engine app was started with. */
export const ENGINE_CONFIG = Symbol('ENGINE_CONFIG');

/** The engine's configuration, read once from the environment at start-up (see {@link loadEngineConfig}). */
export interface EngineConfig {
  enginePort: number;
  designerPort: number;
  /** PostgreSQL (DATABASE_URL, DATABASE_SCHEMA) or the embedded PGlite store (STORE_DATA_DIR). */
  store: StoreDataSourceOptions;
  /** Redis for Bull; absent: jobs are dispatched in this process, from PostgreSQL. */
  redisUrl: string | undefined;
  bullQueue: string;
  jobConcurrency: number;
  reconcileIntervalMs: number;
  jobLockMs: number;
  /** Retries of a failing job without camunda:failedJobRetryTimeCycle, and the first backoff (doubling after). */
  jobRetries: number;
  jobRetryBaseMs: number;
  /** Days to keep the history of ended instances whose definition sets no time to live; `null`: for ever. */
  historyTtlDays: number | null;
  historyCleanupIntervalMs: number;
  role: EngineRole;
  /** Who may call the HTTP APIs: AUTH=off, or the API keys and the OIDC issuer (neither: every request is refused). */
  auth: AuthenticationSettings;
  /** The least severe log level written (LOG_LEVEL). */
  logLevel: LogLevel;
  /** The LoRA service (libs/lora) in the engine's API: LORA_ENABLED, LORA_PREFIX. */
  lora: LoraSettings;
  /** LoRA change notifications: AMQP_URL, LORA_NOTIFICATIONS_EXCHANGE, the reactions (LORA_REACTIONS…). */
  loraNotifications: LoraNotificationSettings;
  /** The largest model or form a deployment or validation accepts, in bytes (MAX_RESOURCE_BYTES). */
  maxResourceBytes: number;
  /** The connectors' settings per tenant (CONNECTOR_SETTINGS_FILE); none configured when absent. */
  connectorSettings?: TenantConnectorSettings;
  /** Where they were read from: the engine reads the file again when it changes, and on SIGHUP. */
  connectorSettingsFile?: string;
  /** The broker of tenants whose Beskedfordeler settings name none (AMQP_URL); never logged. */
  amqpUrl?: string;
}

/** pino's levels, least to most severe; `silent` writes nothing. */
export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** One setting that is wrong: its name, what was found, what was expected. */
export interface ConfigurationProblem {
  setting: string;
  found: string;
  expected: string;
}

/** Start-up stops here: every wrong setting, each named with what was found and what is expected. */
export class ConfigurationError extends Error {
  constructor(readonly problems: ConfigurationProblem[]) {
    super(
      `The engine cannot start: ${problems.length === 1 ? 'a setting is' : `${problems.length} settings are`} wrong.\n` +
        problems
          .map((problem) => `  ${problem.setting}: expected ${problem.expected}, but found ${problem.found}`)
          .join('\n'),
    );
    this.name = 'ConfigurationError';
  }
}

/** Defaults, and what each setting means, in one place (the README's configuration table follows it). */
export const CONFIG_DEFAULTS = {
  ENGINE_PORT: 8080,
  DESIGNER_PORT: 8081,
  BULL_QUEUE: 'kommune-flow-jobs',
  JOB_CONCURRENCY: 8,
  RECONCILE_INTERVAL_MS: 1_000,
  JOB_LOCK_MS: 60_000,
  JOB_RETRIES: 3,
  JOB_RETRY_BASE_MS: 1_000,
  HISTORY_TTL_DAYS: 180,
  HISTORY_CLEANUP_INTERVAL_MS: 3_600_000,
  ENGINE_ROLE: 'all',
  AUTH: 'on',
  OIDC_TENANT_CLAIM: 'tenant',
  OIDC_ROLES_CLAIM: 'roles',
  LOG_LEVEL: 'info',
  LORA_ENABLED: 'true',
  LORA_PREFIX: '/lora',
  MAX_RESOURCE_BYTES: 5 * 1024 * 1024,
} as const;

/** Writing this for HISTORY_TTL_DAYS keeps history without a time to live for ever. */
export const KEEP_HISTORY_FOREVER = 'forever';

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
const QUEUE_NAME = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$/;

/**
 * Reads and checks the configuration. Every wrong setting is collected, so one start-up reports all of them.
 *
 * @example
 * const config = loadEngineConfig(process.env); // throws ConfigurationError naming e.g. ENGINE_PORT
 */
export function loadEngineConfig(env: Record<string, string | undefined>): EngineConfig {
  const problems: ConfigurationProblem[] = [];
  const read = new SettingReader(env, problems);

  const enginePort = read.integer(
    'ENGINE_PORT',
    CONFIG_DEFAULTS.ENGINE_PORT,
    0,
    65_535,
    'a TCP port from 0 to 65535 (0: any free port)',
  );
  const designerPort = read.integer(
    'DESIGNER_PORT',
    CONFIG_DEFAULTS.DESIGNER_PORT,
    0,
    65_535,
    'a TCP port from 0 to 65535 (0: any free port)',
  );
  // A worker node listens on ENGINE_PORT only (/health, /metrics): DESIGNER_PORT is not used there.
  const designerListensToo = read.text('ENGINE_ROLE') !== 'worker';
  if (enginePort !== 0 && enginePort === designerPort && designerListensToo) {
    problems.push({
      setting: 'DESIGNER_PORT',
      found: `${designerPort}, the same as ENGINE_PORT`,
      expected: 'a port other than ENGINE_PORT (both apps listen at once)',
    });
  }

  const databaseUrl = read.text('DATABASE_URL');
  if (databaseUrl !== undefined)
    checkUrl(
      problems,
      'DATABASE_URL',
      databaseUrl,
      ['postgres:', 'postgresql:'],
      'a postgres:// URL, e.g. postgres://user:password@host:5432/database',
    );
  const schema = read.text('DATABASE_SCHEMA');
  if (schema !== undefined && databaseUrl === undefined) {
    problems.push({
      setting: 'DATABASE_SCHEMA',
      found: `'${schema}' without DATABASE_URL`,
      expected:
        'DATABASE_URL to be set too (the embedded store keeps its tables in its own database); unset DATABASE_SCHEMA or set DATABASE_URL',
    });
  } else if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
    problems.push({
      setting: 'DATABASE_SCHEMA',
      found: `'${schema}'`,
      expected: 'a lower-case PostgreSQL identifier (letters, digits, _), e.g. kommune_flow',
    });
  }

  const redisUrl = read.text('REDIS_URL');
  if (redisUrl !== undefined)
    checkUrl(
      problems,
      'REDIS_URL',
      redisUrl,
      ['redis:', 'rediss:'],
      'a redis:// or rediss:// URL, e.g. redis://127.0.0.1:6379/0',
    );

  const bullQueue = read.text('BULL_QUEUE') ?? CONFIG_DEFAULTS.BULL_QUEUE;
  if (!QUEUE_NAME.test(bullQueue)) {
    problems.push({
      setting: 'BULL_QUEUE',
      found: `'${bullQueue}'`,
      expected: "a queue name of letters, digits, '_', '.', ':' or '-' (at most 100)",
    });
  }

  const jobConcurrency = read.integer(
    'JOB_CONCURRENCY',
    CONFIG_DEFAULTS.JOB_CONCURRENCY,
    1,
    1_000,
    'a whole number of concurrent jobs from 1 to 1000',
  );
  const reconcileIntervalMs = read.integer(
    'RECONCILE_INTERVAL_MS',
    CONFIG_DEFAULTS.RECONCILE_INTERVAL_MS,
    50,
    3_600_000,
    'milliseconds from 50 to 3600000',
  );
  const jobLockMs = read.integer(
    'JOB_LOCK_MS',
    CONFIG_DEFAULTS.JOB_LOCK_MS,
    1_000,
    86_400_000,
    'milliseconds from 1000 to 86400000 (longer than the slowest job)',
  );
  const jobRetries = read.integer(
    'JOB_RETRIES',
    CONFIG_DEFAULTS.JOB_RETRIES,
    1,
    100,
    'a whole number of retries from 1 to 100',
  );
  const jobRetryBaseMs = read.integer(
    'JOB_RETRY_BASE_MS',
    CONFIG_DEFAULTS.JOB_RETRY_BASE_MS,
    10,
    3_600_000,
    'milliseconds from 10 to 3600000 (the first retry waits this long, each next one twice as long)',
  );
  const historyTtlDays =
    read.text('HISTORY_TTL_DAYS')?.toLowerCase() === KEEP_HISTORY_FOREVER
      ? null
      : read.integer(
          'HISTORY_TTL_DAYS',
          CONFIG_DEFAULTS.HISTORY_TTL_DAYS,
          0,
          36_500,
          `a number of days from 0 to 36500, or '${KEEP_HISTORY_FOREVER}'`,
        );
  const historyCleanupIntervalMs = read.integer(
    'HISTORY_CLEANUP_INTERVAL_MS',
    CONFIG_DEFAULTS.HISTORY_CLEANUP_INTERVAL_MS,
    1_000,
    604_800_000,
    'milliseconds from 1000 to 604800000',
  );

  const roleText = read.text('ENGINE_ROLE') ?? CONFIG_DEFAULTS.ENGINE_ROLE;
  const role = (ENGINE_ROLES as readonly string[]).includes(roleText) ? (roleText as EngineRole) : undefined;
  if (!role) {
    problems.push({ setting: 'ENGINE_ROLE', found: `'${roleText}'`, expected: ENGINE_ROLES.join(', ') });
  } else if (role !== 'all' && databaseUrl === undefined) {
    problems.push({
      setting: 'ENGINE_ROLE',
      found: `'${role}' without DATABASE_URL`,
      expected:
        "'all' with the embedded store (it allows one process), or DATABASE_URL set so API and worker nodes share PostgreSQL",
    });
  }

  const auth = authenticationSettingsOf(read, problems);
  const logLevelText = read.text('LOG_LEVEL') ?? CONFIG_DEFAULTS.LOG_LEVEL;
  const logLevel = (LOG_LEVELS as readonly string[]).includes(logLevelText)
    ? (logLevelText as LogLevel)
    : undefined;
  if (!logLevel)
    problems.push({ setting: 'LOG_LEVEL', found: `'${logLevelText}'`, expected: LOG_LEVELS.join(', ') });

  const connectorSettings = connectorSettingsFromEnvironment(env, problems);
  const connectorSettingsFile = read.text('CONNECTOR_SETTINGS_FILE');
  const amqpUrl = read.text('AMQP_URL');
  if (amqpUrl !== undefined && !/^amqps?:\/\//.test(amqpUrl)) {
    problems.push({
      setting: 'AMQP_URL',
      found: 'a value that is no amqp:// or amqps:// URL',
      expected: 'amqp://user:password@host:5672/vhost',
    });
  }

  const maxResourceBytes = read.integer(
    'MAX_RESOURCE_BYTES',
    CONFIG_DEFAULTS.MAX_RESOURCE_BYTES,
    1_024,
    100 * 1024 * 1024,
    'bytes from 1024 to 104857600 (the largest model or form a deployment takes)',
  );

  const lora = loraSettingsOf(read, problems);
  const loraNotifications = loraNotificationSettingsFromEnvironment(env, problems);

  if (problems.length > 0) throw new ConfigurationError(problems);
  return {
    enginePort,
    designerPort,
    store: storeOptionsFromEnvironment(env),
    redisUrl,
    bullQueue,
    jobConcurrency,
    reconcileIntervalMs,
    jobLockMs,
    jobRetries,
    jobRetryBaseMs,
    historyTtlDays,
    historyCleanupIntervalMs,
    role: role as EngineRole,
    auth,
    logLevel: logLevel as LogLevel,
    lora,
    loraNotifications,
    maxResourceBytes,
    ...(connectorSettings ? { connectorSettings } : {}),
    ...(connectorSettingsFile !== undefined ? { connectorSettingsFile } : {}),
    ...(amqpUrl !== undefined ? { amqpUrl } : {}),
  };
}

/**
 * AUTH, the API keys (API_KEYS and API_KEYS_FILE, together) and the OIDC issuer (OIDC_ISSUER, OIDC_JWKS_URL and
 * OIDC_AUDIENCE, all three or none). With AUTH=off the rest is not read: authentication is off, whatever else is set.
 */
function authenticationSettingsOf(
  read: SettingReader,
  problems: ConfigurationProblem[],
): AuthenticationSettings {
  const mode = read.text('AUTH')?.toLowerCase() ?? CONFIG_DEFAULTS.AUTH;
  if (mode === 'off') return { mode: 'off' };
  if (mode !== 'on') {
    problems.push({
      setting: 'AUTH',
      found: `'${mode}'`,
      expected:
        "'on' (the default: API keys and OIDC tokens) or 'off' (no authentication, for local development)",
    });
  }
  const apiKeys = [...apiKeysOf(read, problems, 'API_KEYS'), ...apiKeysOf(read, problems, 'API_KEYS_FILE')];
  const names = new Set<string>();
  const hashes = new Set<string>();
  for (const entry of apiKeys) {
    if (names.has(entry.name) || hashes.has(entry.keySha256)) {
      problems.push({
        setting: 'API_KEYS',
        found: `the ${names.has(entry.name) ? `name '${entry.name}'` : `keySha256 of '${entry.name}'`} twice (API_KEYS and API_KEYS_FILE together)`,
        expected: 'each key listed once, under a name of its own',
      });
    }
    names.add(entry.name);
    hashes.add(entry.keySha256);
  }
  return { mode: 'credentials', apiKeys, oidc: oidcSettingsOf(read, problems) };
}

function apiKeysOf(
  read: SettingReader,
  problems: ConfigurationProblem[],
  setting: 'API_KEYS' | 'API_KEYS_FILE',
): ApiKeyEntry[] {
  const value = read.text(setting);
  if (value === undefined) return [];
  let text = value;
  if (setting === 'API_KEYS_FILE') {
    try {
      text = readFileSync(value, 'utf8');
    } catch (error) {
      problems.push({
        setting,
        found: `'${value}', which cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
        expected: 'the path of a readable JSON file listing the API keys',
      });
      return [];
    }
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    problems.push({
      setting,
      found: setting === 'API_KEYS' ? 'text that is not JSON' : `'${value}', whose content is not JSON`,
      expected: 'a JSON array of {"name", "tenant", "roles", "keySha256"} entries',
    });
    return [];
  }
  const { entries, problems: found } = apiKeyEntriesOf(parsed);
  for (const expected of found) problems.push({ setting, found: 'a value that does not fit', expected });
  return entries;
}

function oidcSettingsOf(read: SettingReader, problems: ConfigurationProblem[]): OidcSettings | undefined {
  const issuer = read.text('OIDC_ISSUER');
  const jwksUrl = read.text('OIDC_JWKS_URL');
  const audience = read.text('OIDC_AUDIENCE');
  if (issuer === undefined && jwksUrl === undefined && audience === undefined) return undefined;
  const missing = (
    [
      ['OIDC_ISSUER', issuer],
      ['OIDC_JWKS_URL', jwksUrl],
      ['OIDC_AUDIENCE', audience],
    ] as const
  ).filter(([, value]) => value === undefined);
  for (const [setting] of missing) {
    problems.push({
      setting,
      found: 'nothing, while other OIDC_ settings are set',
      expected: 'OIDC_ISSUER, OIDC_JWKS_URL and OIDC_AUDIENCE set together (or none of them)',
    });
  }
  if (jwksUrl !== undefined && !isTrustedJwksUrl(jwksUrl)) {
    problems.push({
      setting: 'OIDC_JWKS_URL',
      found: `'${redactUrl(jwksUrl)}'`,
      expected: "an https:// URL of the issuer's JSON Web Key Set (http:// only on localhost)",
    });
  }
  if (missing.length > 0) return undefined;
  return {
    issuer: issuer as string,
    jwksUrl: jwksUrl as string,
    audience: audience as string,
    tenantClaim: read.text('OIDC_TENANT_CLAIM') ?? CONFIG_DEFAULTS.OIDC_TENANT_CLAIM,
    rolesClaim: read.text('OIDC_ROLES_CLAIM') ?? CONFIG_DEFAULTS.OIDC_ROLES_CLAIM,
  };
}

/** Signing keys fetched over plain HTTP could be swapped on the way, except on the loopback interface. */
function isTrustedJwksUrl(value: string): boolean {
  try {
    const url = new URL(value);
    if (url.protocol === 'https:') return true;
    return url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  } catch {
    return false;
  }
}

/** Reads settings; an empty value counts as unset. Problems are collected, not thrown. */
class SettingReader {
  constructor(
    private readonly env: Record<string, string | undefined>,
    private readonly problems: ConfigurationProblem[],
  ) {}

  text(name: string): string | undefined {
    const value = this.env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  }

  integer(name: string, fallback: number, minimum: number, maximum: number, expected: string): number {
    const text = this.text(name);
    if (text === undefined) return fallback;
    const value = Number(text);
    if (!/^\d+$/.test(text) || value < minimum || value > maximum) {
      this.problems.push({ setting: name, found: `'${text}'`, expected });
      return fallback;
    }
    return value;
  }
}

function checkUrl(
  problems: ConfigurationProblem[],
  setting: string,
  value: string,
  protocols: string[],
  expected: string,
): void {
  let protocol: string | undefined;
  try {
    protocol = new URL(value).protocol;
  } catch {
    protocol = undefined;
  }
  if (protocol === undefined || !protocols.includes(protocol)) {
    problems.push({ setting, found: `'${redactUrl(value)}'`, expected });
  }
}

/** Whether the engine serves the LoRA OIO REST API, and under which path. */
export interface LoraSettings {
  enabled: boolean;
  /** `/lora` by default: the API is then at `/lora/organisation/organisationenhed` and so on. */
  prefix: string;
}

const LORA_PREFIX = /^\/[A-Za-z0-9._~-]+(\/[A-Za-z0-9._~-]+)*$/;

/** LORA_ENABLED (`true`/`false`, on by default) and LORA_PREFIX (a path such as `/lora`). */
function loraSettingsOf(read: SettingReader, problems: ConfigurationProblem[]): LoraSettings {
  const enabledText = (read.text('LORA_ENABLED') ?? CONFIG_DEFAULTS.LORA_ENABLED).toLowerCase();
  if (enabledText !== 'true' && enabledText !== 'false') {
    problems.push({ setting: 'LORA_ENABLED', found: `'${enabledText}'`, expected: 'true or false' });
  }
  const prefix = read.text('LORA_PREFIX') ?? CONFIG_DEFAULTS.LORA_PREFIX;
  if (!LORA_PREFIX.test(prefix) || prefix.startsWith('/engine-rest')) {
    problems.push({
      setting: 'LORA_PREFIX',
      found: `'${prefix}'`,
      expected: "a path of one or more segments starting with '/', e.g. /lora, outside /engine-rest",
    });
  }
  return { enabled: enabledText !== 'false', prefix };
}
