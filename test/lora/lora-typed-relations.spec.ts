import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  LoraObjectService,
  LoraRegistrationStore,
  LoraRequestError,
  loraObjectTypeAt,
  type LoraScope,
} from '#lora';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { loraFixture } from './lora-comparison.js';

/**
 * LoRA 1.3's relations carry typed fields (`indeks`, Sag's `journalpostkode`/`journalnotat`/`journaldokument`,
 * Aktivitet's `aktoerattr`, Tilstand's `tilstandsvaerdiattr`); the service reads them as their types on every write
 * and answers them in LoRA's form.
 */
describe('LoRA typed relation attributes', () => {
  let db: TestDatabase;
  let service: LoraObjectService;
  const writer = { brugerref: 'test' };
  const virkning = { from: '2014-05-19 12:02:32', to: 'infinity' };
  const tenantId = 'typed-relations';

  const scopeOf = (service_: string, name: string): LoraScope => {
    const type = loraObjectTypeAt(service_, name);
    if (!type) throw new Error(`no LoRA type ${service_}/${name}`);
    return { tenantId, type };
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    service = new LoraObjectService(new LoraRegistrationStore(db.dataSource));
  });
  afterAll(() => db?.drop());

  /** A relation's entries as a read at 2017-01-01 answers them, without virkning, ordered by indeks. */
  async function relation(
    scope: LoraScope,
    uuid: string,
    name: string,
  ): Promise<Array<Record<string, unknown>>> {
    const { view } = await service.read(scope, uuid, '/?virkningstid=2017-01-01', Date.now());
    const relationer = view.registreringer[0].relationer as Record<string, Array<Record<string, unknown>>>;
    return (relationer[name] ?? [])
      .map(({ virkning: _virkning, ...fields }) => fields)
      .sort((a, b) => Number(a.indeks ?? 0) - Number(b.indeks ?? 0));
  }

  /** The 400 a write gets, as `status: message`. */
  async function refusal(write: Promise<unknown>): Promise<string> {
    const error = await write.then(
      () => undefined,
      (caught: unknown) => caught,
    );
    if (!(error instanceof LoraRequestError))
      throw new Error(`expected a LoraRequestError, got ${String(error)}`);
    return `${error.status}: ${error.message}`;
  }

  it('sag: journalpost entries keep journalpostkode, journalnotat and journaldokument as LoRA keeps them', async () => {
    const scope = scopeOf('sag', 'sag');
    const { uuid } = await service.create(scope, loraFixture('sag_opret.json'), writer);
    const [notat, dokument] = await relation(scope, uuid, 'journalpost');
    expect(notat).toMatchObject({
      indeks: 12,
      journalpostkode: 'journalnotat',
      journalnotat: { titel: 'Kommentarer til sagen', format: 'internt' },
    });
    expect(dokument).toMatchObject({
      indeks: 20,
      journalpostkode: 'vedlagtdokument',
      journaldokument: {
        dokumenttitel: 'Rapport XYZ',
        offentlighedundtaget: { alternativtitel: 'Fortroligt!', hjemmel: 'nej' },
      },
    });

    // An update is not checked against the schema: the typed fields are read here, members without a value and
    // unknown members are left out, and journalpostkode stays only on journalpost, as in LoRA's database.
    await service.update(
      scope,
      uuid,
      {
        relationer: {
          journalpost: [
            {
              uuid: 'ef2713ee-1a38-4c23-8fcb-3c4331262194',
              indeks: 12,
              journalpostkode: 'tilakteretdokument',
              journalnotat: { titel: 'Ny titel', notat: '', format: null, farve: 'rød' },
              journaldokument: { dokumenttitel: '', offentlighedundtaget: { hjemmel: '' } },
              virkning,
            },
          ],
          andrebehandlere: [
            {
              uuid: '11111111-1111-4111-8111-111111111111',
              indeks: 1,
              journalpostkode: 'journalnotat',
              virkning,
            },
          ],
        },
      },
      writer,
    );
    const updated = (await relation(scope, uuid, 'journalpost')).find((entry) => entry.indeks === 12);
    expect(updated).toEqual({
      uuid: 'ef2713ee-1a38-4c23-8fcb-3c4331262194',
      indeks: 12,
      journalpostkode: 'tilakteretdokument',
      journalnotat: { titel: 'Ny titel' },
    });
    const [andre] = await relation(scope, uuid, 'andrebehandlere');
    expect(andre).toEqual({ uuid: '11111111-1111-4111-8111-111111111111', indeks: 1 });
  });

  it.each([
    [
      { journalnotat: 'tekst' },
      "journalnotat: expected an object with 'titel', 'notat' and 'format', found \"tekst\"",
    ],
    [
      { journalpostkode: 'Journalnotat' },
      "journalpostkode: expected one of 'journalnotat', 'vedlagtdokument' and 'tilakteretdokument', found \"Journalnotat\"",
    ],
    [
      { journaldokument: { dokumenttitel: 'R', offentlighedundtaget: { hjemmel: {} } } },
      'journaldokument.offentlighedundtaget.hjemmel: expected a string, found {}',
    ],
    [{ indeks: 'første' }, 'indeks: expected an integer from -2147483648 to 2147483647, found "første"'],
  ])('sag: journalpost %j is a 400 naming the path', async (fields, message) => {
    const scope = scopeOf('sag', 'sag');
    const { uuid } = await service.create(scope, loraFixture('sag_opret.json'), writer);
    const entry = { uuid: 'ef2713ee-1a38-4c23-8fcb-3c4331262194', ...fields, virkning };
    expect(await refusal(service.update(scope, uuid, { relationer: { journalpost: [entry] } }, writer))).toBe(
      `400: relationer.journalpost[0].${message}`,
    );
  });

  it('aktivitet: aktoerattr is read as its enums and uuid, and kept only on udfoerer, deltager and ansvarlig', async () => {
    const scope = scopeOf('aktivitet', 'aktivitet');
    const fixture = loraFixture('aktivitet_opret.json');
    const relationer = fixture.relationer as Record<string, unknown[]>;
    const aktoerattr = {
      accepteret: 'accepteret',
      obligatorisk: 'noedvendig',
      repraesentation_uuid: '0E3ED41A-08F2-4967-8689-DCE625F93029',
      repraesentation_urn: '',
    };
    const deltagerAttr = (relationer.deltager[0] as { aktoerattr: Record<string, unknown> }).aktoerattr;
    const { uuid } = await service.create(
      scope,
      {
        ...fixture,
        relationer: {
          ...relationer,
          // LoRA's schema allows aktoerattr on every relation; its database keeps it on three.
          emne: [{ urn: 'urn:emne', aktoerattr: { ...deltagerAttr }, virkning }],
        },
      },
      writer,
    );
    const [deltager1, deltager2] = await relation(scope, uuid, 'deltager');
    expect(deltager1.aktoerattr).toEqual({
      accepteret: 'foreloebigt',
      obligatorisk: 'valgfri',
      repraesentation_uuid: '0123d41a-08f2-4967-8689-dce625f93029',
    });
    expect(deltager2.indeks).toBe(2);
    expect(await relation(scope, uuid, 'emne')).toEqual([{ urn: 'urn:emne' }]);

    await service.update(
      scope,
      uuid,
      { relationer: { udfoerer: [{ uuid: '22345abd-c1b0-48c2-aef7-74fea841adae', aktoerattr, virkning }] } },
      writer,
    );
    const [udfoerer] = await relation(scope, uuid, 'udfoerer');
    expect(udfoerer.aktoerattr).toEqual({
      accepteret: 'accepteret',
      obligatorisk: 'noedvendig',
      repraesentation_uuid: '0e3ed41a-08f2-4967-8689-dce625f93029',
    });

    const refused = (fields: Record<string, unknown>) =>
      refusal(
        service.update(
          scope,
          uuid,
          { relationer: { ansvarlig: [{ urn: 'urn:x', aktoerattr: fields, virkning }] } },
          writer,
        ),
      );
    expect(await refused({ accepteret: 'ja' })).toBe(
      "400: relationer.ansvarlig[0].aktoerattr.accepteret: expected one of 'accepteret', 'foreloebigt' and 'afslaaet', found \"ja\"",
    );
    expect(await refused({ repraesentation_uuid: 'not-a-uuid' })).toBe(
      '400: relationer.ansvarlig[0].aktoerattr.repraesentation_uuid: expected a uuid, found "not-a-uuid"',
    );
  });

  it('tilstand: tilstandsvaerdiattr keeps forventet as a boolean and nominelvaerdi as text', async () => {
    const scope = scopeOf('tilstand', 'tilstand');
    const fixture = loraFixture('tilstand_opret.json');
    const relationer = fixture.relationer as Record<string, Array<Record<string, unknown>>>;
    const [vaerdi] = relationer.tilstandsvaerdi;
    const { uuid } = await service.create(
      scope,
      {
        ...fixture,
        relationer: {
          ...relationer,
          tilstandsvaerdi: [
            vaerdi,
            { ...vaerdi, indeks: 3, tilstandsvaerdiattr: { forventet: false, nominelvaerdi: '0' } },
          ],
        },
      },
      writer,
    );
    expect(
      (await relation(scope, uuid, 'tilstandsvaerdi')).map((entry) => entry.tilstandsvaerdiattr),
    ).toEqual([
      { forventet: true, nominelvaerdi: '82' },
      { forventet: false, nominelvaerdi: '0' },
    ]);

    // An update (not checked against the schema) in another client's forms: LoRA reads `"False"` as false and
    // keeps a number in a text column as its text.
    await service.update(
      scope,
      uuid,
      {
        relationer: {
          tilstandsvaerdi: [{ ...vaerdi, tilstandsvaerdiattr: { forventet: 'False', nominelvaerdi: 81 } }],
        },
      },
      writer,
    );
    expect(
      (await relation(scope, uuid, 'tilstandsvaerdi')).map((entry) => entry.tilstandsvaerdiattr),
    ).toEqual([
      { forventet: false, nominelvaerdi: '81' },
      { forventet: false, nominelvaerdi: '0' },
    ]);
    expect(
      await refusal(
        service.update(
          scope,
          uuid,
          {
            relationer: {
              tilstandsvaerdi: [{ ...vaerdi, tilstandsvaerdiattr: { forventet: 'nej', nominelvaerdi: '1' } }],
            },
          },
          writer,
        ),
      ),
    ).toBe(
      "400: relationer.tilstandsvaerdi[0].tilstandsvaerdiattr.forventet: expected a boolean (true, false, or the strings 'true', 'false', '1', '0'), found \"nej\"",
    );
  });

  it('indsats: indeks must be an integer', async () => {
    const scope = scopeOf('indsats', 'indsats');
    const { uuid } = await service.create(scope, loraFixture('indsats_opret.json'), writer);
    expect(
      await refusal(
        service.update(
          scope,
          uuid,
          { relationer: { indsatsaktoer: [{ urn: 'urn:a', indeks: 1.5, virkning }] } },
          writer,
        ),
      ),
    ).toBe(
      '400: relationer.indsatsaktoer[0].indeks: expected an integer from -2147483648 to 2147483647, found 1.5',
    );
  });
});
