/**
 * Test support: a local HTTPS server on loopback that speaks Serviceplatformen's SF1520 (PersonBaseDataExtended,
 * SOAP 1.1 PersonLookup) and SF1601 (KombiPostAfsend, a MeMo `kombi_request`) with mutual TLS, as the real services
 * answer: a person record, a ServiceplatformFault for an unknown or malformed PNR, 503s, and a 409 for a messageUUID
 * it already has. Some CPR numbers make it misbehave (see {@link FAKE_CPR}).
 *
 * It also plays KOMBIT's STS (SF1514's REST issue, {@link STS_ISSUE_PATH}) and Serviceplatformen's AccessTokenService
 * ({@link ACCESS_TOKEN_PATH}), holder-of-key as the real ones: a SAML token is issued only for the client
 * certificate named in `UseKey`, exchanged only by that certificate, and with {@link requireAccessToken} SF1601
 * takes a letter only with `Authorization: Holder-of-key <access token>` of that certificate, for SF1601's entity id,
 * not revoked ({@link revokeAccessTokens} plays their expiry).
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { XMLParser } from 'fast-xml-parser';
import type { TestCertificates } from '../test-certificates.js';

/** CPR numbers with a meaning to the fake (all made up). */
export const FAKE_CPR = {
  /** A child under guardianship, with parental authority and a protected address. */
  child: '0101151234',
  /** An adult with everything filled in. */
  adult: '0202801235',
  /** No such person: a ServiceplatformFault "PNR not found". */
  unknown: '0303031236',
  /** The service is down: 503 with Retry-After. */
  unavailable: '0404041237',
  /** The answer never comes (until the client gives up). */
  slow: '0505051238',
  /** Refused as malformed: a Client fault naming the PNR. */
  refused: '0606061239',
} as const;

export const SF1520_PATH = '/service/CPR/PersonBaseDataExtended/4';
export const SF1601_PATH = '/service/KombiPostAfsend_1/kombi';
export const STS_ISSUE_PATH = '/runtime/api/rest/wstrust/v1/issue';
export const ACCESS_TOKEN_PATH = '/service/AccessTokenService_1/token';
const SF1601_ENTITY_ID = 'http://entityid.kombit.dk/service/kombipostafsend/1';

/** A SAML token the fake STS issued: for which certificate (its DER's SHA-256), CVR and service. */
export interface FakeSamlToken {
  readonly certificate: string;
  readonly cvr: string;
  readonly appliesTo: string;
}

/** An access token the fake AccessTokenService handed out, and the SAML token it was exchanged for. */
export interface FakeAccessToken extends FakeSamlToken {
  revoked: boolean;
}

/** What the fake received: enough for a test to check what went over the wire. */
export interface FakeCall {
  readonly service: 'SF1520' | 'SF1601';
  readonly clientCertificateSubject: string | undefined;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
  /** SF1520: InvocationContext's fields; SF1601: the MeMo header's fields. */
  readonly fields: Readonly<Record<string, string>>;
}

const parser = new XMLParser({ removeNSPrefix: true, parseTagValue: false, ignoreAttributes: true });

function text(node: unknown, ...path: string[]): string {
  let current = node;
  for (const key of path) current = (current as Record<string, unknown> | undefined)?.[key];
  return typeof current === 'string' ? current : '';
}

function soap(body: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body>${body}</soapenv:Body></soapenv:Envelope>`;
}

function serviceplatformFault(faultCode: string, errorCode: string, errorText: string): string {
  return soap(
    `<soapenv:Fault><faultcode>soapenv:${faultCode}</faultcode><faultstring>${errorText}</faultstring><detail>` +
      `<spf:ServiceplatformFault xmlns:spf="http://serviceplatformen.dk/xml/schemas/ServiceplatformFault/1/"><spf:ErrorList><spf:Error>` +
      `<spf:ErrorCode>${errorCode}</spf:ErrorCode><spf:ErrorText>${errorText}</spf:ErrorText>` +
      `</spf:Error></spf:ErrorList></spf:ServiceplatformFault></detail></soapenv:Fault>`,
  );
}

const NS = 'http://serviceplatformen.dk/xml/wsdl/soap11/CPR/PersonBaseDataExtended/4/';

function personRecord(pnr: string): string {
  const child = pnr === FAKE_CPR.child;
  const persondata =
    `<ns:persondata><ns:personnummer>${pnr}</ns:personnummer>` +
    `<ns:navn><ns:personadresseringsnavn>${child ? 'Jensen,Alma' : 'Hansen,Bo Ib'}</ns:personadresseringsnavn>` +
    `<ns:fornavn>${child ? 'Alma' : 'Bo'}</ns:fornavn>${child ? '' : '<ns:mellemnavn>Ib</ns:mellemnavn>'}` +
    `<ns:efternavn>${child ? 'Jensen' : 'Hansen'}</ns:efternavn></ns:navn>` +
    `<ns:foedselsdato><ns:dato>${child ? '2015-01-01' : '1980-02-02'}</ns:dato></ns:foedselsdato>` +
    `<ns:alder>${child ? 10 : 44}</ns:alder><ns:koen>${child ? 'K' : 'M'}</ns:koen>` +
    `<ns:antalBoernUnder18>${child ? 0 : 1}</ns:antalBoernUnder18>` +
    `<ns:status><ns:status>1</ns:status><ns:statusdato><ns:dato>2015-01-01T00:00:00</ns:dato></ns:statusdato></ns:status>` +
    `<ns:civilstand><ns:civilstand>${child ? 'U' : 'G'}</ns:civilstand></ns:civilstand>` +
    (child
      ? `<ns:umyndiggoerelse><ns:umyndiggorelseRelationType>1</ns:umyndiggorelseRelationType><ns:relationPersonnummer>${FAKE_CPR.adult}</ns:relationPersonnummer>` +
        `<ns:relationVaergenavn>Bo Ib Hansen</ns:relationVaergenavn><ns:umyndiggoerelseStartdato><ns:dato>2020-05-01</ns:dato></ns:umyndiggoerelseStartdato>` +
        `<ns:umyndiggjort>true</ns:umyndiggjort></ns:umyndiggoerelse>` +
        `<ns:adressebeskyttelse><ns:beskyttet>true</ns:beskyttet></ns:adressebeskyttelse>`
      : '') +
    `<ns:tilmeldtNemsms>false</ns:tilmeldtNemsms><ns:tilmeldtDigitalpost>true</ns:tilmeldtDigitalpost></ns:persondata>`;
  const adresse =
    `<ns:adresse><ns:aktuelAdresse><ns:kommunekode>0751</ns:kommunekode><ns:vejkode>1234</ns:vejkode>` +
    `<ns:husnummer>12</ns:husnummer><ns:etage>2</ns:etage><ns:sidedoer>tv</ns:sidedoer><ns:postnummer>8000</ns:postnummer>` +
    `<ns:postdistrikt>Aarhus C</ns:postdistrikt><ns:vejnavn>Rådhuspladsen</ns:vejnavn>` +
    `<ns:standardadresse>Rådhuspladsen 12, 2. tv</ns:standardadresse></ns:aktuelAdresse></ns:adresse>`;
  const relationer = child
    ? `<ns:relationer><ns:foraeldremyndighed><ns:foraeldremyndighedtype>4</ns:foraeldremyndighedtype>` +
      `<ns:relationPersonnummer>${FAKE_CPR.adult}</ns:relationPersonnummer></ns:foraeldremyndighed></ns:relationer>`
    : `<ns:relationer><ns:barn><ns:personnummer>${FAKE_CPR.child}</ns:personnummer></ns:barn></ns:relationer>`;
  return soap(
    `<ns:PersonLookupResponse xmlns:ns="${NS}">${persondata}${adresse}${relationer}</ns:PersonLookupResponse>`,
  );
}

export class FakeServiceplatformen {
  readonly calls: FakeCall[] = [];
  /** SF1601 refuses (401) a call without a valid holder-of-key access token when set. */
  requireAccessToken = false;
  /** The SAML tokens the STS issued, by token (base64, as the REST STS answers). */
  readonly samlTokens = new Map<string, FakeSamlToken>();
  /** The access tokens the AccessTokenService handed out, by token. */
  readonly accessTokens = new Map<string, FakeAccessToken>();
  /** The MeMo messages SF1601 accepted, by messageUUID. */
  readonly letters = new Map<string, Record<string, unknown>>();
  private server: Server | undefined;
  private readonly hanging = new Set<ServerResponse>();

  constructor(private readonly certificates: TestCertificates) {}

  /** Listens on 127.0.0.1 (any free port) and returns its base URL. */
  async start(): Promise<string> {
    this.server = createServer(
      {
        cert: this.certificates.serverCertificate,
        key: this.certificates.serverKey,
        ca: this.certificates.ca,
        requestCert: true,
        rejectUnauthorized: true,
      },
      (request, response) => void this.handle(request, response),
    );
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this.url;
  }

  get url(): string {
    return `https://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  /** The CallersServiceCallIdentifier (SF1520) or x-TransaktionsId (SF1601) of every call, in order. */
  callIdentifiers(): string[] {
    return this.calls.map((call) =>
      call.service === 'SF1520'
        ? (call.fields['CallersServiceCallIdentifier'] ?? '')
        : String(call.headers['x-transaktionsid'] ?? ''),
    );
  }

  /** Makes every access token handed out so far unusable, as their expiry would. */
  revokeAccessTokens(): void {
    for (const token of this.accessTokens.values()) token.revoked = true;
  }

  async stop(): Promise<void> {
    for (const response of this.hanging) response.destroy();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const peer = (request.socket as TLSSocket).getPeerCertificate();
    const commonName = peer.subject?.CN;
    const subject = Array.isArray(commonName) ? commonName[0] : commonName;
    const certificate = peer.raw ? createHash('sha256').update(peer.raw).digest('hex') : '';
    if (request.url === STS_ISSUE_PATH) return this.issue(response, body, peer.raw, certificate);
    if (request.url === ACCESS_TOKEN_PATH) return this.exchange(response, body, certificate);
    const document = parser.parse(body) as unknown;
    if (request.url === SF1520_PATH) return this.personLookup(request, response, body, subject, document);
    if (request.url === SF1601_PATH) {
      if (this.requireAccessToken && !this.authorised(request, certificate)) {
        this.calls.push({
          service: 'SF1601',
          clientCertificateSubject: subject,
          headers: request.headers,
          body,
          fields: {},
        });
        return void response
          .writeHead(401, { 'content-type': 'application/json' })
          .end('{"error":"invalid_token"}');
      }
      return this.kombiPostAfsend(request, response, body, subject, document);
    }
    response.writeHead(404).end();
  }

  /** SF1514's REST issue: a SAML token for the certificate in `UseKey`, which must be the caller's own. */
  private issue(response: ServerResponse, body: string, raw: Buffer | undefined, certificate: string): void {
    const asked = JSON.parse(body) as {
      UseKey?: string;
      AnvenderKontekst?: { Cvr?: string };
      AppliesTo?: { EndpointReference?: { Address?: string } };
    };
    const cvr = asked.AnvenderKontekst?.Cvr;
    const appliesTo = asked.AppliesTo?.EndpointReference?.Address;
    if (!raw || asked.UseKey !== raw.toString('base64') || !cvr || !appliesTo) {
      return void response
        .writeHead(400, { 'content-type': 'application/json' })
        .end('{"error":"invalid request"}');
    }
    const token = Buffer.from(
      `<saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_${randomBytes(8).toString('hex')}"/>`,
    ).toString('base64');
    this.samlTokens.set(token, { certificate, cvr, appliesTo });
    response.writeHead(200, { 'content-type': 'application/json' }).end(
      JSON.stringify({
        RequestedSecurityToken: { Assertion: token },
        Lifetime: new Date(Date.now() + 8 * 60 * 60_000).toISOString(),
      }),
    );
  }

  /** AccessTokenService: a `Holder-of-key` access token for a SAML token issued to the calling certificate. */
  private exchange(response: ServerResponse, body: string, certificate: string): void {
    const saml = this.samlTokens.get(new URLSearchParams(body).get('saml-token') ?? '');
    if (!saml || saml.certificate !== certificate) {
      return void response
        .writeHead(400, { 'content-type': 'application/json' })
        .end('{"error":"invalid_grant"}');
    }
    const token = randomBytes(24).toString('base64url');
    this.accessTokens.set(token, { ...saml, revoked: false });
    response
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ access_token: token, token_type: 'Holder-of-key', expires_in: 3600 }));
  }

  /** Whether the call carries a live holder-of-key access token of its own certificate, for SF1601. */
  private authorised(request: IncomingMessage, certificate: string): boolean {
    const [type, token] = String(request.headers['authorization'] ?? '').split(' ');
    const granted = type === 'Holder-of-key' ? this.accessTokens.get(token ?? '') : undefined;
    return (
      granted !== undefined &&
      !granted.revoked &&
      granted.certificate === certificate &&
      granted.appliesTo === SF1601_ENTITY_ID
    );
  }

  private personLookup(
    request: IncomingMessage,
    response: ServerResponse,
    body: string,
    subject: string | undefined,
    document: unknown,
  ): void {
    const lookup = (document as { Envelope?: { Body?: { PersonLookupRequest?: unknown } } }).Envelope?.Body
      ?.PersonLookupRequest;
    const context =
      (lookup as { InvocationContext?: Record<string, string> } | undefined)?.InvocationContext ?? {};
    this.calls.push({
      service: 'SF1520',
      clientCertificateSubject: subject,
      headers: request.headers,
      body,
      fields: context,
    });
    const pnr = text(lookup, 'PNR');
    const xml = { 'content-type': 'text/xml; charset=utf-8' };
    if (request.headers['soapaction'] !== `"${NS}PersonLookup"`) {
      response.writeHead(500, xml).end(serviceplatformFault('Client', '1', 'Unknown SOAPAction'));
    } else if (pnr === FAKE_CPR.unavailable) {
      response.writeHead(503, { 'retry-after': '7' }).end('Service Unavailable');
    } else if (pnr === FAKE_CPR.slow) {
      this.hanging.add(response);
    } else if (pnr === FAKE_CPR.refused || !/^\d{10}$/.test(pnr)) {
      response.writeHead(500, xml).end(serviceplatformFault('Client', '5', `Invalid PNR ${pnr}`));
    } else if (pnr !== FAKE_CPR.child && pnr !== FAKE_CPR.adult) {
      response.writeHead(500, xml).end(serviceplatformFault('Server', '3', `PNR not found: ${pnr}`));
    } else {
      response.writeHead(200, xml).end(personRecord(pnr));
    }
  }

  private kombiPostAfsend(
    request: IncomingMessage,
    response: ServerResponse,
    body: string,
    subject: string | undefined,
    document: unknown,
  ): void {
    const message = (document as { kombi_request?: { Message?: Record<string, unknown> } }).kombi_request
      ?.Message;
    const header = (message?.['MessageHeader'] ?? {}) as Record<string, unknown>;
    const recipient = text(header, 'Recipient', 'recipientID');
    const messageUuid = text(header, 'messageUUID');
    this.calls.push({
      service: 'SF1601',
      clientCertificateSubject: subject,
      headers: request.headers,
      body,
      fields: {
        messageUUID: messageUuid,
        label: text(header, 'label'),
        senderID: text(header, 'Sender', 'senderID'),
        recipientID: recipient,
        recipientIdType: text(header, 'Recipient', 'idType'),
        kombiValgKode: text(document, 'kombi_request', 'KombiValgKode'),
        encodingFormat: text(message, 'MessageBody', 'MainDocument', 'File', 'encodingFormat'),
        content: text(message, 'MessageBody', 'MainDocument', 'File', 'content'),
      },
    });
    if (recipient === FAKE_CPR.unavailable) {
      response.writeHead(503, { 'retry-after': '7' }).end();
    } else if (recipient === FAKE_CPR.slow) {
      this.hanging.add(response);
    } else if (recipient === FAKE_CPR.unknown) {
      response.writeHead(400, { 'content-type': 'application/xml' }).end('<fejl>Modtager findes ikke</fejl>');
    } else if (request.headers['x-transaktionsid'] !== messageUuid || !message) {
      response.writeHead(400).end();
    } else if (this.letters.has(messageUuid)) {
      response.writeHead(409, { 'x-transaktionsid': messageUuid }).end();
    } else {
      this.letters.set(messageUuid, message);
      response.writeHead(201, { 'x-transaktionsid': messageUuid }).end();
    }
  }
}
