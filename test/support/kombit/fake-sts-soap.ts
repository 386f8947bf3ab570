/**
 * Test support: KOMBIT's security token service (SF1514), SOAP WS-Trust variant, on loopback — HTTPS with mutual TLS
 * (the function certificate), checking what the real one checks: the WS-Security signature made with the
 * BinarySecurityToken's certificate, that this certificate is the TLS client's and the `UseKey`, a WS-Trust Issue
 * for a SAML 2.0 holder-of-key token, an `AppliesTo` and the CVR claim. It answers a RequestSecurityTokenResponse
 * with an assertion naming the CVR (`dk:gov:saml:attribute:CvrNumberIdentifier`), the service (`Audience`) and the
 * certificate (holder-of-key), valid for a lifetime the test sets. It can refuse (a sender fault) or be down (503).
 */
import { randomUUID, X509Certificate } from 'node:crypto';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { CVR_CLAIM } from '#adapters';
import type { TestCertificates } from '../test-certificates.js';
import {
  certificateOfDer,
  checkWsSecurity,
  soapFault,
  WsSecurityRefusal,
  xmlPath,
  xmlText,
} from './ws-security-check.js';

export const FAKE_STS_SOAP_PATH = '/runtime/services/kombittrust/14/certificatemixed';
const SAML = 'urn:oasis:names:tc:SAML:2.0:assertion';
const HOLDER_OF_KEY = 'urn:oasis:names:tc:SAML:2.0:cm:holder-of-key';

/** One token the fake issued. */
export interface FakeStsSoapIssue {
  /** The function certificate's subject CN. */
  readonly certificate: string;
  readonly cvr: string;
  readonly appliesTo: string;
  readonly assertionId: string;
  readonly expiresAt: Date;
}

export interface FakeStsSoapOptions {
  /** The clock the fake issues against (default `Date.now`): tests move it instead of waiting. */
  readonly now?: () => number;
  /** How long an issued assertion is valid (default an hour). */
  readonly lifetimeMs?: number;
}

export interface FakeStsSoap {
  /** The issue endpoint, for `sts.soapIssueUrl`. */
  readonly url: string;
  /** Every token issued, in order. */
  readonly issued: FakeStsSoapIssue[];
  /** Requests refused (signature, certificate or content), with why. */
  readonly refused: string[];
  /** Sets the lifetime of the next assertions. */
  setLifetimeMs(ms: number): void;
  /** Makes every next request fail: `'refuse'` a sender fault (no agreement), `'unavailable'` a 503; undefined heals. */
  failWith(failure: 'refuse' | 'unavailable' | undefined): void;
  close(): Promise<void>;
}

/** Starts the fake on a free loopback port; it trusts the test CA and the stranger CA (two tenants' certificates). */
export async function startFakeStsSoap(
  certificates: TestCertificates,
  strangerCa: string,
  options: FakeStsSoapOptions = {},
): Promise<FakeStsSoap> {
  const now = options.now ?? (() => Date.now());
  let lifetimeMs = options.lifetimeMs ?? 60 * 60_000;
  let failure: 'refuse' | 'unavailable' | undefined;
  const issued: FakeStsSoapIssue[] = [];
  const refused: string[] = [];
  const server: Server = createServer({
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
      const answer = (status: number, xml: string) => {
        response.writeHead(status, { 'content-type': 'text/xml; charset=utf-8' });
        response.end(xml);
      };
      if (request.method !== 'POST' || request.url !== FAKE_STS_SOAP_PATH)
        return answer(404, 'no such service');
      if (failure === 'unavailable') return answer(503, 'down for maintenance');
      const peer = (request.socket as TLSSocket).getPeerX509Certificate();
      try {
        const checked = checkWsSecurity(
          Buffer.concat(chunks).toString('utf8'),
          ({ header }) => {
            const token = xmlText(header, 'Security', 'BinarySecurityToken');
            if (!token) throw new WsSecurityRefusal('no BinarySecurityToken', 'InvalidSecurityToken');
            const signer = certificateOfDer(token);
            if (!peer || !signer.raw.equals(peer.raw)) {
              throw new WsSecurityRefusal(
                'the signing certificate is not the TLS client certificate',
                'FailedCheck',
              );
            }
            return signer;
          },
          now(),
        );
        const rst = xmlPath(checked.body, 'RequestSecurityToken');
        const useKey = xmlText(rst, 'UseKey', 'BinarySecurityToken');
        const appliesTo = xmlText(rst, 'AppliesTo', 'EndpointReference', 'Address');
        const claim = xmlPath(rst, 'Claims', 'ClaimType');
        const cvr = xmlText(claim, '@Uri') === CVR_CLAIM ? xmlText(claim, 'Value') : undefined;
        const problems = [
          !xmlText(rst, 'RequestType')?.endsWith('/Issue') && 'RequestType must be Issue',
          !xmlText(rst, 'TokenType')?.endsWith('#SAMLV2.0') && 'TokenType must be SAML 2.0',
          !xmlText(rst, 'KeyType')?.endsWith('/PublicKey') && 'KeyType must be PublicKey',
          (!useKey || !certificateOfDer(useKey).raw.equals(peer!.raw)) &&
            'UseKey must be the function certificate',
          !appliesTo && 'AppliesTo is missing',
          !/^\d{8}$/.test(cvr ?? '') && 'the CVR claim (AnvenderKontekst) is missing',
        ].filter((problem): problem is string => typeof problem === 'string');
        if (problems.length > 0) {
          refused.push(problems.join('; '));
          return answer(500, soapFault('s:Client', problems.join('; ')));
        }
        if (failure === 'refuse') {
          refused.push('no service agreement');
          return answer(500, soapFault('s:Client', `No service agreement for CVR ${cvr} and ${appliesTo}`));
        }
        const issue: FakeStsSoapIssue = {
          certificate: String(peer!.subject.match(/CN=([^\n]+)/)?.[1] ?? ''),
          cvr: cvr!,
          appliesTo: appliesTo!,
          assertionId: `_${randomUUID()}`,
          expiresAt: new Date(now() + lifetimeMs),
        };
        issued.push(issue);
        answer(200, tokenResponse(issue, peer!, new Date(now())));
      } catch (error) {
        if (!(error instanceof WsSecurityRefusal)) throw error;
        refused.push(error.message);
        answer(500, soapFault(`wsse:${error.faultCode}`, error.message));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `https://127.0.0.1:${(server.address() as AddressInfo).port}${FAKE_STS_SOAP_PATH}`,
    issued,
    refused,
    setLifetimeMs: (ms) => {
      lifetimeMs = ms;
    },
    failWith: (next) => {
      failure = next;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/**
 * The RSTR: the `saml` prefix is declared on the collection, not on the assertion, as some STSs answer — the
 * client must make the assertion self-contained before it passes it on.
 */
function tokenResponse(issue: FakeStsSoapIssue, holder: X509Certificate, now: Date): string {
  const assertion =
    `<saml:Assertion ID="${issue.assertionId}" IssueInstant="${now.toISOString()}" Version="2.0">` +
    `<saml:Issuer>https://fake-sts.kombit.test</saml:Issuer>` +
    `<saml:Subject><saml:NameID>C=DK,O=${issue.cvr},CN=${issue.certificate}</saml:NameID>` +
    `<saml:SubjectConfirmation Method="${HOLDER_OF_KEY}"><saml:SubjectConfirmationData>` +
    `<ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:X509Data><ds:X509Certificate>${holder.raw.toString('base64')}</ds:X509Certificate></ds:X509Data></ds:KeyInfo>` +
    `</saml:SubjectConfirmationData></saml:SubjectConfirmation></saml:Subject>` +
    `<saml:Conditions NotBefore="${now.toISOString()}" NotOnOrAfter="${issue.expiresAt.toISOString()}">` +
    `<saml:AudienceRestriction><saml:Audience>${issue.appliesTo}</saml:Audience></saml:AudienceRestriction></saml:Conditions>` +
    `<saml:AttributeStatement><saml:Attribute Name="${CVR_CLAIM}"><saml:AttributeValue>${issue.cvr}</saml:AttributeValue></saml:Attribute></saml:AttributeStatement>` +
    `</saml:Assertion>`;
  return (
    `<?xml version="1.0" encoding="UTF-8"?><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>` +
    `<wst:RequestSecurityTokenResponseCollection xmlns:wst="http://docs.oasis-open.org/ws-sx/ws-trust/200512" xmlns:saml="${SAML}" xmlns:wsu="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd">` +
    `<wst:RequestSecurityTokenResponse><wst:TokenType>http://docs.oasis-open.org/wss/oasis-wss-saml-token-profile-1.1#SAMLV2.0</wst:TokenType>` +
    `<wst:RequestedSecurityToken>${assertion}</wst:RequestedSecurityToken>` +
    `<wst:Lifetime><wsu:Created>${now.toISOString()}</wsu:Created><wsu:Expires>${issue.expiresAt.toISOString()}</wsu:Expires></wst:Lifetime>` +
    `</wst:RequestSecurityTokenResponse></wst:RequestSecurityTokenResponseCollection></s:Body></s:Envelope>`
  );
}
