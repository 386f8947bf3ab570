import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import {
  FAKE_CPR,
  FakeServiceplatformen,
  SF1601_PATH,
  STS_ISSUE_PATH,
} from '../../../../../test/support/serviceplatformen/fake-serviceplatformen.js';
import {
  makeTestCertificates,
  type TestCertificates,
} from '../../../../../test/support/test-certificates.js';
import {
  connectorTestContext,
  describeConnectorConformance,
} from '../../conformance/connector-conformance.js';
import { ConnectorRegistry } from '../../registry/connector-registry.js';
import { runConnector } from '../../run/run-connector.js';
import { EnvFileSecretResolver } from '../../tenant/secret-resolver.js';
import { PermanentConnectorError } from '../../contract/connector-errors.js';
import { RecordingConnectorLogger } from '../../contract/connector-logger.js';
import { ServiceplatformenAccessTokens } from '../../serviceplatformen/serviceplatformen-access-tokens.js';
import {
  createDigitalPostConnector,
  DIGITAL_POST_REJECTED,
  SF1601_ENTITY_ID,
} from './digital-post.connector.js';
import { messageUuidOf } from './message-uuid.js';

const certificates: TestCertificates = makeTestCertificates();
const fake = new FakeServiceplatformen(certificates);
let baseUrl = '';

const secrets = new EnvFileSecretResolver({
  env: {
    KF_SECRET_CERT: certificates.clientCertificate,
    KF_SECRET_KEY: certificates.clientKey,
    KF_SECRET_CA: certificates.ca,
  },
});

/** Read when a context is built: the fake's port is known only once it listens. */
const settings = {
  get endpoint() {
    return `${baseUrl}${SF1601_PATH}`;
  },
  sender: { cvr: '55133018', label: 'Aarhus Kommune' },
  tls: {
    certificate: { secretRef: 'env:KF_SECRET_CERT' },
    privateKey: { secretRef: 'env:KF_SECRET_KEY' },
    ca: { secretRef: 'env:KF_SECRET_CA' },
  },
};

const letter = (recipient: string, extra: Record<string, unknown> = {}) => ({
  recipient: { idType: 'CPR' as const, id: recipient },
  label: 'Afgørelse om aktindsigt',
  text: 'Du har fået aktindsigt.',
  ...extra,
});

async function send(input: unknown, idempotencyKey = 'instance-5.2') {
  return runConnector(
    new ConnectorRegistry([createDigitalPostConnector()]),
    'digital-post',
    input,
    connectorTestContext({ connectorId: 'digital-post', settings, secrets, idempotencyKey }),
  );
}

beforeAll(async () => {
  baseUrl = await fake.start();
});
afterAll(async () => {
  await fake.stop();
  certificates.remove();
});

describe('connector:digital-post (SF1601 KombiPostAfsend with a MeMo message, mutual TLS)', () => {
  describeConnectorConformance(() => createDigitalPostConnector(), {
    valid: [
      { name: 'a text letter to a citizen', input: letter(FAKE_CPR.adult) },
      {
        name: 'a PDF to a company',
        input: {
          recipient: { idType: 'CVR', id: '29189846' },
          label: 'Faktura',
          document: { filename: 'faktura.pdf', mimeType: 'application/pdf', contentBase64: 'JVBERi0xLjQK' },
        },
      },
    ],
    invalid: [
      { name: 'no recipient', input: { label: 'x', text: 'y' }, paths: ['$.recipient'] },
      {
        name: 'a recipient id of letters, no label',
        input: { recipient: { idType: 'CPR', id: 'abc' }, text: 'y' },
        paths: ['$.recipient.id', '$.label'],
      },
    ],
    failures: [
      {
        name: 'an unknown recipient',
        input: letter(FAKE_CPR.unknown),
        expect: { bpmnErrorCode: DIGITAL_POST_REJECTED },
      },
      { name: 'Digital Post is down', input: letter(FAKE_CPR.unavailable), expect: 'retryable' },
      {
        name: 'both text and a document',
        input: letter(FAKE_CPR.adult, {
          document: { filename: 'a.txt', mimeType: 'text/plain', contentBase64: 'YWJj' },
        }),
        expect: 'permanent',
      },
      { name: 'a CVR number for a CPR recipient', input: letter('29189846'), expect: 'permanent' },
    ],
    slow: letter(FAKE_CPR.slow),
    tenant: { settings, secrets, secretValues: [certificates.clientKey] },
    // Digital Post sees the key as the messageUUID derived from it: map the ones the suite uses back.
    idempotencyKeysSeen: () =>
      fake
        .callIdentifiers()
        .map(
          (uuid) =>
            ['instance-7.3', 'instance-8.1'].find((key) => messageUuidOf('tenant-a', key) === uuid) ?? uuid,
        ),
  });

  it('sends a MeMo message whose messageUUID comes from the job, and answers with it and the transaction id', async () => {
    const result = await send(letter('010190-1234', { mandatory: true }), 'instance-77.1');
    const messageUuid = messageUuidOf('tenant-a', 'instance-77.1');
    expect(messageUuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(result).toEqual({ status: 'completed', output: { messageUuid, transactionId: messageUuid } });
    const call = fake.calls.at(-1)!;
    expect(call.clientCertificateSubject).toBe('kf-test-function-certificate');
    expect(call.fields).toEqual({
      messageUUID: messageUuid,
      label: 'Afgørelse om aktindsigt',
      senderID: '55133018',
      recipientID: '0101901234',
      recipientIdType: 'CPR',
      kombiValgKode: 'Digital Post',
      encodingFormat: 'text/plain',
      content: Buffer.from('Du har fået aktindsigt.').toString('base64'),
    });
    expect(call.body).toContain('<memo:mandatory>true</memo:mandatory>');
    // No `sts` settings: the function certificate alone authenticates.
    expect(call.headers['authorization']).toBeUndefined();
  });

  it('is the same letter on a retry: Digital Post recognises the messageUUID and nothing is sent twice', async () => {
    const first = await send(letter(FAKE_CPR.adult), 'instance-88.4');
    const retry = await send(letter(FAKE_CPR.adult), 'instance-88.4');
    expect(retry).toEqual(first);
    const uuid = messageUuidOf('tenant-a', 'instance-88.4');
    expect(fake.calls.filter((call) => call.fields['messageUUID'] === uuid)).toHaveLength(2);
    expect([...fake.letters.keys()].filter((key) => key === uuid)).toHaveLength(1);
    expect(messageUuidOf('tenant-b', 'instance-88.4')).not.toBe(uuid);
  });
});

describe('connector:digital-post with an STS: a holder-of-key access token on every letter', () => {
  const withSts = (extra: Record<string, unknown> = {}) => ({
    get endpoint() {
      return `${baseUrl}${SF1601_PATH}`;
    },
    sender: settings.sender,
    tls: settings.tls,
    get sts() {
      return { issueUrl: `${baseUrl}${STS_ISSUE_PATH}`, cvr: '55133018' };
    },
    ...extra,
  });
  let accessTokens: ServiceplatformenAccessTokens;
  let log: RecordingConnectorLogger;
  const sendWithSts = (idempotencyKey: string, tenantSettings = withSts()) =>
    runConnector(
      new ConnectorRegistry([createDigitalPostConnector({ accessTokens })]),
      'digital-post',
      letter(FAKE_CPR.adult),
      connectorTestContext({
        tenantId: 'aarhus-sts',
        connectorId: 'digital-post',
        settings: tenantSettings,
        secrets,
        idempotencyKey,
        log,
      }),
    );

  beforeAll(() => {
    fake.requireAccessToken = true;
  });
  afterAll(() => {
    fake.requireAccessToken = false;
  });
  beforeEach(() => {
    accessTokens = new ServiceplatformenAccessTokens();
    log = new RecordingConnectorLogger();
  });
  afterEach(() => accessTokens.close());

  it('gets a SAML token for SF1601 from the STS, exchanges it, and reuses the access token for the next letter', async () => {
    const samlBefore = fake.samlTokens.size;
    const accessBefore = fake.accessTokens.size;
    expect(await sendWithSts('sts-1.1')).toMatchObject({ status: 'completed' });
    expect(await sendWithSts('sts-1.2')).toMatchObject({ status: 'completed' });
    expect(fake.samlTokens.size).toBe(samlBefore + 1);
    expect(fake.accessTokens.size).toBe(accessBefore + 1);
    const [saml] = [...fake.samlTokens.values()].slice(-1);
    expect(saml).toMatchObject({ cvr: '55133018', appliesTo: SF1601_ENTITY_ID });
    const [token] = [...fake.accessTokens.keys()].slice(-1);
    const [first, second] = fake.calls.slice(-2);
    expect(first!.headers['authorization']).toBe(`Holder-of-key ${token}`);
    expect(second!.headers['authorization']).toBe(`Holder-of-key ${token}`);
    expect(log.text()).not.toContain(token!);
  });

  it('drops a token the service refuses (expired) and sends the letter once more with a fresh one', async () => {
    expect(await sendWithSts('sts-2.1')).toMatchObject({ status: 'completed' });
    fake.revokeAccessTokens();
    const samlBefore = fake.samlTokens.size;
    const callsBefore = fake.calls.length;
    expect(await sendWithSts('sts-2.2')).toMatchObject({ status: 'completed' });
    const [refused, accepted] = fake.calls.slice(callsBefore);
    expect(fake.calls.length - callsBefore).toBe(2);
    expect(refused!.headers['authorization']).not.toBe(accepted!.headers['authorization']);
    expect(fake.samlTokens.size).toBe(samlBefore + 1);
    expect(fake.letters.has(messageUuidOf('aarhus-sts', 'sts-2.2'))).toBe(true);
  });

  it('tries a refused token once only: a token for the wrong service is a permanent failure', async () => {
    const callsBefore = fake.calls.length;
    const result = await sendWithSts(
      'sts-3.1',
      withSts({ serviceEntityId: 'http://entityid.kombit.dk/service/other/1' }),
    );
    expect(result).toMatchObject({ status: 'failed', failure: expect.any(PermanentConnectorError) });
    expect(fake.calls.length - callsBefore).toBe(2);
  });

  it('without a token (no sts settings) the service that requires one refuses, and the letter is not sent', async () => {
    const result = await send(letter(FAKE_CPR.adult), 'sts-4.1');
    expect(result).toMatchObject({ status: 'failed' });
    expect(fake.letters.has(messageUuidOf('tenant-a', 'sts-4.1'))).toBe(false);
  });
});
