import { describe, expect, it } from '@jest/globals';
import { listQueryOf, oneAndListParameter, orderOf } from './list-query.js';

describe('listQueryOf', () => {
  it('keeps the filters that were given, with the tenants and the paging', () => {
    const query = listQueryOf({ firstResult: '20', maxResults: '10' }, ['aarhus'], {
      businessKey: 'sag-1',
      name: undefined,
    });
    expect(query).toEqual({ tenantIds: ['aarhus'], businessKey: 'sag-1', offset: 20, limit: 10 });
    expect('name' in query).toBe(false);
  });

  it('refuses a malformed page as Camunda does', () => {
    expect(() => listQueryOf({ maxResults: 'ten' }, [''], {})).toThrow(
      "Cannot set query parameter 'maxResults' to value 'ten': expected a whole number of at least 0",
    );
  });
});

describe('oneAndListParameter', () => {
  it('puts the single value first, then the list', () => {
    expect(oneAndListParameter({ key: 'a', keyIn: 'b,c' }, 'key', 'keyIn')).toEqual(['a', 'b', 'c']);
    expect(oneAndListParameter({ keyIn: 'b' }, 'key', 'keyIn')).toEqual(['b']);
    expect(oneAndListParameter({ key: 'a' }, 'key', 'keyIn')).toEqual(['a']);
    expect(oneAndListParameter({}, 'key', 'keyIn')).toBeUndefined();
  });
});

describe('orderOf', () => {
  it('answers the default order when no sorting is asked for', () => {
    expect(orderOf(undefined, { byDefault: 'i.started_at, i.id', tiebreaker: 'i.id' })).toBe(
      'i.started_at, i.id',
    );
  });

  it('sorts as asked, then by the tiebreaker (or the default order)', () => {
    const sorting = { by: 'i.business_key', order: 'desc' } as const;
    expect(orderOf(sorting, { byDefault: 'i.started_at, i.id', tiebreaker: 'i.id' })).toBe(
      'i.business_key desc, i.id',
    );
    expect(orderOf(sorting, { byDefault: 'i.started_at, i.id', nullsLast: true })).toBe(
      'i.business_key desc NULLS LAST, i.started_at, i.id',
    );
  });
});
