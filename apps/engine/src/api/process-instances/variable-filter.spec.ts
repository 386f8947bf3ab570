import { describe, expect, it } from '@jest/globals';
import { SqlFilter } from '#camunda-rest';
import { addVariableFilters, variableFiltersOf } from './variable-filter.js';

describe("Camunda's variables filter of GET /process-instance", () => {
  it('reads name_operator_value expressions; values may contain underscores', () => {
    expect(variableFiltersOf({ variables: 'amount_gt_1000,status_eq_in_review,title_like_%sag%' })).toEqual([
      { name: 'amount', operator: 'gt', value: '1000' },
      { name: 'status', operator: 'eq', value: 'in_review' },
      { name: 'title', operator: 'like', value: '%sag%' },
    ]);
    expect(variableFiltersOf({})).toEqual([]);
  });

  it.each(['amount', 'amount_between_1', 'amount_gt'])('refuses %j naming the parameter', (expression) => {
    expect(() => variableFiltersOf({ variables: expression })).toThrow(
      `Cannot set query parameter 'variables' to value '${expression}': expected name_operator_value`,
    );
  });

  it('compares Strings as text, and numbers and booleans with variables of those types', () => {
    const filter = new SqlFilter('i.tenant_id', ['']);
    addVariableFilters(
      filter,
      [
        { name: 'amount', operator: 'gteq', value: '1000' },
        { name: 'granted', operator: 'eq', value: 'true' },
        { name: 'title', operator: 'like', value: 'Sag%' },
      ],
      { instanceIdSql: 'i.id', scopeKeySql: `i.id || '.1'` },
    );
    expect(filter.parameters).toEqual([
      [''],
      'amount',
      '1000',
      '1000',
      'granted',
      'true',
      'true',
      'title',
      'Sag%',
    ]);
    expect(filter.where).toContain(`(v.value #>> '{}')::numeric >= $4::numeric`);
    expect(filter.where).toContain(
      `v.type = 'Boolean' AND jsonb_typeof(v.value) = 'boolean' AND v.value = $7::jsonb`,
    );
    expect(filter.where).toContain(`v.type = 'String' AND (v.value #>> '{}') LIKE $9`);
  });
});
