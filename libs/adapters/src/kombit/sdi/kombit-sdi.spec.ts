import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { SagIndexInput } from '#lora';
import { connectorTestContext } from '../../conformance/connector-conformance.js';
import { PermanentConnectorError, RetryableConnectorError } from '../../contract/connector-errors.js';
import { RecordingConnectorLogger } from '../../contract/connector-logger.js';
import { StsSoapTokenService } from '../../sts/sts-soap-token-service.js';
import { EnvFileSecretResolver } from '../../tenant/secret-resolver.js';
import { httpsXmlTransport, type XmlHttpTransport } from '../../soap/https-xml-transport.js';
import { KombitSdi } from './kombit-sdi.js';
import { SDI_SERVICE } from './sdi-answers.js';
import {
  makeTestCertificates,
  type TestCertificates,
} from '../../../../../test/support/test-certificates.js';
import { startFakeStsSoap, type FakeStsSoap } from '../../../../../test/support/kombit/fake-sts-soap.js';
import { startFakeSdi, type FakeSdi } from '../../../../../test/support/kombit/fake-sdi.js';

/**
 * KombitSdi against loopback fakes of SF1514 (SOAP WS-Trust) and SF1470 that check the whole chain: the function
 * certificate over mutual TLS, the STS's holder-of-key assertion for SDI's entity id and the tenant's CVR, the
 * WS-Security signature — and keep each municipality's index apart.
 */

const SDI_ENTITY_ID = 'http://stoettesystemerne.dk/service/sagdokumentindeks/6';
const KLE_EMNE = '7ce0b6a1-8d5e-4c62-9f6a-2f1f0b0e2724';
const HANDLINGSFACET = '0a3e5c44-bd1f-4b40-9c2d-5b1f7f0cf001';
const UNIT = 'c3d4e5f6-0000-4000-8000-000000000001';
const CPR_PART = 'urn:oio:cpr-nr:0101151234';

let certificates: TestCertificates;
let sts: FakeStsSoap;
let sdi: FakeSdi;
let clock = Date.UTC(2026, 0, 5, 9, 0, 0);

beforeAll(async () => {
  certificates = makeTestCertificates();
  const strangerCa = readFileSync(join(certificates.directory, 'kf-stranger-ca.crt'), 'utf8');
  sts = await startFakeStsSoap(certificates, strangerCa, { now: () => clock });
  sdi = await startFakeSdi(certificates, strangerCa, { entityId: SDI_ENTITY_ID, now: () => clock });
}, 30_000);

afterAll(async () => {
  await sdi.close();
  await sts.close();
  certificates.remove();
});

function tenant(
  id: string,
  cvr: string,
  certificate: 'client' | 'stranger',
  idempotencyKey = 'instance-1.1',
) {
  const log = new RecordingConnectorLogger();
  const context = connectorTestContext({
    tenantId: id,
    connectorId: 'backbone',
    idempotencyKey,
    settings: {
      kind: 'kombit',
      sts: { soapIssueUrl: sts.url, cvr },
      tls: {
        certificate: { secretRef: 'env:CERT' },
        privateKey: { secretRef: 'env:KEY' },
        ca: { secretRef: 'env:CA' },
      },
      sdi: { url: sdi.url },
    },
    secrets: new EnvFileSecretResolver({
      env: {
        CERT: certificate === 'client' ? certificates.clientCertificate : certificates.strangerCertificate,
        KEY: certificate === 'client' ? certificates.clientKey : certificates.strangerKey,
        CA: certificates.ca,
      },
    }),
    now: () => new Date(clock),
    log,
  });
  return { context, log };
}

const newSdi = () => new KombitSdi({ sts: new StsSoapTokenService({ now: () => clock }) });

const sagInput = (uuid: string, overrides: Partial<SagIndexInput> = {}): SagIndexInput => ({
  uuid,
  titel: 'Ansøgning om hjælpemiddel',
  sagsnummer: '27.24.00-G01-1-26',
  primaerklasse: KLE_EMNE,
  handlingsfacet: HANDLINGSFACET,
  ansvarlig: UNIT,
  primaerpart: CPR_PART,
  virkningFra: new Date(clock),
  ...overrides,
});

describe('KombitSdi (SF1470 with SF1514 SOAP tokens)', () => {
  it('imports a case index entry, then updates it for the same uuid (created false)', async () => {
    const client = newSdi();
    const aarhus = tenant('aarhus', '55133018', 'client');
    const uuid = '11111111-2222-4333-8444-555555555501';
    const created = await client.createOrUpdateSagIndex(aarhus.context, sagInput(uuid));
    expect(created).toEqual({ uuid, sagsnummer: '27.24.00-G01-1-26', created: true });
    const updated = await client.createOrUpdateSagIndex(
      aarhus.context,
      sagInput(uuid, { titel: 'Ny titel' }),
    );
    expect(updated.created).toBe(false);
    expect(sdi.entriesOf('55133018').sager).toEqual([
      {
        uuid,
        sagsnummer: '27.24.00-G01-1-26',
        titel: 'Ny titel',
        primaerklasse: KLE_EMNE,
        handlingsklasse: HANDLINGSFACET,
        ansvarlig: UNIT,
        primaerpart: CPR_PART,
        version: 2,
      },
    ]);
    // Fremsoeg, Importer, Fremsoeg, Opdater — all with one token.
    const mine = sdi.calls.filter((call) => call.cvr === '55133018');
    expect(mine.map((call) => call.operation)).toEqual(['fremsoeg', 'importer', 'fremsoeg', 'opdater']);
    expect(new Set(mine.map((call) => call.assertionId)).size).toBe(1);
    expect(JSON.stringify(aarhus.log.entries)).not.toContain('0101151234');
  });

  it('journalises a document reference once, however often the call is retried', async () => {
    const client = newSdi();
    const odense = tenant('odense', '35209115', 'client', 'instance-7.3');
    const sagUuid = '11111111-2222-4333-8444-555555555502';
    await client.createOrUpdateSagIndex(odense.context, sagInput(sagUuid));
    const document = { titel: 'Afgørelse', virkningFra: new Date(clock) };
    const first = await client.journaliseDocumentReference(odense.context, sagUuid, document);
    expect(first).toMatchObject({ sagUuid, journalised: true });
    const retried = await client.journaliseDocumentReference(odense.context, sagUuid, document);
    expect(retried).toEqual({ ...first, journalised: false });
    const withUuid = { ...document, uuid: '99999999-2222-4333-8444-555555555502' };
    expect((await client.journaliseDocumentReference(odense.context, sagUuid, withUuid)).journalised).toBe(
      true,
    );
    expect((await client.journaliseDocumentReference(odense.context, sagUuid, withUuid)).journalised).toBe(
      false,
    );
    expect(
      sdi
        .entriesOf('35209115')
        .dokumenter.map((dokument) => dokument.uuid)
        .sort(),
    ).toEqual([first.dokumentUuid, withUuid.uuid].sort());
  });

  it("refuses what SDI refuses as permanent, naming the input field, without the party's CPR", async () => {
    const client = newSdi();
    const horsens = tenant('horsens', '29189129', 'client');
    const { handlingsfacet: _left, ...withoutHandlingsfacet } = sagInput(
      '11111111-2222-4333-8444-555555555503',
    );
    const refused = await client
      .createOrUpdateSagIndex(horsens.context, withoutHandlingsfacet)
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(PermanentConnectorError);
    expect((refused as Error).message).toMatch(/input field 'handlingsfacet'.*Handlingsklasse mangler/);
    expect((refused as Error).message).not.toContain('0101151234');
    // What is wrong before any call is refused without one, every field named.
    const bad = await client
      .createOrUpdateSagIndex(
        horsens.context,
        sagInput('not-a-uuid', { titel: ' ', primaerpart: '0101151234' }),
      )
      .catch((error: unknown) => error as Error);
    expect((bad as Error).message).toMatch(
      /uuid is not a uuid; titel is missing or empty; primaerpart is not/,
    );
    expect((bad as Error).message).not.toContain('0101151234');
  });

  it('takes a fresh token once when SDI says the token expired', async () => {
    const client = newSdi();
    const vejle = tenant('vejle-expired', '29189846', 'client');
    const uuid = '11111111-2222-4333-8444-555555555504';
    await client.createOrUpdateSagIndex(vejle.context, sagInput(uuid));
    const issuedBefore = sts.issued.length;
    sdi.expireNextToken();
    const calls = sdi.calls.length;
    expect((await client.createOrUpdateSagIndex(vejle.context, sagInput(uuid))).created).toBe(false);
    const after = sdi.calls.slice(calls);
    expect(after.map((call) => `${call.operation}:${call.outcome}`)).toEqual([
      'fremsoeg:expired',
      'fremsoeg:ok',
      'opdater:ok',
    ]);
    expect(after[0]!.assertionId).not.toBe(after[1]!.assertionId);
    expect(sts.issued.length).toBe(issuedBefore + 1);

    // An assertion that ran out while cached is renewed by the cache before SDI sees it.
    clock += 2 * 60 * 60_000;
    expect((await client.createOrUpdateSagIndex(vejle.context, sagInput(uuid))).created).toBe(false);
  });

  it('takes a fresh token once when SDI answers HTTP 401, and fails retryably when it refuses that one too', async () => {
    // The next `refusals` calls are answered 401, as by a gateway that refuses the token before SDI reads the
    // request; the others reach SDI.
    let refusals = 1;
    const refusing: XmlHttpTransport = async (request) => {
      if (refusals === 0) return httpsXmlTransport(request);
      refusals -= 1;
      return { status: 401, headers: {}, body: 'Unauthorized' };
    };
    const client = new KombitSdi({ sts: new StsSoapTokenService({ now: () => clock }), transport: refusing });
    const odense = tenant('odense-401', '35209115', 'client');
    const uuid = '11111111-2222-4333-8444-555555555508';
    const issuedBefore = sts.issued.length;
    expect((await client.createOrUpdateSagIndex(odense.context, sagInput(uuid))).created).toBe(true);
    expect(sts.issued.length).toBe(issuedBefore + 2);
    expect(sdi.entriesOf('35209115').sager.map((sag) => sag.uuid)).toContain(uuid);

    refusals = 2;
    await expect(client.createOrUpdateSagIndex(odense.context, sagInput(uuid))).rejects.toThrow(
      new RetryableConnectorError(`${SDI_SERVICE} refused a freshly issued token as expired`),
    );
  });

  it('classifies an unavailable SDI as retryable', async () => {
    const client = newSdi();
    const aarhus = tenant('aarhus-down', '55133018', 'client');
    sdi.failNext(1);
    await expect(
      client.createOrUpdateSagIndex(aarhus.context, sagInput('11111111-2222-4333-8444-555555555505')),
    ).rejects.toBeInstanceOf(RetryableConnectorError);
  });

  it('keeps two municipalities apart: own token, own index', async () => {
    const client = newSdi();
    const aarhus = tenant('aarhus-2', '55133018', 'client');
    const vejle = tenant('vejle', '29189838', 'stranger');
    const uuid = '11111111-2222-4333-8444-555555555506';
    const [a, v] = await Promise.all([
      client.createOrUpdateSagIndex(aarhus.context, sagInput(uuid, { titel: 'Aarhus' })),
      client.createOrUpdateSagIndex(vejle.context, sagInput(uuid, { titel: 'Vejle' })),
    ]);
    // The same case uuid is a new case in each municipality's index.
    expect([a.created, v.created]).toEqual([true, true]);
    expect(sdi.entriesOf('55133018').sager.find((sag) => sag.uuid === uuid)?.titel).toBe('Aarhus');
    expect(sdi.entriesOf('29189838').sager.find((sag) => sag.uuid === uuid)?.titel).toBe('Vejle');
    const tokensOf = (cvr: string) =>
      new Set(sdi.calls.filter((call) => call.cvr === cvr).map((call) => call.assertionId));
    const shared = [...tokensOf('55133018')].filter((id) => tokensOf('29189838').has(id));
    expect(shared).toEqual([]);
    expect(
      sts.issued
        .filter((issue) => issue.cvr === '29189838')
        .every((issue) => issue.certificate === 'kf-stranger'),
    ).toBe(true);
  });

  it('fails permanently, naming sdi.entityId, when SDI refuses an assertion issued for another entity id', async () => {
    const { context } = tenant('aarhus', '29189846', 'client');
    const settings = context.tenant.config.settings;
    const misconfigured = {
      ...context,
      tenant: {
        ...context.tenant,
        config: {
          ...context.tenant.config,
          settings: {
            ...settings,
            sdi: { url: sdi.url, entityId: 'http://stoettesystemerne.dk/service/organisation/6' },
          },
        },
      },
    };
    const before = sdi.calls.length;
    const refused = await newSdi()
      .createOrUpdateSagIndex(misconfigured, sagInput('11111111-2222-4333-8444-555555555508'))
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(PermanentConnectorError);
    expect((refused as Error).message).toMatch(/InvalidSecurityToken.*check sdi\.entityId/);
    // Refused once, not retried with a fresh assertion.
    expect(sdi.calls.slice(before).map((call) => call.outcome)).toEqual(['refused']);
  });

  it('names a wrong sdi setting', async () => {
    const client = newSdi();
    const context = connectorTestContext({
      tenantId: 'misconfigured',
      connectorId: 'backbone',
      settings: { kind: 'kombit', sdi: { url: 'http://plain.example' } },
    });
    await expect(
      client.createOrUpdateSagIndex(context, sagInput('11111111-2222-4333-8444-555555555507')),
    ).rejects.toThrow(/sdi\.url/);
  });
});
