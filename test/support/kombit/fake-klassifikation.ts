import { childElement, childText, escapeXml, type XmlNode } from '#adapters';
import type { TestCertificates } from '../test-certificates.js';
import type { FakeStsSoap } from './fake-sts-soap.js';
import { startMtlsServer, type MtlsAnswer, type MtlsRequest } from './mtls-server.js';
import { checkHolderOfKeyRequest, soapFault, WsSecurityRefusal } from './ws-security-check.js';

/**
 * Test support: Klassifikation (SF1510) on loopback, with mutual TLS: the Klasse and Facet SOAP services
 * (`/klassifikation/klasse/6`, `/klassifikation/facet/6`) with the operations Soeg (by BrugervendtNoegleTekst, for
 * klasser optionally within a facet) and List (klasser by uuid), in the form `KlassifikationSoap` documents. It
 * checks a caller as KOMBIT's SOAP services do (OIO-IDWS): the envelope signed with the holder-of-key certificate
 * of the SAML assertion in its WS-Security header, that certificate the TLS client's, and the assertion one the
 * fake SOAP STS issued for Klassifikation's entity id to that certificate and not yet expired — else a
 * `wsse:` security fault ("token has expired" once it has). The `AuthorityContext/MunicipalityCVR` must be the
 * assertion's CVR (else StatusKode 49); an empty BrugervendtNoegleTekst is invalid input (StatusKode 40 naming the
 * field).
 */

export const FAKE_KLASSIFIKATION_PATH = '/klassifikation';
export const FAKE_KLASSIFIKATION_ENTITY_ID = 'http://stoettesystemerne.dk/service/klassifikation/5';

export interface FakeFacet {
  uuid: string;
  brugervendtnoegle: string;
}
export interface FakeKlasse {
  uuid: string;
  brugervendtnoegle: string;
  titel: string;
  facet: string;
}

export interface FakeKlassifikationData {
  facets: FakeFacet[];
  klasser: FakeKlasse[];
}

export interface FakeKlassifikationCall {
  readonly object: 'klasse' | 'facet';
  readonly operation: string;
  /** The CVR of the assertion the call came with. */
  readonly cvr: string;
  /** The subject CN of the certificate the assertion was issued to (and the TLS client's). */
  readonly certificate: string;
  readonly assertionId: string;
}

export interface FakeKlassifikationOptions {
  /** Klassifikation's entity id: assertions must be issued for it (default {@link FAKE_KLASSIFIKATION_ENTITY_ID}). */
  readonly entityId?: string;
  /** The clock the signature's Timestamp and the assertions' expiry are checked against (default `Date.now`). */
  readonly now?: () => number;
}

export interface FakeKlassifikation {
  /** The base URL for `klassifikation.url`. */
  readonly url: string;
  readonly entityId: string;
  readonly data: FakeKlassifikationData;
  /** The calls it answered (token accepted), in order. */
  readonly calls: FakeKlassifikationCall[];
  /** Why it refused a call's security (signature, assertion, expiry), in order. */
  readonly refusedTokens: string[];
  /** Makes every assertion issued so far count as expired here (the caller's cache may still hold it). */
  expireIssuedTokens(): void;
  close(): Promise<void>;
}

const soap = (body: string): string =>
  `<?xml version="1.0" encoding="UTF-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">` +
  `<soap:Body>${body}</soap:Body></soap:Envelope>`;

const xmlAnswer = (status: number, body: string): MtlsAnswer => ({
  status,
  body: soap(body),
  contentType: 'text/xml; charset=utf-8',
});

const standardRetur = (code: number, text = '') =>
  `<StandardRetur><StatusKode>${code}</StatusKode><FejlbeskedTekst>${escapeXml(text)}</FejlbeskedTekst></StandardRetur>`;

/** Starts Klassifikation's stand-in, trusting the assertions `sts` issues; `close()` it when done. */
export async function startFakeKlassifikation(
  certificates: TestCertificates,
  sts: FakeStsSoap,
  seed: FakeKlassifikationData = { facets: [], klasser: [] },
  options: FakeKlassifikationOptions = {},
): Promise<FakeKlassifikation> {
  const entityId = options.entityId ?? FAKE_KLASSIFIKATION_ENTITY_ID;
  const now = options.now ?? (() => Date.now());
  const calls: FakeKlassifikationCall[] = [];
  const refusedTokens: string[] = [];
  const expiredAssertions = new Set<string>();
  const securityFault = (code: string, why: string): MtlsAnswer => {
    refusedTokens.push(why);
    return {
      status: 500,
      body: soapFault(`wsse:${code}`, escapeXml(why)),
      contentType: 'text/xml; charset=utf-8',
    };
  };
  const handle = (request: MtlsRequest): MtlsAnswer => {
    const object = /^\/klassifikation\/(klasse|facet)\/6$/.exec(request.path)?.[1] as
      'klasse' | 'facet' | undefined;
    if (request.method !== 'POST' || !object) return { status: 404, body: 'no such service' };
    let checked;
    try {
      checked = checkHolderOfKeyRequest(
        request.body,
        Buffer.from(request.clientCertificate, 'base64'),
        now(),
      );
    } catch (error) {
      if (!(error instanceof WsSecurityRefusal)) throw error;
      return securityFault(error.faultCode, error.message);
    }
    const issue = sts.issued.find((candidate) => candidate.assertionId === checked.assertion.id);
    if (!issue) return securityFault('FailedAuthentication', 'The security token could not be authenticated');
    if (issue.appliesTo !== entityId || checked.assertion.audience !== entityId) {
      return securityFault('InvalidSecurityToken', `The token is for ${issue.appliesTo}`);
    }
    if (issue.certificate !== request.clientName) {
      return securityFault('FailedCheck', 'The token was issued to another certificate');
    }
    if (expiredAssertions.has(issue.assertionId) || !(issue.expiresAt.getTime() > now())) {
      return securityFault('FailedAuthentication', 'The security token has expired');
    }
    const body = checked.request.body;
    const soeg = childElement(body, 'SoegRequest');
    const list = childElement(body, 'ListRequest');
    const operation = soeg ? 'Soeg' : list ? 'List' : 'unknown';
    calls.push({
      object,
      operation,
      cvr: issue.cvr,
      certificate: issue.certificate,
      assertionId: issue.assertionId,
    });
    const cvr = childText(childElement(soeg ?? list, 'AuthorityContext'), 'MunicipalityCVR');
    if (cvr !== issue.cvr) {
      return xmlAnswer(
        200,
        `<${operation}Response><${operation}Output>${standardRetur(49, 'Ikke autoriseret')}</${operation}Output></${operation}Response>`,
      );
    }
    if (soeg) return xmlAnswer(200, soegAnswer(seed, object, soeg));
    if (list) return xmlAnswer(200, listAnswer(seed, list));
    return xmlAnswer(
      500,
      `<soap:Fault><faultcode>soap:Client</faultcode><faultstring>Unknown operation</faultstring></soap:Fault>`,
    );
  };
  const server = await startMtlsServer(certificates, handle);
  return {
    url: `${server.origin}${FAKE_KLASSIFIKATION_PATH}`,
    entityId,
    data: seed,
    calls,
    refusedTokens,
    expireIssuedTokens: () => {
      for (const issue of sts.issued) expiredAssertions.add(issue.assertionId);
    },
    close: () => server.close(),
  };
}

function soegAnswer(data: FakeKlassifikationData, object: 'klasse' | 'facet', request: XmlNode): string {
  const input = childElement(request, 'SoegInput');
  const bvn = childText(
    childElement(childElement(input, 'AttributListe'), 'Egenskab'),
    'BrugervendtNoegleTekst',
  );
  const facet = childText(
    childElement(childElement(childElement(input, 'RelationListe'), 'Facet'), 'ReferenceID'),
    'UUIDIdentifikator',
  );
  const output = (content: string) => `<SoegResponse><SoegOutput>${content}</SoegOutput></SoegResponse>`;
  if (!bvn) {
    return output(
      standardRetur(40, 'Fejl i input: SoegInput/AttributListe/Egenskab/BrugervendtNoegleTekst er tom'),
    );
  }
  const matches = (candidate: string) => candidate.toLowerCase() === bvn.toLowerCase();
  const uuids =
    object === 'facet'
      ? data.facets.filter((f) => matches(f.brugervendtnoegle)).map((f) => f.uuid)
      : data.klasser
          .filter((k) => matches(k.brugervendtnoegle) && (facet === undefined || k.facet === facet))
          .map((k) => k.uuid);
  if (uuids.length === 0) return output(standardRetur(44, 'Ikke fundet'));
  return output(
    `${standardRetur(20)}<IdListe>${uuids.map((uuid) => `<UUIDIdentifikator>${uuid}</UUIDIdentifikator>`).join('')}</IdListe>`,
  );
}

function listAnswer(data: FakeKlassifikationData, request: XmlNode): string {
  const input = childElement(request, 'ListInput');
  const value = input?.['UUIDIdentifikator'];
  const uuids = (Array.isArray(value) ? value : value === undefined ? [] : [value]).map(String);
  const snapshots = data.klasser
    .filter((klasse) => uuids.includes(klasse.uuid))
    .map(
      (klasse) =>
        `<FiltreretOejebliksbillede><ObjektType><UUIDIdentifikator>${klasse.uuid}</UUIDIdentifikator></ObjektType>` +
        `<Registrering><AttributListe><Egenskab><BrugervendtNoegleTekst>${escapeXml(klasse.brugervendtnoegle)}</BrugervendtNoegleTekst>` +
        `<TitelTekst>${escapeXml(klasse.titel)}</TitelTekst></Egenskab></AttributListe>` +
        `<RelationListe><Facet><ReferenceID><UUIDIdentifikator>${klasse.facet}</UUIDIdentifikator></ReferenceID></Facet></RelationListe>` +
        `</Registrering></FiltreretOejebliksbillede>`,
    )
    .join('');
  return `<ListResponse><ListOutput>${standardRetur(20)}${snapshots}</ListOutput></ListResponse>`;
}
