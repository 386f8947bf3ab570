import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  FAKE_CPR,
  FakeServiceplatformen,
  SF1601_PATH,
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
import { createDigitalPostConnector, DIGITAL_POST_REJECTED } from './digital-post.connector.js';
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
