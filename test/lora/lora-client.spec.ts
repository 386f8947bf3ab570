import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AddressInfo } from 'node:net';
import { LoraClient, LoraClientError, LoraLookupError, type LoraEntry } from '#lora';
import { startTestApps, type TestApps } from '../api/camunda-rest-client.js';
import { SEEDED_FROM, seedOrganisation, type SeededOrganisation } from './lora-org-seed.js';

/**
 * The typed LoRA client against our LoRA service over HTTP (the engine's `/lora`, node's fetch): every operation
 * of a type, both time axes named in each read, LoRA's errors mapped, and the operations processes use — a unit's
 * manager, the unit responsible for a KLE number, a klasse by brugervendtnoegle, a Sag created and a Dokument
 * journalised on it.
 */

let apps: TestApps;
let lora: LoraClient;
let seeded: SeededOrganisation;
const tokensAsked: string[] = [];

beforeAll(async () => {
  apps = await startTestApps();
  const port = (apps.servers.engine!.getHttpServer().address() as AddressInfo).port;
  lora = new LoraClient({
    baseUrl: `http://127.0.0.1:${port}/lora/`,
    token: () => {
      tokensAsked.push('token');
      return 'a-token-authentication-off-ignores';
    },
  });
  seeded = await seedOrganisation(lora);
}, 60_000);
afterAll(() => apps?.stop(), 30_000);

const from = (text: string) => ({ from: text, to: 'infinity' });
const facetBody = (bvn: string, beskrivelse: string, virkningFrom = '2021-01-01') => ({
  attributter: {
    facetegenskaber: [{ brugervendtnoegle: bvn, beskrivelse, virkning: from(virkningFrom) } as LoraEntry],
  },
  tilstande: { facetpubliceret: [{ publiceret: 'Publiceret', virkning: from(virkningFrom) } as LoraEntry] },
});
const beskrivelseOf = (object: { registreringer: Array<{ attributter?: Record<string, LoraEntry[]> }> }) =>
  object.registreringer[0]?.attributter?.['facetegenskaber']?.map((entry) => entry['beskrivelse']);

describe('the client, per type', () => {
  it('creates, reads on both axes, updates, searches, lists, passivates, deletes and imports', async () => {
    const created = await lora.facet.create(facetBody('client-facet', 'første'));
    expect(created).toEqual({ uuid: expect.any(String), etag: expect.stringMatching(/^\d+$/) });
    const afterCreate = new Date();
    await new Promise((resolve) => setTimeout(resolve, 5));
    const updated = await lora.facet.update(created.uuid, {
      attributter: { facetegenskaber: [{ beskrivelse: 'anden', virkning: from('2022-01-01') } as LoraEntry] },
    });
    expect(updated.uuid).toBe(created.uuid);

    expect(beskrivelseOf(await lora.facet.read(created.uuid, 'now'))).toEqual(['anden']);
    // 2021 in the world, as the store knows it now; and as it knew it right after the create.
    expect(
      beskrivelseOf(
        await lora.facet.read(created.uuid, { virkningstid: '2021-06-01', registreringstid: new Date() }),
      ),
    ).toEqual(['første']);
    expect(
      beskrivelseOf(
        await lora.facet.read(created.uuid, { virkningstid: '2023-01-01', registreringstid: afterCreate }),
      ),
    ).toEqual(['første']);
    const history = await lora.facet.read(created.uuid, {
      virkningFra: '-infinity',
      virkningTil: 'infinity',
      registreretFra: '-infinity',
      registreretTil: 'infinity',
    });
    expect(history.registreringer.map((registration) => registration.livscykluskode)).toEqual(
      expect.arrayContaining(['Opstaaet', 'Rettet']),
    );

    expect(await lora.facet.search({ brugervendtnoegle: 'client-%' }, 'now')).toEqual([created.uuid]);
    expect(await lora.facet.search({ beskrivelse: 'første' }, 'now')).toEqual([]);
    expect(
      await lora.facet.search(
        { beskrivelse: 'første' },
        { virkningstid: '2021-06-01T12:00:00+02:00', registreringstid: new Date() },
      ),
    ).toEqual([created.uuid]);
    expect((await lora.facet.searchObjects({ bvn: 'client-facet' }, 'now')).map((o) => o.id)).toEqual([
      created.uuid,
    ]);
    expect((await lora.facet.list([created.uuid, seeded.byggeri], 'now')).map((o) => o.id)).toEqual([
      created.uuid,
    ]);

    await lora.facet.passivate(created.uuid, 'ikke mere');
    expect(await lora.facet.search({ brugervendtnoegle: 'client-facet' }, 'now')).toEqual([]);
    await lora.facet.delete(created.uuid);
    const deleted = await lora.facet.read(created.uuid, 'now').catch((error: unknown) => error);
    expect(deleted).toBeInstanceOf(LoraClientError);
    expect(deleted).toMatchObject({ status: 410, kind: 'deleted' });

    const reimported = await lora.facet.import(created.uuid, facetBody('client-facet', 'igen'));
    expect(reimported.uuid).toBe(created.uuid);
    expect(beskrivelseOf(await lora.facet.read(created.uuid, 'now'))).toEqual(['igen']);
    expect(tokensAsked.length).toBeGreaterThan(0);
  });

  it('makes a write conditional on the registration it read (412 when another came first)', async () => {
    const { uuid, etag } = await lora.facet.create(facetBody('conditional', 'a'));
    const change = (text: string) => ({
      attributter: { facetegenskaber: [{ beskrivelse: text, virkning: from('2021-01-01') } as LoraEntry] },
    });
    const first = await lora.facet.update(uuid, change('b'), { ifMatch: etag! });
    expect(first.etag).not.toBe(etag);
    const late = await lora.facet
      .update(uuid, change('c'), { ifMatch: etag! })
      .catch((error: unknown) => error);
    expect(late).toMatchObject({ status: 412, kind: 'precondition-failed' });
  });

  it("maps LoRA's errors: 404, 400 with LoRA's message naming the path", async () => {
    const missing = await lora.klasse
      .read('00000000-0000-4000-8000-000000000001', 'now')
      .catch((error: unknown) => error);
    expect(missing).toMatchObject({ status: 404, kind: 'not-found', retryable: false });
    const invalid = await lora.facet
      .create({ attributter: { facetegenskaber: [] }, tilstande: {} })
      .catch((error: unknown) => error as LoraClientError);
    expect(invalid).toBeInstanceOf(LoraClientError);
    expect((invalid as LoraClientError).status).toBe(400);
    expect((invalid as LoraClientError).loraMessage).toMatch(/facet|tilstande|attributter/i);
    const unknownParameter = await lora.facet
      .search({ nosuchfield: 'x' }, 'now')
      .catch((error: unknown) => error as LoraClientError);
    expect(unknownParameter).toMatchObject({ status: 400, kind: 'invalid' });
    expect((unknownParameter as LoraClientError).loraMessage).toContain('nosuchfield');
  });

  it('refuses a read without a time slice: never a silent now', async () => {
    const read = lora.facet.read as (uuid: string, at?: unknown) => Promise<unknown>;
    await expect(read.call(lora.facet, seeded.kle272400)).rejects.toThrow(/name the time slice/);
  });
});

describe('the operations processes use', () => {
  it('answers a unit with its manager, inherited from the unit above when it has none', async () => {
    expect(await lora.orgUnitWithManager(seeded.byggeri, 'now')).toEqual({
      unit: { uuid: seeded.byggeri, brugervendtnoegle: 'byggeri', enhedsnavn: 'Byggeri' },
      manager: {
        uuid: seeded.anders,
        brugervendtnoegle: 'anders',
        brugernavn: 'Anders And',
        unitUuid: seeded.byggeri,
      },
    });
    expect((await lora.orgUnitWithManager(seeded.byggesag, 'now')).manager).toMatchObject({
      uuid: seeded.anders,
      unitUuid: seeded.byggeri,
    });
    expect((await lora.orgUnitWithManager(seeded.byggesag, 'now', false)).manager).toBeNull();
    // Before the organisation existed in the world: the unit reads without attributes and has no manager.
    const before = await lora.orgUnitWithManager(seeded.byggeri, {
      virkningstid: '2019-01-01',
      registreringstid: new Date(),
    });
    expect(before).toEqual({
      unit: { uuid: seeded.byggeri, brugervendtnoegle: null, enhedsnavn: null },
      manager: null,
    });
  });

  it('finds the unit responsible for a KLE number, by role, falling back to the gruppe', async () => {
    const ansvarlig = await lora.unitResponsibleForKle('27.24.00', 'ansvarlig', 'now');
    expect(ansvarlig).toMatchObject({
      kle: { uuid: seeded.kle272400, brugervendtnoegle: '27.24.00' },
      unit: { uuid: seeded.byggeri, enhedsnavn: 'Byggeri' },
      manager: { uuid: seeded.anders, brugervendtnoegle: 'anders' },
    });
    const udfoerende = await lora.unitResponsibleForKle('27.24.00', 'udfoerende', 'now');
    expect(udfoerende.unit.uuid).toBe(seeded.byggesag);
    expect(udfoerende.manager?.uuid).toBe(seeded.anders);
    // 27.24.05 has no klasse, 27.24 has one without a unit: nothing is responsible.
    const none = await lora.unitResponsibleForKle('27.24.05', 'ansvarlig', 'now').catch((e: unknown) => e);
    expect(none).toBeInstanceOf(LoraLookupError);
    expect(none).toMatchObject({ code: 'NOT_FOUND' });
    const atSeedTime = await lora
      .unitResponsibleForKle('27.24.00', 'ansvarlig', {
        virkningstid: '2019-06-01',
        registreringstid: new Date(),
      })
      .catch((e: unknown) => e);
    expect(atSeedTime).toMatchObject({ code: 'NOT_FOUND' });
    expect(SEEDED_FROM.startsWith('2020')).toBe(true);
  });

  it('finds a klasse by brugervendtnoegle, in a facet when named', async () => {
    expect(await lora.klasseByBrugervendtnoegle('27.24.00', 'now', 'kle_number')).toEqual({
      uuid: seeded.kle272400,
      brugervendtnoegle: '27.24.00',
      titel: 'Byggesager i almindelighed',
      facetUuid: expect.any(String),
    });
    await expect(lora.klasseByBrugervendtnoegle('27.24.00', 'now')).rejects.toMatchObject({
      code: 'AMBIGUOUS',
    });
    await expect(lora.klasseByBrugervendtnoegle('27.%', 'now', 'kle_number')).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('creates a Sag (idempotently with its uuid) and journalises a Dokument with its file on it', async () => {
    const uuid = '6d1f3c1e-2b4a-4c5d-8e9f-0a1b2c3d4e5f';
    const input = {
      titel: 'Byggetilladelse, Vestergade 12',
      primaerklasse: seeded.kle272400,
      ansvarlig: seeded.byggeri,
      primaerpart: 'urn:oio:cvr-nr:12345678',
      virkningFra: new Date(),
      uuid,
    };
    expect(await lora.createSag(input)).toEqual({ uuid, sagsnummer: uuid, created: true });
    expect(await lora.createSag(input)).toEqual({ uuid, sagsnummer: uuid, created: false });
    const sag = await lora.sag.read(uuid, 'now');
    expect(sag.registreringer[0]?.relationer).toMatchObject({
      primaerklasse: [{ uuid: seeded.kle272400, objekttype: 'Klasse' }],
      ansvarlig: [{ uuid: seeded.byggeri, objekttype: 'OrganisationEnhed' }],
      primaerpart: [{ urn: 'urn:oio:cvr-nr:12345678' }],
    });
    expect(await lora.sag.search({ primaerklasse: seeded.kle272400 }, 'now')).toContain(uuid);
    const withoutUuid = await lora.createSag({ ...input, uuid: undefined, sagsnummer: '27.24.00-G01-1-25' });
    expect(withoutUuid).toMatchObject({ sagsnummer: '27.24.00-G01-1-25', created: true });

    const dokumentUuid = '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d';
    const dokument = {
      titel: 'Ansøgning',
      dokumenttype: 'Ansøgning',
      virkningFra: new Date(),
      uuid: dokumentUuid,
      fil: { filename: 'ansoegning.txt', mimetype: 'text/plain', content: Buffer.from('Jeg søger om lov') },
    };
    expect(await lora.journaliseDokument(uuid, dokument)).toEqual({
      dokumentUuid,
      sagUuid: uuid,
      journalised: true,
    });
    expect(await lora.journaliseDokument(uuid, dokument)).toEqual({
      dokumentUuid,
      sagUuid: uuid,
      journalised: false,
    });
    const second = await lora.journaliseDokument(uuid, { titel: 'Tegning', virkningFra: new Date() });
    const posts = (await lora.sag.read(uuid, 'now')).registreringer[0]?.relationer?.['journalpost'] ?? [];
    expect(posts.map((post) => [post.uuid, post.indeks, post['journalpostkode']])).toEqual([
      [dokumentUuid, 1, 'vedlagtdokument'],
      [second.dokumentUuid, 2, 'vedlagtdokument'],
    ]);
    const stored = await lora.dokument.read(dokumentUuid, 'now');
    const indhold = JSON.stringify(stored.registreringer[0]?.varianter);
    expect(indhold).toMatch(/store:\d{4}\/\d{2}\/\d{2}\/\d{2}\/\d{2}\/[0-9a-f-]+\.bin/);
  });
});
