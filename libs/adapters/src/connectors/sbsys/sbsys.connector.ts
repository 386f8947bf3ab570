/*
 * Where SBSIP's (SBSYS Integration Platform) REST surface used here comes from. SBSIP publishes its swagger only
 * inside each municipality's installation, so the paths and field names below follow public code that calls real
 * SBSIP installations, where at least two independent sources agree:
 * - OS2agora/OS2agora-API (Ballerup's høringsportal), app/src/DAOs/Esdh/Sbsip/: `V12/CaseServiceV12.cs` creates a
 *   case with POST `sag/template` (DTO `CreateSagFromSkabelonDto`: `SagsTitel`, `SkabelonId`, `SagsBehandlerID`,
 *   `EmneplanNummer` for the KLE number, `Facet`, `PrimaryPart`/`Parts`) and changes its status with PUT
 *   `sag/{id}/status` (`SagsStatusModel`: `SagsStatusID`, `Kommentar`); `DTOs/SagDtoV10.cs` (`Id`, `Nummer`,
 *   `SagsStatus`); `DTOs/PartDto.cs` (`PartId`, `PartType` Person/Firma, `CPRnummer`, `CVRnummer`, `Navn`);
 *   `V12/DocumentServiceV12.cs` journalises a document as multipart/form-data with a `json` part (`SagID`,
 *   `DokumentNavn`, `Beskrivelse`) and a `file` part at POST `dokument/journaliser`, answered by
 *   `DokumentMetadataDtoV12` (`Id`, `DokumentID`, `SagID`).
 * - odense-rpa/sbsys-ng, src/sbsys/client.py and functionality/: the token from Keycloak's realm `sbsip`
 *   (`…/auth/realms/sbsip/protocol/openid-connect/token`, password grant with client id and secret in the form);
 *   POST `api/person/search` with `CprNummer` as ddmmyy-nnnn answering a list; GET and POST `api/sag/{id}/part`
 *   (checking the listed parties before adding one); PUT `api/sag/{id}/status` with `SagsStatusID`; POST
 *   `api/journalarknote/create` (`SagID`, `Overskrift`, HTML `Note`, `KontaktTidspunkt`); POST `api/sag/search`
 *   with `SagsFelter` criteria (`Noegle`, `Vaerdi`) answering `Results`.
 * - Randers-Kommune-Digitalisering/sbsys-ekstern, src/sbsys_operations.py: the same multipart journalisation.
 * - AAK-MBU/api-sbsys-client, src/sbsys/resources/: the same case, party and document paths; the only source
 *   for POST `api/firma/search` with `CvrNummer`.
 * Not found in any source: how to write a case field (sagsfelt) when creating a case — the known
 * `CreateSagFromSkabelonDto` lists none — and what SBSIP answers for a party already on the case.
 */
import type { Connector, ConnectorContext } from '../../contract/connector.js';
import { PermanentConnectorError } from '../../contract/connector-errors.js';
import { baseUrlOf } from '../../http/base-url.js';
import { HttpClient, type HttpClientOptions, type HttpMethod } from '../../http/http-client.js';
import { httpSettingsOf, type HttpSettings } from '../../http/http-settings.js';
import { schema, type Infer } from '../../schema/schema.js';
import { journaliseDocumentBody } from './sbsys-document.js';
import { isPartyOnCase, partBody } from './sbsys-party.js';
import { SBSYS_NOT_FOUND, failForSbsysStatus, sbsysId } from './sbsys-response.js';

const OPERATIONS = [
  'create-case',
  'set-status',
  'add-party',
  'journalise-document',
  'journalise-note',
] as const;
type SbsysOperation = (typeof OPERATIONS)[number];

const id = (description: string) => schema.optional(schema.integer({ minimum: 1, description }));

const sbsysInput = schema.object({
  operation: schema.enum(OPERATIONS, { description: 'What to do in SBSYS.' }),
  caseId: id("The case's SBSYS id (set-status, add-party, journalise-document, journalise-note)."),
  title: schema.optional(
    schema.string({
      minLength: 1,
      maxLength: 450,
      description: "The case's title (create-case), the document's name or the note's heading.",
    }),
  ),
  templateId: id('The case template (sagsskabelon) to create the case from (create-case).'),
  kle: schema.optional(
    schema.string({
      pattern: /^\d{2}(\.\d{2}){0,2}$/,
      description: "The KLE number (SBSYS's emneplannummer), e.g. 27.24.00 (create-case).",
    }),
  ),
  responsibleId: id("The responsible caseworker's SBSYS user id (create-case)."),
  statusId: id('The new case status (sagsstatus) id (set-status).'),
  statusComment: schema.optional(
    schema.string({
      minLength: 1,
      maxLength: 4000,
      description: 'A comment on the status change (set-status); SBSYS requires one for some statuses.',
    }),
  ),
  party: schema.optional(
    schema.object({
      idType: schema.enum(['CPR', 'CVR']),
      id: schema.string({ pattern: /^(\d{6}-?\d{4}|\d{8})$/, description: 'A CPR or CVR number.' }),
    }),
  ),
  document: schema.optional(
    schema.object({
      filename: schema.string({ minLength: 1, maxLength: 255 }),
      mimeType: schema.optional(schema.string({ pattern: /^[\w.+-]+\/[\w.+-]+$/ })),
      contentBase64: schema.string({ minLength: 1, pattern: /^[A-Za-z0-9+/\r\n]+={0,2}$/ }),
    }),
  ),
  text: schema.optional(
    schema.string({ minLength: 1, description: "The note's text (journalise-note); SBSYS renders HTML." }),
  ),
  notFoundErrorCode: schema.optional(
    schema.string({
      minLength: 1,
      description: `BPMN error code for an unknown case, person or company (default ${SBSYS_NOT_FOUND}).`,
    }),
  ),
});

const sbsysOutput = schema.object({
  caseId: schema.optional(schema.integer()),
  caseNumber: schema.optional(schema.nullable(schema.string())),
  statusId: schema.optional(schema.integer()),
  partyId: schema.optional(schema.integer()),
  documentId: schema.optional(schema.integer()),
  noteId: schema.optional(schema.integer()),
});

export type SbsysInput = Infer<typeof sbsysInput>;
export type SbsysOutput = Infer<typeof sbsysOutput>;

/** What each operation needs besides `operation`. */
const REQUIRED: Readonly<Record<SbsysOperation, ReadonlyArray<keyof SbsysInput>>> = {
  'create-case': ['title', 'templateId'],
  'set-status': ['caseId', 'statusId'],
  'add-party': ['caseId', 'party'],
  'journalise-document': ['caseId', 'document'],
  'journalise-note': ['caseId', 'title', 'text'],
};

/** The case field (sagsfelt) that records which job created a case, unless the tenant names another. */
export const DEFAULT_SBSYS_IDEMPOTENCY_FIELD = 'KommuneFlowIdempotencyKey';

/** One call's view of the tenant's SBSYS: where, how to authenticate, and how to read an unknown id. */
interface SbsysCall {
  readonly base: string;
  readonly settings: HttpSettings;
  readonly timeoutMs: number | undefined;
  readonly notFound: string;
  readonly context: ConnectorContext;
}

/**
 * `connector:sbsys` — works on cases in the tenant's SBSYS through its SBSIP REST API (OAuth2, usually the password
 * grant SBSIP's identity provider uses): create a case from a template with title, KLE subject and responsible
 * caseworker; set its status; add a party by CPR or CVR number; journalise a document or a note.
 *
 * A retried creation finds the case the first attempt made (the job's idempotency key is stored in a case field and
 * searched for first); a status change is SBSIP's status PUT, with an optional comment; a party already on the case
 * (listed, or refused with 409) counts as added.
 * CPR numbers travel only in request bodies, never in a path, a log line or an error.
 */
export class SbsysConnector implements Connector<SbsysInput, SbsysOutput> {
  readonly id = 'sbsys';
  readonly description =
    "Works on cases in the tenant's SBSYS (SBSIP REST API, OAuth2): create a case from a template, set its status, add a party (CPR/CVR), journalise a document or a note.";
  readonly input = sbsysInput;
  readonly output = sbsysOutput;
  readonly timeoutMs = 60_000;
  private readonly http: HttpClient;

  constructor(options: HttpClientOptions = {}) {
    this.http = new HttpClient(options);
  }

  async execute(input: SbsysInput, context: ConnectorContext): Promise<SbsysOutput> {
    const config = context.tenant.config;
    const base = baseUrlOf(config, 'set baseUrl (the SBSIP API, https://…) and auth (oauth2) for the tenant');
    const missing = REQUIRED[input.operation].filter((field) => input[field] === undefined);
    if (missing.length > 0) {
      throw new PermanentConnectorError(
        `${missing.map((field) => `$.${field}`).join(', ')} ${missing.length === 1 ? 'is' : 'are'} needed for operation '${input.operation}'`,
      );
    }
    const timeoutMs = config.settings['timeoutMs'];
    const call: SbsysCall = {
      base,
      settings: httpSettingsOf(config.settings, `Tenant '${context.tenant.id}', connector 'sbsys' settings`),
      timeoutMs: typeof timeoutMs === 'number' ? timeoutMs : undefined,
      notFound: input.notFoundErrorCode ?? SBSYS_NOT_FOUND,
      context,
    };
    switch (input.operation) {
      case 'create-case':
        return this.createCase(call, input);
      case 'set-status':
        return this.setStatus(call, input.caseId!, input.statusId!, input.statusComment);
      case 'add-party':
        return this.addParty(call, input.caseId!, input.party!);
      case 'journalise-document': {
        const { contentType, body } = journaliseDocumentBody(
          input.caseId!,
          input.title ?? input.document!.filename,
          input.document!,
        );
        const created = await this.send(call, 'POST', '/api/dokument/journaliser', body, contentType);
        const documentId = created['DokumentID'];
        return {
          caseId: input.caseId!,
          documentId: typeof documentId === 'number' ? documentId : sbsysId(created, 'SBSYS'),
        };
      }
      case 'journalise-note': {
        const created = await this.send(call, 'POST', '/api/journalarknote/create', {
          SagID: input.caseId,
          Overskrift: input.title,
          Note: input.text,
          KontaktTidspunkt: context.now().toISOString(),
        });
        return { caseId: input.caseId!, noteId: sbsysId(created, 'SBSYS') };
      }
    }
  }

  private async createCase(call: SbsysCall, input: SbsysInput): Promise<SbsysOutput> {
    const configured = call.context.tenant.config.settings['idempotencyField'];
    const field = typeof configured === 'string' ? configured : DEFAULT_SBSYS_IDEMPOTENCY_FIELD;
    const marker = { Noegle: field, Vaerdi: call.context.idempotencyKey };
    const found = await this.send(call, 'POST', '/api/sag/search', { SagsFelter: [marker], PageSize: 1 });
    const earlier = Array.isArray(found['Results']) ? (found['Results'][0] as unknown) : undefined;
    const created =
      typeof earlier === 'object' && earlier !== null
        ? (earlier as Record<string, unknown>)
        : await this.send(call, 'POST', '/api/sag/template', {
            SagsTitel: input.title,
            SkabelonId: input.templateId,
            ...(input.responsibleId === undefined ? {} : { SagsBehandlerID: input.responsibleId }),
            ...(input.kle === undefined ? {} : { EmneplanNummer: input.kle }),
            // Not in SBSIP's known create DTO (see the sources above): an SBSYS that ignores it still creates the
            // case, but a retried creation then cannot find it.
            SagsFelter: [marker],
          });
    const caseNumber = created['Nummer'];
    return {
      caseId: sbsysId(created, 'SBSYS'),
      caseNumber: typeof caseNumber === 'string' ? caseNumber : null,
    };
  }

  private async setStatus(
    call: SbsysCall,
    caseId: number,
    statusId: number,
    comment: string | undefined,
  ): Promise<SbsysOutput> {
    await this.send(call, 'PUT', `/api/sag/${caseId}/status`, {
      SagsStatusID: statusId,
      ...(comment === undefined ? {} : { Kommentar: comment }),
    });
    return { caseId, statusId };
  }

  private async addParty(
    call: SbsysCall,
    caseId: number,
    party: NonNullable<SbsysInput['party']>,
  ): Promise<SbsysOutput> {
    const person = party.idType === 'CPR';
    const number = person ? party.id.replace(/^(\d{6})-?(\d{4})$/, '$1-$2') : party.id;
    const rows = await this.sendForAny(
      call,
      'POST',
      person ? '/api/person/search' : '/api/firma/search',
      person ? { CprNummer: number } : { CvrNummer: number },
    );
    const first = Array.isArray(rows) ? (rows[0] as unknown) : rows;
    if (typeof first !== 'object' || first === null) {
      throw new PermanentConnectorError(
        `SBSYS knows no ${person ? 'person with that CPR number' : 'company with that CVR number'}`,
        { bpmnErrorCode: call.notFound },
      );
    }
    const found = first as Record<string, unknown>;
    const partyId = sbsysId(found, 'SBSYS');
    const partyFound = { partyId, person, number, name: found['Navn'] };
    const path = `/api/sag/${caseId}/part`;
    if (!isPartyOnCase(await this.sendForAny(call, 'GET', path), partyFound)) {
      // A party added between the listing and this request (a concurrent attempt) counts as added.
      await this.send(call, 'POST', path, partBody(partyFound), undefined, [409]);
    }
    return { caseId, partyId };
  }

  private async send(
    call: SbsysCall,
    method: HttpMethod,
    path: string,
    body?: unknown,
    contentType?: string,
    alsoFine: readonly number[] = [],
  ): Promise<Record<string, unknown>> {
    const answer = await this.sendForAny(call, method, path, body, contentType, alsoFine);
    if (typeof answer !== 'object' || answer === null || Array.isArray(answer)) return {};
    return answer as Record<string, unknown>;
  }

  /** One request; the answer's JSON (null for an empty body or a status in `alsoFine`). */
  private async sendForAny(
    call: SbsysCall,
    method: HttpMethod,
    path: string,
    body?: unknown,
    contentType?: string,
    alsoFine: readonly number[] = [],
  ): Promise<unknown> {
    const payload = body === undefined ? undefined : Buffer.isBuffer(body) ? body : JSON.stringify(body);
    const pathTemplate = path.replace(/\/\d+(?=\/|$)/g, '/{id}');
    const response = await this.http.request(
      {
        method,
        url: `${call.base}${path}`,
        pathTemplate,
        headers: {
          accept: 'application/json',
          ...(payload === undefined ? {} : { 'content-type': contentType ?? 'application/json' }),
        },
        ...(payload === undefined ? {} : { body: payload }),
        ...(call.timeoutMs === undefined ? {} : { timeoutMs: call.timeoutMs }),
      },
      call.context,
      call.settings,
    );
    if (alsoFine.includes(response.status)) return null;
    const what = `SBSYS ${method} ${new URL(call.base).host}${pathTemplate}`;
    failForSbsysStatus(response, what, call.notFound);
    return response.body.length === 0 ? null : response.json();
  }

  /** Closes pooled mTLS connections. */
  close(): void {
    this.http.close();
  }
}
