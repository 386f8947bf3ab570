import { ConnectorRegistry, noopConnector, TestConnector } from '#adapters';

/**
 * The connectors this engine ships, in one registry per process: the runtime calls them and deployment checks every
 * `connector:<id>` a model names against the same registry, so a model that deploys has connectors that run.
 */
export function createBuiltInConnectorRegistry(): ConnectorRegistry {
  return new ConnectorRegistry([noopConnector, new TestConnector()]);
}
