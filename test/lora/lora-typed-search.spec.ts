import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  LoraObjectService,
  LoraRegistrationStore,
  LoraRequestError,
  loraObjectTypeAt,
  type LoraScope,
} from '#lora';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/**
 * A search compares a typed attribute field by its type, as LoRA compares its typed columns: the search value is
 * read with the reader every write uses, so another form of the same value (offset, case, leading zero) finds it.
 */
describe('LoRA searches on typed fields', () => {
  let db: TestDatabase;
  let service: LoraObjectService;
  const writer = { brugerref: 'test' };
  const virkning = { from: '2014-05-19 12:02:32', to: 'infinity' };
  const tenantId = 'typed-search';
  let aktivitetUuid: string;
  let dokumentUuid: string;
  let sagUuid: string;

  const scopeOf = (service_: string, name: string): LoraScope => {
    const type = loraObjectTypeAt(service_, name);
    if (!type) throw new Error(`no LoRA type ${service_}/${name}`);
    return { tenantId, type };
  };
  const aktivitet = scopeOf('aktivitet', 'aktivitet');
  const dokument = scopeOf('dokument', 'dokument');
  const sag = scopeOf('sag', 'sag');

  const found = async (scope: LoraScope, query: string) =>
    (await service.listOrSearch(scope, `/?${query}`, Date.now())).results[0];

  async function refusal(search: Promise<unknown>): Promise<string> {
    const error = await search.then(
      () => undefined,
      (caught: unknown) => caught,
    );
    if (!(error instanceof LoraRequestError))
      throw new Error(`expected a LoraRequestError, got ${String(error)}`);
    return `${error.status}: ${error.message}`;
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    service = new LoraObjectService(new LoraRegistrationStore(db.dataSource));
    ({ uuid: aktivitetUuid } = await service.create(
      aktivitet,
      {
        attributter: {
          aktivitetegenskaber: [
            {
              brugervendtnoegle: 'MOEDE',
              starttidspunkt: '2017-01-01 12:00',
              tidsforbrug: '2 hours',
              virkning,
            },
          ],
        },
        tilstande: {
          aktivitetstatus: [{ status: 'Aktiv', virkning }],
          aktivitetpubliceret: [{ publiceret: 'Publiceret', virkning }],
        },
      },
      writer,
    ));
    ({ uuid: dokumentUuid } = await service.create(
      dokument,
      {
        attributter: {
          dokumentegenskaber: [
            {
              brugervendtnoegle: 'BREV',
              titel: 'Brev',
              beskrivelse: 'et brev',
              dokumenttype: 'Brev',
              brevdato: '2017-01-01',
              major: 2,
              virkning,
            },
          ],
        },
        tilstande: { dokumentfremdrift: [{ fremdrift: 'Modtaget', virkning }] },
      },
      writer,
    ));
    ({ uuid: sagUuid } = await service.create(
      sag,
      {
        attributter: {
          sagegenskaber: [
            {
              brugervendtnoegle: 'SAG',
              beskrivelse: 'en sag',
              kassationskode: 'K',
              sagsnummer: '1',
              titel: 'Sag',
              afleveret: true,
              principiel: false,
              virkning,
            },
          ],
        },
        tilstande: { sagfremdrift: [{ fremdrift: 'Opstaaet', virkning }] },
      },
      writer,
    ));
  });
  afterAll(() => db?.drop());

  it.each([
    ['starttidspunkt=2017-01-01T11:00:00Z', true],
    ['starttidspunkt=2017-01-01 12:00:00%2B01', true],
    ['starttidspunkt=2017-01-01 12:00', true],
    ['starttidspunkt=2017-01-01 12:00:01', false],
    ['tidsforbrug=120 minutes', true],
    ['tidsforbrug=PT2H', true],
    ['tidsforbrug=3 hours', false],
    ['starttidspunkt=2017-01-01T11:00:00Z&brugervendtnoegle=moede', true],
  ])('aktivitet: %s finds it: %s', async (query, expected) => {
    expect((await found(aktivitet, query)).includes(aktivitetUuid)).toBe(expected);
  });

  it.each([
    ['brevdato=2017-01-01', true],
    ['brevdato=2017-1-1', true],
    ['brevdato=2017-01-02', false],
    ['major=2', true],
    ['major=02', true],
    ['major=3', false],
  ])('dokument: %s finds it: %s', async (query, expected) => {
    expect((await found(dokument, query)).includes(dokumentUuid)).toBe(expected);
  });

  it.each([
    ['afleveret=true', true],
    ['afleveret=True', true],
    ['afleveret=1', true],
    ['afleveret=false', false],
    ['principiel=0', true],
    ['principiel=False&afleveret=true', true],
  ])('sag: %s finds it: %s', async (query, expected) => {
    expect((await found(sag, query)).includes(sagUuid)).toBe(expected);
  });

  it.each([
    [
      sag,
      'afleveret=ja',
      "afleveret: expected a boolean (true, false, or the strings 'true', 'false', '1', '0'), found \"ja\"",
    ],
    [
      sag,
      'afleveret=%25',
      "afleveret: expected a boolean (true, false, or the strings 'true', 'false', '1', '0'), found \"%\"",
    ],
    [dokument, 'brevdato=2017-02-30', 'brevdato: expected a date written YYYY-MM-DD, found "2017-02-30"'],
    [dokument, 'major=to', 'major: expected an integer from -2147483648 to 2147483647, found "to"'],
    [aktivitet, 'starttidspunkt=i morgen', 'starttidspunkt: expected a timestamp'],
    [aktivitet, 'tidsforbrug=lang', 'tidsforbrug: expected a duration'],
  ])('an unreadable value is a 400 naming the parameter (%#)', async (scope, query, message) => {
    expect(await refusal(found(scope, query))).toContain(`400: ${message}`);
  });
});
