import {
  booleanParameter,
  dateParameter,
  integerParameter,
  invalidRequest,
  kindOf,
  listParameter,
  parseCamundaDate,
  textParameter,
  type QueryParameters,
  type Sorting,
} from '#camunda-rest';

/** What `sortBy` may name, and the column it sorts by. */
export const TASK_SORT_COLUMNS = {
  id: 't.id',
  name: 't.name',
  nameCaseInsensitive: 'lower(t.name)',
  assignee: 't.assignee',
  created: 't.created_at',
  lastUpdated: 't.updated_at',
  dueDate: 't.due_date',
  followUpDate: 't.follow_up_date',
  priority: 't.priority',
  instanceId: 't.process_instance_id',
  executionId: 't.element_instance_key',
  tenantId: 't.tenant_id',
} as const;
export type TaskSortColumn = (typeof TASK_SORT_COLUMNS)[keyof typeof TASK_SORT_COLUMNS];

/** The filters of Camunda's task query this engine supports (every one optional; all given must hold). */
export interface TaskFilters {
  taskId?: string;
  taskIdIn?: string[];
  name?: string;
  nameLike?: string;
  assignee?: string;
  assigneeLike?: string;
  assigneeIn?: string[];
  assigned?: boolean;
  unassigned?: boolean;
  candidateUser?: string;
  candidateGroup?: string;
  candidateGroups?: string[];
  withCandidateGroups?: boolean;
  withoutCandidateGroups?: boolean;
  withCandidateUsers?: boolean;
  withoutCandidateUsers?: boolean;
  includeAssignedTasks?: boolean;
  processInstanceId?: string;
  processInstanceIdIn?: string[];
  processInstanceBusinessKey?: string;
  processInstanceBusinessKeyIn?: string[];
  processInstanceBusinessKeyLike?: string;
  processDefinitionId?: string;
  processDefinitionKey?: string;
  processDefinitionKeyIn?: string[];
  executionId?: string;
  taskDefinitionKey?: string;
  taskDefinitionKeyIn?: string[];
  taskDefinitionKeyLike?: string;
  dueDate?: Date;
  dueBefore?: Date;
  dueAfter?: Date;
  withoutDueDate?: boolean;
  followUpDate?: Date;
  followUpBefore?: Date;
  followUpAfter?: Date;
  followUpBeforeOrNotExistent?: Date;
  createdOn?: Date;
  createdBefore?: Date;
  createdAfter?: Date;
  priority?: number;
  minPriority?: number;
  maxPriority?: number;
  active?: boolean;
  suspended?: boolean;
}

type Kind = 'text' | 'list' | 'boolean' | 'integer' | 'date';

/** Each supported filter and the kind of value it takes. */
export const TASK_FILTER_KINDS: Record<keyof TaskFilters, Kind> = {
  taskId: 'text',
  taskIdIn: 'list',
  name: 'text',
  nameLike: 'text',
  assignee: 'text',
  assigneeLike: 'text',
  assigneeIn: 'list',
  assigned: 'boolean',
  unassigned: 'boolean',
  candidateUser: 'text',
  candidateGroup: 'text',
  candidateGroups: 'list',
  withCandidateGroups: 'boolean',
  withoutCandidateGroups: 'boolean',
  withCandidateUsers: 'boolean',
  withoutCandidateUsers: 'boolean',
  includeAssignedTasks: 'boolean',
  processInstanceId: 'text',
  processInstanceIdIn: 'list',
  processInstanceBusinessKey: 'text',
  processInstanceBusinessKeyIn: 'list',
  processInstanceBusinessKeyLike: 'text',
  processDefinitionId: 'text',
  processDefinitionKey: 'text',
  processDefinitionKeyIn: 'list',
  executionId: 'text',
  taskDefinitionKey: 'text',
  taskDefinitionKeyIn: 'list',
  taskDefinitionKeyLike: 'text',
  dueDate: 'date',
  dueBefore: 'date',
  dueAfter: 'date',
  withoutDueDate: 'boolean',
  followUpDate: 'date',
  followUpBefore: 'date',
  followUpAfter: 'date',
  followUpBeforeOrNotExistent: 'date',
  createdOn: 'date',
  createdBefore: 'date',
  createdAfter: 'date',
  priority: 'integer',
  minPriority: 'integer',
  maxPriority: 'integer',
  active: 'boolean',
  suspended: 'boolean',
};

/**
 * Filters Camunda offers that this engine does not evaluate: refused with a 400 rather than ignored, since ignoring a
 * filter answers with tasks the caller did not ask for. (Camunda itself disables the `…Expression` ones by default.)
 */
const UNSUPPORTED_FILTERS = [
  'taskVariables',
  'processVariables',
  'caseInstanceVariables',
  'orQueries',
  'involvedUser',
  'owner',
  'delegationState',
  'parentTaskId',
  'caseInstanceId',
  'caseExecutionId',
  'caseDefinitionId',
  'caseDefinitionKey',
  'description',
  'descriptionLike',
  'activityInstanceIdIn',
];

function refuseUnsupported(names: string[], where: string): void {
  const unsupported = names.filter((name) => UNSUPPORTED_FILTERS.includes(name) || /Expression$/.test(name));
  if (unsupported.length > 0) {
    throw invalidRequest(
      `The task ${where} '${unsupported[0]}' is not supported by this engine; the README lists the task filters it supports`,
    );
  }
}

/** The filters of `GET /task` and `GET /task/count`, from the query string. */
export function taskFiltersOfQuery(query: QueryParameters): TaskFilters {
  refuseUnsupported(Object.keys(query), 'query parameter');
  const filters: Record<string, unknown> = {};
  for (const [name, kind] of Object.entries(TASK_FILTER_KINDS)) {
    const value =
      kind === 'text'
        ? textParameter(query, name)
        : kind === 'list'
          ? listParameter(query, name)
          : kind === 'boolean'
            ? booleanParameter(query, name)
            : kind === 'integer'
              ? integerParameter(query, name, Number.MIN_SAFE_INTEGER)
              : dateParameter(query, name);
    if (value !== undefined) filters[name] = value;
  }
  return filters as TaskFilters;
}

/** `POST /task` and `POST /task/count`: the same filters as JSON, with `sorting` as a list and the tenant scope. */
export interface TaskQueryBody {
  filters: TaskFilters;
  sorting: Array<Sorting<TaskSortColumn>>;
  /** `tenantIdIn`/`withoutTenantId` in the form `readableTenants` reads from a query string. */
  tenantParameters: QueryParameters;
}

/**
 * Reads the JSON body of `POST /task`: Camunda's filters with JSON values (lists as arrays, dates as Camunda date
 * texts, booleans as true/false) and `sorting: [{ sortBy, sortOrder }]`. Unknown fields are ignored; a value of
 * the wrong kind is a 400 naming the field.
 */
export function taskQueryBodyOf(body: unknown): TaskQueryBody {
  if (body === undefined || body === null) return { filters: {}, sorting: [], tenantParameters: {} };
  if (typeof body !== 'object' || Array.isArray(body)) {
    throw invalidRequest(
      `Expected the request body to be a JSON object of task filters, such as { "candidateGroup": "social" }, but found ${kindOf(body)}`,
    );
  }
  const fields = body as Record<string, unknown>;
  refuseUnsupported(
    Object.keys(fields).filter((name) => fields[name] !== null && fields[name] !== undefined),
    'filter',
  );
  const filters: Record<string, unknown> = {};
  for (const [name, kind] of Object.entries(TASK_FILTER_KINDS)) {
    const value = fields[name];
    if (value !== undefined && value !== null) filters[name] = jsonFilterValue(name, kind, value);
  }
  const tenantIdIn = fields.tenantIdIn ?? undefined;
  if (tenantIdIn !== undefined && tenantIdIn !== null) jsonFilterValue('tenantIdIn', 'list', tenantIdIn);
  const withoutTenantId = fields.withoutTenantId ?? undefined;
  if (withoutTenantId !== undefined && withoutTenantId !== null)
    jsonFilterValue('withoutTenantId', 'boolean', withoutTenantId);
  return {
    filters: filters as TaskFilters,
    sorting: sortingOfBody(fields.sorting),
    tenantParameters: {
      ...(Array.isArray(tenantIdIn) ? { tenantIdIn: tenantIdIn.join(',') } : {}),
      ...(typeof withoutTenantId === 'boolean' ? { withoutTenantId: String(withoutTenantId) } : {}),
    },
  };
}

function jsonFilterValue(name: string, kind: Kind, value: unknown): unknown {
  const wrong = (expected: string) =>
    invalidRequest(`Expected '${name}' to be ${expected}, but found ${kindOf(value)}`);
  switch (kind) {
    case 'text':
      if (typeof value !== 'string') throw wrong('a string');
      return value;
    case 'list':
      if (!Array.isArray(value) || value.some((item) => typeof item !== 'string'))
        throw wrong('a list of strings');
      return value;
    case 'boolean':
      if (typeof value !== 'boolean') throw wrong('true or false');
      return value;
    case 'integer':
      if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw wrong('a whole number');
      return value;
    case 'date': {
      const date = typeof value === 'string' ? parseCamundaDate(value) : undefined;
      if (!date)
        throw wrong(
          "a date in Camunda's format yyyy-MM-dd'T'HH:mm:ss.SSSZ, e.g. 2026-01-05T08:00:00.000+0100",
        );
      return date;
    }
  }
}

function sortingOfBody(sorting: unknown): Array<Sorting<TaskSortColumn>> {
  if (sorting === undefined || sorting === null) return [];
  if (!Array.isArray(sorting)) {
    throw invalidRequest(
      `Expected 'sorting' to be a list such as [{ "sortBy": "created", "sortOrder": "asc" }], but found ${kindOf(sorting)}`,
    );
  }
  return sorting.map((entry: unknown, index) => {
    const { sortBy, sortOrder } = (entry ?? {}) as { sortBy?: unknown; sortOrder?: unknown };
    const by =
      typeof sortBy === 'string' && Object.hasOwn(TASK_SORT_COLUMNS, sortBy)
        ? TASK_SORT_COLUMNS[sortBy as keyof typeof TASK_SORT_COLUMNS]
        : undefined;
    if (by === undefined) {
      throw invalidRequest(
        `Expected 'sorting[${index}].sortBy' to be one of ${Object.keys(TASK_SORT_COLUMNS).join(', ')}, but found ${JSON.stringify(sortBy ?? null)}`,
      );
    }
    if (sortOrder !== 'asc' && sortOrder !== 'desc') {
      throw invalidRequest(
        `Expected 'sorting[${index}].sortOrder' to be asc or desc, but found ${JSON.stringify(sortOrder ?? null)}`,
      );
    }
    return { by, order: sortOrder };
  });
}
