import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AddressInfo } from 'node:net';
import {
  ENGAGEMENT_FUNCTION_NAME,
  LoraBackbone,
  LoraClient,
  LoraLookupError,
  type Backbone,
  type LoraEntry,
} from '#lora';
import { startTestApps, type TestApps } from '../api/camunda-rest-client.js';
import { SEEDED_FROM, seedOrganisation, type SeededOrganisation } from './lora-org-seed.js';

/**
 * The backbone port on LoRA: the operations processes need, answered by the real LoRA service (the engine's
 * `/lora`) over HTTP, with the organisation and KLE seeded the way OS2mo models them.
 */

let apps: TestApps;
let lora: LoraClient;
let backbone: Backbone;
let seeded: SeededOrganisation;
/** A handlingsfacet klasse (G01) in the KLE klassifikation. */
let g01: string;

const virkning = { from: SEEDED_FROM, to: 'infinity' };
const entry = (fields: Record<string, unknown>) => ({ ...fields, virkning }) as LoraEntry;

beforeAll(async () => {
  apps = await startTestApps();
  const port = (apps.servers.engine!.getHttpServer().address() as AddressInfo).port;
  lora = new LoraClient({ baseUrl: `http://127.0.0.1:${port}/lora` });
  seeded = await seedOrganisation(lora);
  backbone = new LoraBackbone(lora);
  const [kle] = await lora.klassifikation.search({ brugervendtnoegle: 'KLE' }, 'now');
  const handlingsfacetter = await lora.facet.create({
    attributter: { facetegenskaber: [entry({ brugervendtnoegle: 'kle_handlingsfacet' })] },
    tilstande: { facetpubliceret: [entry({ publiceret: 'Publiceret' })] },
    relationer: { facettilhoerer: [{ uuid: kle!, virkning }] },
  });
  g01 = (
    await lora.klasse.create({
      attributter: { klasseegenskaber: [entry({ brugervendtnoegle: 'G01', titel: 'Generelle sager' })] },
      tilstande: { klassepubliceret: [entry({ publiceret: 'Publiceret' })] },
      relationer: { facet: [{ uuid: handlingsfacetter.uuid, virkning }] },
    })
  ).uuid;
  await lora.organisationfunktion.create({
    attributter: {
      organisationfunktionegenskaber: [
        entry({ brugervendtnoegle: 'ans-4711', funktionsnavn: ENGAGEMENT_FUNCTION_NAME }),
      ],
    },
    tilstande: { organisationfunktiongyldighed: [entry({ gyldighed: 'Aktiv' })] },
    relationer: {
      tilknyttedeenheder: [{ uuid: seeded.byggesag, virkning }],
      tilknyttedebrugere: [{ uuid: seeded.anders, virkning }],
    },
  });
}, 60_000);
afterAll(() => apps?.stop(), 30_000);

const anders = () => ({
  uuid: seeded.anders,
  brugervendtnoegle: 'anders',
  brugernavn: 'Anders And',
  unitUuid: seeded.byggeri,
});

describe('the backbone port on LoRA: organisation and klassifikation', () => {
  it('answers a unit with its manager, inherited from the unit above', async () => {
    expect(await backbone.orgUnitWithManager(seeded.byggesag)).toEqual({
      unit: { uuid: seeded.byggesag, brugervendtnoegle: 'byggesag', enhedsnavn: 'Byggesagsbehandling' },
      manager: anders(),
    });
  });

  it('finds the unit responsible for a KLE number per role, with its manager', async () => {
    const ansvarlig = await backbone.unitResponsibleForKle('27.24.00', 'ansvarlig');
    expect(ansvarlig).toMatchObject({ kle: { uuid: seeded.kle272400 }, unit: { uuid: seeded.byggeri } });
    expect(ansvarlig.manager).toEqual(anders());
    const udfoerende = await backbone.unitResponsibleForKle('27.24.00', 'udfoerende');
    expect(udfoerende).toMatchObject({ unit: { uuid: seeded.byggesag }, manager: anders() });
    await expect(backbone.unitResponsibleForKle('99.99.99', 'ansvarlig')).rejects.toBeInstanceOf(
      LoraLookupError,
    );
  });

  it('finds a klasse by KLE number (never one outside KLE) and by brugervendtnoegle in a facet', async () => {
    expect(await backbone.klasseByKleNumber('27.24.00')).toMatchObject({
      uuid: seeded.kle272400,
      titel: 'Byggesager i almindelighed',
    });
    expect(await backbone.klasseByBrugervendtnoegle('G01', 'kle_handlingsfacet')).toMatchObject({
      uuid: g01,
    });
    await expect(backbone.klasseByBrugervendtnoegle('27.24.00')).rejects.toMatchObject({ code: 'AMBIGUOUS' });
    await expect(backbone.klasseByKleNumber('11.11.11')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it("answers a person's engagements (none for a person without one)", async () => {
    expect(await backbone.personEngagements(seeded.anders)).toEqual([
      {
        uuid: expect.any(String),
        personUuid: seeded.anders,
        unitUuid: seeded.byggesag,
        brugervendtnoegle: 'ans-4711',
      },
    ]);
    expect(await backbone.personEngagements(seeded.mette)).toEqual([]);
  });
});

describe('the backbone port on LoRA: the case index', () => {
  const uuid = '3c9e1a52-7d4b-4f1e-9a2c-5b6d7e8f9a0b';

  it('creates the index entry with its relations, and updates it when called again with the uuid', async () => {
    const input = {
      uuid,
      titel: 'Byggetilladelse, Vestergade 12',
      primaerklasse: seeded.kle272400,
      handlingsfacet: g01,
      ansvarlig: seeded.byggeri,
      primaerpart: 'urn:oio:cvr-nr:12345678',
      virkningFra: new Date(),
    };
    expect(await backbone.createOrUpdateSagIndex(input)).toEqual({ uuid, sagsnummer: uuid, created: true });
    expect((await lora.sag.read(uuid, 'now')).registreringer[0]?.relationer).toMatchObject({
      primaerklasse: [{ uuid: seeded.kle272400 }],
      handlingsklasse: [{ uuid: g01, objekttype: 'Klasse' }],
      ansvarlig: [{ uuid: seeded.byggeri }],
      primaerpart: [{ urn: 'urn:oio:cvr-nr:12345678' }],
    });

    const updated = await backbone.createOrUpdateSagIndex({
      ...input,
      titel: 'Byggetilladelse, Vestergade 12-14',
      ansvarlig: seeded.byggesag,
      virkningFra: new Date(),
    });
    expect(updated).toEqual({ uuid, sagsnummer: uuid, created: false });
    const sag = (await lora.sag.read(uuid, 'now')).registreringer[0];
    expect(sag?.attributter?.['sagegenskaber']?.[0]).toMatchObject({
      titel: 'Byggetilladelse, Vestergade 12-14',
    });
    expect(sag?.relationer?.['ansvarlig']).toEqual([expect.objectContaining({ uuid: seeded.byggesag })]);
    expect(await lora.sag.search({ primaerklasse: seeded.kle272400 }, 'now')).toEqual([uuid]);
  });

  it('journalises a document reference on the case once, however often it is asked', async () => {
    const document = {
      uuid: '8f7e6d5c-4b3a-4291-8f7e-6d5c4b3a2910',
      titel: 'Ansøgning',
      virkningFra: new Date(),
    };
    const first = await backbone.journaliseDocumentReference(uuid, document);
    expect(first).toEqual({ dokumentUuid: document.uuid, sagUuid: uuid, journalised: true });
    expect(await backbone.journaliseDocumentReference(uuid, document)).toMatchObject({ journalised: false });
    const posts = (await lora.sag.read(uuid, 'now')).registreringer[0]?.relationer?.['journalpost'] ?? [];
    expect(posts.map((post) => post.uuid)).toEqual([document.uuid]);
  });
});
