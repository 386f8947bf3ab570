import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApps, type Http, type TestApps } from '../api/camunda-rest-client.js';

const BRUGER = '/lora/organisation/bruger';
const ALL_TIME = 'virkningFra=-infinity&virkningTil=infinity';

let apps: TestApps;
let http: Http;
let renamed: string;

/** A bruger whose egenskaber changed in 2020: CKA "agger" until then, CKB "bagger" after. */
const brugerWithTwoEntries = {
  note: 'Skiftede navn',
  attributter: {
    brugeregenskaber: [
      { brugervendtnoegle: 'CKA', brugernavn: 'agger', virkning: { from: '2015-01-01', to: '2020-01-01' } },
      { brugervendtnoegle: 'CKB', brugernavn: 'bagger', virkning: { from: '2020-01-01', to: 'infinity' } },
    ],
  },
  tilstande: { brugergyldighed: [{ gyldighed: 'Aktiv', virkning: { from: '2015-01-01', to: 'infinity' } }] },
};

beforeAll(async () => {
  apps = await startTestApps();
  http = apps.engine;
  const created = await http.post(BRUGER).send(brugerWithTwoEntries);
  expect(created.status).toBe(201);
  renamed = (created.body as { uuid: string }).uuid;
}, 60_000);
afterAll(() => apps?.stop(), 30_000);

async function search(query: string): Promise<string[]> {
  const response = await http.get(`${BRUGER}?${query}`);
  expect(response.status).toBe(200);
  return (response.body as { results: string[][] }).results[0];
}

describe('LoRA search: the fields of one attribute group match within one entry, as LoRA does', () => {
  it('finds the object when the fields hold in the same entry', async () => {
    expect(await search(`brugervendtnoegle=CKA&brugernavn=agger&${ALL_TIME}`)).toEqual([renamed]);
    expect(await search(`brugervendtnoegle=ckb&brugernavn=bag%&${ALL_TIME}`)).toEqual([renamed]);
  });

  it('does not find it when each field holds only in a different entry', async () => {
    expect(await search(`brugervendtnoegle=CKA&brugernavn=bagger&${ALL_TIME}`)).toEqual([]);
    expect(await search(`brugervendtnoegle=CKB&brugernavn=agger&${ALL_TIME}`)).toEqual([]);
  });

  it('still combines an attribute with a state or a relation filter across entries', async () => {
    expect(await search(`brugervendtnoegle=CKA&gyldighed=Aktiv&${ALL_TIME}`)).toEqual([renamed]);
  });

  it('matches the entry in the virkning slice asked for', async () => {
    expect(await search('brugervendtnoegle=CKA&brugernavn=agger&virkningstid=2017-06-01')).toEqual([renamed]);
    expect(await search('brugervendtnoegle=CKA&brugernavn=agger&virkningstid=2021-06-01')).toEqual([]);
  });
});
