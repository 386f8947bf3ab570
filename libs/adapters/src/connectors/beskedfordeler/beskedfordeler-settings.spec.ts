import { describe, expect, it } from '@jest/globals';
import {
  beskedfordelerSettingsOf,
  beskedVariablesOf,
  correlationValueOf,
  routeOf,
} from './beskedfordeler-settings.js';
import type { Haendelsesbesked } from './haendelsesbesked.js';

const FLYTNING = 'a3b1c2d4-0000-4000-8000-000000000001';
const KVITTERING = 'a3b1c2d4-0000-4000-8000-000000000002';

const settings = beskedfordelerSettingsOf('aarhus', {
  queue: 'bf.aarhus',
  routes: [
    { beskedtype: FLYTNING.toUpperCase(), kle: '27.24%', startProcess: 'flytning-boern' },
    { beskedtype: FLYTNING, startProcess: 'flytning' },
    {
      beskedtype: KVITTERING,
      kle: '32.01.01',
      correlateMessage: 'kvittering',
      correlationFrom: 'TransaktionsId',
    },
  ],
});

const besked = (beskedtype: string, opgaveEmne?: string): Haendelsesbesked => ({
  beskedId: 'b-1',
  beskedtype,
  transaktionsId: 'tx-1',
  objekt: { objektId: 'o-1', ...(opgaveEmne ? { opgaveEmne } : {}) },
});

describe('Beskedfordeler routes', () => {
  it('takes the first route whose Beskedtype and KLE emne match (a % prefix or the exact emne)', () => {
    expect(routeOf(settings.routes, besked(FLYTNING, '27.24.03'))?.startProcess).toBe('flytning-boern');
    expect(routeOf(settings.routes, besked(FLYTNING, '27.25.00'))?.startProcess).toBe('flytning');
    expect(routeOf(settings.routes, besked(FLYTNING))?.startProcess).toBe('flytning');
    expect(routeOf(settings.routes, besked(KVITTERING, '32.01.01'))?.correlateMessage).toBe('kvittering');
    expect(routeOf(settings.routes, besked(KVITTERING, '32.01.02'))).toBeUndefined();
    expect(routeOf(settings.routes, besked('ffffffff-0000-4000-8000-000000000000'))).toBeUndefined();
  });

  it('correlates by the field the route names, ObjektId by default', () => {
    expect(correlationValueOf(settings.routes[2]!, besked(KVITTERING))).toBe('tx-1');
    expect(correlationValueOf(settings.routes[0]!, besked(KVITTERING))).toBe('o-1');
  });

  it('gives the process identifiers only', () => {
    expect(beskedVariablesOf(besked(FLYTNING, '27.24.00'))).toEqual({
      beskedId: 'b-1',
      beskedtype: FLYTNING,
      transaktionsId: 'tx-1',
      objektId: 'o-1',
      opgaveEmne: '27.24.00',
    });
  });

  it('refuses settings that are wrong, naming the tenant and every field', () => {
    expect(() =>
      beskedfordelerSettingsOf('odense', {
        routes: [{ beskedtype: 'nope', startProcess: 'a', correlateMessage: 'b' }, { beskedtype: FLYTNING }],
      }),
    ).toThrow(/tenant 'odense'.*\$\.queue.*\$\.routes\[0\]\.beskedtype/);
    expect(() =>
      beskedfordelerSettingsOf('odense', { queue: 'q', routes: [{ beskedtype: FLYTNING }] }),
    ).toThrow('$.routes[0] needs exactly one of startProcess and correlateMessage');
  });
});
