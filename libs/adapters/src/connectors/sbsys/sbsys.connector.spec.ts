import { afterAll, describe, expect, it } from '@jest/globals';
import {
  FAKE_SBSYS_CLIENT,
  FAKE_SBSYS_COMPANY,
  FAKE_SBSYS_DOWN_CASE,
  FAKE_SBSYS_PERSON,
  FAKE_SBSYS_SLOW_CASE,
  FAKE_SBSYS_TEMPLATE,
  FAKE_SBSYS_TOKEN_PATH,
  FAKE_SBSYS_USER,
  FakeSbsys,
} from '../../../../../test/support/fake-sbsys.js';
import {
  connectorTestContext,
  describeConnectorConformance,
} from '../../conformance/connector-conformance.js';
import { RecordingConnectorLogger } from '../../contract/connector-logger.js';
import { ConnectorRegistry } from '../../registry/connector-registry.js';
import { runConnector } from '../../run/run-connector.js';
import { EnvFileSecretResolver } from '../../tenant/secret-resolver.js';
import type { ConnectorSettings } from '../../tenant/tenant-configuration-store.js';
import { SbsysConnector } from './sbsys.connector.js';

const sbsys = await new FakeSbsys().start();
afterAll(() => sbsys.stop());

const secrets = new EnvFileSecretResolver({
  env: { SBSIP_SECRET: FAKE_SBSYS_CLIENT.clientSecret, SBSIP_PASSWORD: FAKE_SBSYS_USER.password },
});
const settings: ConnectorSettings = {
  baseUrl: sbsys.url,
  auth: {
    type: 'oauth2',
    grant: 'password',
    tokenUrl: `${sbsys.url}${FAKE_SBSYS_TOKEN_PATH}`,
    clientId: FAKE_SBSYS_CLIENT.clientId,
    clientSecret: { secretRef: 'env:SBSIP_SECRET' },
    username: FAKE_SBSYS_USER.username,
    password: { secretRef: 'env:SBSIP_PASSWORD' },
  },
};
const existing = sbsys.addCase('Aktindsigt i byggesag');
const fastRetries = { retryBaseMs: 1, retryMaxMs: 5 };

async function run(input: unknown, idempotencyKey = 'instance-1.1') {
  const log = new RecordingConnectorLogger();
  const result = await runConnector(
    new ConnectorRegistry([new SbsysConnector(fastRetries)]),
    'sbsys',
    input,
    connectorTestContext({ connectorId: 'sbsys', settings, secrets, idempotencyKey, log }),
  );
  return { result, log: log.text() };
}

describe('connector:sbsys', () => {
  describeConnectorConformance(() => new SbsysConnector(fastRetries), {
    valid: [
      {
        name: 'a note',
        input: {
          operation: 'journalise-note',
          caseId: existing.Id,
          title: 'Telefonnotat',
          text: 'Borgeren ringede',
        },
      },
      {
        name: 'a case from a template',
        input: {
          operation: 'create-case',
          title: 'Ansøgning om byggetilladelse',
          templateId: FAKE_SBSYS_TEMPLATE,
          kle: '02.34.02',
          responsibleId: 12,
        },
      },
      { name: 'a status', input: { operation: 'set-status', caseId: existing.Id, statusId: 3 } },
    ],
    invalid: [
      { name: 'nothing', input: {}, paths: ['$.operation'] },
      {
        name: 'a wrong CPR number and a KLE that is no KLE',
        input: { operation: 'add-party', caseId: 1, party: { idType: 'CPR', id: '12345' }, kle: 'byg' },
        paths: ['$.party.id', '$.kle'],
      },
    ],
    failures: [
      {
        name: 'unknown case',
        input: { operation: 'set-status', caseId: 4242, statusId: 3 },
        expect: { bpmnErrorCode: 'SBSYS_NOT_FOUND' },
      },
      {
        name: 'unknown person',
        input: {
          operation: 'add-party',
          caseId: existing.Id,
          party: { idType: 'CPR', id: '0202021234' },
          notFoundErrorCode: 'NO_PERSON',
        },
        expect: { bpmnErrorCode: 'NO_PERSON' },
      },
      { name: 'no statusId', input: { operation: 'set-status', caseId: existing.Id }, expect: 'permanent' },
      {
        name: 'SBSYS down',
        input: { operation: 'set-status', caseId: FAKE_SBSYS_DOWN_CASE, statusId: 3 },
        expect: 'retryable',
      },
    ],
    slow: { operation: 'set-status', caseId: FAKE_SBSYS_SLOW_CASE, statusId: 3 },
    tenant: {
      settings,
      secrets,
      secretValues: [FAKE_SBSYS_CLIENT.clientSecret, FAKE_SBSYS_USER.password],
    },
    idempotencyKeysSeen: () => sbsys.requests.map((request) => String(request.idempotencyKey)),
  });

  it('creates a case from a template with title, KLE and responsible — once, however often the job retries', async () => {
    const input = {
      operation: 'create-case',
      title: 'Ansøgning om tilskud',
      templateId: FAKE_SBSYS_TEMPLATE,
      kle: '27.24.00',
      responsibleId: 31,
    };
    const first = await run(input, 'job-create-1');
    const again = await run(input, 'job-create-1');
    expect(first.result).toMatchObject({
      status: 'completed',
      output: { caseId: expect.any(Number), caseNumber: expect.stringMatching(/^27\.24\.00-G01-/) },
    });
    expect(again.result).toEqual(first.result);
    const created = [...sbsys.cases.values()].filter((sag) => sag.SagsTitel === 'Ansøgning om tilskud');
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({
      SagSkabelon: { Id: FAKE_SBSYS_TEMPLATE },
      Behandler: { Id: 31 },
      EmneplanNummer: '27.24.00',
    });
  });

  it('adds a person by CPR number and a company by CVR number, never logging them; a repeated add succeeds', async () => {
    const sag = sbsys.addCase('Partshøring');
    const person = await run({
      operation: 'add-party',
      caseId: sag.Id,
      party: { idType: 'CPR', id: FAKE_SBSYS_PERSON.cpr },
    });
    const repeated = await run({
      operation: 'add-party',
      caseId: sag.Id,
      party: { idType: 'CPR', id: FAKE_SBSYS_PERSON.cpr },
    });
    const company = await run({
      operation: 'add-party',
      caseId: sag.Id,
      party: { idType: 'CVR', id: FAKE_SBSYS_COMPANY.cvr },
    });
    expect(person.result).toEqual({
      status: 'completed',
      output: { caseId: sag.Id, partyId: FAKE_SBSYS_PERSON.partyId },
    });
    expect(repeated.result).toEqual(person.result);
    expect(company.result).toEqual({
      status: 'completed',
      output: { caseId: sag.Id, partyId: FAKE_SBSYS_COMPANY.partyId },
    });
    expect(sag.Parter).toEqual([
      {
        PartId: FAKE_SBSYS_PERSON.partyId,
        PartType: 'Person',
        CPRnummer: '010190-1234',
        Navn: FAKE_SBSYS_PERSON.name,
      },
      {
        PartId: FAKE_SBSYS_COMPANY.partyId,
        PartType: 'Firma',
        CVRnummer: FAKE_SBSYS_COMPANY.cvr,
        Navn: FAKE_SBSYS_COMPANY.name,
      },
    ]);
    const posted = sbsys.requests.filter(
      (request) => request.method === 'POST' && request.url === `/api/sag/${sag.Id}/part`,
    );
    expect(posted).toHaveLength(2);
    expect(person.log + repeated.log + company.log).not.toMatch(/0101901234|010190-1234|12345678/);
  });

  it('leaves one party when two attempts add the same person at once', async () => {
    const sag = sbsys.addCase('Samtidige forsøg');
    const input = {
      operation: 'add-party',
      caseId: sag.Id,
      party: { idType: 'CPR', id: FAKE_SBSYS_PERSON.cpr },
    };
    const [first, second] = await Promise.all([run(input, 'job-party-a'), run(input, 'job-party-b')]);
    expect(first.result).toMatchObject({ status: 'completed' });
    expect(second.result).toEqual(first.result);
    expect(sag.Parter.map((part) => part.PartId)).toEqual([FAKE_SBSYS_PERSON.partyId]);
  });

  it('journalises a document (multipart) and sets the status through the case status route', async () => {
    const sag = sbsys.addCase('Aktindsigt');
    const content = Buffer.from('%PDF-1.7 afgørelse');
    const document = await run({
      operation: 'journalise-document',
      caseId: sag.Id,
      title: 'Afgørelse',
      document: {
        filename: 'afgoerelse.pdf',
        mimeType: 'application/pdf',
        contentBase64: content.toString('base64'),
      },
    });
    const status = await run({ operation: 'set-status', caseId: sag.Id, statusId: 8 });
    expect(document.result).toEqual({
      status: 'completed',
      output: { caseId: sag.Id, documentId: expect.any(Number) },
    });
    expect(sag.Dokumenter).toMatchObject([
      { DokumentNavn: 'Afgørelse', filename: 'afgoerelse.pdf', content },
    ]);
    expect(status.result).toEqual({ status: 'completed', output: { caseId: sag.Id, statusId: 8 } });
    expect(sag.SagsStatus).toEqual({ Id: 8, Navn: 'Afsluttet' });
    expect(sag.SagsTitel).toBe('Aktindsigt');
  });

  it('sends the status comment a status requires, and names Kommentar when it is missing', async () => {
    const sag = sbsys.addCase('Henlæggelse');
    const missing = await run({ operation: 'set-status', caseId: sag.Id, statusId: 9 });
    const commented = await run({
      operation: 'set-status',
      caseId: sag.Id,
      statusId: 9,
      statusComment: 'Borgeren har trukket ansøgningen tilbage',
    });
    expect(missing.result).toMatchObject({
      status: 'failed',
      failure: { retryable: false, details: { status: 400, fields: ['Kommentar'] } },
    });
    expect(commented.result).toEqual({ status: 'completed', output: { caseId: sag.Id, statusId: 9 } });
    expect(sag).toMatchObject({
      SagsStatus: { Id: 9, Navn: 'Henlagt' },
      SenesteStatusAendringKommentar: 'Borgeren har trukket ansøgningen tilbage',
    });
  });

  it('names the fields SBSYS refused, and what an operation lacks', async () => {
    const refused = await run({ operation: 'create-case', title: 'Sag', templateId: 7 }, 'job-refused-1');
    expect(refused.result).toMatchObject({
      status: 'failed',
      failure: {
        retryable: false,
        message: expect.stringContaining('SkabelonId'),
        details: { status: 400, fields: ['SkabelonId'] },
      },
    });
    const lacking = await run({ operation: 'journalise-note', caseId: existing.Id });
    expect(lacking.result).toMatchObject({
      status: 'failed',
      failure: {
        retryable: false,
        message: expect.stringMatching(/\$\.title, \$\.text are needed for operation 'journalise-note'/),
      },
    });
  });

  it('fails permanently, saying what to configure, for a tenant without settings', async () => {
    const result = await runConnector(
      new ConnectorRegistry([new SbsysConnector()]),
      'sbsys',
      { operation: 'set-status', caseId: 1, statusId: 2 },
      connectorTestContext({ connectorId: 'sbsys' }),
    );
    expect(result).toMatchObject({
      status: 'failed',
      failure: { retryable: false, message: expect.stringContaining('set baseUrl') },
    });
  });
});
