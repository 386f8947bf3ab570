import { SqlFilter, type Sorting } from '#camunda-rest';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { TaskFilters, TaskSortColumn } from './task-query.js';
import type { TaskRow } from './task.response.js';

export interface TaskQuery {
  tenantIds: string[];
  filters: TaskFilters;
  sorting: Array<Sorting<TaskSortColumn>>;
  offset: number;
  limit: number | null;
}

const SELECT = `SELECT t.id, t.tenant_id, t.name, t.assignee, t.created_at, t.updated_at, t.due_date, t.follow_up_date,
    t.element_instance_key, t.priority, t.process_definition_id, t.process_instance_id, t.element_id, t.form_key,
    t.candidate_users, t.candidate_groups, p.suspended, p.definition_key, p.business_key
  FROM user_tasks t JOIN process_instances p ON p.id = t.process_instance_id`;

/** Reads open user tasks, only ever within the tenants a request may see. */
@Injectable()
export class TaskQueryService {
  constructor(private readonly dataSource: DataSource) {}

  async find(query: TaskQuery): Promise<TaskRow[]> {
    const filter = filterOf(query.tenantIds, query.filters);
    const order = [...query.sorting.map((sort) => `${sort.by} ${sort.order}`), 't.created_at', 't.id'];
    const page = filter.page(query.offset, query.limit);
    return (await this.dataSource.query(
      `${SELECT} WHERE ${filter.where} ORDER BY ${order.join(', ')} ${page}`,
      filter.parameters,
    )) as TaskRow[];
  }

  async count(query: Omit<TaskQuery, 'sorting' | 'offset' | 'limit'>): Promise<number> {
    const filter = filterOf(query.tenantIds, query.filters);
    const [row] = (await this.dataSource.query(
      `SELECT count(*)::int AS count FROM user_tasks t JOIN process_instances p ON p.id = t.process_instance_id
       WHERE ${filter.where}`,
      filter.parameters,
    )) as Array<{ count: number }>;
    return row?.count ?? 0;
  }

  async byId(id: string, tenantIds: string[]): Promise<TaskRow | undefined> {
    const rows = (await this.dataSource.query(`${SELECT} WHERE t.id = $1 AND t.tenant_id = ANY($2)`, [
      id,
      tenantIds,
    ])) as TaskRow[];
    return rows[0];
  }
}

/**
 * Camunda's task query as SQL. Candidate filters (`candidateUser`, `candidateGroup`, `candidateGroups`) see only
 * unassigned tasks unless `includeAssignedTasks` is true, as in Camunda. Camunda answers "Only include tasks which
 * …" flags given as false by not filtering, and so does this.
 */
function filterOf(tenantIds: string[], filters: TaskFilters): SqlFilter {
  const f = filters;
  const filter = new SqlFilter('t.tenant_id', tenantIds)
    .equal('t.id', f.taskId)
    .anyOf('t.id', f.taskIdIn)
    .equal('t.name', f.name)
    .like('t.name', f.nameLike)
    .equal('t.assignee', f.assignee)
    .like('t.assignee', f.assigneeLike)
    .anyOf('t.assignee', f.assigneeIn)
    .equal('t.process_instance_id', f.processInstanceId)
    .anyOf('t.process_instance_id', f.processInstanceIdIn)
    .equal('p.business_key', f.processInstanceBusinessKey)
    .anyOf('p.business_key', f.processInstanceBusinessKeyIn)
    .like('p.business_key', f.processInstanceBusinessKeyLike)
    .equal('t.process_definition_id', f.processDefinitionId)
    .equal('p.definition_key', f.processDefinitionKey)
    .anyOf('p.definition_key', f.processDefinitionKeyIn)
    .equal('t.element_instance_key', f.executionId)
    .equal('t.element_id', f.taskDefinitionKey)
    .anyOf('t.element_id', f.taskDefinitionKeyIn)
    .like('t.element_id', f.taskDefinitionKeyLike)
    .equal('t.priority', f.priority);
  const compare = (column: string, operator: string, value: Date | number | undefined) => {
    if (value !== undefined) filter.condition(`${column} ${operator} ${filter.parameter(value)}`);
  };
  compare('t.priority', '>=', f.minPriority);
  compare('t.priority', '<=', f.maxPriority);
  compare('t.due_date', '=', f.dueDate);
  compare('t.due_date', '<', f.dueBefore);
  compare('t.due_date', '>', f.dueAfter);
  compare('t.follow_up_date', '=', f.followUpDate);
  compare('t.follow_up_date', '<', f.followUpBefore);
  compare('t.follow_up_date', '>', f.followUpAfter);
  compare('t.created_at', '<', f.createdBefore);
  compare('t.created_at', '>', f.createdAfter);
  if (f.createdOn !== undefined) {
    // Camunda's createdOn matches the second: the REST date format has milliseconds, the column has microseconds.
    filter.condition(
      `date_trunc('second', t.created_at) = date_trunc('second', ${filter.parameter(f.createdOn)}::timestamptz)`,
    );
  }
  if (f.followUpBeforeOrNotExistent !== undefined) {
    filter.condition(
      `(t.follow_up_date IS NULL OR t.follow_up_date < ${filter.parameter(f.followUpBeforeOrNotExistent)})`,
    );
  }
  if (f.withoutDueDate) filter.condition('t.due_date IS NULL');
  if (f.assigned) filter.condition('t.assignee IS NOT NULL');
  if (f.unassigned) filter.condition('t.assignee IS NULL');
  if (f.withCandidateGroups) filter.condition(`jsonb_array_length(t.candidate_groups) > 0`);
  if (f.withoutCandidateGroups) filter.condition(`jsonb_array_length(t.candidate_groups) = 0`);
  if (f.withCandidateUsers) filter.condition(`jsonb_array_length(t.candidate_users) > 0`);
  if (f.withoutCandidateUsers) filter.condition(`jsonb_array_length(t.candidate_users) = 0`);
  if (f.candidateUser !== undefined)
    filter.condition(`t.candidate_users ? ${filter.parameter(f.candidateUser)}`);
  if (f.candidateGroup !== undefined)
    filter.condition(`t.candidate_groups ? ${filter.parameter(f.candidateGroup)}`);
  if (f.candidateGroups !== undefined)
    filter.condition(`t.candidate_groups ?| ${filter.parameter(f.candidateGroups)}::text[]`);
  const byCandidate =
    f.candidateUser !== undefined || f.candidateGroup !== undefined || f.candidateGroups !== undefined;
  if (byCandidate && !f.includeAssignedTasks) filter.condition('t.assignee IS NULL');
  if (f.active) filter.condition('p.suspended = false');
  if (f.suspended) filter.condition('p.suspended = true');
  return filter;
}
