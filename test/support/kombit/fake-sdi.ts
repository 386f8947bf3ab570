/**
 * Test support: Sags- og Dokumentindeks (SF1470) on loopback — HTTPS with mutual TLS, SOAP 1.1, checking what the
 * real service checks of a caller: a WS-Security signature made with the holder-of-key certificate of the SAML
 * assertion in the header, that this certificate is the TLS client's, that the assertion was issued for SDI's entity
 * id (`Audience`) and has not expired, and the CVR it names — whose index the call reads and writes (entries are
 * kept per CVR). It validates required fields with SDI-style faults (a Client fault with StandardRetur 40 naming the
 * field), can answer "token expired" once and be down (503).
 */
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import type { XmlNode } from '#adapters';
import type { TestCertificates } from '../test-certificates.js';
import {
  checkHolderOfKeyRequest,
  soapFault,
  WsSecurityRefusal,
  xmlPath,
  xmlText,
} from './ws-security-check.js';

export const FAKE_SDI_PATH = '/sagdokumentindeks/6';
const OIO = 'urn:oio:sagdok:3.0.0';

/** A case index entry as the fake holds it. */
export interface FakeSdiSag {
  readonly uuid: string;
  readonly sagsnummer: string;
  readonly titel: string;
  readonly primaerklasse: string;
  readonly handlingsklasse: string;
  readonly ansvarlig: string;
  readonly primaerpart: string;
  /** 1 when imported, +1 per Opdater. */
  readonly version: number;
}

export interface FakeSdiDokument {
  readonly uuid: string;
  readonly titel: string;
  readonly sagUuid: string;
}

/** One call the fake answered (or refused). */
export interface FakeSdiCall {
  readonly operation: string;
  readonly cvr: string | undefined;
  readonly assertionId: string | undefined;
  readonly outcome: 'ok' | 'expired' | 'refused' | 'invalid' | 'unavailable';
}

export interface FakeSdiOptions {
  /** SDI's entity id: assertions must name it as their Audience. */
  readonly entityId: string;
  /** The clock assertions are checked against (default `Date.now`). */
  readonly now?: () => number;
}

export interface FakeSdi {
  readonly url: string;
  readonly calls: FakeSdiCall[];
  /** The index of one CVR (municipality). */
  entriesOf(cvr: string): { sager: FakeSdiSag[]; dokumenter: FakeSdiDokument[] };
  /** The next call is answered "token expired" (a FailedAuthentication fault), once. */
  expireNextToken(): void;
  /** The next `count` calls are answered 503. */
  failNext(count: number): void;
  close(): Promise<void>;
}

interface Index {
  readonly sager: Map<string, FakeSdiSag>;
  readonly dokumenter: Map<string, FakeSdiDokument>;
}

class Invalid extends Error {}

export async function startFakeSdi(
  certificates: TestCertificates,
  strangerCa: string,
  options: FakeSdiOptions,
): Promise<FakeSdi> {
  const now = options.now ?? (() => Date.now());
  const indexes = new Map<string, Index>();
  const calls: FakeSdiCall[] = [];
  let expireNext = false;
  let failures = 0;
  const indexOf = (cvr: string): Index => {
    let index = indexes.get(cvr);
    if (!index) indexes.set(cvr, (index = { sager: new Map(), dokumenter: new Map() }));
    return index;
  };
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
      if (request.method !== 'POST' || request.url !== FAKE_SDI_PATH) return answer(404, 'no such service');
      const operation =
        String(request.headers['soapaction'] ?? '')
          .replace(/"/g, '')
          .split('/')
          .pop() ?? '';
      if (failures > 0) {
        failures -= 1;
        calls.push({ operation, cvr: undefined, assertionId: undefined, outcome: 'unavailable' });
        return answer(503, 'unavailable');
      }
      const peer = (request.socket as TLSSocket).getPeerX509Certificate();
      try {
        const { request: checked, assertion } = checkHolderOfKeyRequest(
          Buffer.concat(chunks).toString('utf8'),
          peer?.raw,
          now(),
        );
        const { cvr, audience, notOnOrAfter, id: assertionId } = assertion;
        if (audience !== options.entityId || !cvr) {
          calls.push({ operation, cvr, assertionId, outcome: 'refused' });
          return answer(
            500,
            soapFault('wsse:InvalidSecurityToken', `The token was not issued for ${options.entityId}`),
          );
        }
        if (expireNext || !(notOnOrAfter > now())) {
          expireNext = false;
          calls.push({ operation, cvr, assertionId, outcome: 'expired' });
          return answer(500, soapFault('wsse:FailedAuthentication', 'The security token has expired'));
        }
        try {
          const output = handle(indexOf(cvr), checked.body ?? {});
          calls.push({ operation, cvr, assertionId, outcome: 'ok' });
          answer(200, envelope(output));
        } catch (error) {
          if (!(error instanceof Invalid)) throw error;
          calls.push({ operation, cvr, assertionId, outcome: 'invalid' });
          answer(
            500,
            soapFault('s:Client', `Ugyldigt input: ${error.message}`, standardRetur('40', error.message)),
          );
        }
      } catch (error) {
        if (!(error instanceof WsSecurityRefusal)) throw error;
        calls.push({ operation, cvr: undefined, assertionId: undefined, outcome: 'refused' });
        answer(500, soapFault(`wsse:${error.faultCode}`, error.message));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `https://127.0.0.1:${(server.address() as AddressInfo).port}${FAKE_SDI_PATH}`,
    calls,
    entriesOf: (cvr) => {
      const index = indexOf(cvr);
      return { sager: [...index.sager.values()], dokumenter: [...index.dokumenter.values()] };
    },
    expireNextToken: () => {
      expireNext = true;
    },
    failNext: (count) => {
      failures = count;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

function handle(index: Index, body: XmlNode): string {
  const fremsoeg = xmlPath(body, 'FremsoegSagDokumentIndeksInput');
  if (fremsoeg) return fremsoegOutput(index, fremsoeg);
  const importer = xmlPath(body, 'ImporterSagDokumentIndeksInput');
  if (importer && xmlPath(importer, 'SagIndeks')) {
    const sag = sagOf(xmlPath(importer, 'SagIndeks')!, 1);
    if (index.sager.has(sag.uuid)) throw new Invalid(`Sag ${sag.uuid} findes allerede; brug Opdater`);
    index.sager.set(sag.uuid, sag);
    return output('ImporterSagDokumentIndeksOutput');
  }
  if (importer && xmlPath(importer, 'DokumentIndeks')) {
    const dokument = xmlPath(importer, 'DokumentIndeks')!;
    const uuid = required(xmlText(dokument, 'UUIDIdentifikator'), 'UUIDIdentifikator');
    const titel = required(
      xmlText(dokument, 'Registrering', 'AttributListe', 'Egenskaber', 'Titel'),
      'Titel',
    );
    const sagUuid = required(
      xmlText(dokument, 'Registrering', 'RelationListe', 'Sag', 'ReferenceID', 'UUIDIdentifikator'),
      'Sag',
    );
    if (!index.sager.has(sagUuid)) throw new Invalid(`Sagen ${sagUuid} findes ikke i indekset`);
    if (index.dokumenter.has(uuid)) throw new Invalid(`Dokument ${uuid} findes allerede`);
    index.dokumenter.set(uuid, { uuid, titel, sagUuid });
    return output('ImporterSagDokumentIndeksOutput');
  }
  const opdater = xmlPath(body, 'OpdaterSagDokumentIndeksInput', 'OpdaterSagIndeks');
  if (opdater) {
    const uuid = required(xmlText(opdater, 'UUIDIdentifikator'), 'UUIDIdentifikator');
    const existing = index.sager.get(uuid);
    if (!existing) return output('OpdaterSagDokumentIndeksOutput', '44', `Sag ${uuid} findes ikke`);
    index.sager.set(uuid, sagOf(opdater, existing.version + 1));
    return output('OpdaterSagDokumentIndeksOutput');
  }
  throw new Invalid('Ukendt operation');
}

function required(value: string | undefined, field: string): string {
  if (value === undefined || value.trim() === '') throw new Invalid(`Feltet ${field} mangler`);
  return value;
}

/** The relation in `list` named `element` whose role ends with `:role`, by its reference (uuid or urn). */
function relationReference(list: XmlNode | undefined, element: string, role: string): string | undefined {
  const value = list?.[element];
  const relations = (Array.isArray(value) ? value : value === undefined ? [] : [value]) as XmlNode[];
  const found = relations.find((relation) =>
    (
      xmlText(relation, 'Rolle', 'URNIdentifikator') ??
      xmlText(relation, 'Rolle', 'UUIDIdentifikator') ??
      ''
    ).endsWith(`:${role}`),
  );
  return found
    ? (xmlText(found, 'ReferenceID', 'UUIDIdentifikator') ??
        xmlText(found, 'ReferenceID', 'URNIdentifikator'))
    : undefined;
}

function sagOf(sag: XmlNode, version: number): FakeSdiSag {
  const egenskaber = xmlPath(sag, 'Registrering', 'AttributListe', 'Egenskaber');
  const relations = xmlPath(sag, 'Registrering', 'RelationListe');
  return {
    uuid: required(xmlText(sag, 'UUIDIdentifikator'), 'UUIDIdentifikator'),
    sagsnummer: required(xmlText(egenskaber, 'Sagsnummer'), 'Sagsnummer'),
    titel: required(xmlText(egenskaber, 'Titel'), 'Titel'),
    primaerklasse: required(relationReference(relations, 'Sagsklasse', 'primaerklasse'), 'Primaerklasse'),
    handlingsklasse: required(
      relationReference(relations, 'Sagsklasse', 'handlingsklasse'),
      'Handlingsklasse',
    ),
    ansvarlig: required(relationReference(relations, 'Sagsaktoer', 'ansvarlig'), 'Ansvarlig'),
    primaerpart: required(relationReference(relations, 'Sagspart', 'primaerpart'), 'Primaerpart'),
    version,
  };
}

function fremsoegOutput(index: Index, input: XmlNode): string {
  const sagUuid = xmlText(input, 'SagUuid');
  const dokumentUuid = xmlText(input, 'DokumentUuid');
  const sag = sagUuid === undefined ? undefined : index.sager.get(sagUuid);
  const dokument = dokumentUuid === undefined ? undefined : index.dokumenter.get(dokumentUuid);
  const found = sag
    ? `<sag:SagFiltreretOejebliksbillede xmlns:sag="urn:oio:sts:sagdok:sag:6"><sag:Registrering><sag:AttributListe><sag:Egenskaber>` +
      `<sag:Sagsnummer>${sag.sagsnummer}</sag:Sagsnummer><sag:Titel>${sag.titel}</sag:Titel>` +
      `</sag:Egenskaber></sag:AttributListe></sag:Registrering></sag:SagFiltreretOejebliksbillede>`
    : dokument
      ? `<dok:DokumentFiltreretOejebliksbillede xmlns:dok="urn:oio:sts:sagdok:dokument:6"><dok:Registrering><dok:RelationListe>` +
        `<dok:Sag><oio:ReferenceID xmlns:oio="${OIO}"><oio:UUIDIdentifikator>${dokument.sagUuid}</oio:UUIDIdentifikator></oio:ReferenceID></dok:Sag>` +
        `</dok:RelationListe></dok:Registrering></dok:DokumentFiltreretOejebliksbillede>`
      : '';
  return output(
    'FremsoegSagDokumentIndeksOutput',
    '20',
    '',
    `<sdi:Antal>${found ? 1 : 0}</sdi:Antal>${found}`,
  );
}

function standardRetur(statusKode: string, text: string): string {
  return `<oio:StandardRetur xmlns:oio="${OIO}"><oio:StatusKode>${statusKode}</oio:StatusKode><oio:FejlbeskedTekst>${text}</oio:FejlbeskedTekst></oio:StandardRetur>`;
}

function output(name: string, statusKode = '20', text = '', content = ''): string {
  return `<sdi:${name} xmlns:sdi="http://stoettesystemerne.dk/service/sagdokumentindeks/6/">${standardRetur(statusKode, text)}${content}</sdi:${name}>`;
}

function envelope(payload: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>${payload}</s:Body></s:Envelope>`;
}
