import {
  ConnectorRegistry,
  createBeskedfordelerPublishConnector,
  cprConnector,
  createBackboneConnectors,
  createKombitBackboneServices,
  digitalPostConnector,
  noopConnector,
  Os2formsSubmissionConnector,
  Os2moConnector,
  RestConnector,
  SbsysConnector,
  SmtpConnector,
  TestConnector,
} from '#adapters';

/**
 * The connectors this engine ships, in one registry per process: the runtime calls them and deployment checks every
 * `connector:<id>` a model names against the same registry, so a model that deploys has connectors that run.
 */
export function createBuiltInConnectorRegistry(): ConnectorRegistry {
  return new ConnectorRegistry([
    noopConnector,
    new TestConnector(),
    cprConnector,
    digitalPostConnector,
    new RestConnector(),
    new SmtpConnector(),
    new Os2formsSubmissionConnector(),
    new SbsysConnector(),
    new Os2moConnector(),
    // Its own AMQP connections per registry: closed with the registry when the servers stop.
    createBeskedfordelerPublishConnector(),
    // The backbone connectors (and their former lora-* ids), on the tenant's LoRA or on KOMBIT's støttesystemer
    // as its `backbone` settings choose. One set of KOMBIT services per process (token caches and TLS agents are
    // keyed per tenant), closed with the registry.
    ...createBackboneConnectors({ kombit: createKombitBackboneServices() }),
  ]);
}
