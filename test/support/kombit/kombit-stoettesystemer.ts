import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTestCertificates, type TestCertificates } from '../test-certificates.js';
import { startFakeKlassifikation, type FakeKlassifikation } from './fake-klassifikation.js';
import { FAKE_MANAGER_ROLE, startFakeOrganisation, type FakeOrganisation } from './fake-organisation.js';
import { startFakeSdi, type FakeSdi } from './fake-sdi.js';
import { startFakeStsSoap, type FakeStsSoap } from './fake-sts-soap.js';
import { startFakeSts, type FakeSts } from './fake-sts.js';

/** SDI's entity id, as the KOMBIT backbone assumes it unless a tenant's settings name another. */
export const KOMBIT_SDI_ENTITY_ID = 'http://stoettesystemerne.dk/service/sagdokumentindeks/6';

/**
 * The environment variables the engine reads the function certificates from (`env:` secret references; the engine
 * allows the `KF_SECRET_` prefix): the test CA's client certificate, the stranger CA's, and the CA that signed the
 * fakes' server certificate.
 */
const SECRET_ENV = {
  KF_SECRET_E2E_KOMBIT_CLIENT_CERT: 'clientCertificate',
  KF_SECRET_E2E_KOMBIT_CLIENT_KEY: 'clientKey',
  KF_SECRET_E2E_KOMBIT_STRANGER_CERT: 'strangerCertificate',
  KF_SECRET_E2E_KOMBIT_STRANGER_KEY: 'strangerKey',
  KF_SECRET_E2E_KOMBIT_CA: 'ca',
} as const;

/** A municipality on KOMBIT's støttesystemer: its CVR and the function certificate it holds. */
export interface KombitMunicipality {
  readonly cvr: string;
  /** The test CA's client certificate (`kf-test-function-certificate`) or the stranger CA's (`kf-stranger`). */
  readonly certificate: 'client' | 'stranger';
}

/** What {@link KombitStoettesystemer.seedMunicipality} put in Organisation (Klassifikation's KLE is shared). */
export interface SeededMunicipality {
  readonly unitUuid: string;
  readonly unitName: string;
  readonly managerUuid: string;
  readonly managerUserId: string;
  /** The KLE emne klasse 27.24.00 (in the facet `Emne`). */
  readonly kleUuid: string;
  /** The handlingsfacet klasse G01 (in the facet `Handlingsfacet`). */
  readonly handlingsfacetUuid: string;
}

/** The case index entry SDI holds for a municipality, with the documents journalised on it. */
export interface IndexedSdiCase {
  titel: string;
  primaerklasse: string;
  handlingsfacet: string;
  ansvarlig: string;
  primaerpart: string;
  documents: Array<{ uuid: string; titel: string }>;
}

export interface KombitStoettesystemer {
  readonly certificates: TestCertificates;
  /** SF1514 REST: tokens for Organisation. Move `sts.clock` to expire them. */
  readonly sts: FakeSts;
  /** SF1514 SOAP WS-Trust: holder-of-key assertions for Klassifikation and SDI. */
  readonly stsSoap: FakeStsSoap;
  readonly organisation: FakeOrganisation;
  readonly klassifikation: FakeKlassifikation;
  readonly sdi: FakeSdi;
  /** The KLE emne 27.24.00 and the handlingsfacet G01, as Klassifikation holds them for every municipality. */
  readonly kle: { readonly emne: string; readonly g01: string };
  /**
   * A tenant's `backbone` settings for the municipality: `kind: "kombit"`, both STS endpoints with its CVR, its
   * function certificate as `env:` secret references, the three services with their entity ids, and the model's
   * facet name `kle_handlingsfacet` mapped to Klassifikation's `Handlingsfacet`. `extra` is merged over each
   * service's section.
   */
  settingsFor(
    municipality: KombitMunicipality,
    extra?: { klassifikation?: Record<string, unknown> },
  ): Record<string, unknown>;
  /** The unit `Byggeri`, ansvarlig for KLE 27.24.00, with its manager `managerUserId`, in the municipality. */
  seedMunicipality(cvr: string, managerUserId: string): SeededMunicipality;
  /** The case SDI indexed for the municipality, or undefined. */
  indexedCase(cvr: string, sagUuid: string): IndexedSdiCase | undefined;
  close(): Promise<void>;
}

/**
 * Test support: KOMBIT's støttesystemer on loopback for an engine to run on — both STS variants, Organisation,
 * Klassifikation and SDI, each with mutual TLS trusting the test CA and the stranger CA (two municipalities, two
 * function certificates), the KLE klasser seeded, and the certificates in the environment for `env:` secret
 * references. The REST STS's clock starts at the real time, since the engine's token caches read the real clock.
 */
export async function startKombitStoettesystemer(): Promise<KombitStoettesystemer> {
  const certificates = makeTestCertificates();
  const strangerCa = readFileSync(join(certificates.directory, 'kf-stranger-ca.crt'), 'utf8');
  for (const [name, field] of Object.entries(SECRET_ENV)) process.env[name] = certificates[field];
  const facets = { emne: randomUUID(), handlingsfacet: randomUUID() };
  const kle = { emne: randomUUID(), g01: randomUUID() };
  const sts = await startFakeSts(certificates, { clock: Date.now() });
  const stsSoap = await startFakeStsSoap(certificates, strangerCa);
  const organisation = await startFakeOrganisation(certificates, sts);
  const klassifikation = await startFakeKlassifikation(certificates, stsSoap, {
    facets: [
      { uuid: facets.emne, brugervendtnoegle: 'Emne' },
      { uuid: facets.handlingsfacet, brugervendtnoegle: 'Handlingsfacet' },
    ],
    klasser: [
      { uuid: kle.emne, brugervendtnoegle: '27.24.00', titel: 'Byggesager', facet: facets.emne },
      { uuid: kle.g01, brugervendtnoegle: 'G01', titel: 'Generelle sager', facet: facets.handlingsfacet },
    ],
  });
  const sdi = await startFakeSdi(certificates, strangerCa, { entityId: KOMBIT_SDI_ENTITY_ID });

  return {
    certificates,
    sts,
    stsSoap,
    organisation,
    klassifikation,
    sdi,
    kle,
    settingsFor({ cvr, certificate }, extra = {}) {
      const holder = certificate === 'client' ? 'CLIENT' : 'STRANGER';
      return {
        kind: 'kombit',
        sts: { issueUrl: sts.issueUrl, soapIssueUrl: stsSoap.url, cvr },
        tls: {
          certificate: { secretRef: `env:KF_SECRET_E2E_KOMBIT_${holder}_CERT` },
          privateKey: { secretRef: `env:KF_SECRET_E2E_KOMBIT_${holder}_KEY` },
          ca: { secretRef: 'env:KF_SECRET_E2E_KOMBIT_CA' },
        },
        organisation: { graphqlUrl: organisation.graphqlUrl, entityId: organisation.entityId },
        klassifikation: {
          url: klassifikation.url,
          entityId: klassifikation.entityId,
          facetNames: { kle_handlingsfacet: 'Handlingsfacet' },
          ...extra.klassifikation,
        },
        sdi: { url: sdi.url, entityId: KOMBIT_SDI_ENTITY_ID },
      };
    },
    seedMunicipality(cvr, managerUserId) {
      const unitUuid = randomUUID();
      const managerUuid = randomUUID();
      organisation.data.units.push({
        uuid: unitUuid,
        cvr,
        enhedsnavn: 'Byggeri',
        brugervendtNoegle: 'byggeri',
        opgaver: [{ kleNummer: '27.24.00', rolle: 'Ansvarlig', titel: 'Byggesager' }],
      });
      organisation.data.brugere.push({
        uuid: managerUuid,
        cvr,
        brugernavn: `Leder ${managerUserId}`,
        brugervendtNoegle: managerUserId,
      });
      organisation.data.memberships.push({
        uuid: randomUUID(),
        bruger: managerUuid,
        unit: unitUuid,
        funktionsType: 'Leder',
        rolle: FAKE_MANAGER_ROLE,
      });
      return {
        unitUuid,
        unitName: 'Byggeri',
        managerUuid,
        managerUserId,
        kleUuid: kle.emne,
        handlingsfacetUuid: kle.g01,
      };
    },
    indexedCase(cvr, sagUuid) {
      const { sager, dokumenter } = sdi.entriesOf(cvr);
      const sag = sager.find((candidate) => candidate.uuid === sagUuid);
      if (!sag) return undefined;
      return {
        titel: sag.titel,
        primaerklasse: sag.primaerklasse,
        handlingsfacet: sag.handlingsklasse,
        ansvarlig: sag.ansvarlig,
        primaerpart: sag.primaerpart,
        documents: dokumenter
          .filter((dokument) => dokument.sagUuid === sagUuid)
          .map((dokument) => ({ uuid: dokument.uuid, titel: dokument.titel })),
      };
    },
    async close() {
      await Promise.all([sdi, klassifikation, organisation, stsSoap, sts].map((fake) => fake.close()));
      for (const name of Object.keys(SECRET_ENV)) delete process.env[name];
      certificates.remove();
    },
  };
}
