import { isSecretRef, parseSecretRef } from './secret-resolver.js';

/** A tenant's settings for one connector: plain JSON, secrets only as `{ "secretRef": … }` references. */
export type ConnectorSettings = Record<string, unknown>;

/**
 * Where each tenant's (municipality's) settings for each connector are kept: base URLs, client ids, secret
 * references. The durable implementation lives with the runtime; {@link InMemoryTenantConfigurationStore} serves
 * tests and the model runner.
 */
export interface TenantConfigurationStore {
  /** The tenant's settings for the connector, or `undefined` when it has none. */
  get(tenantId: string, connectorId: string): Promise<ConnectorSettings | undefined>;
}

/** Every secret reference in `settings` that is malformed, with where it is (`auth.password`). */
export function findMalformedSecretRefs(
  settings: unknown,
  path = '',
): Array<{ path: string; message: string }> {
  if (isSecretRef(settings)) {
    const parsed = parseSecretRef(settings.secretRef);
    return parsed.ok ? [] : [{ path: path || '(settings)', message: parsed.message }];
  }
  if (Array.isArray(settings)) {
    return settings.flatMap((item, index) => findMalformedSecretRefs(item, `${path}[${index}]`));
  }
  if (typeof settings === 'object' && settings !== null) {
    return Object.entries(settings).flatMap(([key, value]) =>
      findMalformedSecretRefs(value, path ? `${path}.${key}` : key),
    );
  }
  return [];
}

/** Keeps settings in memory; copies on the way in and out, so no caller can change another's view. */
export class InMemoryTenantConfigurationStore implements TenantConfigurationStore {
  private settings = new Map<string, ConnectorSettings>();

  /** @param initial settings by tenant id, then connector id */
  constructor(initial: Readonly<Record<string, Readonly<Record<string, ConnectorSettings>>>> = {}) {
    this.replaceAll(initial);
  }

  /**
   * Puts `all` (by tenant id, then connector id) in place of every setting at once: a reader sees either the old
   * settings or the new ones, never a mix. Refuses malformed secret references and then keeps the old ones.
   */
  replaceAll(all: Readonly<Record<string, Readonly<Record<string, ConnectorSettings>>>>): void {
    const next = new Map<string, ConnectorSettings>();
    for (const [tenantId, byConnector] of Object.entries(all)) {
      for (const [connectorId, settings] of Object.entries(byConnector))
        next.set(this.key(tenantId, connectorId), this.checkedCopy(tenantId, connectorId, settings));
    }
    this.settings = next;
  }

  /** Stores the settings; refuses malformed secret references, naming each one. */
  set(tenantId: string, connectorId: string, settings: ConnectorSettings): void {
    this.settings.set(this.key(tenantId, connectorId), this.checkedCopy(tenantId, connectorId, settings));
  }

  delete(tenantId: string, connectorId: string): void {
    this.settings.delete(this.key(tenantId, connectorId));
  }

  async get(tenantId: string, connectorId: string): Promise<ConnectorSettings | undefined> {
    const settings = this.settings.get(this.key(tenantId, connectorId));
    return settings === undefined ? undefined : structuredClone(settings);
  }

  private checkedCopy(tenantId: string, connectorId: string, settings: ConnectorSettings): ConnectorSettings {
    const malformed = findMalformedSecretRefs(settings);
    if (malformed.length > 0) {
      throw new Error(
        `Settings of tenant '${tenantId}' for connector '${connectorId}' have malformed secret references: ${malformed
          .map((problem) => `${problem.path}: ${problem.message}`)
          .join('; ')}`,
      );
    }
    return structuredClone(settings);
  }

  private key(tenantId: string, connectorId: string): string {
    return JSON.stringify([tenantId, connectorId]);
  }
}
