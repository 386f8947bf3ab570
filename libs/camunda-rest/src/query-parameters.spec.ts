import { describe, expect, it } from '@jest/globals';
import {
  booleanParameter,
  dateParameter,
  integerParameter,
  listParameter,
  pagingParameters,
  sortingParameters,
} from './query-parameters.js';
import { tenantScopeOf } from './tenant-scope.js';

describe('query parameters', () => {
  it('reads booleans, whole numbers and lists, naming a parameter whose value does not fit', () => {
    expect(booleanParameter({ latestVersion: 'true' }, 'latestVersion')).toBe(true);
    expect(() => booleanParameter({ latestVersion: 'yes' }, 'latestVersion')).toThrow(
      "Cannot set query parameter 'latestVersion' to value 'yes': expected true or false",
    );
    expect(integerParameter({ maxResults: '10' }, 'maxResults')).toBe(10);
    expect(() => integerParameter({ maxResults: '-1' }, 'maxResults')).toThrow("'maxResults' to value '-1'");
    expect(listParameter({ tenantIdIn: 'a, b' }, 'tenantIdIn')).toEqual(['a', 'b']);
    expect(() => listParameter({ tenantIdIn: ['a', 'b'] }, 'tenantIdIn')).toThrow('given more than once');
    expect(pagingParameters({})).toEqual({ offset: 0, limit: 1000 });
  });

  it('bounds a page at 1000 results: more is a 400 naming maxResults', () => {
    expect(pagingParameters({ firstResult: '2000', maxResults: '1000' })).toEqual({
      offset: 2000,
      limit: 1000,
    });
    expect(() => pagingParameters({ maxResults: '1001' })).toThrow(
      "Cannot set query parameter 'maxResults' to value '1001': at most 1000 results",
    );
  });

  it("reads dates in Camunda's format, also with the '+' of the offset decoded to a space", () => {
    const expected = new Date('2026-01-05T07:00:00.000Z');
    expect(dateParameter({ dueBefore: '2026-01-05T08:00:00.000+0100' }, 'dueBefore')).toEqual(expected);
    expect(dateParameter({ dueBefore: '2026-01-05T08:00:00.000 0100' }, 'dueBefore')).toEqual(expected);
    expect(dateParameter({}, 'dueBefore')).toBeUndefined();
    expect(() => dateParameter({ dueBefore: 'tomorrow' }, 'dueBefore')).toThrow(
      "Cannot set query parameter 'dueBefore' to value 'tomorrow': expected a date in Camunda's format",
    );
  });

  it('needs sortBy and sortOrder together, and knows which columns sort', () => {
    const columns = { startTime: 'started_at', activityId: 'activity_id' } as const;
    expect(sortingParameters({}, columns)).toBeUndefined();
    expect(sortingParameters({ sortBy: 'startTime', sortOrder: 'desc' }, columns)).toEqual({
      by: 'started_at',
      order: 'desc',
    });
    expect(() => sortingParameters({ sortBy: 'startTime' }, columns)).toThrow(
      'Only a single sorting parameter specified. sortBy and sortOrder required',
    );
    expect(() => sortingParameters({ sortBy: 'colour', sortOrder: 'asc' }, columns)).toThrow(
      "'sortBy' to value 'colour': expected one of startTime, activityId",
    );
    expect(() => sortingParameters({ sortBy: 'startTime', sortOrder: 'up' }, columns)).toThrow(
      'expected asc or desc',
    );
  });
});

describe('tenant scope', () => {
  it('sees only rows without a tenant unless the query names tenants', () => {
    expect(tenantScopeOf({})).toEqual(['']);
    expect(tenantScopeOf({ tenantIdIn: 'aarhus,0751' })).toEqual(['aarhus', '0751']);
    expect(tenantScopeOf({ tenantIdIn: 'aarhus', withoutTenantId: 'true' })).toEqual(['aarhus', '']);
    expect(
      tenantScopeOf(
        { tenantIdIn: 'aarhus', includeProcessDefinitionsWithoutTenantId: 'true' },
        'includeProcessDefinitionsWithoutTenantId',
      ),
    ).toEqual(['aarhus', '']);
  });

  it('refuses a tenant id that is no tenant id', () => {
    expect(() => tenantScopeOf({ tenantIdIn: "a,'; drop" })).toThrow("Cannot use 'tenantIdIn' value");
  });
});
