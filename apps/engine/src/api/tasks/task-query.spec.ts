import { describe, expect, it } from '@jest/globals';
import { taskFiltersOfQuery, taskQueryBodyOf } from './task-query.js';

describe('the task query, from a query string or a JSON body', () => {
  it('reads the same filters from both, with their kinds', () => {
    const fromQuery = taskFiltersOfQuery({
      candidateGroups: 'social,jobcenter',
      unassigned: 'true',
      minPriority: '-5',
      dueBefore: '2026-03-06T00:00:00.000+0000',
      unknownParameter: 'ignored',
    });
    const fromBody = taskQueryBodyOf({
      candidateGroups: ['social', 'jobcenter'],
      unassigned: true,
      minPriority: -5,
      dueBefore: '2026-03-06T00:00:00.000+0000',
      unknownField: 'ignored',
    });
    const expected = {
      candidateGroups: ['social', 'jobcenter'],
      unassigned: true,
      minPriority: -5,
      dueBefore: new Date('2026-03-06T00:00:00.000Z'),
    };
    expect(fromQuery).toEqual(expected);
    expect(fromBody.filters).toEqual(expected);
  });

  it("reads the body's sorting list and tenant scope in the form readableTenants takes", () => {
    expect(
      taskQueryBodyOf({
        sorting: [
          { sortBy: 'dueDate', sortOrder: 'asc' },
          { sortBy: 'priority', sortOrder: 'desc' },
        ],
        tenantIdIn: ['aarhus', 'odense'],
        withoutTenantId: true,
      }),
    ).toEqual({
      filters: {},
      sorting: [
        { by: 't.due_date', order: 'asc' },
        { by: 't.priority', order: 'desc' },
      ],
      tenantParameters: { tenantIdIn: 'aarhus,odense', withoutTenantId: 'true' },
    });
  });

  it('refuses filters it does not evaluate rather than answering with tasks nobody asked for', () => {
    expect(() => taskFiltersOfQuery({ assigneeExpression: '${currentUser()}' })).toThrow(
      "The task query parameter 'assigneeExpression' is not supported",
    );
    expect(() => taskQueryBodyOf({ processVariables: [{ name: 'x', operator: 'eq', value: 1 }] })).toThrow(
      "The task filter 'processVariables' is not supported",
    );
    expect(() => taskQueryBodyOf({ tenantIdIn: 'aarhus' })).toThrow(
      "Expected 'tenantIdIn' to be a list of strings, but found a string",
    );
    expect(() => taskQueryBodyOf({ sorting: [{ sortBy: 'colour', sortOrder: 'asc' }] })).toThrow(
      "Expected 'sorting[0].sortBy' to be one of",
    );
  });
});
