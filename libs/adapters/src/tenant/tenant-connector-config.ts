import { PermanentConnectorError, RetryableConnectorError } from '../contract/connector-errors.js';
import { classifyConnectorFailure } from '../contract/classify-connector-failure.js';
import { isSecretRef, type SecretResolver } from './secret-resolver.js';
import type { ConnectorSettings, TenantConfigurationStore } from './tenant-configuration-store.js';

/**
 * The calling tenant's configuration of the connector being run, as the connector receives it in
 * `context.tenant.config`.
 *
 * @example
 * const baseUrl = context.tenant.config.settings['baseUrl'];
 * const password = await context.tenant.config.secret('auth.password');
 */
export interface TenantConnectorConfig {
  readonly tenantId: string;
  readonly connectorId: string;
  /** Whether the tenant has configured this connector at all (when not, `settings` is empty). */
  readonly configured: boolean;
  /** The settings as stored, read-only. Secrets stay `{ "secretRef": … }` references here. */
  readonly settings: Readonly<ConnectorSettings>;
  /**
   * The value of the secret referenced at `path` (a field name, or a dotted path such as `auth.clientSecret`).
   * Throws a {@link PermanentConnectorError} saying what to configure when there is no reference there or it
   * cannot be resolved. Never log what it returns.
   */
  secret(path: string): Promise<string>;
}

/** The secret values each configuration has handed out, so failures and log lines can be masked. */
const revealedSecrets = new WeakMap<TenantConnectorConfig, Set<string>>();

/** The secrets `config.secret()` has resolved so far (none for a configuration not made here). */
export function secretsRevealedBy(config: TenantConnectorConfig): readonly string[] {
  return [...(revealedSecrets.get(config) ?? [])];
}

const noSecretResolver: SecretResolver = {
  resolve: async (reference) => {
    throw new PermanentConnectorError(
      `Secret reference '${reference}' cannot be resolved: no secret resolver is set up`,
    );
  },
};

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const field of Object.values(value)) deepFreeze(field);
    Object.freeze(value);
  }
  return value;
}

function settingAt(settings: ConnectorSettings, path: string): unknown {
  let current: unknown = settings;
  for (const key of path.split('.')) {
    if (typeof current !== 'object' || current === null || !Object.hasOwn(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

export interface TenantConnectorConfigInit {
  tenantId: string;
  connectorId: string;
  /** The stored settings; `undefined` when the tenant has not configured the connector. */
  settings?: ConnectorSettings;
  secrets?: SecretResolver;
}

/** Builds the configuration a connector receives; copies and freezes `settings`. */
export function createTenantConnectorConfig(init: TenantConnectorConfigInit): TenantConnectorConfig {
  const { tenantId, connectorId } = init;
  const settings = deepFreeze(structuredClone(init.settings ?? {}));
  const resolver = init.secrets ?? noSecretResolver;
  const resolved = new Map<string, Promise<string>>();
  const revealed = new Set<string>();
  const where = `Tenant '${tenantId}', connector '${connectorId}'`;
  const referenceHint = `{ "secretRef": "env:NAME" } or { "secretRef": "file:/path/to/secret" }`;

  const resolve = async (path: string): Promise<string> => {
    if (init.settings === undefined) {
      throw new PermanentConnectorError(
        `${where}: the tenant has no configuration for this connector; add one with ${referenceHint} at '${path}'`,
      );
    }
    const reference = settingAt(settings, path);
    if (reference === undefined) {
      throw new PermanentConnectorError(
        `${where}: the configuration has no secret at '${path}'; add ${referenceHint}`,
      );
    }
    if (!isSecretRef(reference)) {
      throw new PermanentConnectorError(
        `${where}: '${path}' holds a plain value where a secret reference is expected; keep the secret outside the configuration and reference it as ${referenceHint}`,
      );
    }
    try {
      const value = await resolver.resolve(reference.secretRef);
      revealed.add(value);
      return value;
    } catch (error) {
      const failure = classifyConnectorFailure(error);
      const message = `${where}, secret '${path}': ${failure.message}`;
      throw failure.retryable ? new RetryableConnectorError(message) : new PermanentConnectorError(message);
    }
  };

  const config: TenantConnectorConfig = {
    tenantId,
    connectorId,
    configured: init.settings !== undefined,
    settings,
    secret(path: string): Promise<string> {
      let value = resolved.get(path);
      if (value === undefined) {
        value = resolve(path);
        resolved.set(path, value);
        // A failed resolution is not cached: the operator may fix the secret and the call be retried.
        value.catch(() => resolved.delete(path));
      }
      return value;
    },
  };
  revealedSecrets.set(config, revealed);
  return Object.freeze(config);
}

/** Reads the tenant's settings for the connector from `store` and builds its {@link TenantConnectorConfig}. */
export async function loadTenantConnectorConfig(
  store: TenantConfigurationStore,
  secrets: SecretResolver,
  tenantId: string,
  connectorId: string,
): Promise<TenantConnectorConfig> {
  const settings = await store.get(tenantId, connectorId);
  return createTenantConnectorConfig({
    tenantId,
    connectorId,
    secrets,
    ...(settings === undefined ? {} : { settings }),
  });
}
