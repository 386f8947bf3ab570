import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { connectorTestContext } from '../conformance/connector-conformance.js';
import { PermanentConnectorError } from '../contract/connector-errors.js';
import { RecordingConnectorLogger } from '../contract/connector-logger.js';
import { EnvFileSecretResolver } from '../tenant/secret-resolver.js';
import { StsTokenService } from './sts-token-service.js';
import { makeTestCertificates, type TestCertificates } from '../../../../test/support/test-certificates.js';
import { startFakeSts, type FakeSts } from '../../../../test/support/kombit/fake-sts.js';

/**
 * The STS token service against a loopback HTTPS server speaking SF1514's REST issue protocol with mutual TLS
 * (test/support/kombit/fake-sts.ts): it checks the client certificate, that `UseKey` is that certificate, the CVR
 * and `AppliesTo`, and issues a token naming who asked (certificate, CVR, service) with a `Lifetime` in STS's
 * `MM/DD/YYYY HH:MM:SS` form.
 */

const ORGANISATION = 'http://stoettesystemerne.dk/service/organisation/3';
const SDI = 'http://entityid.kombit.dk/service/sdi/1';

let certificates: TestCertificates;
let fakeSts: FakeSts;
let issueUrl: string;
/** The token lifetime the STS grants. */
const LIFETIME_MS = 60 * 60_000;

beforeAll(async () => {
  certificates = makeTestCertificates();
  fakeSts = await startFakeSts(certificates, { lifetimeMs: LIFETIME_MS });
  issueUrl = fakeSts.issueUrl;
}, 30_000);

afterAll(async () => {
  await fakeSts.close();
  certificates.remove();
});

/** A tenant's call context: its CVR and its function certificate (ours, or the one from the other CA). */
function tenant(id: string, cvr: string, certificate: 'client' | 'stranger') {
  const log = new RecordingConnectorLogger();
  const context = connectorTestContext({
    tenantId: id,
    connectorId: 'kombit',
    settings: {
      sts: { issueUrl, cvr },
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
    log,
  });
  return { context, log };
}

const newService = () => new StsTokenService({ now: () => fakeSts.clock, retryBaseMs: 1, retryMaxMs: 5 });

describe('StsTokenService (SF1514 REST issue over mutual TLS)', () => {
  it('issues a token for the CVR and the service, and caches it per service until shortly before expiry', async () => {
    const sts = newService();
    const aarhus = tenant('aarhus', '55133018', 'client');
    fakeSts.issued.length = 0;
    const first = await sts.token(aarhus.context, ORGANISATION);
    expect(first.token).toContain('cvr="55133018"');
    expect(first.token).toContain(`for="${ORGANISATION}"`);
    expect(first.expiresAt.getTime()).toBe(fakeSts.clock + LIFETIME_MS);
    expect(await sts.token(aarhus.context, ORGANISATION)).toEqual(first);
    const sdi = await sts.token(aarhus.context, SDI);
    expect(sdi.token).not.toBe(first.token);
    expect(
      fakeSts.issued.map(({ certificate, cvr, appliesTo }) => ({ certificate, cvr, appliesTo })),
    ).toEqual([
      { certificate: 'kf-test-function-certificate', cvr: '55133018', appliesTo: ORGANISATION },
      { certificate: 'kf-test-function-certificate', cvr: '55133018', appliesTo: SDI },
    ]);

    fakeSts.clock += LIFETIME_MS - 6 * 60_000; // still 6 minutes left: kept
    expect(await sts.token(aarhus.context, ORGANISATION)).toEqual(first);
    fakeSts.clock += 2 * 60_000; // 4 minutes left, inside the 5 minute margin: renewed
    const renewed = await sts.token(aarhus.context, ORGANISATION);
    expect(renewed.token).not.toBe(first.token);
    expect(fakeSts.issued).toHaveLength(3);

    const lines = JSON.stringify(aarhus.log.entries);
    expect(lines).not.toContain(renewed.token);
    expect(lines).not.toContain(certificates.clientCertificate.split('\n')[1]);
    sts.close();
  });

  it('issues a fresh token after the service answered "token expired" (invalidate)', async () => {
    const sts = newService();
    const odense = tenant('odense', '35209115', 'client');
    fakeSts.issued.length = 0;
    const first = await sts.token(odense.context, ORGANISATION);
    await sts.invalidate(odense.context, ORGANISATION);
    const fresh = await sts.token(odense.context, ORGANISATION);
    expect(fresh.token).not.toBe(first.token);
    expect(fakeSts.issued).toHaveLength(2);
    sts.close();
  });

  it('asks the STS once for calls that want the same token at the same moment', async () => {
    const sts = newService();
    const horsens = tenant('horsens', '29189129', 'client');
    fakeSts.issued.length = 0;
    const tokens = await Promise.all([1, 2, 3].map(() => sts.token(horsens.context, ORGANISATION)));
    expect(new Set(tokens.map((issuedToken) => issuedToken.token)).size).toBe(1);
    expect(fakeSts.issued).toHaveLength(1);
    sts.close();
  });

  it('never hands one tenant the token of another, even for the same service', async () => {
    const sts = newService();
    const aarhus = tenant('aarhus', '55133018', 'client');
    const vejle = tenant('vejle', '29189838', 'stranger');
    fakeSts.issued.length = 0;
    const [a, v] = await Promise.all([sts.token(aarhus.context, SDI), sts.token(vejle.context, SDI)]);
    expect(a.token).toContain('cert="kf-test-function-certificate" cvr="55133018"');
    expect(v.token).toContain('cert="kf-stranger" cvr="29189838"');
    expect(await sts.token(vejle.context, SDI)).toEqual(v);
    expect(await sts.token(aarhus.context, SDI)).toEqual(a);
    // A tenant with the same certificate but another id gets its own token too.
    const aarhusAgain = tenant('aarhus-2', '55133018', 'client');
    expect((await sts.token(aarhusAgain.context, SDI)).token).not.toBe(a.token);
    expect(fakeSts.issued.map((entry) => `${entry.certificate}/${entry.cvr}`).sort()).toEqual([
      'kf-stranger/29189838',
      'kf-test-function-certificate/55133018',
      'kf-test-function-certificate/55133018',
    ]);
    sts.close();
  });

  it('classifies a refusal as permanent and names what to check; a 503 as retryable', async () => {
    const sts = newService();
    const aarhus = tenant('aarhus-refused', '55133018', 'client');
    fakeSts.refuseWith = 400;
    try {
      const refused = await sts.token(aarhus.context, SDI).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(PermanentConnectorError);
      expect((refused as Error).message).toMatch(/refused a token .*check sts\.cvr/);
      fakeSts.refuseWith = 503;
      await expect(sts.token(aarhus.context, SDI)).rejects.toMatchObject({ name: 'RetryableConnectorError' });
    } finally {
      fakeSts.refuseWith = undefined;
      sts.close();
    }
  });

  it('refuses settings without a CVR or a PEM function certificate, naming the field', async () => {
    const sts = newService();
    const context = connectorTestContext({
      tenantId: 'misconfigured',
      settings: { sts: { issueUrl, cvr: '123' } },
    });
    await expect(sts.token(context, SDI)).rejects.toThrow(/sts\.cvr/);
    const noCertificate = connectorTestContext({
      tenantId: 'misconfigured',
      settings: { sts: { issueUrl, cvr: '12345678' } },
    });
    await expect(sts.token(noCertificate, SDI)).rejects.toThrow(/tls\.certificate/);
    sts.close();
  });
});
