import {
  createTenantConnectorConfig,
  EnvFileSecretResolver,
  RecordingConnectorLogger,
  type ConnectorContext,
} from '#adapters';
import type { TestCertificates } from '../test-certificates.js';
import type { FakeKlassifikation } from './fake-klassifikation.js';
import type { FakeOrganisation } from './fake-organisation.js';
import type { FakeStsSoap } from './fake-sts-soap.js';
import type { FakeSts } from './fake-sts.js';

/** The engine clock's reading in a tenant context made here. */
export const KOMBIT_TEST_NOW = '2026-01-05T09:00:00.000Z';

export interface KombitTenantInit {
  id: string;
  cvr: string;
  /** Which function certificate the tenant holds: the test CA's client certificate or the stranger's. */
  certificate: 'client' | 'stranger';
  certificates: TestCertificates;
  /** SF1514's REST variant (`sts.issueUrl`): Organisation's tokens. */
  sts?: FakeSts;
  /** SF1514's SOAP variant (`sts.soapIssueUrl`): Klassifikation's (and SDI's) holder-of-key assertions. */
  stsSoap?: FakeStsSoap;
  /** The engine clock the context reads, in ms (default {@link KOMBIT_TEST_NOW}). */
  now?: () => number;
  organisation?: FakeOrganisation;
  klassifikation?: FakeKlassifikation;
  /** Merged over the generated `organisation` section. */
  organisationSettings?: Record<string, unknown>;
  /** Merged over the generated `klassifikation` section. */
  klassifikationSettings?: Record<string, unknown>;
}

/**
 * Test support: a tenant's call context with `backbone` settings for KOMBIT against the fakes: `kind`, `sts`
 * (the REST and SOAP issue URLs of the fake STSs given, CVR), `tls` (its function certificate as env secret references, and the test CA) and the
 * `organisation` / `klassifikation` sections pointing at the stand-ins with their entity ids.
 */
export function kombitTenantContext(init: KombitTenantInit): {
  context: ConnectorContext;
  log: RecordingConnectorLogger;
} {
  const log = new RecordingConnectorLogger();
  const { certificates } = init;
  const client = init.certificate === 'client';
  const config = createTenantConnectorConfig({
    tenantId: init.id,
    connectorId: 'backbone',
    settings: {
      kind: 'kombit',
      sts: {
        ...(init.sts ? { issueUrl: init.sts.issueUrl } : {}),
        ...(init.stsSoap ? { soapIssueUrl: init.stsSoap.url } : {}),
        cvr: init.cvr,
      },
      tls: {
        certificate: { secretRef: 'env:CERT' },
        privateKey: { secretRef: 'env:KEY' },
        ca: { secretRef: 'env:CA' },
      },
      ...(init.organisation
        ? {
            organisation: {
              graphqlUrl: init.organisation.graphqlUrl,
              entityId: init.organisation.entityId,
              ...init.organisationSettings,
            },
          }
        : {}),
      ...(init.klassifikation
        ? {
            klassifikation: {
              url: init.klassifikation.url,
              entityId: init.klassifikation.entityId,
              ...init.klassifikationSettings,
            },
          }
        : {}),
    },
    secrets: new EnvFileSecretResolver({
      env: {
        CERT: client ? certificates.clientCertificate : certificates.strangerCertificate,
        KEY: client ? certificates.clientKey : certificates.strangerKey,
        CA: certificates.ca,
      },
    }),
  });
  const context: ConnectorContext = {
    idempotencyKey: `${init.id}-kombit-test`,
    tenant: { id: init.id, config },
    signal: new AbortController().signal,
    now: () => (init.now ? new Date(init.now()) : new Date(KOMBIT_TEST_NOW)),
    log,
  };
  return { context, log };
}
