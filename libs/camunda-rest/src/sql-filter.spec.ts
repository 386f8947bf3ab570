import { describe, expect, it } from '@jest/globals';
import { SqlFilter } from './sql-filter.js';

describe('SqlFilter', () => {
  it('starts from the tenant scope and numbers its parameters in order', () => {
    const filter = new SqlFilter('t.tenant_id', ['', 'aarhus'])
      .equal('t.key', 'aktindsigt')
      .equal('t.version', undefined)
      .condition('t.ended_at IS NULL');
    const page = filter.page(20, 10);
    expect(filter.where).toBe('t.tenant_id = ANY($1) AND t.key = $2 AND t.ended_at IS NULL');
    expect(page).toBe('LIMIT $4 OFFSET $3');
    expect(filter.parameters).toEqual([['', 'aarhus'], 'aktindsigt', 20, 10]);
  });

  it('adds lists, LIKE patterns and conditions around parameters of their own', () => {
    const filter = new SqlFilter('tenant_id', [''])
      .anyOf('id', ['a', 'b'])
      .anyOf('key', undefined)
      .like('business_key', 'sag-%')
      .like('name', undefined);
    filter.condition(`started_at > ${filter.parameter('2026-01-01')}`);
    expect(filter.where).toBe(
      'tenant_id = ANY($1) AND id = ANY($2) AND business_key LIKE $3 AND started_at > $4',
    );
    expect(filter.parameters).toEqual([[''], ['a', 'b'], 'sag-%', '2026-01-01']);
  });

  it('pages without a limit', () => {
    const filter = new SqlFilter('tenant_id', ['']);
    expect(filter.page(0, null)).toBe('OFFSET $2');
  });
});
