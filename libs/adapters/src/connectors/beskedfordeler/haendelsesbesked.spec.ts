import { describe, expect, it } from '@jest/globals';
import {
  haendelsesbeskedXml,
  parseHaendelsesbesked,
  UnusableHaendelsesbeskedError,
} from './haendelsesbesked.js';

const BESKEDTYPE = 'A3B1C2D4-0000-4000-8000-000000000001';

/** An envelope as KOMBIT's Beskedfordeler writes it: prefixed, identifiers wrapped, Beskeddata with a CPR number. */
const delivered = `<?xml version="1.0" encoding="UTF-8"?>
<ns2:Haendelsesbesked xmlns:ns2="urn:oio:besked:kuvert:1.0" BeskedVersion="1.0">
  <ns2:BeskedId><UUIDIdentifikator>5b0e4a52-93c1-4b8e-9f0e-2d7c1a3b4c5d</UUIDIdentifikator></ns2:BeskedId>
  <ns2:Beskedkuvert>
    <ns2:Filtreringsdata>
      <ns2:BeskedtypeId><UUIDIdentifikator>${BESKEDTYPE}</UUIDIdentifikator></ns2:BeskedtypeId>
      <ns2:TilladtModtager><URNIdentifikator>urn:oio:cvr-nr:29189846</URNIdentifikator></ns2:TilladtModtager>
      <ns2:ObjektRegistrering>
        <ns2:ObjektId><UUIDIdentifikator>9d2f3c1e-0000-4000-8000-00000000abcd</UUIDIdentifikator></ns2:ObjektId>
        <ns2:ObjektTypeKode>Sag</ns2:ObjektTypeKode>
        <ns2:ObjektAnsvarligMyndighed><URNIdentifikator>urn:oio:cvr-nr:29189846</URNIdentifikator></ns2:ObjektAnsvarligMyndighed>
        <ns2:OpgaveEmne><URNIdentifikator>urn:oio:kle:27.24.00</URNIdentifikator></ns2:OpgaveEmne>
        <ns2:ObjektHandling>Opret</ns2:ObjektHandling>
      </ns2:ObjektRegistrering>
    </ns2:Filtreringsdata>
    <ns2:Leveranceinformation>
      <ns2:TransaktionsId>t-1</ns2:TransaktionsId>
      <ns2:TransaktionsTidspunkt>2026-01-05T08:00:00Z</ns2:TransaktionsTidspunkt>
    </ns2:Leveranceinformation>
  </ns2:Beskedkuvert>
  <ns2:Beskeddata><Person><CPR>0101901234</CPR></Person></ns2:Beskeddata>
</ns2:Haendelsesbesked>`;

describe('Haendelsesbesked', () => {
  it('reads the envelope’s identifiers and KLE emne, and nothing of Beskeddata', () => {
    const besked = parseHaendelsesbesked(delivered);
    expect(besked).toEqual({
      beskedId: '5b0e4a52-93c1-4b8e-9f0e-2d7c1a3b4c5d',
      beskedVersion: '1.0',
      beskedtype: BESKEDTYPE.toLowerCase(),
      transaktionsId: 't-1',
      transaktionsTid: '2026-01-05T08:00:00Z',
      objekt: {
        objektId: '9d2f3c1e-0000-4000-8000-00000000abcd',
        objektType: 'Sag',
        ansvarligMyndighed: 'urn:oio:cvr-nr:29189846',
        opgaveEmne: '27.24.00',
        handling: 'Opret',
      },
    });
    expect(JSON.stringify(besked)).not.toContain('0101901234');
  });

  it('writes an envelope that reads back to the same fields, text escaped', () => {
    const xml = haendelsesbeskedXml({
      beskedId: '11111111-2222-4333-8444-555555555555',
      beskedtype: BESKEDTYPE.toLowerCase(),
      transaktionsId: 'tx-9',
      transaktionsTid: new Date('2026-02-01T10:00:00.000Z'),
      objektId: 'sag-<1>&',
      objektType: 'Sag',
      opgaveEmne: '32.01.01',
      handling: 'Ret',
      beskeddata: '<ikke xml="1">',
    });
    expect(xml).toContain('<Beskeddata>&lt;ikke xml=&quot;1&quot;&gt;</Beskeddata>');
    expect(parseHaendelsesbesked(xml)).toEqual({
      beskedId: '11111111-2222-4333-8444-555555555555',
      beskedVersion: '1.0',
      beskedtype: BESKEDTYPE.toLowerCase(),
      transaktionsId: 'tx-9',
      transaktionsTid: '2026-02-01T10:00:00.000Z',
      objekt: { objektId: 'sag-<1>&', objektType: 'Sag', opgaveEmne: '32.01.01', handling: 'Ret' },
    });
  });

  it('refuses DOCTYPE and entities, other documents, broken XML and missing ids — without quoting content', () => {
    const refused = (xml: string): string => {
      try {
        parseHaendelsesbesked(xml);
      } catch (error) {
        expect(error).toBeInstanceOf(UnusableHaendelsesbeskedError);
        return (error as Error).message;
      }
      throw new Error('expected a refusal');
    };
    expect(
      refused(
        `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><Haendelsesbesked>&e;</Haendelsesbesked>`,
      ),
    ).toContain('DOCTYPE or ENTITY declaration');
    expect(refused('<Kvittering><BeskedId>1</BeskedId></Kvittering>')).toContain(
      "root element is 'Kvittering'",
    );
    expect(refused('<Haendelsesbesked><BeskedId>0101901234')).toContain('not well-formed');
    expect(refused('<Haendelsesbesked><Beskedkuvert/></Haendelsesbesked>')).toBe(
      'The Haendelsesbesked has no BeskedId',
    );
    expect(refused('<Haendelsesbesked><BeskedId>b-1</BeskedId></Haendelsesbesked>')).toBe(
      'The Haendelsesbesked has no Beskedkuvert/Filtreringsdata/Beskedtype',
    );
    expect(refused('<Haendelsesbesked><BeskedId>has 0101901234 spaces</BeskedId></Haendelsesbesked>')).toBe(
      "The Haendelsesbesked's BeskedId is not an identifier",
    );
  });
});
