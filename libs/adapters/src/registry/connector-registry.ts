import { CONNECTOR_ID_PATTERN, type AnyConnector, type Connector } from '../contract/connector.js';

/**
 * The connectors this engine has, by id. The runtime looks a service task's connector up here; deployment checks
 * every `connector:<id>` a model names against it.
 *
 * @example
 * const registry = new ConnectorRegistry([noopConnector]);
 * registry.get('noop'); // the no-op connector
 * registry.ids(); // ['noop']
 */
export class ConnectorRegistry {
  private readonly connectors = new Map<string, AnyConnector>();

  constructor(connectors: Iterable<AnyConnector> = []) {
    for (const connector of connectors) this.register(connector);
  }

  /** Adds a connector; refuses an invalid id or timeout, or an id already taken (two connectors with one id are a bug). */
  register<Input, Output>(connector: Connector<Input, Output>): this {
    if (!CONNECTOR_ID_PATTERN.test(connector.id)) {
      throw new Error(
        `Cannot register connector '${connector.id}': an id is lowercase letters, digits and inner hyphens, e.g. 'digital-post'`,
      );
    }
    const { timeoutMs } = connector;
    if (timeoutMs !== undefined && !(Number.isFinite(timeoutMs) && timeoutMs > 0)) {
      throw new Error(
        `Cannot register connector '${connector.id}': its timeoutMs must be a number of milliseconds > 0, got ${timeoutMs}`,
      );
    }
    if (this.connectors.has(connector.id)) {
      throw new Error(
        `Cannot register connector '${connector.id}': a connector with that id is already registered`,
      );
    }
    this.connectors.set(connector.id, connector as AnyConnector);
    return this;
  }

  get(id: string): AnyConnector | undefined {
    return this.connectors.get(id);
  }

  has(id: string): boolean {
    return this.connectors.has(id);
  }

  /** Every registered id, sorted. */
  ids(): string[] {
    return [...this.connectors.keys()].sort();
  }

  /** Closes every connector that holds connections open between calls (on shutdown); one failing stops none. */
  async close(): Promise<void> {
    await Promise.allSettled([...this.connectors.values()].map(async (connector) => connector.close?.()));
  }
}
