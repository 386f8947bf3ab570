import {
  beskedfordelerPublishConnector,
  ConnectorRegistry,
  cprConnector,
  createLoraCreateSagConnector,
  createLoraJournaliseConnector,
  createLoraKlasseConnector,
  createLoraOrgUnitConnector,
  createLoraResponsibleUnitConnector,
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
    beskedfordelerPublishConnector,
    createLoraOrgUnitConnector(),
    createLoraResponsibleUnitConnector(),
    createLoraKlasseConnector(),
    createLoraCreateSagConnector(),
    createLoraJournaliseConnector(),
  ]);
}
