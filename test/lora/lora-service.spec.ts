import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApps, type Http, type TestApps } from '../api/camunda-rest-client.js';
import { asLoraAnswers, comparable, loraFixture, registrationContent } from './lora-comparison.js';

/** Where each fixture's type is served. */
const PATHS: Record<string, string> = {
  organisation: '/lora/organisation/organisation',
  organisationenhed: '/lora/organisation/organisationenhed',
  organisationfunktion: '/lora/organisation/organisationfunktion',
  bruger: '/lora/organisation/bruger',
  itsystem: '/lora/organisation/itsystem',
  interessefaellesskab: '/lora/organisation/interessefaellesskab',
  facet: '/lora/klassifikation/facet',
  klasse: '/lora/klassifikation/klasse',
  klassifikation: '/lora/klassifikation/klassifikation',
  sag: '/lora/sag/sag',
  dokument: '/lora/dokument/dokument',
  aktivitet: '/lora/aktivitet/aktivitet',
  indsats: '/lora/indsats/indsats',
  tilstand: '/lora/tilstand/tilstand',
  loghaendelse: '/lora/log/loghaendelse',
};

const ALL_TIME = 'virkningFra=-infinity&virkningTil=infinity';

let apps: TestApps;
let http: Http;

beforeAll(async () => {
  apps = await startTestApps();
  http = apps.engine;
}, 60_000);
afterAll(() => apps?.stop(), 30_000);

/** The file parts a Dokument body refers to (`indhold: "field:<name>"`). */
function fileParts(body: unknown): string[] {
  return [...JSON.stringify(body).matchAll(/"field:([^"]+)"/g)].map((match) => match[1]);
}

/** What the test uploads for a file part. */
const fileContent = (name: string) => Buffer.from(`Indhold af ${name}: æøå`, 'utf8');

/** Sends a write as JSON, or as LoRA's multipart Dokument request when the body refers to file parts. */
function send(test: ReturnType<Http['post']>, body: unknown) {
  const parts = fileParts(body);
  if (parts.length === 0) return test.send(body as object);
  let multipart = test.field('json', JSON.stringify(body));
  for (const name of parts) {
    multipart = multipart.attach(name, fileContent(name), {
      filename: `${name}.txt`,
      contentType: 'text/plain',
    });
  }
  return multipart;
}

async function create(type: string, body: unknown): Promise<string> {
  const response = await send(http.post(PATHS[type]), body);
  expect({ status: response.status, body: response.body }).toEqual({
    status: 201,
    body: { uuid: expect.any(String) },
  });
  return (response.body as { uuid: string }).uuid;
}

/** The object's registrations as LoRA answers a read with these parameters. */
async function read(type: string, uuid: string, query = ''): Promise<Array<Record<string, unknown>>> {
  const response = await http.get(`${PATHS[type]}/${uuid}${query ? `?${query}` : ''}`);
  expect(response.status).toBe(200);
  const body = response.body as Record<
    string,
    Array<{ id: string; registreringer: Array<Record<string, unknown>> }>
  >;
  expect(Object.keys(body)).toEqual([uuid]);
  expect(body[uuid][0].id).toBe(uuid);
  return body[uuid][0].registreringer;
}

async function current(type: string, uuid: string, query = ALL_TIME): Promise<Record<string, unknown>> {
  const registrations = await read(type, uuid, query);
  expect(registrations).toHaveLength(1);
  return registrations[0];
}

async function patch(type: string, uuid: string, body: unknown): Promise<void> {
  const response = await send(http.patch(`${PATHS[type]}/${uuid}`), body);
  expect({ status: response.status, body: response.body }).toEqual({ status: 200, body: { uuid } });
}

/** An attribute group's entries at a read, each with its fields and the start of its virkning. */
const egenskaber = (
  registration: Record<string, unknown>,
  group: string,
): Array<Record<string, unknown> & { from: string }> =>
  ((registration.attributter as Record<string, Array<Record<string, unknown>>>)[group] ?? []).map(
    ({ virkning, ...fields }) => ({ ...fields, from: (virkning as { from: string }).from }),
  );

describe('LoRA: every create fixture', () => {
  const creates = Object.keys(PATHS)
    .map((type): [string, string] => [type, `${type}_opret.json`])
    .concat([
      ['facet', 'facet_fejl_13733.json'],
      ['facet', 'facet_reduce_effective_time_21660.json'],
      ['bruger', 'test_bruger.json'],
    ]);

  it.each(creates)(
    '%s from %s is created and read back equal (all virkning periods)',
    async (type, fixture) => {
      const body = loraFixture(fixture);
      const uuid = await create(type, body);
      const registration = await current(type, uuid);
      expect(registrationContent(registration)).toEqual(registrationContent(asLoraAnswers(body)));
      expect(registration).toMatchObject({ livscykluskode: 'Opstaaet', brugerref: 'anonymous' });
      if (typeof body.note === 'string') expect(registration.note).toBe(body.note);
      expect((registration.fratidspunkt as { tidsstempeldatotid: string }).tidsstempeldatotid).toMatch(
        /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?\+00:00$/,
      );
      expect(registration.tiltidspunkt).toEqual({ tidsstempeldatotid: 'infinity' });
    },
  );

  it("answers timestamps in LoRA's form: Europe/Copenhagen, PostgreSQL's text", async () => {
    const uuid = await create('facet', loraFixture('facet_opret.json'));
    const registration = await current('facet', uuid);
    const [item] = (registration.attributter as Record<string, Array<{ virkning: unknown }>>).facetegenskaber;
    expect(item.virkning).toEqual({
      from: '2014-05-19 12:02:32+02',
      to: 'infinity',
      from_included: true,
      to_included: false,
      aktoerref: 'ddc99abd-c1b0-48c2-aef7-74fea841adae',
      aktoertypekode: 'Bruger',
      notetekst: 'Nothing to see here!',
    });
  });

  it('test_bruger.json imported with PUT and read at a virkningstid matches LoRA’s output', async () => {
    const uuid = '1a4b3ae4-0b3c-4b0e-9d5e-2c1f3b7c9d01';
    const put = await http.put(`${PATHS.bruger}/${uuid}`).send(loraFixture('test_bruger.json'));
    expect({ status: put.status, body: put.body }).toEqual({ status: 200, body: { uuid } });
    const [registration] = await read(
      'bruger',
      uuid,
      `virkningstid=${encodeURIComponent('2004-11-01T12:00:00+01:00')}`,
    );
    const { fratidspunkt: _from, tiltidspunkt: _to, brugerref: _by, ...rest } = registration;
    expect(rest).toEqual(loraFixture('output/test_bruger_virkningstid.json'));
  });
});

describe('LoRA: updates by the merge rules', () => {
  it('facet: a note-only update writes no registration; attributes are cut by period and merged field by field', async () => {
    const uuid = await create('facet', loraFixture('facet_opret.json'));
    await patch('facet', uuid, loraFixture('facet_opdater.json'));
    expect(await read('facet', uuid, 'registreretFra=-infinity')).toHaveLength(1);

    await patch('facet', uuid, loraFixture('facet_opdater2.json'));
    const history = await read('facet', uuid, 'registreretFra=-infinity');
    expect(history.map((registration) => registration.livscykluskode)).toEqual(['Opstaaet', 'Rettet']);
    expect(history[1].note).toBe('Opdateret facet, ændret BVN');

    await patch('facet', uuid, loraFixture('facet_opdater_kun_egenskaber.json'));
    const registration = await current('facet', uuid);
    expect(egenskaber(registration, 'facetegenskaber').sort((a, b) => a.from.localeCompare(b.from))).toEqual([
      {
        brugervendtnoegle: 'ORGFUNK',
        beskrivelse: 'Organisatorisk funktion æ',
        plan: 'XYZ',
        opbygning: 'Hierarkisk',
        ophavsret: 'Magenta',
        supplement: 'Ja',
        from: '2014-05-19 12:02:32+02',
      },
      {
        brugervendtnoegle: 'F1',
        beskrivelse: 'Organisatorisk funktion æ',
        plan: 'XYZ',
        opbygning: 'Hierarkisk',
        ophavsret: 'Magenta',
        supplement: 'Ja',
        from: '2015-05-19 12:02:32+02',
      },
      {
        brugervendtnoegle: 'F1',
        beskrivelse: 'Organisatorisk funktion 2',
        plan: 'XYZ',
        opbygning: 'Hierarkisk',
        ophavsret: 'Magenta',
        supplement: 'Ja',
        from: '2016-01-01 00:00:00+01',
      },
    ]);
    // Reads at points on the virkning axis see the value of that time only.
    const at2015 = await current('facet', uuid, 'virkningstid=2015-01-01');
    expect(egenskaber(at2015, 'facetegenskaber').map((item) => item.brugervendtnoegle)).toEqual(['ORGFUNK']);
    const at2017 = await current('facet', uuid, 'virkningstid=2017-01-01');
    expect(egenskaber(at2017, 'facetegenskaber').map((item) => item.beskrivelse)).toEqual([
      'Organisatorisk funktion 2',
    ]);
  });

  it('reads at points on the registration axis see the registration of that time', async () => {
    const uuid = await create('facet', loraFixture('facet_opret.json'));
    const [first] = await read('facet', uuid);
    await patch('facet', uuid, loraFixture('facet_opdater2.json'));
    const firstTime = (first.fratidspunkt as { tidsstempeldatotid: string }).tidsstempeldatotid;
    const old = await current(
      'facet',
      uuid,
      `registreringstid=${encodeURIComponent(firstTime)}&virkningstid=2017-01-01`,
    );
    expect(egenskaber(old, 'facetegenskaber').map((item) => item.brugervendtnoegle)).toEqual(['ORGFUNK']);
    const now = await current('facet', uuid, 'virkningstid=2017-01-01');
    expect(egenskaber(now, 'facetegenskaber').map((item) => item.brugervendtnoegle)).toEqual(['ORGFUNK1']);
    expect((await http.get(`${PATHS.facet}/${uuid}?registreringstid=2000-01-01`)).status).toBe(404);
  });

  it('klasse: merged attributes, 0..1 relations cut, a 0..n relation cleared by an empty list, PUT overwrites whole', async () => {
    const uuid = await create('klasse', loraFixture('klasse_opret.json'));
    await patch('klasse', uuid, loraFixture('klasse_opdater.json'));
    const updated = await current('klasse', uuid, 'virkningstid=2020-01-01');
    expect(egenskaber(updated, 'klasseegenskaber')).toEqual([
      expect.objectContaining({
        brugervendtnoegle: 'ORGFUNK',
        titel: 'XYZ',
        soegeord: [['hej', 'med', 'dig']],
      }),
    ]);

    await patch('klasse', uuid, loraFixture('klasse_add_relations.json'));
    const withRelations = await current('klasse', uuid, 'virkningstid=2020-01-01');
    const relationer = withRelations.relationer as Record<string, Array<{ uuid: string }>>;
    expect(relationer.facet.map((item) => item.uuid)).toEqual(['fd9aa2a3-8640-42ad-95da-b4d0307a7ab2']);
    expect(relationer.overordnetklasse.map((item) => item.uuid)).toEqual([
      '2101886a-66c9-42f3-b4cb-dc19572c3c60',
    ]);
    expect(relationer.redaktoerer).toHaveLength(2);

    const mapping = { from: '2014-12-01', to: 'infinity' };
    await patch('klasse', uuid, {
      relationer: {
        mapninger: [
          { uuid: '33333333-3333-4333-8333-333333333333', virkning: mapping },
          { uuid: '44444444-4444-4444-8444-444444444444', virkning: mapping },
        ],
      },
    });
    expect(((await current('klasse', uuid)).relationer as Record<string, unknown[]>).mapninger).toHaveLength(
      2,
    );
    await patch('klasse', uuid, loraFixture('klasse_clear_mapping.json'));
    const cleared = await current('klasse', uuid);
    expect((cleared.relationer as Record<string, unknown>).mapninger).toBeUndefined();

    const put = await http.put(`${PATHS.klasse}/${uuid}`).send(loraFixture('klasse_opdater_put.json'));
    expect(put.status).toBe(200);
    const overwritten = await current('klasse', uuid);
    expect(overwritten.livscykluskode).toBe('Rettet');
    expect(registrationContent(overwritten)).toEqual(
      registrationContent(loraFixture('klasse_opdater_put.json')),
    );
    expect((await current('klasse', uuid, 'virkningstid=2015-01-01')).attributter).toBeUndefined();
  });

  it('aktivitet: an empty tidsforbrug is a zero interval, a 0..1 relation is replaced in its period', async () => {
    const uuid = await create('aktivitet', loraFixture('aktivitet_opret.json'));
    const before = egenskaber(
      await current('aktivitet', uuid, 'virkningstid=2017-01-01'),
      'aktivitetegenskaber',
    );
    expect(before[0].tidsforbrug).toBeDefined();
    await patch('aktivitet', uuid, loraFixture('aktivitet_opdater.json'));
    const after = await current('aktivitet', uuid, 'virkningstid=2017-01-01');
    const [fields] = egenskaber(after, 'aktivitetegenskaber');
    // LoRA reads an empty interval as 0 and answers '0' (its test_integration_activity.py, test_edit).
    expect(fields.tidsforbrug).toBe('0');
    expect(fields.brugervendtnoegle).toBe(before[0].brugervendtnoegle);
    const ansvarlig = (registration: Record<string, unknown>) =>
      (registration.relationer as Record<string, Array<{ aktoerattr: unknown }>>).ansvarlig.map(
        (item) => item.aktoerattr,
      );
    expect(ansvarlig(after)).toEqual([{ repraesentation_urn: 'a::b::c' }]);
    const earlier = await current('aktivitet', uuid, 'virkningstid=2015-06-01');
    expect(ansvarlig(earlier)).toEqual([
      {
        accepteret: 'foreloebigt',
        obligatorisk: 'valgfri',
        repraesentation_uuid: '0e3ed41a-08f2-4967-8689-dce625f93029',
      },
    ]);
  });

  it('sag: 0..n relations are matched by indeks; a new entry without indeks is numbered', async () => {
    const uuid = await create('sag', loraFixture('sag_opret.json'));
    const virkning = { from: '2014-05-19 12:02:32', to: 'infinity' };
    await patch('sag', uuid, {
      relationer: {
        andrebehandlere: [
          { uuid: '11111111-1111-4111-8111-111111111111', objekttype: 'Bruger', indeks: 1, virkning },
          { uuid: '22222222-2222-4222-8222-222222222222', objekttype: 'Bruger', virkning },
        ],
      },
    });
    const registration = await current('sag', uuid);
    const andre = (registration.relationer as Record<string, Array<{ uuid: string; indeks: number }>>)
      .andrebehandlere;
    expect(
      andre.map(({ uuid: id, indeks }) => ({ uuid: id, indeks })).sort((a, b) => a.indeks - b.indeks),
    ).toEqual([
      { uuid: '11111111-1111-4111-8111-111111111111', indeks: 1 },
      { uuid: 'ddc99abd-c1b0-48c2-aef7-74fea841adae', indeks: 2 },
      { uuid: '22222222-2222-4222-8222-222222222222', indeks: 3 },
    ]);
    expect((registration.relationer as Record<string, unknown[]>).journalpost).toHaveLength(2);
  });

  it.each([
    ['klassifikation', 'klassifikation_opdater.json', 'klassifikationegenskaber', 'brugervendtnoegle', 'K1'],
    ['loghaendelse', 'loghaendelse_opdater.json', 'loghaendelseegenskaber', 'note', 'Opdatering'],
    [
      'dokument',
      'dokument_opdater_kun_egenskaber.json',
      'dokumentegenskaber',
      'titel',
      'Dokument nr. 12345 opdateret',
    ],
    ['dokument', 'dokument_opdater.json', 'dokumentegenskaber', 'titel', 'Dokument nr. 12345 opdateret'],
  ])('%s updated with %s', async (type, fixture, group, field, value) => {
    const uuid = await create(type, loraFixture(`${type}_opret.json`));
    await patch(type, uuid, loraFixture(fixture));
    const [fields] = egenskaber(await current(type, uuid, 'virkningstid=2017-01-01'), group);
    expect(fields[field]).toBe(value);
    expect(fields.brugervendtnoegle ?? fields.service).toBeDefined();
  });

  it('dokument: variants are matched by varianttekst, their parts by deltekst; uploaded content is downloadable', async () => {
    const uuid = await create('dokument', loraFixture('dokument_opret.json'));
    type Variants = Array<{
      varianttekst: string;
      dele?: Array<{ deltekst: string; egenskaber?: Array<{ indhold: string; mimetype: string }> }>;
    }>;
    const indholdOf = (registration: Record<string, unknown>, deltekst: string) =>
      (registration.varianter as Variants)
        .find((variant) => variant.varianttekst === 'PDF')
        ?.dele?.find((part) => part.deltekst === deltekst)?.egenskaber?.[0];
    const created = await current('dokument', uuid);
    const first = indholdOf(created, 'doc_deltekst1A');
    expect(first?.indhold).toMatch(/^store:\d{4}\/\d{2}\/\d{2}\/\d{2}\/\d{2}\/[0-9a-f-]{36}\.bin$/);
    expect(indholdOf(created, 'doc_deltekst1C')?.indhold).toBe('http://www.google.com/');
    const download = await http.get(`/lora/dokument/dokument/${first?.indhold.slice('store:'.length)}`);
    expect(download.status).toBe(200);
    expect(download.headers['content-type']).toMatch(/^text\/plain/);
    expect(download.text).toBe(fileContent('del_indhold1').toString('utf8'));

    await patch('dokument', uuid, loraFixture('dokument_opdater2.json'));
    const updated = await current('dokument', uuid);
    const replaced = indholdOf(updated, 'doc_deltekst1A');
    expect(replaced?.indhold).not.toBe(first?.indhold);
    const newContent = await http.get(`/lora/dokument/dokument/${replaced?.indhold.slice('store:'.length)}`);
    expect(newContent.text).toBe(fileContent('del_indhold1_opdateret').toString('utf8'));
    expect((updated.varianter as Variants).map((variant) => variant.varianttekst)).toContain(
      'doc_varianttekst2',
    );
    expect(indholdOf(updated, 'doc_deltekst1B')?.indhold).toBe(indholdOf(created, 'doc_deltekst1B')?.indhold);
    const found = await http.get(
      `${PATHS.dokument}?deltekst=doc_deltekst1a&underredigeringaf=urn:cpr8883394&uuid=${uuid}`,
    );
    expect(found.body).toEqual({ results: [[uuid]] });
  });

  it('dokument: a part referring to a file part the request lacks is a 400 naming the path', async () => {
    const response = await http.post(PATHS.dokument).send(loraFixture('dokument_opret.json'));
    expect(response.status).toBe(400);
    expect(response.body.message).toMatch(
      /^varianter\[0\]\.dele\[0\]\.egenskaber\[0\]\.indhold: refers to the file part 'del_indhold1'/,
    );
    const missing = await http.get(
      '/lora/dokument/dokument/2020/01/01/00/00/00000000-0000-4000-8000-000000000000.bin',
    );
    expect(missing.status).toBe(404);
  });
});

describe('LoRA: lifecycle', () => {
  it('passivates, refuses an update of a passive object, deletes (410), and re-imports', async () => {
    const uuid = await create('facet', loraFixture('facet_opret.json'));
    await patch('facet', uuid, loraFixture('facet_passiv.json'));
    expect((await current('facet', uuid)).livscykluskode).toBe('Passiveret');
    const refused = await http.patch(`${PATHS.facet}/${uuid}`).send(loraFixture('facet_opdater2.json'));
    expect(refused.status).toBe(400);
    expect(refused.body.message).toMatch(
      /Invalid transition to lifecycle code \[Rettet\] from lifecycle code \[Passiveret\]/,
    );

    const deleted = await http.delete(`${PATHS.facet}/${uuid}`).send(loraFixture('facet_slet.json'));
    expect({ status: deleted.status, body: deleted.body }).toEqual({ status: 202, body: { uuid } });
    const gone = await http.get(`${PATHS.facet}/${uuid}`);
    expect({ status: gone.status, body: gone.body }).toEqual({
      status: 410,
      body: { message: 'This object has been deleted.' },
    });
    expect((await http.delete(`${PATHS.facet}/${uuid}`)).status).toBe(400);

    const reimported = await http.put(`${PATHS.facet}/${uuid}`).send(loraFixture('facet_opret.json'));
    expect(reimported.status).toBe(200);
    expect((await current('facet', uuid)).livscykluskode).toBe('Importeret');
    const history = await read('facet', uuid, 'registreretFra=-infinity');
    expect(history.map((registration) => registration.livscykluskode)).toEqual([
      'Opstaaet',
      'Passiveret',
      'Slettet',
      'Importeret',
    ]);
  });

  it('answers 404 for an unknown object, an unknown type or a path that is no uuid', async () => {
    const unknown = 'c0ffee00-0000-4000-8000-000000000000';
    const missing = await http.get(`${PATHS.facet}/${unknown}`);
    expect({ status: missing.status, body: missing.body }).toEqual({
      status: 404,
      body: { message: `No Facet with ID ${unknown} found in service klassifikation` },
    });
    expect((await http.patch(`${PATHS.facet}/${unknown}`).send({ note: 'x' })).status).toBe(404);
    expect((await http.delete(`${PATHS.facet}/${unknown}`)).status).toBe(404);
    expect((await http.get('/lora/klassifikation/nothing')).status).toBe(404);
    expect((await http.get(`${PATHS.facet}/not-a-uuid`)).status).toBe(404);
  });
});

describe('LoRA: validation', () => {
  it.each([
    [
      {
        ...loraFixture('facet_opret.json'),
        attributter: {
          facetegenskaber: [
            { brugervendtnoegle: 'X', farve: 'blå', virkning: { from: '2020-01-01', to: 'infinity' } },
          ],
        },
      },
      /attributter\.facetegenskaber\.0: .*additional.*'farve'/,
    ],
    [
      {
        ...loraFixture('facet_opret.json'),
        tilstande: {
          facetpubliceret: [{ publiceret: 'Måske', virkning: { from: '2020-01-01', to: 'infinity' } }],
        },
      },
      /tilstande\.facetpubliceret\.0\.publiceret: .*Publiceret, IkkePubliceret/,
    ],
    [
      {
        ...loraFixture('facet_opret.json'),
        relationer: { ansvarlig: [{ uuid: 'nope', virkning: { from: '2020-01-01', to: 'infinity' } }] },
      },
      /relationer\.ansvarlig\.0/,
    ],
    [{ note: 'no attributes' }, /attributter/],
    [
      {
        ...loraFixture('facet_opret.json'),
        attributter: {
          facetegenskaber: [{ brugervendtnoegle: 'X', virkning: { from: 'someday', to: 'infinity' } }],
        },
      },
      /attributter\.facetegenskaber\[0\]\.virkning\.from: 'someday' is not a timestamp/,
    ],
  ])('refuses a create that breaks the schema with a 400 naming the path (%#)', async (body, message) => {
    const response = await http.post(PATHS.facet).send(body);
    expect(response.status).toBe(400);
    expect(response.body.message).toMatch(message);
  });

  it('refuses an update naming a group the type does not have, and unknown query parameters', async () => {
    const uuid = await create('facet', loraFixture('facet_opret.json'));
    const wrongGroup = await http
      .patch(`${PATHS.facet}/${uuid}`)
      .send({ attributter: { klasseegenskaber: [] } });
    expect(wrongGroup.status).toBe(400);
    expect(wrongGroup.body.message).toMatch(/attributter\.klasseegenskaber: Facet has no attributter/);
    const unknownParameter = await http.get(`${PATHS.facet}/${uuid}?virkningstid=2020-01-01&farve=blå`);
    expect({ status: unknownParameter.status, body: unknownParameter.body }).toEqual({
      status: 400,
      body: { message: 'Unsupported argument(s): farve' },
    });
    expect((await http.get(`${PATHS.facet}?farve=blå`)).status).toBe(400);
    expect(
      (await http.get(`${PATHS.facet}/${uuid}?virkningstid=2020-01-01&virkningFra=2019-01-01`)).status,
    ).toBe(400);
  });
});

describe('LoRA: list and search', () => {
  const virkning = { from: '2010-01-01', to: 'infinity', notetekst: 'Oprettet af kommune-flow' };
  const unit = (bvn: string, navn: string, overordnet: string, gyldighed = 'Aktiv') => ({
    attributter: { organisationenhedegenskaber: [{ brugervendtnoegle: bvn, enhedsnavn: navn, virkning }] },
    tilstande: { organisationenhedgyldighed: [{ gyldighed, virkning }] },
    relationer: {
      overordnet: [{ uuid: overordnet, objekttype: 'OrganisationEnhed', virkning }],
      adresser: [{ urn: `urn:dawa:${bvn}`, objekttype: 'Adresse', virkning }],
    },
  });
  const parent = 'aaaaaaaa-0000-4000-8000-000000000001';
  const other = 'aaaaaaaa-0000-4000-8000-000000000002';
  let units: Record<string, string>;

  beforeAll(async () => {
    units = {
      borger: await create('organisationenhed', unit('SØG-Borgerservice', 'Borgerservice', parent)),
      boern: await create('organisationenhed', unit('SØG-Børn og Unge', 'Børn og Unge', parent)),
      ejendom: await create('organisationenhed', unit('SØG-Ejendomme', 'Ejendomme', other, 'Inaktiv')),
    };
  });

  const search = async (query: string) => {
    const response = await http.get(`${PATHS.organisationenhed}?${query}`);
    expect(response.status).toBe(200);
    return (response.body as { results: string[][] }).results[0];
  };

  it('lists several objects by uuid', async () => {
    const response = await http.get(`${PATHS.organisationenhed}?uuid=${units.borger}&uuid=${units.ejendom}`);
    expect(response.status).toBe(200);
    const [objects] = (response.body as { results: Array<Array<{ id: string }>> }).results;
    expect(objects.map((object) => object.id).sort()).toEqual([units.borger, units.ejendom].sort());
  });

  it('searches by attribute (case-insensitive, % wildcard, bvn alias), state, relation, urn, objekttype, vilkaarlig…, note', async () => {
    expect(await search('bvn=søg-borgerservice')).toEqual([units.borger]);
    expect(await search('BrugerVendtNoegle=SØG-%')).toEqual([units.borger, units.boern, units.ejendom]);
    expect(await search('enhedsnavn=%unge')).toEqual([units.boern]);
    expect(await search('bvn=SØG-%&gyldighed=Inaktiv')).toEqual([units.ejendom]);
    expect(await search(`overordnet=${parent}`)).toEqual([units.borger, units.boern]);
    expect(await search(`overordnet:OrganisationEnhed=${other}`)).toEqual([units.ejendom]);
    expect(await search(`overordnet:Bruger=${other}`)).toEqual([]);
    expect(await search('adresser=urn:dawa:SØG-Ejendomme')).toEqual([units.ejendom]);
    expect(await search('vilkaarligattr=børn og unge')).toEqual([units.boern]);
    expect(await search(`vilkaarligrel=${other}`)).toEqual([units.ejendom]);
    expect(await search('bvn=SØG-%&notetekst=%kommune-flow')).toHaveLength(3);
    expect(await search('bvn=SØG-%&brugerref=anonymous')).toHaveLength(3);
    expect(await search(`uuid=${units.boern}&bvn=SØG-%`)).toEqual([units.boern]);
  });

  it('searches at a virkning time, pages in brugervendtnoegle order, and answers whole objects with list=true', async () => {
    expect(await search('bvn=SØG-%&virkningstid=2009-01-01')).toEqual([]);
    // Ordered by brugervendtnoegle: SØG-Borgerservice, SØG-Børn og Unge, SØG-Ejendomme.
    const all = await search('bvn=SØG-%');
    expect(all).toEqual([units.borger, units.boern, units.ejendom]);
    expect(await search('bvn=SØG-%&maximalantalresultater=2')).toEqual([units.borger, units.boern]);
    expect(await search('bvn=SØG-%&foersteresultat=1&maximalantalresultater=1')).toEqual([all[1]]);
    const listed = await http.get(`${PATHS.organisationenhed}?bvn=SØG-Ejendomme&list=true`);
    const [[object]] = (listed.body as { results: Array<Array<{ id: string; registreringer: unknown[] }>> })
      .results;
    expect(object.id).toBe(units.ejendom);
    expect(object.registreringer).toHaveLength(1);
  });

  it('leaves passivated and deleted objects out unless livscykluskode asks for them', async () => {
    const uuid = await create('organisationenhed', unit('SØG-Passiv', 'Passiv enhed', parent));
    await patch('organisationenhed', uuid, { livscyklus: 'Passiv', note: 'lukket' });
    expect(await search('bvn=SØG-Passiv')).toEqual([]);
    expect(await search('bvn=SØG-Passiv&livscykluskode=Passiveret')).toEqual([uuid]);
    expect((await http.get(`${PATHS.organisationenhed}?bvn=x&livscykluskode=Levende`)).status).toBe(400);
  });
});

describe('LoRA: concurrent and conditional writes', () => {
  it('applies every one of concurrent updates to one object (no lost update)', async () => {
    const uuid = await create('organisationenhed', {
      attributter: {
        organisationenhedegenskaber: [
          {
            brugervendtnoegle: 'KONKURRENT',
            enhedsnavn: 'Start',
            virkning: { from: '2000-01-01', to: 'infinity' },
          },
        ],
      },
      tilstande: {
        organisationenhedgyldighed: [
          { gyldighed: 'Aktiv', virkning: { from: '2000-01-01', to: 'infinity' } },
        ],
      },
    });
    const years = Array.from({ length: 8 }, (_, index) => 2010 + index);
    const responses = await Promise.all(
      years.map((year) =>
        http.patch(`${PATHS.organisationenhed}/${uuid}`).send({
          attributter: {
            organisationenhedegenskaber: [
              { enhedsnavn: `År ${year}`, virkning: { from: `${year}-01-01`, to: `${year + 1}-01-01` } },
            ],
          },
        }),
      ),
    );
    expect(responses.map((response) => response.status)).toEqual(years.map(() => 200));
    for (const year of years) {
      const [fields] = egenskaber(
        await current('organisationenhed', uuid, `virkningstid=${year}-06-01`),
        'organisationenhedegenskaber',
      );
      expect({ year, enhedsnavn: fields.enhedsnavn, bvn: fields.brugervendtnoegle }).toEqual({
        year,
        enhedsnavn: `År ${year}`,
        bvn: 'KONKURRENT',
      });
    }
    expect(await read('organisationenhed', uuid, 'registreretFra=-infinity')).toHaveLength(years.length + 1);
  });

  it('makes a write conditional on the registration read (If-Match with its ETag): a stale one is a 412', async () => {
    const uuid = await create('organisationenhed', loraFixture('organisationenhed_opret.json'));
    const readResponse = await http.get(`${PATHS.organisationenhed}/${uuid}`);
    const etag = readResponse.headers.etag as string;
    expect(etag).toMatch(/^"\d+"$/);
    const first = await http
      .patch(`${PATHS.organisationenhed}/${uuid}`)
      .set('If-Match', etag)
      .send({
        note: 'første',
        attributter: {
          organisationenhedegenskaber: [
            { enhedsnavn: 'Ny', virkning: { from: '2020-01-01', to: 'infinity' } },
          ],
        },
      });
    expect(first.status).toBe(200);
    const stale = await http
      .patch(`${PATHS.organisationenhed}/${uuid}`)
      .set('If-Match', etag)
      .send({
        note: 'anden',
        attributter: {
          organisationenhedegenskaber: [
            { enhedsnavn: 'Anden', virkning: { from: '2020-01-01', to: 'infinity' } },
          ],
        },
      });
    expect(stale.status).toBe(412);
    expect(stale.body.message).toMatch(/has changed since registration/);
    const fresh = await http
      .patch(`${PATHS.organisationenhed}/${uuid}`)
      .set('If-Match', first.headers.etag as string)
      .send({
        attributter: {
          organisationenhedegenskaber: [
            { enhedsnavn: 'Anden', virkning: { from: '2020-01-01', to: 'infinity' } },
          ],
        },
      });
    expect(fresh.status).toBe(200);
  });
});

describe('LoRA: self-description', () => {
  it('answers /fields, /schema, the service classes and the site map', async () => {
    const fields = await http.get('/lora/klassifikation/facet/fields');
    expect(fields.status).toBe(200);
    expect(fields.body).toMatchObject({
      attributter: { egenskaber: expect.arrayContaining(['brugervendtnoegle', 'beskrivelse']) },
      tilstande: { publiceret: ['Publiceret', 'IkkePubliceret'] },
      relationer_nul_til_en: expect.arrayContaining(['ansvarlig', 'ejer']),
      relationer_nul_til_mange: ['redaktoerer'],
    });
    const schema = await http.get('/lora/sag/sag/schema');
    expect(schema.body).toMatchObject({ properties: { attributter: expect.any(Object) } });
    const classes = await http.get('/lora/klassifikation/classes');
    expect(Object.keys(classes.body as object).sort()).toEqual(['facet', 'klasse', 'klassifikation']);
    const siteMap = await http.get('/lora/site-map');
    expect((siteMap.body as { 'site-map': string[] })['site-map']).toEqual(
      expect.arrayContaining([
        '/lora/log/loghaendelse',
        '/lora/sag/sag/{uuid}',
        '/lora/dokument/dokument/fields',
      ]),
    );
    expect(comparable([2, 1])).toEqual([1, 2]);
  });
});
