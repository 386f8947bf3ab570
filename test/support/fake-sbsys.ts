import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * SBSYS's SBSIP REST API on loopback, as much of it as connector:sbsys speaks, with SBSIP's own paths and field
 * names (see the sources in sbsys.connector.ts): the Keycloak realm `sbsip` token endpoint (password grant with
 * client id and secret), case search and creation from a template (`SagsTitel`, `SkabelonId`, `SagsBehandlerID`,
 * `EmneplanNummer`), the status change (`PUT /api/sag/{id}/status` with `SagsStatusID`, `Kommentar`), person and
 * company search, a case's parties (`PartDto`), document journalisation (multipart `json` + `file`) and journal
 * notes. Answers 404 for unknown ids, ASP.NET's `ModelState` 400 for invalid input, and keeps what it was sent.
 */

export const FAKE_SBSYS_CLIENT = { clientId: 'sbsip-client', clientSecret: 'sbsip-client-secret-1' };
export const FAKE_SBSYS_USER = { username: 'kommune-flow', password: 'sbsip-user-password-1' };
/** Where SBSIP's identity provider (Keycloak, realm `sbsip`) issues tokens. */
export const FAKE_SBSYS_TOKEN_PATH = '/auth/realms/sbsip/protocol/openid-connect/token';
/** A citizen SBSYS knows, and a company. */
export const FAKE_SBSYS_PERSON = { cpr: '0101901234', partyId: 7001, name: 'Karen Jensen' };
export const FAKE_SBSYS_COMPANY = { cvr: '12345678', partyId: 8001, name: 'Byg ApS' };
/** The template that exists; any other is refused with a 400 naming SkabelonId. */
export const FAKE_SBSYS_TEMPLATE = 42;
/** SBSYS's case statuses (`GET /api/sag/sagStatusList`); 9 needs a comment. */
export const FAKE_SBSYS_STATUSES = [
  { Id: 1, Navn: 'Aktiv', SagsTilstand: 'Aaben', RequireComments: false },
  { Id: 3, Navn: 'Afventer', SagsTilstand: 'Aaben', RequireComments: false },
  { Id: 8, Navn: 'Afsluttet', SagsTilstand: 'Afsluttet', RequireComments: false },
  { Id: 9, Navn: 'Henlagt', SagsTilstand: 'Afsluttet', RequireComments: true },
] as const;
/** A case id SBSYS answers 503 for, and one it never answers. */
export const FAKE_SBSYS_DOWN_CASE = 503;
export const FAKE_SBSYS_SLOW_CASE = 999;

/** A party on a case, as SBSIP's `PartDto` has it. */
export interface FakeSbsysParty {
  PartId: number;
  PartType: 'Person' | 'Firma';
  CPRnummer?: string;
  CVRnummer?: string;
  Navn?: string;
}

/** A case as SBSIP's `SagDto` has it, plus what the fake keeps for the assertions. */
export interface FakeSbsysCase {
  Id: number;
  SagIdentity: string;
  Nummer: string;
  SagsTitel: string;
  SagSkabelon: { Id: number };
  Behandler?: { Id: number };
  EmneplanNummer?: string;
  SagsStatus: { Id: number; Navn: string };
  SenesteStatusAendringKommentar?: string;
  SagsFelter: Array<{ Noegle: string; Vaerdi: string }>;
  Parter: FakeSbsysParty[];
  Dokumenter: Array<{ Id: number; DokumentNavn: string; filename: string; content: Buffer }>;
  Notater: Array<{ Id: number; Overskrift: string; Note: string; KontaktTidspunkt: string }>;
}

export interface FakeSbsysRequest {
  readonly method: string;
  readonly url: string;
  readonly idempotencyKey: string | undefined;
  readonly authorization: string | undefined;
}

const NOT_FOUND = (what: string) => ({ Message: `${what} blev ikke fundet` });

export class FakeSbsys {
  readonly cases = new Map<number, FakeSbsysCase>();
  readonly requests: FakeSbsysRequest[] = [];
  tokensIssued = 0;
  private nextId = 100;
  private server: Server | undefined;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => this.answer(request, response, Buffer.concat(chunks)));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }

  /** A case made directly in the fake, as a caseworker would have made it. */
  addCase(title: string): FakeSbsysCase {
    const id = this.nextId++;
    const sag: FakeSbsysCase = {
      Id: id,
      SagIdentity: randomUUID(),
      Nummer: `27.24.00-G01-${id}-25`,
      SagsTitel: title,
      SagSkabelon: { Id: FAKE_SBSYS_TEMPLATE },
      SagsStatus: { Id: 1, Navn: 'Aktiv' },
      SagsFelter: [],
      Parter: [],
      Dokumenter: [],
      Notater: [],
    };
    this.cases.set(id, sag);
    return sag;
  }

  private answer(request: IncomingMessage, response: ServerResponse, raw: Buffer): void {
    const send = (status: number, body?: unknown): void => {
      response.writeHead(
        status,
        body === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' },
      );
      response.end(body === undefined ? undefined : JSON.stringify(body));
    };
    const path = request.url ?? '';
    if (request.method === 'POST' && path === FAKE_SBSYS_TOKEN_PATH) return this.token(raw, send);
    this.requests.push({
      method: request.method ?? '',
      url: path,
      idempotencyKey: request.headers['idempotency-key'] as string | undefined,
      authorization: request.headers['authorization'],
    });
    if (!/^Bearer sbsip-access-\d+$/.test(request.headers['authorization'] ?? '')) {
      return send(401, { Message: 'Authorization has been denied for this request.' });
    }
    const caseMatch = /^\/api\/sag\/(\d+)\/(status|part)$/.exec(path);
    const caseId = caseMatch ? Number(caseMatch[1]) : undefined;
    if (caseId === FAKE_SBSYS_SLOW_CASE) return;
    if (caseId === FAKE_SBSYS_DOWN_CASE) return send(503, { Message: 'Service Unavailable' });
    const json = (): Record<string, unknown> =>
      raw.length === 0 ? {} : (JSON.parse(raw.toString('utf8')) as Record<string, unknown>);
    const sagOf = (id: unknown): FakeSbsysCase | undefined =>
      typeof id === 'number' ? this.cases.get(id) : undefined;
    const route = `${request.method} ${caseMatch ? `/api/sag/{id}/${caseMatch[2]}` : path}`;

    switch (route) {
      case 'POST /api/sag/search':
        return send(200, this.search(json()));
      case 'POST /api/sag/template':
        return this.createFromTemplate(json(), send);
      case 'PUT /api/sag/{id}/status': {
        const sag = sagOf(caseId);
        return sag ? this.changeStatus(sag, json(), send) : send(404, NOT_FOUND(`Sag med id ${caseId}`));
      }
      case 'POST /api/person/search':
      case 'POST /api/firma/search':
        return send(200, this.partySearch(path === '/api/person/search', json()));
      case 'GET /api/sag/{id}/part': {
        const sag = sagOf(caseId);
        return sag ? send(200, sag.Parter) : send(404, NOT_FOUND(`Sag med id ${caseId}`));
      }
      case 'POST /api/sag/{id}/part': {
        const sag = sagOf(caseId);
        if (!sag) return send(404, NOT_FOUND(`Sag med id ${caseId}`));
        const part = json() as unknown as FakeSbsysParty;
        if (typeof part.PartId !== 'number' || (part.PartType !== 'Person' && part.PartType !== 'Firma'))
          return send(400, {
            Message: 'The request is invalid.',
            ModelState: { 'part.PartId': ['Ugyldig'] },
          });
        // What SBSIP answers for a party already on the case is not documented; the fake refuses it with 409.
        if (sag.Parter.some((existing) => existing.PartId === part.PartId))
          return send(409, { Message: 'Parten er allerede tilknyttet sagen' });
        sag.Parter.push(part);
        return send(200, true);
      }
      case 'POST /api/dokument/journaliser':
        return this.journaliseDocument(raw, String(request.headers['content-type'] ?? ''), send);
      case 'POST /api/journalarknote/create': {
        const body = json();
        const sag = sagOf(body['SagID']);
        if (!sag) return send(404, NOT_FOUND('Sagen'));
        const note = {
          Id: this.nextId++,
          Overskrift: String(body['Overskrift']),
          Note: String(body['Note']),
          KontaktTidspunkt: String(body['KontaktTidspunkt']),
        };
        sag.Notater.push(note);
        return send(200, { ...note, SagID: sag.Id });
      }
      default:
        return send(404, { Message: 'No HTTP resource was found that matches the request URI.' });
    }
  }

  private token(raw: Buffer, send: (status: number, body?: unknown) => void): void {
    const form = new URLSearchParams(raw.toString('utf8'));
    const valid =
      form.get('grant_type') === 'password' &&
      form.get('client_id') === FAKE_SBSYS_CLIENT.clientId &&
      form.get('client_secret') === FAKE_SBSYS_CLIENT.clientSecret &&
      form.get('username') === FAKE_SBSYS_USER.username &&
      form.get('password') === FAKE_SBSYS_USER.password;
    if (!valid) return send(401, { error: 'invalid_grant', error_description: 'Invalid user credentials' });
    this.tokensIssued += 1;
    send(200, {
      access_token: `sbsip-access-${this.tokensIssued}`,
      expires_in: 300,
      refresh_expires_in: 1800,
      token_type: 'Bearer',
    });
  }

  private search(body: Record<string, unknown>): Record<string, unknown> {
    const wanted = (body['SagsFelter'] as Array<{ Noegle: string; Vaerdi: string }> | undefined) ?? [];
    const results = [...this.cases.values()].filter((sag) =>
      wanted.every((field) =>
        sag.SagsFelter.some((own) => own.Noegle === field.Noegle && own.Vaerdi === field.Vaerdi),
      ),
    );
    return { Results: results.map(summary), TotalCount: results.length };
  }

  private createFromTemplate(
    body: Record<string, unknown>,
    send: (status: number, body?: unknown) => void,
  ): void {
    const invalid: Record<string, string[]> = {};
    if (typeof body['SagsTitel'] !== 'string' || body['SagsTitel'] === '')
      invalid['sag.SagsTitel'] = ['SagsTitel er påkrævet'];
    if (body['SkabelonId'] !== FAKE_SBSYS_TEMPLATE) invalid['sag.SkabelonId'] = ['Skabelonen findes ikke'];
    if (body['EmneplanNummer'] !== undefined && !/^\d{2}(\.\d{2}){0,2}$/.test(String(body['EmneplanNummer'])))
      invalid['sag.EmneplanNummer'] = ['Emneplannummeret findes ikke'];
    if (Object.keys(invalid).length > 0)
      return send(400, { Message: 'The request is invalid.', ModelState: invalid });
    const sag = this.addCase(body['SagsTitel'] as string);
    sag.SagsFelter = (body['SagsFelter'] as FakeSbsysCase['SagsFelter'] | undefined) ?? [];
    if (typeof body['SagsBehandlerID'] === 'number') sag.Behandler = { Id: body['SagsBehandlerID'] };
    if (typeof body['EmneplanNummer'] === 'string') sag.EmneplanNummer = body['EmneplanNummer'];
    send(200, summary(sag));
  }

  private changeStatus(
    sag: FakeSbsysCase,
    body: Record<string, unknown>,
    send: (status: number, body?: unknown) => void,
  ): void {
    const status = FAKE_SBSYS_STATUSES.find((known) => known.Id === body['SagsStatusID']);
    if (!status)
      return send(400, {
        Message: 'The request is invalid.',
        ModelState: { 'model.SagsStatusID': ['Ukendt'] },
      });
    const comment = body['Kommentar'];
    if (status.RequireComments && (typeof comment !== 'string' || comment === ''))
      return send(400, {
        Message: 'The request is invalid.',
        ModelState: { 'model.Kommentar': ['Status kræver en kommentar'] },
      });
    sag.SagsStatus = { Id: status.Id, Navn: status.Navn };
    if (typeof comment === 'string') sag.SenesteStatusAendringKommentar = comment;
    send(200, summary(sag));
  }

  private partySearch(person: boolean, body: Record<string, unknown>): unknown[] {
    const { cpr, partyId, name } = FAKE_SBSYS_PERSON;
    if (person) {
      const formatted = `${cpr.slice(0, 6)}-${cpr.slice(6)}`;
      return body['CprNummer'] === formatted ? [{ Id: partyId, Navn: name, CprNummer: formatted }] : [];
    }
    const company = FAKE_SBSYS_COMPANY;
    return body['CvrNummer'] === company.cvr
      ? [{ Id: company.partyId, Navn: company.name, CvrNummer: company.cvr }]
      : [];
  }

  private journaliseDocument(
    raw: Buffer,
    contentType: string,
    send: (status: number, body?: unknown) => void,
  ): void {
    const parts = multipartParts(raw, contentType);
    const metadata = JSON.parse(parts.get('json')?.content.toString('utf8') ?? '{}') as Record<
      string,
      unknown
    >;
    const sag = typeof metadata['SagID'] === 'number' ? this.cases.get(metadata['SagID']) : undefined;
    if (!sag) return send(404, NOT_FOUND('Sagen'));
    const file = parts.get('file');
    if (!file)
      return send(400, { Message: 'The request is invalid.', ModelState: { file: ['Der er ingen fil'] } });
    const document = {
      Id: this.nextId++,
      DokumentNavn: String(metadata['DokumentNavn']),
      filename: file.filename ?? '',
      content: file.content,
    };
    sag.Dokumenter.push(document);
    // DokumentMetadataDto: the registration's Id, the document's DokumentID, and the case it lies on.
    send(200, {
      Id: document.Id,
      DokumentID: document.Id,
      DokumentIdentity: randomUUID(),
      SagID: sag.Id,
      SagsNummer: sag.Nummer,
      DokumentNavn: document.DokumentNavn,
      Navn: document.DokumentNavn,
    });
  }
}

function summary(sag: FakeSbsysCase): Record<string, unknown> {
  const { Dokumenter: _documents, Notater: _notes, Parter: _parties, ...rest } = sag;
  return rest;
}

/** The parts of a multipart/form-data body by name: enough of RFC 7578 for the fake. */
function multipartParts(
  body: Buffer,
  contentType: string,
): Map<string, { filename: string | undefined; content: Buffer }> {
  const parts = new Map<string, { filename: string | undefined; content: Buffer }>();
  const boundary = /boundary=([^;]+)/.exec(contentType)?.[1];
  if (!boundary) return parts;
  const delimiter = Buffer.from(`--${boundary}`);
  let start = body.indexOf(delimiter);
  while (start !== -1) {
    const next = body.indexOf(delimiter, start + delimiter.length);
    if (next === -1) break;
    const part = body.subarray(start + delimiter.length + 2, next - 2);
    const headerEnd = part.indexOf('\r\n\r\n');
    const headers = part.subarray(0, headerEnd).toString('utf8');
    const name = /name="([^"]*)"/.exec(headers)?.[1];
    if (name) {
      parts.set(name, {
        filename: /filename="([^"]*)"/.exec(headers)?.[1],
        content: part.subarray(headerEnd + 4),
      });
    }
    start = next;
  }
  return parts;
}
