import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * SBSYS's SBSIP REST API on loopback, as much of it as connector:sbsys speaks: the identity provider's token
 * endpoint (password grant, with client id and secret) and the case routes — search, create from a template, read
 * and PUT a case, person/company search, add a party, journalise a document (multipart) or a journal note. Answers
 * 404 for unknown ids, ASP.NET's ModelState 400 for invalid input, and keeps what it was sent for the assertions.
 */

export const FAKE_SBSYS_CLIENT = { clientId: 'sbsip-client', clientSecret: 'sbsip-client-secret-1' };
export const FAKE_SBSYS_USER = { username: 'kommune-flow', password: 'sbsip-user-password-1' };
/** A citizen SBSYS knows, and a company. */
export const FAKE_SBSYS_PERSON = { cpr: '0101901234', partyId: 7001 };
export const FAKE_SBSYS_COMPANY = { cvr: '12345678', partyId: 8001 };
/** The template that exists; any other is refused with a 400 naming SkabelonId. */
export const FAKE_SBSYS_TEMPLATE = 42;
/** A case id SBSYS answers 503 for, and one it never answers. */
export const FAKE_SBSYS_DOWN_CASE = 503;
export const FAKE_SBSYS_SLOW_CASE = 999;

export interface FakeSbsysCase {
  Id: number;
  Nummer: string;
  SagsTitel: string;
  SkabelonId: number;
  SagsBehandlerID?: number;
  Emne?: { Nummer: string };
  Sagsstatus: { Id: number };
  SagsFelter: Array<{ Noegle: string; Vaerdi: string }>;
  Parter: Array<{ PartId: number; PartType: string }>;
  Dokumenter: Array<{ Id: number; DokumentNavn: string; filename: string; content: Buffer }>;
  Notater: Array<{ Id: number; Overskrift: string; Note: string; KontaktTidspunkt: string }>;
}

export interface FakeSbsysRequest {
  readonly method: string;
  readonly url: string;
  readonly idempotencyKey: string | undefined;
  readonly authorization: string | undefined;
}

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
      Nummer: `27.24.00-G01-${id}-25`,
      SagsTitel: title,
      SkabelonId: FAKE_SBSYS_TEMPLATE,
      Sagsstatus: { Id: 1 },
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
    if (request.method === 'POST' && path === '/oauth/token') {
      const form = new URLSearchParams(raw.toString('utf8'));
      const valid =
        form.get('grant_type') === 'password' &&
        form.get('client_id') === FAKE_SBSYS_CLIENT.clientId &&
        form.get('client_secret') === FAKE_SBSYS_CLIENT.clientSecret &&
        form.get('username') === FAKE_SBSYS_USER.username &&
        form.get('password') === FAKE_SBSYS_USER.password;
      if (!valid) return send(401, { error: 'invalid_grant' });
      this.tokensIssued += 1;
      return send(200, {
        access_token: `sbsip-access-${this.tokensIssued}`,
        expires_in: 300,
        token_type: 'Bearer',
      });
    }
    this.requests.push({
      method: request.method ?? '',
      url: path,
      idempotencyKey: request.headers['idempotency-key'] as string | undefined,
      authorization: request.headers['authorization'],
    });
    if (!/^Bearer sbsip-access-\d+$/.test(request.headers['authorization'] ?? '')) {
      return send(401, { Message: 'Authorization has been denied for this request.' });
    }
    const caseMatch = /^\/api\/sag\/(\d+)(\/part)?$/.exec(path);
    const caseId = caseMatch ? Number(caseMatch[1]) : undefined;
    if (caseId === FAKE_SBSYS_SLOW_CASE) return;
    if (caseId === FAKE_SBSYS_DOWN_CASE) return send(503, { Message: 'Service Unavailable' });
    const json = (): Record<string, unknown> =>
      raw.length === 0 ? {} : (JSON.parse(raw.toString('utf8')) as Record<string, unknown>);
    const sagOf = (id: unknown): FakeSbsysCase | undefined =>
      typeof id === 'number' ? this.cases.get(id) : undefined;

    if (request.method === 'POST' && path === '/api/sag/search') {
      const wanted = (json()['SagsFelter'] as Array<{ Noegle: string; Vaerdi: string }> | undefined) ?? [];
      const results = [...this.cases.values()].filter((sag) =>
        wanted.every((field) =>
          sag.SagsFelter.some((own) => own.Noegle === field.Noegle && own.Vaerdi === field.Vaerdi),
        ),
      );
      return send(200, { Results: results.map(summary), TotalCount: results.length });
    }
    if (request.method === 'POST' && path === '/api/sag/template') {
      const body = json();
      const invalid: Record<string, string[]> = {};
      if (typeof body['SagsTitel'] !== 'string' || body['SagsTitel'] === '')
        invalid['sag.SagsTitel'] = ['SagsTitel er påkrævet'];
      if (body['SkabelonId'] !== FAKE_SBSYS_TEMPLATE) invalid['sag.SkabelonId'] = ['Skabelonen findes ikke'];
      if (Object.keys(invalid).length > 0)
        return send(400, { Message: 'The request is invalid.', ModelState: invalid });
      const sag = this.addCase(body['SagsTitel'] as string);
      sag.SagsFelter = (body['SagsFelter'] as FakeSbsysCase['SagsFelter'] | undefined) ?? [];
      if (typeof body['SagsBehandlerID'] === 'number') sag.SagsBehandlerID = body['SagsBehandlerID'];
      if (body['Emne']) sag.Emne = body['Emne'] as { Nummer: string };
      return send(200, summary(sag));
    }
    if (caseMatch && !caseMatch[2] && (request.method === 'GET' || request.method === 'PUT')) {
      const sag = sagOf(caseId);
      if (!sag) return send(404, { Message: `Sag med id ${caseId} blev ikke fundet` });
      if (request.method === 'PUT') {
        const status = (json()['Sagsstatus'] as { Id?: unknown } | undefined)?.Id;
        if (typeof status !== 'number') return send(400, { ModelState: { 'sag.Sagsstatus': ['Ugyldig'] } });
        sag.Sagsstatus = { Id: status };
      }
      return send(200, summary(sag));
    }
    if (request.method === 'POST' && (path === '/api/person/search' || path === '/api/firma/search')) {
      const body = json();
      const person = path === '/api/person/search';
      const found = person
        ? body['CprNummer'] === `${FAKE_SBSYS_PERSON.cpr.slice(0, 6)}-${FAKE_SBSYS_PERSON.cpr.slice(6)}`
        : body['CvrNummer'] === FAKE_SBSYS_COMPANY.cvr;
      const partyId = person ? FAKE_SBSYS_PERSON.partyId : FAKE_SBSYS_COMPANY.partyId;
      return send(200, found ? [{ Id: partyId, Navn: person ? 'Karen Jensen' : 'Byg ApS' }] : []);
    }
    if (caseMatch?.[2] && request.method === 'POST') {
      const sag = sagOf(caseId);
      if (!sag) return send(404, { Message: `Sag med id ${caseId} blev ikke fundet` });
      const part = json() as { PartId: number; PartType: string };
      if (sag.Parter.some((existing) => existing.PartId === part.PartId))
        return send(409, { Message: 'Parten er allerede tilknyttet sagen' });
      sag.Parter.push({ PartId: part.PartId, PartType: part.PartType });
      return send(204);
    }
    if (request.method === 'POST' && path === '/api/dokument/journaliser') {
      const parts = multipartParts(raw, String(request.headers['content-type'] ?? ''));
      const metadata = JSON.parse(parts.get('json')?.content.toString('utf8') ?? '{}') as Record<
        string,
        unknown
      >;
      const sag = sagOf(metadata['SagID']);
      if (!sag) return send(404, { Message: 'Sagen blev ikke fundet' });
      const file = parts.get('file');
      if (!file) return send(400, { ModelState: { file: ['Der er ingen fil'] } });
      const document = {
        Id: this.nextId++,
        DokumentNavn: String(metadata['DokumentNavn']),
        filename: file.filename ?? '',
        content: file.content,
      };
      sag.Dokumenter.push(document);
      return send(200, { Id: document.Id, Navn: document.DokumentNavn });
    }
    if (request.method === 'POST' && path === '/api/journalarknote/create') {
      const body = json();
      const sag = sagOf(body['SagID']);
      if (!sag) return send(404, { Message: 'Sagen blev ikke fundet' });
      const note = {
        Id: this.nextId++,
        Overskrift: String(body['Overskrift']),
        Note: String(body['Note']),
        KontaktTidspunkt: String(body['KontaktTidspunkt']),
      };
      sag.Notater.push(note);
      return send(200, note);
    }
    send(404, { Message: 'No HTTP resource was found that matches the request URI.' });
  }
}

function summary(sag: FakeSbsysCase): Record<string, unknown> {
  const { Dokumenter: _documents, Notater: _notes, ...rest } = sag;
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
