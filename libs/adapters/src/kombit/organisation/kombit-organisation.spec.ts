import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { LoraLookupError } from '#lora';
import { PermanentConnectorError, RetryableConnectorError } from '../../contract/connector-errors.js';
import { StsSoapTokenService } from '../../sts/sts-soap-token-service.js';
import { StsTokenService } from '../../sts/sts-token-service.js';
import { KombitKlassifikation } from '../klassifikation/kombit-klassifikation.js';
import { KombitOrganisation } from './kombit-organisation.js';
import {
  makeTestCertificates,
  type TestCertificates,
} from '../../../../../test/support/test-certificates.js';
import { startFakeSts, type FakeSts } from '../../../../../test/support/kombit/fake-sts.js';
import { startFakeStsSoap, type FakeStsSoap } from '../../../../../test/support/kombit/fake-sts-soap.js';
import {
  FAKE_ENGAGEMENT_ROLE,
  FAKE_MANAGER_ROLE,
  startFakeOrganisation,
  type FakeOrganisation,
} from '../../../../../test/support/kombit/fake-organisation.js';
import {
  startFakeKlassifikation,
  type FakeKlassifikation,
} from '../../../../../test/support/kombit/fake-klassifikation.js';
import { kombitTenantContext } from '../../../../../test/support/kombit/kombit-tenant.js';

/**
 * FK Organisation (SF1500) through OrganisationHent (GraphQL), composed with Klassifikation for the KLE walk,
 * against loopback stand-ins of both STS variants, OrganisationHent and Klassifikation (mutual TLS, tokens checked).
 */

const AARHUS = '55133018';
const VEJLE = '29189838';
const UNIT = {
  kommunen: 'cccccccc-0000-4000-8000-000000000001',
  social: 'cccccccc-0000-4000-8000-000000000002',
  boernOgUnge: 'cccccccc-0000-4000-8000-000000000003',
  team: 'cccccccc-0000-4000-8000-000000000004',
  jobcenter: 'cccccccc-0000-4000-8000-000000000005',
  vejleSocial: 'cccccccc-0000-4000-8000-000000000006',
  ydelse: 'cccccccc-0000-4000-8000-000000000007',
};
const BRUGER = {
  anne: 'dddddddd-0000-4000-8000-000000000001',
  bent: 'dddddddd-0000-4000-8000-000000000002',
  carla: 'dddddddd-0000-4000-8000-000000000003',
  dorte: 'dddddddd-0000-4000-8000-000000000004',
  vera: 'dddddddd-0000-4000-8000-000000000005',
};
const EMNE_FACET = 'aaaaaaaa-0000-4000-8000-000000000001';
const KLE = {
  '27': 'bbbbbbbb-0000-4000-8000-000000000027',
  '27.24': 'bbbbbbbb-0000-4000-8000-000000002724',
  '27.24.00': 'bbbbbbbb-0000-4000-8000-000000272400',
  '27.30.00': 'bbbbbbbb-0000-4000-8000-000000273000',
};

const leder = (uuid: string, bruger: string, unit: string) => ({
  uuid,
  bruger,
  unit,
  funktionsType: 'Leder',
  rolle: FAKE_MANAGER_ROLE,
});
const engagement = (uuid: string, bruger: string, unit: string, brugervendtNoegle: string) => ({
  uuid,
  bruger,
  unit,
  funktionsType: 'Ansat',
  rolle: FAKE_ENGAGEMENT_ROLE,
  brugervendtNoegle,
});

let certificates: TestCertificates;
let sts: FakeSts;
let stsSoap: FakeStsSoap;
let organisationFake: FakeOrganisation;
let klassifikationFake: FakeKlassifikation;

beforeAll(async () => {
  certificates = makeTestCertificates();
  sts = await startFakeSts(certificates);
  const strangerCa = readFileSync(join(certificates.directory, 'kf-stranger-ca.crt'), 'utf8');
  stsSoap = await startFakeStsSoap(certificates, strangerCa, { now: () => sts.clock });
  klassifikationFake = await startFakeKlassifikation(
    certificates,
    stsSoap,
    {
      facets: [{ uuid: EMNE_FACET, brugervendtnoegle: 'Emne' }],
      klasser: Object.entries(KLE).map(([number, uuid]) => ({
        uuid,
        brugervendtnoegle: number,
        titel: `KLE ${number}`,
        facet: EMNE_FACET,
      })),
    },
    { now: () => sts.clock },
  );
  organisationFake = await startFakeOrganisation(certificates, sts, {
    units: [
      {
        uuid: UNIT.kommunen,
        cvr: AARHUS,
        enhedsnavn: 'Kommunen',
        opgaver: [{ kleNummer: '27', rolle: 'Ansvarlig' }],
      },
      {
        uuid: UNIT.social,
        cvr: AARHUS,
        enhedsnavn: 'Social',
        brugervendtNoegle: 'social',
        parent: UNIT.kommunen,
        opgaver: [
          { kleNummer: '27.24', rolle: 'Udførende' },
          { kleNummer: '27.24', rolle: 'Indsigt' },
        ],
      },
      {
        uuid: UNIT.boernOgUnge,
        cvr: AARHUS,
        enhedsnavn: 'Børn og Unge',
        parent: UNIT.social,
        opgaver: [{ kleNummer: '27.24.00', rolle: 'Ansvarlig' }],
      },
      { uuid: UNIT.team, cvr: AARHUS, enhedsnavn: 'Team', parent: UNIT.boernOgUnge },
      {
        uuid: UNIT.jobcenter,
        cvr: AARHUS,
        enhedsnavn: 'Jobcenter',
        parent: UNIT.kommunen,
        opgaver: [{ kleNummer: '27.30.00', rolle: 'Ansvarlig' }],
      },
      {
        uuid: UNIT.ydelse,
        cvr: AARHUS,
        enhedsnavn: 'Ydelse',
        parent: UNIT.kommunen,
        opgaver: [{ kleNummer: '27.30.00', rolle: 'Ansvarlig' }],
      },
      {
        uuid: UNIT.vejleSocial,
        cvr: VEJLE,
        enhedsnavn: 'Vejle Social',
        opgaver: [{ kleNummer: '27.24.00', rolle: 'Ansvarlig' }],
      },
    ],
    brugere: [
      { uuid: BRUGER.anne, cvr: AARHUS, brugernavn: 'anne', brugervendtNoegle: 'AD' },
      { uuid: BRUGER.bent, cvr: AARHUS, brugernavn: 'bent', brugervendtNoegle: 'BC' },
      { uuid: BRUGER.carla, cvr: AARHUS, brugernavn: 'carla' },
      { uuid: BRUGER.dorte, cvr: AARHUS, brugernavn: 'dorte' },
      { uuid: BRUGER.vera, cvr: VEJLE, brugernavn: 'vera' },
    ],
    memberships: [
      leder('eeeeeeee-0000-4000-8000-000000000001', BRUGER.anne, UNIT.kommunen),
      leder('eeeeeeee-0000-4000-8000-000000000002', BRUGER.bent, UNIT.social),
      leder('eeeeeeee-0000-4000-8000-000000000003', BRUGER.carla, UNIT.team),
      leder('eeeeeeee-0000-4000-8000-000000000004', BRUGER.dorte, UNIT.team),
      leder('eeeeeeee-0000-4000-8000-000000000005', BRUGER.vera, UNIT.vejleSocial),
      engagement('eeeeeeee-0000-4000-8000-000000000011', BRUGER.carla, UNIT.social, 'ans-2'),
      engagement('eeeeeeee-0000-4000-8000-000000000012', BRUGER.carla, UNIT.boernOgUnge, 'ans-1'),
      engagement('eeeeeeee-0000-4000-8000-000000000013', BRUGER.bent, UNIT.social, 'ans-3'),
    ],
  });
}, 30_000);

let tokens: StsTokenService;
let klassifikation: KombitKlassifikation;
let organisation: KombitOrganisation;
const closeClients = () => {
  tokens?.close();
  organisation?.close();
};
beforeEach(() => {
  closeClients();
  const options = { now: () => sts.clock, retryBaseMs: 1, retryMaxMs: 5 };
  tokens = new StsTokenService(options);
  klassifikation = new KombitKlassifikation({
    sts: new StsSoapTokenService({ now: options.now }),
    now: options.now,
  });
  organisation = new KombitOrganisation(tokens, klassifikation, options);
  organisationFake.calls.length = 0;
  organisationFake.refusedTokens.length = 0;
  sts.issued.length = 0;
});

afterAll(async () => {
  closeClients();
  await organisationFake.close();
  await klassifikationFake.close();
  await stsSoap.close();
  await sts.close();
  certificates.remove();
});

const tenant = (
  id: string,
  cvr: string,
  certificate: 'client' | 'stranger',
  organisationSettings: Record<string, unknown> = {},
) =>
  kombitTenantContext({
    id,
    cvr,
    certificate,
    certificates,
    sts,
    stsSoap,
    organisation: organisationFake,
    klassifikation: klassifikationFake,
    organisationSettings,
  }).context;
const aarhus = (settings: Record<string, unknown> = {}) => tenant('aarhus', AARHUS, 'client', settings);

describe('KombitOrganisation (SF1500 OrganisationHent)', () => {
  it('answers a unit with its own manager, or the manager inherited from the nearest unit above', async () => {
    await expect(organisation.orgUnitWithManager(aarhus(), UNIT.social)).resolves.toEqual({
      unit: { uuid: UNIT.social, brugervendtnoegle: 'social', enhedsnavn: 'Social' },
      manager: { uuid: BRUGER.bent, brugervendtnoegle: 'BC', brugernavn: 'bent', unitUuid: UNIT.social },
    });
    await expect(organisation.orgUnitWithManager(aarhus(), UNIT.boernOgUnge)).resolves.toEqual({
      unit: { uuid: UNIT.boernOgUnge, brugervendtnoegle: null, enhedsnavn: 'Børn og Unge' },
      manager: { uuid: BRUGER.bent, brugervendtnoegle: 'BC', brugernavn: 'bent', unitUuid: UNIT.social },
    });
    const noManager = await organisation.orgUnitWithManager(
      aarhus({ managerFunctionType: 'Direktør' }),
      UNIT.boernOgUnge,
    );
    expect(noManager.manager).toBeNull();
  });

  it('says NOT_FOUND for an unknown unit and AMBIGUOUS for a unit with two managers', async () => {
    const missing = await organisation
      .orgUnitWithManager(aarhus(), 'cccccccc-0000-4000-8000-0000000000ff')
      .catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(LoraLookupError);
    expect(missing).toMatchObject({ code: 'NOT_FOUND' });
    await expect(organisation.orgUnitWithManager(aarhus(), UNIT.team)).rejects.toMatchObject({
      code: 'AMBIGUOUS',
    });
  });

  it('finds the unit responsible for a KLE number, walking up to the gruppe and hovedgruppe, per role', async () => {
    const ansvarlig = await organisation.unitResponsibleForKle(aarhus(), '27.24.00', 'ansvarlig');
    expect(ansvarlig).toMatchObject({
      kle: { uuid: KLE['27.24.00'], brugervendtnoegle: '27.24.00', facetUuid: EMNE_FACET },
      unit: { uuid: UNIT.boernOgUnge },
      manager: { uuid: BRUGER.bent, unitUuid: UNIT.social },
    });
    const udfoerende = await organisation.unitResponsibleForKle(aarhus(), '27.24.00', 'udfoerende');
    expect(udfoerende).toMatchObject({ kle: { uuid: KLE['27.24'] }, unit: { uuid: UNIT.social } });
    // 27.24.03 is not in Klassifikation, 27.24 has no ansvarlig unit: the hovedgruppe 27 decides.
    const hovedgruppe = await organisation.unitResponsibleForKle(aarhus(), '27.24.03', 'ansvarlig');
    expect(hovedgruppe).toMatchObject({
      kle: { uuid: KLE['27'] },
      unit: { uuid: UNIT.kommunen },
      manager: { uuid: BRUGER.anne },
    });
    const query = organisationFake.calls.find((call) => call.operationName === 'KombitBackboneKleUnits');
    expect(query?.cvr).toBe(AARHUS);
  });

  it('says AMBIGUOUS when two units hold a KLE number in the role, NOT_FOUND when none does', async () => {
    await expect(organisation.unitResponsibleForKle(aarhus(), '27.30.00', 'ansvarlig')).rejects.toMatchObject(
      {
        code: 'AMBIGUOUS',
      },
    );
    await expect(organisation.unitResponsibleForKle(aarhus(), '99.99.99', 'ansvarlig')).rejects.toMatchObject(
      {
        code: 'NOT_FOUND',
      },
    );
    await expect(organisation.unitResponsibleForKle(aarhus(), 'x', 'ansvarlig')).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it("answers a person's engagements sorted by unit; an unknown person is NOT_FOUND", async () => {
    await expect(organisation.personEngagements(aarhus(), BRUGER.carla)).resolves.toEqual(
      [
        {
          uuid: 'eeeeeeee-0000-4000-8000-000000000011',
          personUuid: BRUGER.carla,
          unitUuid: UNIT.social,
          brugervendtnoegle: 'ans-2',
        },
        {
          uuid: 'eeeeeeee-0000-4000-8000-000000000012',
          personUuid: BRUGER.carla,
          unitUuid: UNIT.boernOgUnge,
          brugervendtnoegle: 'ans-1',
        },
      ].sort((a, b) => a.unitUuid.localeCompare(b.unitUuid)),
    );
    await expect(organisation.personEngagements(aarhus(), BRUGER.anne)).resolves.toEqual([]);
    await expect(
      organisation.personEngagements(aarhus(), 'dddddddd-0000-4000-8000-0000000000ff'),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('sends a fresh x-TransaktionsId and the x-TransaktionsTid with every call, and reuses one token', async () => {
    const context = aarhus();
    await organisation.orgUnitWithManager(context, UNIT.boernOgUnge);
    await organisation.personEngagements(context, BRUGER.carla);
    const ids = organisationFake.calls.map((call) => call.transactionId);
    expect(ids).toHaveLength(3);
    expect(new Set(ids).size).toBe(3);
    expect(organisationFake.calls[0]!.transactionTime).toBe(context.now().toISOString());
    expect(sts.issued.filter((grant) => grant.appliesTo === organisationFake.entityId)).toHaveLength(1);
  });

  it('renews the token once when OrganisationHent answers that it has expired', async () => {
    const context = aarhus();
    await organisation.orgUnitWithManager(context, UNIT.social);
    sts.expireIssuedTokens();
    await expect(organisation.orgUnitWithManager(context, UNIT.social)).resolves.toMatchObject({
      manager: { uuid: BRUGER.bent },
    });
    expect(organisationFake.refusedTokens).toEqual(['token expired']);
    expect(sts.issued).toHaveLength(2);
  });

  it('never lets one tenant use another tenant’s token or see its units', async () => {
    const vejle = tenant('vejle', VEJLE, 'stranger');
    const [own, other] = await Promise.all([
      organisation.unitResponsibleForKle(vejle, '27.24.00', 'ansvarlig'),
      organisation.unitResponsibleForKle(aarhus(), '27.24.00', 'ansvarlig'),
    ]);
    expect(own).toMatchObject({ unit: { uuid: UNIT.vejleSocial }, manager: { uuid: BRUGER.vera } });
    expect(other).toMatchObject({ unit: { uuid: UNIT.boernOgUnge } });
    await expect(organisation.orgUnitWithManager(vejle, UNIT.social)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(new Set(organisationFake.calls.map((call) => `${call.certificate}/${call.cvr}`))).toEqual(
      new Set(['kf-stranger/29189838', 'kf-test-function-certificate/55133018']),
    );
    expect(organisationFake.refusedTokens).toEqual([]);
  });

  it('makes a validation error permanent, naming the field; 5xx and ServerError retryable', async () => {
    const refused = await organisation.personEngagements(aarhus(), 'not-a-uuid').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(PermanentConnectorError);
    expect((refused as Error).message).toMatch(/field 'bruger'.*ValidationError/);
    organisationFake.answerNext.push(
      { status: 503, body: '{}' },
      { status: 503, body: '{}' },
      { status: 503, body: '{}' },
    );
    await expect(organisation.orgUnitWithManager(aarhus(), UNIT.social)).rejects.toBeInstanceOf(
      RetryableConnectorError,
    );
    organisationFake.answerNext.push({
      status: 200,
      body: JSON.stringify({
        errors: [{ message: 'down', extensions: { type: 'ERROR', classification: 'ServerError' } }],
      }),
    });
    await expect(organisation.orgUnitWithManager(aarhus(), UNIT.social)).rejects.toBeInstanceOf(
      RetryableConnectorError,
    );
  });

  it('refuses missing or wrong settings, naming each field', async () => {
    const none = kombitTenantContext({
      id: 'aarhus',
      cvr: AARHUS,
      certificate: 'client',
      certificates,
      sts,
    }).context;
    await expect(organisation.orgUnitWithManager(none, UNIT.social)).rejects.toThrow(
      /organisation is missing/,
    );
    const wrong = aarhus({ graphqlUrl: 'http://plain.example', kleRoles: { udfoerende: 'Udførende' } });
    const refused = await organisation.orgUnitWithManager(wrong, UNIT.social).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(PermanentConnectorError);
    expect((refused as Error).message).toMatch(
      /organisation\.graphqlUrl .*organisation\.kleRoles\.udfoerende/,
    );
  });
});
