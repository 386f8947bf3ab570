import type { TestCertificates } from '../test-certificates.js';
import type { FakeSts } from './fake-sts.js';
import { jsonAnswer, startMtlsServer, type MtlsAnswer, type MtlsRequest } from './mtls-server.js';

/**
 * Test support: Fælleskommunalt Organisationssystem's GraphQL service OrganisationHent (SF1500) on loopback, with
 * mutual TLS. Like the real one it refuses a call without a valid bearer token (401: one the fake STS issued for
 * ITS entity id, to the certificate the call comes with, not expired) or without `x-TransaktionsId` (a uuid) and
 * `x-TransaktionsTid` (ISO 8601) (400), and answers `{ data, errors }` with OrganisationHent's error
 * classifications. Each caller sees only its own municipality's units and brugere (the token's CVR).
 *
 * It answers the operations connector code sends, by `operationName` (no general GraphQL parser):
 * `KombitBackboneUnit` (organisationEnhed), `KombitBackboneKleUnits` (organisationEnhedListe with opgaver) and
 * `KombitBackboneEngagements` (bruger with harMedlemskab) — each checked to query the root field it names.
 */

export const FAKE_ORGANISATION_PATH = '/organisation/organisationhent/1';
export const FAKE_ORGANISATION_ENTITY_ID = 'http://stoettesystemerne.dk/service/organisation/3';
/** The opgave role klasser (Ansvarlig as KOMBIT's documentation names it; the others made up for the test). */
export const FAKE_KLE_ROLES = {
  Ansvarlig: '2a5f38d8-7092-4b3f-85cc-7e272c3c4bb0',
  Udførende: 'f1c1c3a4-5b6e-4d7f-8a9b-0c1d2e3f4a5b',
  Indsigt: 'e0b0a2a3-4c5d-4e6f-9a0b-1c2d3e4f5a6b',
} as const;
/** `Enhedsrolle (Arbejder i)`: an engagement. */
export const FAKE_ENGAGEMENT_ROLE = '02e61900-33e0-407f-a2a7-22f70221f003';
/** A membership role for managers (made up). */
export const FAKE_MANAGER_ROLE = 'c7d8e9f0-1a2b-4c3d-8e4f-5a6b7c8d9e0f';

export interface FakeOrgUnit {
  uuid: string;
  /** The municipality the unit belongs to. */
  cvr: string;
  enhedsnavn: string;
  brugervendtNoegle?: string;
  parent?: string;
  opgaver?: Array<{ kleNummer: string; rolle: keyof typeof FAKE_KLE_ROLES; titel?: string }>;
}

export interface FakeBruger {
  uuid: string;
  cvr: string;
  brugernavn: string;
  brugervendtNoegle?: string;
}

/** An OrganisationFunktion tying a bruger to a unit: a manager (`Leder`) or an engagement. */
export interface FakeMembership {
  uuid: string;
  bruger: string;
  unit: string;
  funktionsType: string;
  rolle: string;
  brugervendtNoegle?: string;
}

export interface FakeOrganisationData {
  units: FakeOrgUnit[];
  brugere: FakeBruger[];
  memberships: FakeMembership[];
}

/** One call that reached the GraphQL layer. */
export interface FakeOrganisationCall {
  readonly operationName: string;
  readonly cvr: string;
  readonly certificate: string;
  readonly transactionId: string;
  readonly transactionTime: string;
}

export interface FakeOrganisation {
  readonly graphqlUrl: string;
  readonly entityId: string;
  /** The seeded data; change it freely between calls. */
  readonly data: FakeOrganisationData;
  readonly calls: FakeOrganisationCall[];
  /** Every refusal of a token, with why (for assertions on renewal). */
  readonly refusedTokens: string[];
  /** The next answers instead of the real ones, first in first out (a 503, a ServerError…). */
  readonly answerNext: MtlsAnswer[];
  close(): Promise<void>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const graphqlError = (message: string, classification: string, path: string[]) => ({
  message,
  path,
  extensions: { message, kildeId: 'GraphQL Organisation', type: 'ERROR', classification },
});

/** Starts OrganisationHent's stand-in, trusting tokens from `sts`; `close()` it when done. */
export async function startFakeOrganisation(
  certificates: TestCertificates,
  sts: FakeSts,
  seed: FakeOrganisationData = { units: [], brugere: [], memberships: [] },
  entityId: string = FAKE_ORGANISATION_ENTITY_ID,
): Promise<FakeOrganisation> {
  const fake: Omit<FakeOrganisation, 'graphqlUrl' | 'close'> = {
    entityId,
    data: seed,
    calls: [],
    refusedTokens: [],
    answerNext: [],
  };
  const refuse = (why: string): MtlsAnswer => {
    fake.refusedTokens.push(why);
    return jsonAnswer(401, {
      timestamp: new Date(sts.clock).toISOString(),
      status: 401,
      error: 'Unauthorized',
      message: why,
      path: FAKE_ORGANISATION_PATH,
    });
  };
  const handle = (request: MtlsRequest): MtlsAnswer => {
    if (request.method !== 'POST' || request.path !== FAKE_ORGANISATION_PATH)
      return jsonAnswer(404, { error: 'NotFound' });
    const bearer = /^Bearer (.+)$/.exec(String(request.headers['authorization'] ?? ''))?.[1];
    const grant = bearer === undefined ? undefined : sts.grantOf(bearer);
    if (!grant) return refuse('no token, or one the STS did not issue');
    if (grant.appliesTo !== entityId) return refuse(`token for ${grant.appliesTo}`);
    if (grant.certificate !== request.clientName) return refuse('token issued to another certificate');
    if (grant.expired) return refuse('token expired');
    const transactionId = String(request.headers['x-transaktionsid'] ?? '');
    const transactionTime = String(request.headers['x-transaktionstid'] ?? '');
    if (!UUID.test(transactionId) || Number.isNaN(Date.parse(transactionTime))) {
      return jsonAnswer(400, {
        status: 400,
        error: 'BadRequest',
        message: 'x-TransaktionsId (a uuid) and x-TransaktionsTid (an ISO time) are required',
      });
    }
    const next = fake.answerNext.shift();
    if (next) return next;
    const body = JSON.parse(request.body) as {
      operationName?: string;
      query?: string;
      variables?: Record<string, unknown>;
    };
    const operationName = body.operationName ?? '';
    fake.calls.push({
      operationName,
      cvr: grant.cvr,
      certificate: grant.certificate,
      transactionId,
      transactionTime,
    });
    return jsonAnswer(
      200,
      answer(fake.data, grant.cvr, operationName, body.query ?? '', body.variables ?? {}),
    );
  };
  const server = await startMtlsServer(certificates, handle);
  return {
    ...fake,
    graphqlUrl: `${server.origin}${FAKE_ORGANISATION_PATH}`,
    close: () => server.close(),
  } as FakeOrganisation;
}

function answer(
  data: FakeOrganisationData,
  cvr: string,
  operationName: string,
  query: string,
  variables: Record<string, unknown>,
): unknown {
  const expects = (root: string) => new RegExp(`\\b${root}\\s*\\(`).test(query);
  if (operationName === 'KombitBackboneUnit' && expects('organisationEnhed')) {
    return unitAnswer(data, cvr, String(variables['uuid']));
  }
  if (operationName === 'KombitBackboneKleUnits' && expects('organisationEnhedListe')) {
    return kleUnitsAnswer(data, cvr, variables);
  }
  if (operationName === 'KombitBackboneEngagements' && expects('bruger')) {
    return engagementsAnswer(data, cvr, variables);
  }
  return { errors: [graphqlError(`Unknown operation ${operationName}`, 'InvalidSyntax', [])], data: null };
}

function unitAnswer(data: FakeOrganisationData, cvr: string, uuid: string): unknown {
  if (!UUID.test(uuid)) {
    return {
      errors: [graphqlError(`Argument 'uuid' is not a UUID`, 'ValidationError', ['organisationEnhed'])],
      data: { organisationEnhed: null },
    };
  }
  const unit = data.units.find((candidate) => candidate.uuid === uuid && candidate.cvr === cvr);
  if (!unit) {
    return {
      errors: [graphqlError(`OrganisationEnhed ${uuid} not found`, 'NotFound', ['organisationEnhed'])],
      data: { organisationEnhed: null },
    };
  }
  return {
    data: {
      organisationEnhed: {
        uuid: unit.uuid,
        enhedsnavn: unit.enhedsnavn,
        brugervendtNoegle: unit.brugervendtNoegle ?? null,
        overordnetEnhed: unit.parent ? { uuid: unit.parent } : null,
        medlemskaber: data.memberships
          .filter((membership) => membership.unit === unit.uuid)
          .map((membership) => {
            const bruger = data.brugere.find((candidate) => candidate.uuid === membership.bruger);
            return {
              funktionsTypeTitel: membership.funktionsType,
              bruger: bruger
                ? {
                    uuid: bruger.uuid,
                    brugernavn: bruger.brugernavn,
                    brugervendtNoegle: bruger.brugervendtNoegle ?? null,
                  }
                : null,
            };
          }),
      },
    },
  };
}

/** KLE filter semantics as documented: exact numbers, or a prefix ending in `*`. */
function kleMatches(pattern: string, number: string): boolean {
  return pattern.endsWith('*') ? number.startsWith(pattern.slice(0, -1)) : pattern === number;
}

function kleUnitsAnswer(
  data: FakeOrganisationData,
  cvr: string,
  variables: Record<string, unknown>,
): unknown {
  if (variables['cvr'] !== cvr) {
    return {
      errors: [graphqlError('The token does not cover this CVR', 'Unauthorized', ['organisationEnhedListe'])],
      data: { organisationEnhedListe: null },
    };
  }
  const numbers = [variables['kleNummer']].flat().map(String);
  const rolle = variables['rolle'];
  const units = data.units.filter(
    (unit) =>
      unit.cvr === cvr &&
      (unit.opgaver ?? []).some(
        (opgave) =>
          numbers.some((pattern) => kleMatches(pattern, opgave.kleNummer)) &&
          (rolle === null || rolle === undefined || FAKE_KLE_ROLES[opgave.rolle] === rolle),
      ),
  );
  return {
    data: {
      organisationEnhedListe: {
        pageInfo: { hasNextPage: false, hasPreviousPage: false },
        edges: units.map((unit) => ({
          cursor: Buffer.from(unit.uuid).toString('base64'),
          node: {
            uuid: unit.uuid,
            opgaver: (unit.opgaver ?? []).map((opgave) => ({
              kleEmneNummer: opgave.kleNummer,
              kleEmneTitel: opgave.titel ?? null,
              opgaveRolleTitel: opgave.rolle,
            })),
          },
        })),
      },
    },
  };
}

function engagementsAnswer(
  data: FakeOrganisationData,
  cvr: string,
  variables: Record<string, unknown>,
): unknown {
  const uuids = [variables['uuid']].flat().map(String);
  const bad = uuids.find((uuid) => !UUID.test(uuid));
  if (bad !== undefined) {
    return {
      errors: [graphqlError(`Argument 'uuid' is not a UUID`, 'ValidationError', ['bruger'])],
      data: { bruger: null },
    };
  }
  const rolle = variables['rolle'];
  return {
    data: {
      bruger: data.brugere
        .filter((bruger) => bruger.cvr === cvr && uuids.includes(bruger.uuid))
        .map((bruger) => ({
          uuid: bruger.uuid,
          harMedlemskab: data.memberships
            .filter((membership) => membership.bruger === bruger.uuid)
            .filter((membership) => rolle === undefined || rolle === null || membership.rolle === rolle)
            .map((membership) => ({
              uuid: membership.uuid,
              brugervendtNoegle: membership.brugervendtNoegle ?? null,
              medlemAf: { uuid: membership.unit },
            })),
        })),
    },
  };
}
