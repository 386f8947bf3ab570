import { describe, expect, it } from '@jest/globals';
import { loraObjectTypeAt, type LoraObjectType } from '../object-types/lora-object-types.js';
import { contentOfRequest, type LoraContent } from './lora-content.js';
import { mergeUpdate } from './lora-merge.js';

const facet = loraObjectTypeAt('klassifikation', 'facet') as LoraObjectType;
const content = (body: Record<string, unknown>, forUpdate = false): LoraContent =>
  contentOfRequest(facet, body, forUpdate);
const period = (from: string, to: string) => ({ from, to });

/** Each entry's fields and period in a compact form, sorted by start. */
function entries(
  items: Array<Record<string, unknown>> | undefined,
): Array<Record<string, unknown> & { at: string }> {
  return (items ?? [])
    .map(({ virkning, ...fields }) => ({
      ...fields,
      at: `${(virkning as { from: string }).from}..${(virkning as { to: string }).to}`,
    }))
    .sort((a, b) => a.at.localeCompare(b.at));
}

describe("LoRA's merge rules", () => {
  const current = content({
    attributter: {
      facetegenskaber: [
        {
          brugervendtnoegle: 'A',
          beskrivelse: 'gammel',
          virkning: period('2010-01-01T00:00:00Z', 'infinity'),
        },
      ],
    },
    tilstande: {
      facetpubliceret: [{ publiceret: 'Publiceret', virkning: period('2010-01-01T00:00:00Z', 'infinity') }],
    },
    relationer: {
      ansvarlig: [
        {
          uuid: '11111111-1111-4111-8111-111111111111',
          virkning: period('2010-01-01T00:00:00Z', 'infinity'),
        },
      ],
      redaktoerer: [
        {
          uuid: '22222222-2222-4222-8222-222222222222',
          virkning: period('2010-01-01T00:00:00Z', 'infinity'),
        },
      ],
    },
  });

  it('cuts an attribute by the new period and keeps the fields the update leaves out; an empty string clears one', () => {
    const merged = mergeUpdate(
      facet,
      current,
      content(
        {
          attributter: {
            facetegenskaber: [
              {
                brugervendtnoegle: 'B',
                beskrivelse: '',
                virkning: period('2012-01-01T00:00:00Z', '2013-01-01T00:00:00Z'),
              },
            ],
          },
        },
        true,
      ),
    );
    expect(entries(merged.attributter.facetegenskaber)).toEqual([
      {
        brugervendtnoegle: 'A',
        beskrivelse: 'gammel',
        at: '2010-01-01T00:00:00.000Z..2012-01-01T00:00:00.000Z',
      },
      { brugervendtnoegle: 'B', at: '2012-01-01T00:00:00.000Z..2013-01-01T00:00:00.000Z' },
      { brugervendtnoegle: 'A', beskrivelse: 'gammel', at: '2013-01-01T00:00:00.000Z..infinity' },
    ]);
  });

  it('fills a part of the new period no old entry covered with the new entry alone', () => {
    const merged = mergeUpdate(
      facet,
      current,
      content(
        {
          attributter: {
            facetegenskaber: [
              { brugervendtnoegle: 'C', virkning: period('2005-01-01T00:00:00Z', '2011-01-01T00:00:00Z') },
            ],
          },
        },
        true,
      ),
    );
    expect(entries(merged.attributter.facetegenskaber)).toEqual([
      { brugervendtnoegle: 'C', at: '2005-01-01T00:00:00.000Z..2010-01-01T00:00:00.000Z' },
      {
        brugervendtnoegle: 'C',
        beskrivelse: 'gammel',
        at: '2010-01-01T00:00:00.000Z..2011-01-01T00:00:00.000Z',
      },
      { brugervendtnoegle: 'A', beskrivelse: 'gammel', at: '2011-01-01T00:00:00.000Z..infinity' },
    ]);
  });

  it('clears a state or a 0..1 relation for a period with an empty value, and replaces 0..n relations whole', () => {
    const merged = mergeUpdate(
      facet,
      current,
      content(
        {
          tilstande: {
            facetpubliceret: [{ publiceret: '', virkning: period('2015-01-01T00:00:00Z', 'infinity') }],
          },
          relationer: {
            ansvarlig: [{ uuid: '', virkning: period('2015-01-01T00:00:00Z', 'infinity') }],
            redaktoerer: [
              {
                uuid: '33333333-3333-4333-8333-333333333333',
                virkning: period('2020-01-01T00:00:00Z', 'infinity'),
              },
            ],
          },
        },
        true,
      ),
    );
    expect(entries(merged.tilstande.facetpubliceret)).toEqual([
      { publiceret: 'Publiceret', at: '2010-01-01T00:00:00.000Z..2015-01-01T00:00:00.000Z' },
    ]);
    expect(entries(merged.relationer.ansvarlig).map((entry) => entry.at)).toEqual([
      '2010-01-01T00:00:00.000Z..2015-01-01T00:00:00.000Z',
    ]);
    expect(entries(merged.relationer.redaktoerer).map((entry) => entry.uuid)).toEqual([
      '33333333-3333-4333-8333-333333333333',
    ]);
  });

  it('cuts at a virkning bound with microseconds, keeping it exact on both sides', () => {
    const merged = mergeUpdate(
      facet,
      current,
      content(
        {
          attributter: {
            facetegenskaber: [
              {
                beskrivelse: 'ny',
                virkning: period('2015-06-01T12:00:00.123456+02:00', '2015-06-01T12:00:00.123457+02:00'),
              },
            ],
          },
        },
        true,
      ),
    );
    expect(entries(merged.attributter.facetegenskaber)).toEqual([
      {
        brugervendtnoegle: 'A',
        beskrivelse: 'gammel',
        at: '2010-01-01T00:00:00.000Z..2015-06-01T10:00:00.123456Z',
      },
      {
        brugervendtnoegle: 'A',
        beskrivelse: 'ny',
        at: '2015-06-01T10:00:00.123456Z..2015-06-01T10:00:00.123457Z',
      },
      { brugervendtnoegle: 'A', beskrivelse: 'gammel', at: '2015-06-01T10:00:00.123457Z..infinity' },
    ]);
  });

  it('cuts a period reaching from year 1900 to 9999 out of one open at both ends', () => {
    const open = content({
      tilstande: {
        facetpubliceret: [{ publiceret: 'Publiceret', virkning: period('-infinity', 'infinity') }],
      },
    });
    const merged = mergeUpdate(
      facet,
      open,
      content(
        {
          tilstande: {
            facetpubliceret: [
              {
                publiceret: 'IkkePubliceret',
                virkning: period('1900-01-01T00:00:00.000001Z', '9999-12-31T23:59:59.999999Z'),
              },
            ],
          },
        },
        true,
      ),
    );
    expect(entries(merged.tilstande.facetpubliceret)).toEqual([
      { publiceret: 'Publiceret', at: '-infinity..1900-01-01T00:00:00.000001Z' },
      { publiceret: 'IkkePubliceret', at: '1900-01-01T00:00:00.000001Z..9999-12-31T23:59:59.999999Z' },
      { publiceret: 'Publiceret', at: '9999-12-31T23:59:59.999999Z..infinity' },
    ]);
  });
});
