import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { connectorTestContext } from '../conformance/connector-conformance.js';
import { PermanentConnectorError } from '../contract/connector-errors.js';
import { RecordingConnectorLogger } from '../contract/connector-logger.js';
import { EnvFileSecretResolver } from '../tenant/secret-resolver.js';
import { StsTokenService } from './sts-token-service.js';
import { makeTestCertificates, type TestCertificates } from '../../../../test/support/test-certificates.js';

/**
 * The STS token service against a loopback HTTPS server speaking SF1514's REST issue protocol with mutual TLS: it
 * checks the client certificate, that `UseKey` is that certificate, the CVR and `AppliesTo`, and issues a token
 * naming who asked (certificate, CVR, service) with a `Lifetime` in STS's `MM/DD/YYYY HH:MM:SS` form.
 */

const ISSUE_PATH = '/runtime/api/rest/wstrust/v1/issue';
const ORGANISATION = 'http://stoettesystemerne.dk/service/organisation/3';
const SDI = 'http://entityid.kombit.dk/service/sdi/1';

interface Issued {
  certificate: string;
  cvr: string;
  appliesTo: string;
}

let certificates: TestCertificates;
let server: Server;
let issueUrl: string;
const issued: Issued[] = [];
/** The clock both the STS and the service read, so expiry is tested without waiting. */
let clock = Date.UTC(2026, 0, 5, 9, 0, 0);
/** The token lifetime the STS grants. */
const LIFETIME_MS = 60 * 60_000;
/** The next answer's status instead of a token, when set. */
let refuseWith: number | undefined;

const pad = (value: number) => String(value).padStart(2, '0');
const stsDateTime = (ms: number) => {
  const d = new Date(ms);
  return `${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())}/${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
};

beforeAll(async () => {
  certificates = makeTestCertificates();
  const strangerCa = readFileSync(join(certificates.directory, 'kf-stranger-ca.crt'), 'utf8');
  server = createServer({
    key: certificates.serverKey,
    cert: certificates.serverCertificate,
    ca: [certificates.ca, strangerCa],
    requestCert: true,
    rejectUnauthorized: true,
  });
  server.on('request', (request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const answer = (status: number, body: unknown) => {
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(body));
      };
      if (request.method !== 'POST' || request.url !== ISSUE_PATH)
        return answer(404, { error: 'no such path' });
      const peer = (request.socket as TLSSocket).getPeerCertificate();
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
        AnvenderKontekst?: { Cvr?: string };
        UseKey?: string;
        AppliesTo?: { EndpointReference?: { Address?: string } };
        TokenType?: string;
        RequestType?: string;
      };
      const cvr = body.AnvenderKontekst?.Cvr;
      const appliesTo = body.AppliesTo?.EndpointReference?.Address;
      if (body.UseKey !== peer.raw.toString('base64'))
        return answer(400, { error: 'UseKey is not the client certificate' });
      if (!cvr || !appliesTo || !body.RequestType?.endsWith('/Issue'))
        return answer(400, { error: 'invalid request' });
      if (refuseWith !== undefined) return answer(refuseWith, { error: 'refused' });
      const certificate = String(peer.subject.CN);
      issued.push({ certificate, cvr, appliesTo });
      answer(200, {
        RequestedSecurityToken: {
          Assertion: `<saml:Assertion n="${issued.length}" cert="${certificate}" cvr="${cvr}" for="${appliesTo}"/>`,
        },
        Lifetime: stsDateTime(clock + LIFETIME_MS),
        TokenType: body.TokenType,
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issueUrl = `https://127.0.0.1:${(server.address() as AddressInfo).port}${ISSUE_PATH}`;
}, 30_000);

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
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

const newService = () => new StsTokenService({ now: () => clock, retryBaseMs: 1, retryMaxMs: 5 });

describe('StsTokenService (SF1514 REST issue over mutual TLS)', () => {
  it('issues a token for the CVR and the service, and caches it per service until shortly before expiry', async () => {
    const sts = newService();
    const aarhus = tenant('aarhus', '55133018', 'client');
    issued.length = 0;
    const first = await sts.token(aarhus.context, ORGANISATION);
    expect(first.token).toContain('cvr="55133018"');
    expect(first.token).toContain(`for="${ORGANISATION}"`);
    expect(first.expiresAt.getTime()).toBe(clock + LIFETIME_MS);
    expect(await sts.token(aarhus.context, ORGANISATION)).toEqual(first);
    const sdi = await sts.token(aarhus.context, SDI);
    expect(sdi.token).not.toBe(first.token);
    expect(issued).toEqual([
      { certificate: 'kf-test-function-certificate', cvr: '55133018', appliesTo: ORGANISATION },
      { certificate: 'kf-test-function-certificate', cvr: '55133018', appliesTo: SDI },
    ]);

    clock += LIFETIME_MS - 6 * 60_000; // still 6 minutes left: kept
    expect(await sts.token(aarhus.context, ORGANISATION)).toEqual(first);
    clock += 2 * 60_000; // 4 minutes left, inside the 5 minute margin: renewed
    const renewed = await sts.token(aarhus.context, ORGANISATION);
    expect(renewed.token).not.toBe(first.token);
    expect(issued).toHaveLength(3);

    const lines = JSON.stringify(aarhus.log.entries);
    expect(lines).not.toContain(renewed.token);
    expect(lines).not.toContain(certificates.clientCertificate.split('\n')[1]);
    sts.close();
  });

  it('issues a fresh token after the service answered "token expired" (invalidate)', async () => {
    const sts = newService();
    const odense = tenant('odense', '35209115', 'client');
    issued.length = 0;
    const first = await sts.token(odense.context, ORGANISATION);
    await sts.invalidate(odense.context, ORGANISATION);
    const fresh = await sts.token(odense.context, ORGANISATION);
    expect(fresh.token).not.toBe(first.token);
    expect(issued).toHaveLength(2);
    sts.close();
  });

  it('asks the STS once for calls that want the same token at the same moment', async () => {
    const sts = newService();
    const horsens = tenant('horsens', '29189129', 'client');
    issued.length = 0;
    const tokens = await Promise.all([1, 2, 3].map(() => sts.token(horsens.context, ORGANISATION)));
    expect(new Set(tokens.map((issuedToken) => issuedToken.token)).size).toBe(1);
    expect(issued).toHaveLength(1);
    sts.close();
  });

  it('never hands one tenant the token of another, even for the same service', async () => {
    const sts = newService();
    const aarhus = tenant('aarhus', '55133018', 'client');
    const vejle = tenant('vejle', '29189838', 'stranger');
    issued.length = 0;
    const [a, v] = await Promise.all([sts.token(aarhus.context, SDI), sts.token(vejle.context, SDI)]);
    expect(a.token).toContain('cert="kf-test-function-certificate" cvr="55133018"');
    expect(v.token).toContain('cert="kf-stranger" cvr="29189838"');
    expect(await sts.token(vejle.context, SDI)).toEqual(v);
    expect(await sts.token(aarhus.context, SDI)).toEqual(a);
    // A tenant with the same certificate but another id gets its own token too.
    const aarhusAgain = tenant('aarhus-2', '55133018', 'client');
    expect((await sts.token(aarhusAgain.context, SDI)).token).not.toBe(a.token);
    expect(issued.map((entry) => `${entry.certificate}/${entry.cvr}`).sort()).toEqual([
      'kf-stranger/29189838',
      'kf-test-function-certificate/55133018',
      'kf-test-function-certificate/55133018',
    ]);
    sts.close();
  });

  it('classifies a refusal as permanent and names what to check; a 503 as retryable', async () => {
    const sts = newService();
    const aarhus = tenant('aarhus-refused', '55133018', 'client');
    refuseWith = 400;
    try {
      const refused = await sts.token(aarhus.context, SDI).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(PermanentConnectorError);
      expect((refused as Error).message).toMatch(/refused a token .*check sts\.cvr/);
      refuseWith = 503;
      await expect(sts.token(aarhus.context, SDI)).rejects.toMatchObject({ name: 'RetryableConnectorError' });
    } finally {
      refuseWith = undefined;
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
