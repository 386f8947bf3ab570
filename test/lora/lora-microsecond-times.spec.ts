import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { formatLoraInstant, parseLoraInstant } from '#lora';
import { startTestApps, type Http, type TestApps } from '../api/camunda-rest-client.js';

// LoRA 1.3 keeps both time axes in PostgreSQL timestamptz columns: to the microsecond. So do we.
const FACETS = '/lora/klassifikation/facet';
const ALL_VIRKNING = 'virkningFra=-infinity&virkningTil=infinity';

let apps: TestApps;
let http: Http;

beforeAll(async () => {
  apps = await startTestApps();
  http = apps.engine;
}, 60_000);
afterAll(() => apps?.stop(), 30_000);

type Registration = Record<string, unknown> & {
  fratidspunkt: { tidsstempeldatotid: string };
  tiltidspunkt: { tidsstempeldatotid: string };
};

const virkning = (from: string, to = 'infinity') => ({ from, to });

function facet(beskrivelse: string, from: string) {
  return {
    attributter: { facetegenskaber: [{ brugervendtnoegle: 'MIKRO', beskrivelse, virkning: virkning(from) }] },
    tilstande: { facetpubliceret: [{ publiceret: 'Publiceret', virkning: virkning(from) }] },
  };
}

async function read(uuid: string, query: string): Promise<Registration[]> {
  const response = await http.get(`${FACETS}/${uuid}?${query}`);
  expect(response.status).toBe(200);
  return (response.body as Record<string, Array<{ registreringer: Registration[] }>>)[uuid][0].registreringer;
}

/** The facet's attribute entries (none when nothing holds at the read's virkning). */
const beskrivelser = (registration: Registration) =>
  (
    registration.attributter as
      { facetegenskaber: Array<{ beskrivelse: string; virkning: { from: string } }> } | undefined
  )?.facetegenskaber ?? [];

describe('LoRA: times to the microsecond', () => {
  it('answers the registration a client saw when it reads at that fratidspunkt, and the one before a microsecond earlier', async () => {
    const created = await http.post(FACETS).send(facet('første', '2014-05-19'));
    expect(created.status).toBe(201);
    const uuid = (created.body as { uuid: string }).uuid;
    for (const beskrivelse of ['anden', 'tredje', 'fjerde']) {
      expect((await http.patch(`${FACETS}/${uuid}`).send(facet(beskrivelse, '2014-05-19'))).status).toBe(200);
    }

    const history = await read(uuid, `registreretFra=-infinity&registreretTil=infinity&${ALL_VIRKNING}`);
    expect(history.map((registration) => beskrivelser(registration)[0].beskrivelse)).toEqual([
      'første',
      'anden',
      'tredje',
      'fjerde',
    ]);
    const times = history.map((registration) => registration.fratidspunkt.tidsstempeldatotid);
    for (const time of times) expect(time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,6})?\+00:00$/);
    // Four registration times all on whole milliseconds would mean they were rounded (a chance of 1 in 10^12).
    expect(times.some((time) => /\.\d{4,6}\+00:00$/.test(time))).toBe(true);
    history.slice(1).forEach((registration, index) => {
      expect(history[index].tiltidspunkt.tidsstempeldatotid).toBe(
        registration.fratidspunkt.tidsstempeldatotid,
      );
    });

    for (const [index, time] of times.entries()) {
      const [exact] = await read(uuid, `registreringstid=${encodeURIComponent(time)}&${ALL_VIRKNING}`);
      expect(exact.fratidspunkt.tidsstempeldatotid).toBe(time);
      expect(beskrivelser(exact)[0].beskrivelse).toBe(beskrivelser(history[index])[0].beskrivelse);
      if (index === 0) continue;
      const earlier = formatLoraInstant(parseLoraInstant(time, 'fratidspunkt') - 1n);
      const [before] = await read(uuid, `registreringstid=${encodeURIComponent(earlier)}&${ALL_VIRKNING}`);
      expect(before.fratidspunkt.tidsstempeldatotid).toBe(times[index - 1]);
    }
  }, 60_000);

  it('keeps a virkning with microseconds, cuts it there on update, and reads and searches on either side', async () => {
    const created = await http.post(FACETS).send(facet('gammel', '2015-06-01T12:00:00.123456+02:00'));
    expect(created.status).toBe(201);
    const uuid = (created.body as { uuid: string }).uuid;
    const update = {
      attributter: {
        facetegenskaber: [
          {
            beskrivelse: 'ny',
            virkning: virkning('2016-01-01 00:00:00.0000015', '2016-01-01T00:00:00.999999+01:00'),
          },
        ],
      },
    };
    expect((await http.patch(`${FACETS}/${uuid}`).send(update)).status).toBe(200);

    const [all] = await read(uuid, ALL_VIRKNING);
    // 7 digits are rounded as PostgreSQL rounds them: .0000015 → .000002 (a half to the even microsecond).
    expect(
      beskrivelser(all)
        .map((entry) => `${entry.beskrivelse} ${entry.virkning.from}`)
        .sort(),
    ).toEqual([
      'gammel 2015-06-01 12:00:00.123456+02',
      'gammel 2016-01-01 00:00:00.999999+01',
      'ny 2016-01-01 00:00:00.000002+01',
    ]);

    const at = async (instant: string) => {
      const [registration] = await read(uuid, `virkningstid=${encodeURIComponent(instant)}`);
      return beskrivelser(registration).map((entry) => entry.beskrivelse);
    };
    expect(await at('2015-06-01T12:00:00.123455+02:00')).toEqual([]);
    expect(await at('2015-06-01T12:00:00.123456+02:00')).toEqual(['gammel']);
    expect(await at('2016-01-01 00:00:00.000001')).toEqual(['gammel']);
    expect(await at('2016-01-01 00:00:00.000002')).toEqual(['ny']);
    expect(await at('2016-01-01 00:00:00.999998')).toEqual(['ny']);
    expect(await at('2016-01-01 00:00:00.999999')).toEqual(['gammel']);

    const search = async (instant: string) =>
      (await http.get(`${FACETS}?beskrivelse=ny&uuid=${uuid}&virkningstid=${encodeURIComponent(instant)}`))
        .body as { results: string[][] };
    expect((await search('2016-01-01 00:00:00.000001')).results).toEqual([[]]);
    expect((await search('2016-01-01 00:00:00.000002')).results).toEqual([[uuid]]);
    expect((await search('2016-01-01 00:00:00.999999')).results).toEqual([[]]);
  }, 60_000);

  it('refuses a fraction that is no number, naming the parameter', async () => {
    const response = await http.get(`${FACETS}?beskrivelse=x&virkningstid=2016-01-01T00:00:00.12ab`);
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).toContain('virkningstid');
  });
});
