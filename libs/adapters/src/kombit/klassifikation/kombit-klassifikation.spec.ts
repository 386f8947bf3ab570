import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { LoraLookupError } from '#lora';
import { PermanentConnectorError, RetryableConnectorError } from '../../contract/connector-errors.js';
import { httpsXmlTransport } from '../../soap/https-xml-transport.js';
import { StsSoapTokenService } from '../../sts/sts-soap-token-service.js';
import { KombitKlassifikation } from './kombit-klassifikation.js';
import {
  makeTestCertificates,
  type TestCertificates,
} from '../../../../../test/support/test-certificates.js';
import { startFakeStsSoap, type FakeStsSoap } from '../../../../../test/support/kombit/fake-sts-soap.js';
import {
  startFakeKlassifikation,
  type FakeKlassifikation,
} from '../../../../../test/support/kombit/fake-klassifikation.js';
import { kombitTenantContext } from '../../../../../test/support/kombit/kombit-tenant.js';

/**
 * Klassifikation (SF1510) through its SOAP Soeg/List services, against loopback stand-ins of the STS (SOAP
 * WS-Trust) and Klassifikation that speak mutual TLS and check what KOMBIT's SOAP services check: the envelope's
 * signature by the holder-of-key certificate of the assertion, that the assertion was issued by the STS for
 * Klassifikation's entity id to the TLS client's certificate and has not expired, and the CVR.
 */

const FACET = {
  emne: 'aaaaaaaa-0000-4000-8000-000000000001',
  handlingsfacet: 'aaaaaaaa-0000-4000-8000-000000000002',
  andet: 'aaaaaaaa-0000-4000-8000-000000000003',
};
const KLASSE = {
  emne: 'bbbbbbbb-0000-4000-8000-000000272400',
  gruppe: 'bbbbbbbb-0000-4000-8000-000000002724',
  g01: 'bbbbbbbb-0000-4000-8000-0000000000f1',
  otherFacet: 'bbbbbbbb-0000-4000-8000-000000009999',
  twinA: 'bbbbbbbb-0000-4000-8000-00000000000a',
  twinB: 'bbbbbbbb-0000-4000-8000-00000000000b',
};

let certificates: TestCertificates;
let sts: FakeStsSoap;
let fake: FakeKlassifikation;
let clock = Date.UTC(2026, 0, 5, 9, 0, 0);
const now = () => clock;

beforeAll(async () => {
  certificates = makeTestCertificates();
  const strangerCa = readFileSync(join(certificates.directory, 'kf-stranger-ca.crt'), 'utf8');
  sts = await startFakeStsSoap(certificates, strangerCa, { now });
  fake = await startFakeKlassifikation(
    certificates,
    sts,
    {
      facets: [
        { uuid: FACET.emne, brugervendtnoegle: 'Emne' },
        { uuid: FACET.handlingsfacet, brugervendtnoegle: 'Handlingsfacet' },
        { uuid: FACET.andet, brugervendtnoegle: 'Andet' },
      ],
      klasser: [
        {
          uuid: KLASSE.emne,
          brugervendtnoegle: '27.24.00',
          titel: 'Sygedagpenge, opfølgning',
          facet: FACET.emne,
        },
        { uuid: KLASSE.gruppe, brugervendtnoegle: '27.24', titel: 'Opfølgning', facet: FACET.emne },
        { uuid: KLASSE.g01, brugervendtnoegle: 'G01', titel: 'Generelle sager', facet: FACET.handlingsfacet },
        { uuid: KLASSE.otherFacet, brugervendtnoegle: '27.24.00', titel: 'Gammel', facet: FACET.andet },
        { uuid: KLASSE.twinA, brugervendtnoegle: 'tvilling', titel: 'A', facet: FACET.andet },
        { uuid: KLASSE.twinB, brugervendtnoegle: 'tvilling', titel: 'B', facet: FACET.andet },
      ],
    },
    { now },
  );
}, 30_000);

afterAll(async () => {
  await fake.close();
  await sts.close();
  certificates.remove();
});

let klassifikation: KombitKlassifikation;
/** How many assertions the STS had issued when the test began. */
let issuedBefore: number;
const issuedInTest = () => sts.issued.slice(issuedBefore);
beforeEach(() => {
  // A fresh client: a fresh token cache and klasse cache.
  klassifikation = new KombitKlassifikation({ sts: new StsSoapTokenService({ now }), now });
  fake.calls.length = 0;
  fake.refusedTokens.length = 0;
  issuedBefore = sts.issued.length;
});

const aarhus = (overrides: Record<string, unknown> = {}) =>
  kombitTenantContext({
    id: 'aarhus',
    cvr: '55133018',
    certificate: 'client',
    certificates,
    stsSoap: sts,
    now,
    klassifikation: fake,
    klassifikationSettings: overrides,
  }).context;

describe('KombitKlassifikation (SF1510)', () => {
  it('finds KLE emner in the emne facet and handlingsfacetter in the handlingsfacet facet', async () => {
    await expect(klassifikation.klasseByKleNumber(aarhus(), '27.24.00')).resolves.toEqual({
      uuid: KLASSE.emne,
      brugervendtnoegle: '27.24.00',
      titel: 'Sygedagpenge, opfølgning',
      facetUuid: FACET.emne,
    });
    await expect(klassifikation.klasseByKleNumber(aarhus(), 'G01')).resolves.toMatchObject({
      uuid: KLASSE.g01,
      facetUuid: FACET.handlingsfacet,
    });
    await expect(klassifikation.klasseByKleNumber(aarhus(), '27.24.9')).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('finds any klasse by brugervendtnoegle, in a facet when given; none is NOT_FOUND, two AMBIGUOUS', async () => {
    await expect(
      klassifikation.klasseByBrugervendtnoegle(aarhus(), '27.24.00', 'Andet'),
    ).resolves.toMatchObject({
      uuid: KLASSE.otherFacet,
    });
    const twins = await klassifikation
      .klasseByBrugervendtnoegle(aarhus(), 'tvilling')
      .catch((e: unknown) => e);
    expect(twins).toBeInstanceOf(LoraLookupError);
    expect(twins).toMatchObject({ code: 'AMBIGUOUS' });
    await expect(klassifikation.klasseByBrugervendtnoegle(aarhus(), '27.24.00')).rejects.toMatchObject({
      code: 'AMBIGUOUS',
    });
    await expect(klassifikation.klasseByBrugervendtnoegle(aarhus(), 'findes-ikke')).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(klassifikation.klasseByBrugervendtnoegle(aarhus(), 'G01', 'Ingen')).rejects.toThrow(
      /No facet 'Ingen'/,
    );
  });

  it('looks a facet up by the name facetNames maps a model’s facet name to', async () => {
    const context = aarhus({ facetNames: { kle_handlingsfacet: 'Handlingsfacet' } });
    await expect(
      klassifikation.klasseByBrugervendtnoegle(context, 'G01', 'kle_handlingsfacet'),
    ).resolves.toMatchObject({ uuid: KLASSE.g01, facetUuid: FACET.handlingsfacet });
    // A facet the settings do not name is looked up as the model gives it.
    await expect(
      klassifikation.klasseByBrugervendtnoegle(context, '27.24.00', 'Andet'),
    ).resolves.toMatchObject({ uuid: KLASSE.otherFacet });
    await expect(
      klassifikation.klasseByBrugervendtnoegle(aarhus(), 'G01', 'kle_handlingsfacet'),
    ).rejects.toThrow(/No facet 'kle_handlingsfacet'/);
    await expect(
      klassifikation.klasseByBrugervendtnoegle(aarhus({ facetNames: { kle_handlingsfacet: 7 } }), 'G01'),
    ).rejects.toThrow(/klassifikation\.facetNames\.kle_handlingsfacet/);
  });

  it('caches a klasse per tenant until its time to live has passed', async () => {
    const context = aarhus({ cacheTtlMs: 10 * 60_000 });
    const first = await klassifikation.klasseByKleNumber(context, '27.24');
    const callsForOne = fake.calls.length;
    expect(callsForOne).toBe(3); // facet Soeg, klasse Soeg, klasse List
    clock += 9 * 60_000;
    expect(await klassifikation.klasseByKleNumber(context, '27.24')).toEqual(first);
    expect(fake.calls).toHaveLength(callsForOne);
    clock += 2 * 60_000;
    expect(await klassifikation.klasseByKleNumber(context, '27.24')).toEqual(first);
    expect(fake.calls).toHaveLength(2 * callsForOne);
  });

  it('signs every call and carries the holder-of-key assertion the SOAP STS issued for Klassifikation', async () => {
    await klassifikation.klasseByKleNumber(aarhus(), '27.24.00');
    // The fake accepted each call only after verifying the signature with the assertion's holder-of-key
    // certificate (the TLS client's) and finding the assertion among those the STS issued for its entity id.
    expect(fake.refusedTokens).toEqual([]);
    expect(issuedInTest()).toEqual([
      expect.objectContaining({
        appliesTo: fake.entityId,
        cvr: '55133018',
        certificate: 'kf-test-function-certificate',
      }),
    ]);
    expect(new Set(fake.calls.map((call) => call.assertionId))).toEqual(
      new Set([issuedInTest()[0]!.assertionId]),
    );
  });

  it('is refused when the signed envelope is altered on the way', async () => {
    const tampering = new KombitKlassifikation({
      sts: new StsSoapTokenService({ now }),
      now,
      transport: (request) =>
        httpsXmlTransport({ ...request, body: request.body.replace('>Emne<', '>Andet<') }),
    });
    const refused = await tampering.klasseByKleNumber(aarhus(), '27.24.00').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RetryableConnectorError);
    expect(fake.refusedTokens).toEqual(['the digest of #body does not match']);
    expect(fake.calls).toEqual([]);
  });

  it('reuses the token, and renews it once when the service says it has expired', async () => {
    const context = aarhus({ cacheTtlMs: 0 });
    await klassifikation.klasseByKleNumber(context, '27.24.00');
    await klassifikation.klasseByKleNumber(context, 'G01');
    expect(issuedInTest()).toHaveLength(1);
    fake.expireIssuedTokens();
    await expect(klassifikation.klasseByKleNumber(context, '27.24.00')).resolves.toMatchObject({
      uuid: KLASSE.emne,
    });
    expect(fake.refusedTokens).toEqual(['The security token has expired']);
    expect(issuedInTest()).toHaveLength(2);
  });

  it('fails permanently, naming klassifikation.entityId, when the assertion is for another service', async () => {
    const refused = await klassifikation
      .klasseByKleNumber(aarhus({ entityId: 'http://stoettesystemerne.dk/service/organisation/6' }), '27')
      .catch((e: unknown) => e);
    // A configuration error: a fresh assertion for the same entity id would be refused again.
    expect(refused).toBeInstanceOf(PermanentConnectorError);
    expect((refused as Error).message).toMatch(/InvalidSecurityToken.*check klassifikation\.entityId/);
    expect(fake.refusedTokens).toEqual([
      'The token is for http://stoettesystemerne.dk/service/organisation/6',
    ]);
    expect(fake.calls).toEqual([]);
  });

  it('never lets one tenant use another tenant’s token or cached klasser', async () => {
    const vejle = kombitTenantContext({
      id: 'vejle',
      cvr: '29189838',
      certificate: 'stranger',
      certificates,
      stsSoap: sts,
      now,
      klassifikation: fake,
    }).context;
    await klassifikation.klasseByKleNumber(aarhus(), '27.24.00');
    const aarhusCalls = fake.calls.length;
    await klassifikation.klasseByKleNumber(vejle, '27.24.00');
    expect(fake.calls.slice(aarhusCalls).length).toBe(aarhusCalls);
    expect(new Set(fake.calls.map((call) => `${call.certificate}/${call.cvr}`))).toEqual(
      new Set(['kf-test-function-certificate/55133018', 'kf-stranger/29189838']),
    );
    expect(
      issuedInTest()
        .map((issue) => `${issue.certificate}/${issue.cvr}`)
        .sort(),
    ).toEqual(['kf-stranger/29189838', 'kf-test-function-certificate/55133018']);
  });

  it('makes invalid input a permanent failure naming the field', async () => {
    const refused = await klassifikation.klasseByBrugervendtnoegle(aarhus(), '').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(PermanentConnectorError);
    expect((refused as Error).message).toMatch(/StatusKode 40.*BrugervendtNoegleTekst/);
  });

  it('refuses missing or wrong settings, naming each field', async () => {
    const noSection = kombitTenantContext({
      id: 'aarhus',
      cvr: '55133018',
      certificate: 'client',
      certificates,
      stsSoap: sts,
    }).context;
    await expect(klassifikation.klasseByKleNumber(noSection, '27')).rejects.toThrow(
      /klassifikation is missing/,
    );
    const noSoapSts = kombitTenantContext({
      id: 'aarhus',
      cvr: '55133018',
      certificate: 'client',
      certificates,
      klassifikation: fake,
    }).context;
    const missing = await klassifikation.klasseByKleNumber(noSoapSts, '27').catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(PermanentConnectorError);
    expect((missing as Error).message).toMatch(/sts\.soapIssueUrl is missing/);
    const wrong = aarhus({ url: 'http://plain.example', cacheTtlMs: -1, colour: 'blue' });
    const refused = await klassifikation.klasseByKleNumber(wrong, '27').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(PermanentConnectorError);
    expect((refused as Error).message).toMatch(
      /klassifikation\.url .*klassifikation\.cacheTtlMs .*klassifikation\.colour/,
    );
  });
});
