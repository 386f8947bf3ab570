import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  FAKE_CPR,
  FakeServiceplatformen,
  SF1520_PATH,
} from '../../../../../test/support/serviceplatformen/fake-serviceplatformen.js';
import {
  makeTestCertificates,
  type TestCertificates,
} from '../../../../../test/support/test-certificates.js';
import {
  describeConnectorConformance,
  connectorTestContext,
} from '../../conformance/connector-conformance.js';
import { PermanentConnectorError } from '../../contract/connector-errors.js';
import { RecordingConnectorLogger } from '../../contract/connector-logger.js';
import { ConnectorRegistry } from '../../registry/connector-registry.js';
import { runConnector } from '../../run/run-connector.js';
import { EnvFileSecretResolver } from '../../tenant/secret-resolver.js';
import { CPR_NOT_FOUND, createCprConnector } from './cpr.connector.js';

const certificates: TestCertificates = makeTestCertificates();
const fake = new FakeServiceplatformen(certificates);
let endpoint = '';

const invocationContext = {
  serviceAgreementUuid: '11111111-1111-4111-8111-111111111111',
  userSystemUuid: '22222222-2222-4222-8222-222222222222',
  userUuid: '33333333-3333-4333-8333-333333333333',
  serviceUuid: '44444444-4444-4444-8444-444444444444',
  accountingInfo: 'underretning',
};

const secrets = new EnvFileSecretResolver({
  env: {
    KF_SECRET_CERT: certificates.clientCertificate,
    KF_SECRET_KEY: certificates.clientKey,
    KF_SECRET_CA: certificates.ca,
  },
});

function settings(overrides: Record<string, unknown> = {}) {
  return {
    endpoint: `${endpoint}${SF1520_PATH}`,
    invocationContext,
    tls: {
      certificate: { secretRef: 'env:KF_SECRET_CERT' },
      privateKey: { secretRef: 'env:KF_SECRET_KEY' },
      ca: { secretRef: 'env:KF_SECRET_CA' },
    },
    ...overrides,
  };
}

async function lookup(input: unknown, tenantSettings = settings(), log = new RecordingConnectorLogger()) {
  const registry = new ConnectorRegistry([createCprConnector()]);
  return runConnector(
    registry,
    'cpr',
    input,
    connectorTestContext({ connectorId: 'cpr', settings: tenantSettings, secrets, log }),
  );
}

beforeAll(async () => {
  endpoint = await fake.start();
});
afterAll(async () => {
  await fake.stop();
  certificates.remove();
});

describe('connector:cpr (SF1520 PersonBaseDataExtended over SOAP with mutual TLS)', () => {
  describeConnectorConformance(() => createCprConnector(), {
    valid: [
      {
        name: 'a child, name and guardian',
        input: { cprNumber: FAKE_CPR.child, fields: ['name', 'guardian'] },
      },
      { name: 'an adult, with a hyphen', input: { cprNumber: '020280-1235', fields: ['address'] } },
    ],
    invalid: [
      { name: 'no CPR number', input: { fields: ['name'] }, paths: ['$.cprNumber'] },
      {
        name: 'an unknown field, none asked',
        input: { cprNumber: FAKE_CPR.child, fields: [] },
        paths: ['$.fields'],
      },
      {
        name: 'a field CPR does not have',
        input: { cprNumber: 'x', fields: ['shoeSize'] },
        paths: ['$.cprNumber', '$.fields[0]'],
      },
    ],
    failures: [
      {
        name: 'no such person',
        input: { cprNumber: FAKE_CPR.unknown, fields: ['name'] },
        expect: { bpmnErrorCode: CPR_NOT_FOUND },
      },
      {
        name: 'a refused PNR',
        input: { cprNumber: FAKE_CPR.refused, fields: ['name'] },
        expect: 'permanent',
      },
      {
        name: 'the service is down',
        input: { cprNumber: FAKE_CPR.unavailable, fields: ['name'] },
        expect: 'retryable',
      },
    ],
    slow: { cprNumber: FAKE_CPR.slow, fields: ['name'] },
    tenant: {
      // Read when each check builds its context: the fake's port is known only once it listens.
      settings: {
        get endpoint() {
          return `${endpoint}${SF1520_PATH}`;
        },
        invocationContext,
        tls: settings().tls,
      },
      secrets,
      secretValues: [certificates.clientKey],
    },
    idempotencyKeysSeen: () => fake.callIdentifiers(),
  });

  it('returns only the requested fields, read from the real response shape', async () => {
    const result = await lookup({
      cprNumber: FAKE_CPR.child,
      fields: ['name', 'guardian', 'parentalAuthority'],
    });
    expect(result).toEqual({
      status: 'completed',
      output: {
        person: {
          name: { addressingName: 'Jensen,Alma', firstName: 'Alma', lastName: 'Jensen' },
          guardian: {
            underGuardianship: true,
            since: '2020-05-01',
            guardianName: 'Bo Ib Hansen',
            guardianCprNumber: FAKE_CPR.adult,
          },
          parentalAuthority: [{ holder: 'father', cprNumber: FAKE_CPR.adult }],
        },
      },
    });
    const adult = await lookup({
      cprNumber: FAKE_CPR.adult,
      fields: ['address', 'civilStatus', 'status', 'birthDate', 'gender', 'protection', 'digitalPost'],
    });
    expect(adult.status === 'completed' && adult.output).toEqual({
      person: {
        address: {
          street: 'Rådhuspladsen',
          houseNumber: '12',
          floor: '2',
          door: 'tv',
          postalCode: '8000',
          city: 'Aarhus C',
          standardAddress: 'Rådhuspladsen 12, 2. tv',
          municipalityCode: '0751',
        },
        civilStatus: { code: 'G', status: 'married' },
        status: { code: 1, active: true, since: '2015-01-01T00:00:00' },
        birthDate: '1980-02-02',
        gender: 'male',
        protection: { address: false, directory: false, marketing: false },
        digitalPost: { digitalPost: true, nemSms: false },
      },
    });
  });

  it("sends the municipality's InvocationContext and function certificate, and the job's key as call identifier", async () => {
    const before = fake.calls.length;
    const registry = new ConnectorRegistry([createCprConnector()]);
    await runConnector(
      registry,
      'cpr',
      { cprNumber: FAKE_CPR.adult, fields: ['name'] },
      connectorTestContext({
        connectorId: 'cpr',
        settings: settings(),
        secrets,
        idempotencyKey: 'instance-42.3',
      }),
    );
    const call = fake.calls[before]!;
    expect(call.clientCertificateSubject).toBe('kf-test-function-certificate');
    expect(call.headers['content-type']).toBe('text/xml; charset=utf-8');
    expect(call.fields).toEqual({
      ServiceAgreementUUID: invocationContext.serviceAgreementUuid,
      UserSystemUUID: invocationContext.userSystemUuid,
      UserUUID: invocationContext.userUuid,
      ServiceUUID: invocationContext.serviceUuid,
      CallersServiceCallIdentifier: 'instance-42.3',
      AccountingInfo: 'underretning',
    });
  });

  it('keeps the CPR number out of log lines and failure messages, also where the service quotes it', async () => {
    const log = new RecordingConnectorLogger();
    const results = [
      await lookup({ cprNumber: FAKE_CPR.adult, fields: ['name'] }, settings(), log),
      await lookup({ cprNumber: FAKE_CPR.unknown, fields: ['name'] }, settings(), log),
      await lookup({ cprNumber: FAKE_CPR.refused, fields: ['name'] }, settings(), log),
    ];
    const failures = results.flatMap((result) => (result.status === 'failed' ? [result.failure] : []));
    expect(failures.map((failure) => failure.message)).toEqual([
      'CPR has no person with the CPR number given ($.cprNumber)',
      expect.stringContaining('refused the CPR number ($.cprNumber)'),
    ]);
    for (const cpr of Object.values(FAKE_CPR)) {
      expect(log.text()).not.toContain(cpr);
      for (const failure of failures) expect(JSON.stringify(failure.toJSON())).not.toContain(cpr);
    }
    // Straight from the connector, before runConnector's masking, too.
    const context = connectorTestContext({ connectorId: 'cpr', settings: settings(), secrets });
    const thrown = await createCprConnector()
      .execute({ cprNumber: FAKE_CPR.refused, fields: ['name'] }, context)
      .catch((error: Error) => error);
    expect(thrown).toBeInstanceOf(PermanentConnectorError);
    expect((thrown as Error).message).not.toContain(FAKE_CPR.refused);
  });

  it('is a permanent failure saying what to configure for a tenant without settings, or with wrong ones', async () => {
    const registry = new ConnectorRegistry([createCprConnector()]);
    const unconfigured = await runConnector(
      registry,
      'cpr',
      { cprNumber: FAKE_CPR.adult, fields: ['name'] },
      connectorTestContext({ connectorId: 'cpr', secrets }),
    );
    expect(unconfigured).toMatchObject({ status: 'failed', failure: { retryable: false } });
    expect(unconfigured.status === 'failed' && unconfigured.failure.message).toContain(
      'has no configuration',
    );
    const wrong = await lookup(
      { cprNumber: FAKE_CPR.adult, fields: ['name'] },
      settings({
        endpoint: 'http://plain.example',
        invocationContext: { ...invocationContext, userUuid: 'x' },
      }),
    );
    expect(wrong.status === 'failed' && wrong.failure.message).toMatch(
      /\$\.endpoint .*\$\.invocationContext\.userUuid/,
    );
  });

  it('refuses a service whose certificate the tenant does not trust, as a configuration error', async () => {
    const result = await lookup(
      { cprNumber: FAKE_CPR.adult, fields: ['name'] },
      settings({
        tls: {
          certificate: { secretRef: 'env:KF_SECRET_CERT' },
          privateKey: { secretRef: 'env:KF_SECRET_KEY' },
        },
      }),
    );
    expect(result).toMatchObject({ status: 'failed', failure: { retryable: false } });
    expect(result.status === 'failed' && result.failure.message).toContain('certificate is not trusted');
  });
});
