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
 * LoRA 1.3 keeps some attribute fields in typed PostgreSQL columns (booleans, dates, ints, timestamps, intervals,
 * offentlighedundtaget) and answers them in its own form; the service stores and answers them the same way.
 */
describe('LoRA typed attribute values', () => {
  let db: TestDatabase;
  let service: LoraObjectService;
  const writer = { brugerref: 'test' };
  const virkning = { from: '2014-05-19 12:02:32', to: 'infinity' };
  const tenantId = 'typed-values';

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

  /** The first entry of an attribute group as a read at 2017-01-01 answers it, virkning left out. */
  async function egenskaber(scope: LoraScope, uuid: string): Promise<Record<string, unknown>> {
    const { view } = await service.read(scope, uuid, '/?virkningstid=2017-01-01', Date.now());
    const attributter = view.registreringer[0].attributter as Record<string, Array<Record<string, unknown>>>;
    const { virkning: _virkning, ...fields } = attributter[`${scope.type.name}egenskaber`][0];
    return fields;
  }

  /** The same entry as the store keeps it (`lora_registrations.content`). */
  async function stored(scope: LoraScope, uuid: string): Promise<Record<string, unknown>> {
    const [row] = (await db.dataSource.query(
      `SELECT content -> 'attributter' -> $3 -> 0 AS entry FROM lora_registrations
       WHERE tenant_id = $1 AND uuid = $2 AND registered_to IS NULL`,
      [tenantId, uuid, `${scope.type.name}egenskaber`],
    )) as Array<{ entry: Record<string, unknown> }>;
    const { virkning: _virkning, ...fields } = row.entry;
    return fields;
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

  const dokument = (fields: Record<string, unknown>) => ({
    attributter: {
      dokumentegenskaber: [
        {
          brugervendtnoegle: 'TYPED',
          titel: 'Typed',
          beskrivelse: 'typed values',
          dokumenttype: 'Brev',
          brevdato: '2015-08-20',
          ...fields,
          virkning,
        },
      ],
    },
  });

  const aktivitet = (fields: Record<string, unknown>) => ({
    attributter: { aktivitetegenskaber: [{ brugervendtnoegle: 'TYPED', ...fields, virkning }] },
    tilstande: {
      aktivitetstatus: [{ status: 'Aktiv', virkning }],
      aktivitetpubliceret: [{ publiceret: 'Publiceret', virkning }],
    },
  });

  it('sag: booleans sent as strings on an update are stored and answered as booleans; "" clears one', async () => {
    const scope = scopeOf('sag', 'sag');
    const { uuid } = await service.create(scope, loraFixture('sag_opret.json'), writer);
    await service.update(
      scope,
      uuid,
      { attributter: { sagegenskaber: [{ afleveret: 'False', principiel: '1', virkning }] } },
      writer,
    );
    expect(await egenskaber(scope, uuid)).toMatchObject({ afleveret: false, principiel: true });
    expect(await stored(scope, uuid)).toMatchObject({ afleveret: false, principiel: true });

    await service.update(
      scope,
      uuid,
      { attributter: { sagegenskaber: [{ afleveret: '', virkning }] } },
      writer,
    );
    const cleared = await egenskaber(scope, uuid);
    expect(cleared.afleveret).toBeUndefined();
    expect(cleared.principiel).toBe(true);

    expect(
      await refusal(
        service.update(
          scope,
          uuid,
          { attributter: { sagegenskaber: [{ principiel: 'ja', virkning }] } },
          writer,
        ),
      ),
    ).toBe(
      "400: attributter.sagegenskaber[0].principiel: expected a boolean (true, false, or the strings 'true', 'false', '1', '0'), found \"ja\"",
    );
  });

  it('dokument: a date reads back as YYYY-MM-DD, ints stay ints, offentlighedundtaget keeps its two strings', async () => {
    const scope = scopeOf('dokument', 'dokument');
    const { uuid } = await service.create(
      scope,
      dokument({
        brevdato: '2017-1-5',
        major: 3,
        minor: 0,
        offentlighedundtaget: { alternativtitel: 'Fortroligt', hjemmel: '', andet: 'ignored' },
      }),
      writer,
    );
    const expected = {
      brevdato: '2017-01-05',
      major: 3,
      minor: 0,
      offentlighedundtaget: { alternativtitel: 'Fortroligt' },
    };
    expect(await egenskaber(scope, uuid)).toMatchObject(expected);
    expect(await stored(scope, uuid)).toMatchObject(expected);
    expect((await stored(scope, uuid)).offentlighedundtaget).toEqual({ alternativtitel: 'Fortroligt' });
  });

  it.each([
    ['brevdato', '2017-01-01 12:00', 'expected a date written YYYY-MM-DD, found "2017-01-01 12:00"'],
    ['brevdato', '2017-02-29', 'expected a date written YYYY-MM-DD, found "2017-02-29"'],
    ['brevdato', 20170101, 'expected a date written YYYY-MM-DD, found 20170101'],
    ['major', '2', 'expected an integer from -2147483648 to 2147483647, found "2"'],
    ['minor', 1.5, 'expected an integer from -2147483648 to 2147483647, found 1.5'],
    ['major', 2 ** 31, 'expected an integer from -2147483648 to 2147483647, found 2147483648'],
    [
      'offentlighedundtaget',
      'hemmelig',
      "expected an object with 'alternativtitel' and 'hjemmel', found \"hemmelig\"",
    ],
  ])('dokument: %s %j is a 400 naming the path', async (field, value, message) => {
    const scope = scopeOf('dokument', 'dokument');
    expect(await refusal(service.create(scope, dokument({ [field]: value }), writer))).toBe(
      `400: attributter.dokumentegenskaber[0].${field}: ${message}`,
    );
  });

  it('dokument: variant properties are booleans and part indexes ints, as in LoRA', async () => {
    const scope = scopeOf('dokument', 'dokument');
    const variant = (arkivering: unknown, indeks: unknown) => ({
      ...dokument({}),
      varianter: [
        {
          varianttekst: 'PDF',
          egenskaber: [{ arkivering, produktion: '0', virkning }],
          dele: [{ deltekst: 'del', egenskaber: [{ indeks, lokation: 'her', virkning }] }],
        },
      ],
    });
    const { uuid } = await service.create(scope, variant('true', 1), writer);
    const { view } = await service.read(scope, uuid, '/', Date.now());
    const [read] = view.registreringer[0].varianter as Array<{
      egenskaber: Array<Record<string, unknown>>;
      dele: Array<{ egenskaber: Array<Record<string, unknown>> }>;
    }>;
    expect(read.egenskaber[0]).toMatchObject({ arkivering: true, produktion: false });
    expect(read.dele[0].egenskaber[0]).toMatchObject({ indeks: 1 });
    expect(await refusal(service.create(scope, variant('ja', 1), writer))).toMatch(
      /^400: varianter\[0\]\.egenskaber\[0\]\.arkivering: expected a boolean/,
    );
    expect(await refusal(service.create(scope, variant(true, 'første'), writer))).toMatch(
      /^400: varianter\[0\]\.dele\[0\]\.egenskaber\[0\]\.indeks: expected an integer/,
    );
  });

  it("aktivitet: timestamps answer in PostgreSQL's JSON form in Europe/Copenhagen (microseconds kept), intervals in sql_standard style", async () => {
    const scope = scopeOf('aktivitet', 'aktivitet');
    const { uuid } = await service.create(
      scope,
      aktivitet({
        starttidspunkt: '2017-01-01 12:00:00.123456',
        sluttidspunkt: '2017-07-01T10:00:00Z',
        tidsforbrug: '1 day 2 hours 30 minutes 1.6 seconds',
      }),
      writer,
    );
    const expected = {
      starttidspunkt: '2017-01-01T12:00:00.123456+01:00',
      sluttidspunkt: '2017-07-01T12:00:00+02:00',
      tidsforbrug: '1 2:30:02',
    };
    expect(await egenskaber(scope, uuid)).toMatchObject(expected);
    expect(await stored(scope, uuid)).toMatchObject(expected);

    await service.update(
      scope,
      uuid,
      {
        attributter: {
          aktivitetegenskaber: [{ tidsforbrug: 'P2DT3H', starttidspunkt: 'infinity', virkning }],
        },
      },
      writer,
    );
    expect(await egenskaber(scope, uuid)).toMatchObject({
      starttidspunkt: 'infinity',
      tidsforbrug: '2 3:00:00',
    });
    // An update is not checked against the schema, so a number reaches the type check.
    expect(
      await refusal(
        service.update(
          scope,
          uuid,
          { attributter: { aktivitetegenskaber: [{ tidsforbrug: 7200, virkning }] } },
          writer,
        ),
      ),
    ).toBe(
      "400: attributter.aktivitetegenskaber[0].tidsforbrug: expected a duration, e.g. '2 hours', '1 day 02:00:00' or 'P1DT2H', found 7200",
    );
  });

  it.each([
    ['tidsforbrug', 'two hours', "a duration, e.g. '2 hours', '1 day 02:00:00' or 'P1DT2H'"],
    ['starttidspunkt', '2017-13-01', 'a timestamp'],
    ['sluttidspunkt', 'now', 'a timestamp'],
  ])('aktivitet: %s %j is a 400 naming the path', async (field, value, expected) => {
    const scope = scopeOf('aktivitet', 'aktivitet');
    const message = await refusal(service.create(scope, aktivitet({ [field]: value }), writer));
    expect(message).toContain(`400: attributter.aktivitetegenskaber[0].${field}: expected ${expected}`);
  });

  it('indsats: timestamps are read as LoRA reads them (no offset: Europe/Copenhagen)', async () => {
    const scope = scopeOf('indsats', 'indsats');
    const { uuid } = await service.create(scope, loraFixture('indsats_opret.json'), writer);
    await service.update(
      scope,
      uuid,
      { attributter: { indsatsegenskaber: [{ sluttidspunkt: '2020-03-29 02:30:00', virkning }] } },
      writer,
    );
    expect(await egenskaber(scope, uuid)).toMatchObject({
      starttidspunkt: '2014-05-19T14:02:32+02:00',
      // 02:30 does not exist on the day summer time starts; PostgreSQL reads it as 03:30 summer time.
      sluttidspunkt: '2020-03-29T03:30:00+02:00',
    });
  });
});
