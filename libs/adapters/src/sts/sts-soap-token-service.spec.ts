import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { connectorTestContext } from '../conformance/connector-conformance.js';
import { PermanentConnectorError, RetryableConnectorError } from '../contract/connector-errors.js';
import { RecordingConnectorLogger } from '../contract/connector-logger.js';
import { EnvFileSecretResolver } from '../tenant/secret-resolver.js';
import { StsSoapTokenService } from './sts-soap-token-service.js';
import { makeTestCertificates, type TestCertificates } from '../../../../test/support/test-certificates.js';
import { startFakeStsSoap, type FakeStsSoap } from '../../../../test/support/kombit/fake-sts-soap.js';

/**
 * SF1514's SOAP WS-Trust variant against a loopback STS that checks the WS-Security signature, the certificate (TLS,
 * signer and UseKey alike), the Issue request and the CVR claim, and answers holder-of-key SAML assertions.
 */

const SDI = 'http://stoettesystemerne.dk/service/sagdokumentindeks/6';
const ORGANISATION = 'http://stoettesystemerne.dk/service/organisation/3';
const LIFETIME_MS = 60 * 60_000;

let certificates: TestCertificates;
let sts: FakeStsSoap;
let clock = Date.UTC(2026, 0, 5, 9, 0, 0);

beforeAll(async () => {
  certificates = makeTestCertificates();
  const strangerCa = readFileSync(join(certificates.directory, 'kf-stranger-ca.crt'), 'utf8');
  sts = await startFakeStsSoap(certificates, strangerCa, { now: () => clock, lifetimeMs: LIFETIME_MS });
}, 30_000);

afterAll(async () => {
  await sts.close();
  certificates.remove();
});

function tenant(id: string, cvr: string, certificate: 'client' | 'stranger') {
  const log = new RecordingConnectorLogger();
  const context = connectorTestContext({
    tenantId: id,
    connectorId: 'backbone',
    settings: {
      sts: { soapIssueUrl: sts.url, cvr },
      tls: {
        certificate: { secretRef: 'env:CERT' },
        privateKey: { secretRef: 'env:KEY' },
        ca: { secretRef: 'env:CA' },
      },
    },
    secrets: new EnvFileSecretResolver({
      env: {
        CERT: certificate === 'client' ? certificates.clientCertificate : certificates.strangerCertificate,
        KEY: certificate === 'client' ? certificates.clientKey : certificates.strangerKey,
        CA: certificates.ca,
      },
    }),
    now: () => new Date(clock),
    log,
  });
  return { context, log };
}

const newService = () => new StsSoapTokenService({ now: () => clock });

describe('StsSoapTokenService (SF1514 WS-Trust over mutual TLS, WS-Security signed)', () => {
  it('issues a holder-of-key assertion for the CVR and the service, cached per service until shortly before expiry', async () => {
    const service = newService();
    const aarhus = tenant('aarhus', '55133018', 'client');
    sts.issued.length = 0;
    const first = await service.token(aarhus.context, SDI);
    expect(first.token).toMatch(/^<saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_/);
    expect(first.token).toContain(`<saml:Audience>${SDI}</saml:Audience>`);
    expect(first.token).toContain('<saml:AttributeValue>55133018</saml:AttributeValue>');
    expect(first.expiresAt.getTime()).toBe(clock + LIFETIME_MS);
    expect(await service.token(aarhus.context, SDI)).toEqual(first);
    expect((await service.token(aarhus.context, ORGANISATION)).token).not.toBe(first.token);
    expect(sts.issued.map(({ certificate, cvr, appliesTo }) => ({ certificate, cvr, appliesTo }))).toEqual([
      { certificate: 'kf-test-function-certificate', cvr: '55133018', appliesTo: SDI },
      { certificate: 'kf-test-function-certificate', cvr: '55133018', appliesTo: ORGANISATION },
    ]);

    clock += LIFETIME_MS - 6 * 60_000; // 6 minutes left: kept
    expect(await service.token(aarhus.context, SDI)).toEqual(first);
    clock += 2 * 60_000; // 4 minutes left, inside the 5 minute margin: renewed
    const renewed = await service.token(aarhus.context, SDI);
    expect(renewed.token).not.toBe(first.token);
    expect(sts.issued).toHaveLength(3);
    expect(sts.refused).toEqual([]);

    const lines = JSON.stringify(aarhus.log.entries);
    expect(lines).not.toContain(renewed.token);
    expect(lines).not.toContain(certificates.clientKey.split('\n')[1]);
  });

  it('issues a fresh assertion after invalidate, and one request for simultaneous callers', async () => {
    const service = newService();
    const odense = tenant('odense', '35209115', 'client');
    sts.issued.length = 0;
    const together = await Promise.all([1, 2, 3].map(() => service.token(odense.context, SDI)));
    expect(new Set(together.map((token) => token.token)).size).toBe(1);
    await service.invalidate(odense.context, SDI);
    expect((await service.token(odense.context, SDI)).token).not.toBe(together[0]!.token);
    expect(sts.issued).toHaveLength(2);
  });

  it('never hands one tenant the assertion of another', async () => {
    const service = newService();
    const aarhus = tenant('aarhus', '55133018', 'client');
    const vejle = tenant('vejle', '29189838', 'stranger');
    sts.issued.length = 0;
    const [a, v] = await Promise.all([service.token(aarhus.context, SDI), service.token(vejle.context, SDI)]);
    expect(a.token).toContain('<saml:AttributeValue>55133018</saml:AttributeValue>');
    expect(v.token).toContain('<saml:AttributeValue>29189838</saml:AttributeValue>');
    expect(v.token).toContain('CN=kf-stranger<');
    expect(await service.token(vejle.context, SDI)).toEqual(v);
    expect(await service.token(aarhus.context, SDI)).toEqual(a);
    expect((await service.token(tenant('aarhus-2', '55133018', 'client').context, SDI)).token).not.toBe(
      a.token,
    );
    expect(sts.issued).toHaveLength(3);
  });

  it('classifies a refusal as permanent, naming what to check, and a 503 as retryable', async () => {
    const service = newService();
    const aarhus = tenant('aarhus-refused', '55133018', 'client');
    try {
      sts.failWith('refuse');
      const refused = await service.token(aarhus.context, SDI).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(PermanentConnectorError);
      expect((refused as Error).message).toMatch(/refused a token .*check sts\.cvr/);
      sts.failWith('unavailable');
      await expect(service.token(aarhus.context, SDI)).rejects.toBeInstanceOf(RetryableConnectorError);
    } finally {
      sts.failWith(undefined);
    }
  });

  it('refuses settings without soapIssueUrl or a PEM function certificate, naming the field', async () => {
    const service = newService();
    const noUrl = connectorTestContext({ tenantId: 'x', settings: { sts: { cvr: '12345678' } } });
    await expect(service.token(noUrl, SDI)).rejects.toThrow(/sts\.soapIssueUrl is missing/);
    const badCvr = connectorTestContext({
      tenantId: 'x',
      settings: { sts: { soapIssueUrl: sts.url, cvr: '1' } },
    });
    await expect(service.token(badCvr, SDI)).rejects.toThrow(/sts\.cvr/);
    const noCertificate = connectorTestContext({
      tenantId: 'x',
      settings: { sts: { soapIssueUrl: sts.url, cvr: '12345678' } },
    });
    await expect(service.token(noCertificate, SDI)).rejects.toThrow(/tls\.certificate/);
  });
});
