import type { ParameterObject } from '@nestjs/swagger';
import { MAX_RESULTS } from '#camunda-rest';
import { ACTIVITY_SORT_COLUMNS } from '../../api/history/historic-activity-instance-query.service.js';
import { TASK_FILTER_KINDS, TASK_SORT_COLUMNS } from '../../api/tasks/task-query.js';
import { queryParameter, type ParameterKind } from './schema-shorthand.js';

/**
 * The query parameters of Camunda's list, count and lookup endpoints, as the readers in `#camunda-rest` and each
 * resource's `…QueryOf` read them. Where a reader keeps its parameters in a table (the task filters, some sort
 * columns) the table is used here; the others are written out and test/api/openapi.spec.ts compares them with what
 * the readers read.
 */

/** Filters written as `{ name: [kind, description] }`; a description left out says "Only … with this <name>". */
export type FilterTable = Record<string, ParameterKind | [ParameterKind, string]>;

export function filters(table: FilterTable): ParameterObject[] {
  return Object.entries(table).map(([name, entry]) => {
    const [kind, description] = Array.isArray(entry) ? entry : [entry, undefined];
    return queryParameter(name, kind, description ?? describedFilter(name, kind));
  });
}

/** A plain description from the parameter's name, for the many filters whose name says it all. */
function describedFilter(name: string, kind: ParameterKind): string {
  const words = name.replace(/([A-Z])/g, ' $1').toLowerCase();
  if (kind === 'boolean') return `true: only those matching '${words}'`;
  if (name.endsWith('Like'))
    return `Only those whose ${words.replace(/ like$/, '')} matches this SQL LIKE pattern (% and _)`;
  if (kind === 'list') return `Only those with one of these ${words.replace(/ (in|ids)$/, '')} values`;
  if (kind === 'date') return `Only those ${words}`;
  return `Only those with this ${words}`;
}

/** Camunda's paging, bounded by {@link MAX_RESULTS}. */
export const PAGING: ParameterObject[] = [
  {
    name: 'firstResult',
    in: 'query',
    required: false,
    description: 'How many rows to skip (default 0)',
    schema: { type: 'integer', minimum: 0 },
  },
  {
    name: 'maxResults',
    in: 'query',
    required: false,
    description: `How many rows to answer at most (default and maximum ${MAX_RESULTS}; more is a 400)`,
    schema: { type: 'integer', minimum: 0, maximum: MAX_RESULTS },
  },
];

/** `sortBy` (one of `columns`) and `sortOrder`: both or neither. */
export function sorting(columns: readonly string[]): ParameterObject[] {
  return [
    queryParameter('sortBy', 'text', 'Sort by this; give sortOrder too', { enum: [...columns] }),
    queryParameter('sortOrder', 'text', 'asc or desc; give sortBy too', { enum: ['asc', 'desc'] }),
  ];
}

/**
 * The tenant scope every read takes: the caller's tenants, narrowed by these. `withoutTenantIdName` is Camunda's
 * name for "also those without a tenant" on definitions (`includeProcessDefinitionsWithoutTenantId`).
 */
export function tenantScope(withoutTenantIdName?: string): ParameterObject[] {
  return [
    queryParameter(
      'tenantIdIn',
      'list',
      'Only those of these tenants (within the tenants the caller may see)',
    ),
    queryParameter('withoutTenantId', 'boolean', 'true: only those without a tenant'),
    ...(withoutTenantIdName
      ? [queryParameter(withoutTenantIdName, 'boolean', 'true: with tenantIdIn, also those without a tenant')]
      : []),
  ];
}

/** A list endpoint's parameters: its filters, the tenant scope, sorting and paging. */
export function listParameters(
  own: ParameterObject[],
  sortColumns: readonly string[] | undefined,
  withoutTenantIdName?: string,
): ParameterObject[] {
  return [
    ...own,
    ...tenantScope(withoutTenantIdName),
    ...(sortColumns ? sorting(sortColumns) : []),
    ...PAGING,
  ];
}

/** The `/count` next to a list: the same filters and tenant scope, without sorting and paging. */
export function countParameters(own: ParameterObject[], withoutTenantIdName?: string): ParameterObject[] {
  return [...own, ...tenantScope(withoutTenantIdName)];
}

const definitionFilters = (idName: string, keyInName: string): FilterTable => ({
  [idName]: 'text',
  [`${idName}In`]: 'list',
  key: 'text',
  [keyInName]: ['list', 'Only those with one of these keys'],
  keyLike: 'text',
  name: 'text',
  nameLike: 'text',
  deploymentId: 'text',
  version: 'integer',
  latestVersion: ['boolean', 'true: only the latest version of each key and tenant'],
  versionTag: 'text',
  versionTagLike: 'text',
  withoutVersionTag: 'boolean',
  resourceName: 'text',
  resourceNameLike: 'text',
});

export const PROCESS_DEFINITION_FILTERS = filters({
  ...definitionFilters('processDefinitionId', 'keysIn'),
  active: ['boolean', 'true: only definitions not suspended'],
  suspended: ['boolean', 'true: only suspended definitions'],
});
export const PROCESS_DEFINITION_SORT = [
  'id',
  'key',
  'name',
  'version',
  'versionTag',
  'deploymentId',
  'deployTime',
  'tenantId',
];

export const DECISION_DEFINITION_FILTERS = filters({
  ...definitionFilters('decisionDefinitionId', 'keyIn'),
  decisionRequirementsDefinitionId: 'text',
  decisionRequirementsDefinitionKey: 'text',
});
export const DECISION_DEFINITION_SORT = [
  'id',
  'key',
  'name',
  'version',
  'deploymentId',
  'tenantId',
  'versionTag',
];

export const DECISION_REQUIREMENTS_DEFINITION_FILTERS = filters({
  ...definitionFilters('decisionRequirementsDefinitionId', 'keyIn'),
  id: ['text', 'The same as decisionRequirementsDefinitionId'],
});
export const DECISION_REQUIREMENTS_DEFINITION_SORT = [
  'id',
  'key',
  'name',
  'version',
  'deploymentId',
  'tenantId',
];

export const PROCESS_INSTANCE_FILTERS = filters({
  processInstanceIds: 'list',
  businessKey: 'text',
  businessKeyLike: 'text',
  processDefinitionId: 'text',
  processDefinitionKey: 'text',
  processDefinitionKeyIn: 'list',
  processDefinitionKeyNotIn: ['list', 'Only those of none of these definition keys'],
  deploymentId: 'text',
  superProcessInstance: ['text', 'Only those called by this process instance'],
  subProcessInstance: ['text', 'Only the one that called this process instance'],
  active: ['boolean', 'true: only instances not suspended'],
  suspended: ['boolean', 'true: only suspended instances'],
  withIncident: ['boolean', 'true: only instances with an open incident'],
  incidentId: 'text',
  rootProcessInstances: ['boolean', 'true: only instances no other instance called'],
  leafProcessInstances: ['boolean', 'true: only instances that call no other instance'],
  activityIdIn: ['list', 'Only instances waiting in one of these activities'],
  variables: [
    'list',
    'Variable filters name_operator_value, operators eq, neq, gt, gteq, lt, lteq, like, e.g. amount_gt_1000,status_eq_open',
  ],
  variableNamesIgnoreCase: 'boolean',
  variableValuesIgnoreCase: 'boolean',
});
export const PROCESS_INSTANCE_SORT = [
  'instanceId',
  'definitionKey',
  'definitionId',
  'tenantId',
  'businessKey',
];

/** The task filters, from the same table `taskFiltersOfQuery` reads them with. */
export const TASK_FILTERS = filters(TASK_FILTER_KINDS);
export const TASK_SORT = Object.keys(TASK_SORT_COLUMNS);

export const EXTERNAL_TASK_FILTERS = filters({
  externalTaskId: 'text',
  externalTaskIdIn: 'list',
  topicName: 'text',
  workerId: 'text',
  processInstanceId: 'text',
  processInstanceIdIn: 'list',
  processDefinitionId: 'text',
  activityId: 'text',
  activityIdIn: 'list',
  executionId: 'text',
  locked: ['boolean', 'true: only tasks a worker has locked'],
  notLocked: ['boolean', 'true: only tasks no worker has locked'],
  withRetriesLeft: 'boolean',
  noRetriesLeft: ['boolean', 'true: only tasks whose retries ran out (with an incident)'],
  active: 'boolean',
  suspended: 'boolean',
  lockExpirationBefore: 'date',
  lockExpirationAfter: 'date',
  priorityHigherThanOrEquals: 'integer',
  priorityLowerThanOrEquals: 'integer',
});
export const EXTERNAL_TASK_SORT = [
  'id',
  'lockExpirationTime',
  'processInstanceId',
  'processDefinitionId',
  'processDefinitionKey',
  'tenantId',
  'taskPriority',
  'createTime',
];

const incidentFilters: FilterTable = {
  incidentId: 'text',
  incidentType: ['text', 'failedJob, failedExternalTask, or an engine-specific type'],
  incidentMessage: 'text',
  incidentMessageLike: 'text',
  processDefinitionId: 'text',
  processDefinitionKeyIn: 'list',
  processInstanceId: 'text',
  executionId: 'text',
  activityId: 'text',
  failedActivityId: 'text',
  causeIncidentId: 'text',
  rootCauseIncidentId: 'text',
  configuration: ['text', 'Only the incident of this job or external task'],
  jobDefinitionIdIn: 'list',
};
export const INCIDENT_FILTERS = filters({
  ...incidentFilters,
  incidentTimestampBefore: 'date',
  incidentTimestampAfter: 'date',
});
export const INCIDENT_SORT = [
  'incidentId',
  'incidentMessage',
  'incidentTimestamp',
  'incidentType',
  'executionId',
  'activityId',
  'processInstanceId',
  'processDefinitionId',
  'causeIncidentId',
  'rootCauseIncidentId',
  'configuration',
  'tenantId',
];
export const HISTORIC_INCIDENT_FILTERS = filters({
  ...incidentFilters,
  processDefinitionKey: 'text',
  createTimeBefore: 'date',
  createTimeAfter: 'date',
  endTimeBefore: 'date',
  endTimeAfter: 'date',
  open: 'boolean',
  resolved: 'boolean',
  deleted: 'boolean',
});
export const HISTORIC_INCIDENT_SORT = [
  'incidentId',
  'incidentMessage',
  'createTime',
  'endTime',
  'incidentType',
  'executionId',
  'activityId',
  'processInstanceId',
  'processDefinitionId',
  'processDefinitionKey',
  'causeIncidentId',
  'rootCauseIncidentId',
  'configuration',
  'historyConfiguration',
  'tenantId',
  'incidentState',
];

export const JOB_FILTERS = filters({
  jobId: 'text',
  jobIds: 'list',
  processInstanceId: 'text',
  processInstanceIds: 'list',
  jobDefinitionId: 'text',
  executionId: 'text',
  processDefinitionId: 'text',
  processDefinitionKey: 'text',
  activityId: 'text',
  timers: ['boolean', 'true: only timer jobs'],
  messages: ['boolean', 'true: only asynchronous continuations'],
  withRetriesLeft: 'boolean',
  noRetriesLeft: 'boolean',
  executable: ['boolean', 'true: only jobs due now with retries left'],
  withException: 'boolean',
  exceptionMessage: 'text',
  failedActivityId: 'text',
  active: 'boolean',
  suspended: 'boolean',
  priorityLowerThanOrEquals: 'integer',
  priorityHigherThanOrEquals: 'integer',
  dueDates: [
    'text',
    'Due date bounds gt_<date> or lt_<date>, comma-separated, e.g. gt_2026-01-05T08:00:00.000%2B0100',
  ],
  createTimes: ['text', 'Creation time bounds gt_<date> or lt_<date>, comma-separated'],
});
export const JOB_SORT = [
  'jobId',
  'executionId',
  'processInstanceId',
  'processDefinitionId',
  'processDefinitionKey',
  'jobPriority',
  'jobRetries',
  'jobDueDate',
  'tenantId',
];

export const HISTORIC_PROCESS_INSTANCE_FILTERS = filters({
  processInstanceId: 'text',
  processInstanceIds: 'list',
  processInstanceBusinessKey: 'text',
  processInstanceBusinessKeyLike: 'text',
  businessKey: 'text',
  businessKeyLike: 'text',
  processDefinitionId: 'text',
  processDefinitionKey: 'text',
  processDefinitionKeyIn: 'list',
  superProcessInstanceId: 'text',
  finished: ['boolean', 'true: only ended instances'],
  unfinished: ['boolean', 'true: only running instances'],
  active: ['boolean', 'true: only running instances that are not suspended'],
  suspended: ['boolean', 'true: only suspended running instances'],
  completed: ['boolean', 'true: only instances that reached an end event'],
  externallyTerminated: ['boolean', 'true: only cancelled instances'],
  internallyTerminated: ['boolean', 'true: only instances the engine ended (state INTERNALLY_TERMINATED)'],
  startedBefore: 'date',
  startedAfter: 'date',
  finishedBefore: 'date',
  finishedAfter: 'date',
});
export const HISTORIC_PROCESS_INSTANCE_SORT = [
  'instanceId',
  'definitionId',
  'definitionKey',
  'definitionName',
  'definitionVersion',
  'businessKey',
  'startTime',
  'endTime',
  'duration',
  'tenantId',
];

export const HISTORIC_ACTIVITY_INSTANCE_FILTERS = filters({
  processInstanceId: 'text',
  activityId: 'text',
  activityInstanceId: 'text',
  activityType: [
    'text',
    'Only activities of this Camunda type, e.g. userTask, serviceTask, exclusiveGateway',
  ],
  processDefinitionId: 'text',
  startedBefore: 'date',
  startedAfter: 'date',
  finishedBefore: 'date',
  finishedAfter: 'date',
  finished: 'boolean',
  unfinished: 'boolean',
});
export const HISTORIC_ACTIVITY_INSTANCE_SORT = Object.keys(ACTIVITY_SORT_COLUMNS);

export const HISTORIC_VARIABLE_INSTANCE_FILTERS = filters({
  processInstanceId: 'text',
  processInstanceIdIn: 'list',
  variableName: 'text',
  variableNameLike: 'text',
  variableValue: ['text', 'With variableName: only variables with this value'],
  activityInstanceIdIn: 'list',
  executionIdIn: 'list',
  variableTypeIn: 'list',
  processDefinitionId: 'text',
  processDefinitionKey: 'text',
  includeDeleted: 'boolean',
});
export const HISTORIC_VARIABLE_INSTANCE_SORT = ['instanceId', 'variableName', 'tenantId'];

export const USER_OPERATION_FILTERS = filters({
  processInstanceId: 'text',
  processDefinitionId: 'text',
  processDefinitionKey: 'text',
  userId: 'text',
  operationType: ['text', 'e.g. Cancel, Suspend, SetVariable, Resolve, Claim, Assign, Complete'],
  entityType: 'text',
  entityTypeIn: 'list',
  taskId: 'text',
  afterTimestamp: 'date',
  beforeTimestamp: 'date',
});

export const DEPLOYMENT_FILTERS = filters({
  id: 'text',
  name: 'text',
  nameLike: 'text',
  source: 'text',
  withoutSource: 'boolean',
  after: ['date', 'Only deployments made after this time'],
  before: ['date', 'Only deployments made before this time'],
});
export const DEPLOYMENT_SORT = ['id', 'name', 'deploymentTime', 'tenantId'];

export const STATISTICS_OPTIONS = filters({
  failedJobs: ['boolean', 'true: count jobs whose retries ran out'],
  incidents: ['boolean', 'true: count incidents by type'],
  rootIncidents: ['boolean', 'Same as incidents (every incident here is its own root)'],
  incidentsForType: ['text', 'Count only incidents of this type (not with incidents)'],
});

/** `deserializeValues` of the variable endpoints. */
export const DESERIALIZE_VALUES = filters({
  deserializeValues: ['boolean', 'false: Object values as their serialized text, as Camunda answers them'],
});

/** What a cascading delete takes: `cascade`, and Camunda's skip flags (accepted, without effect). */
export const DELETE_OPTIONS = filters({
  cascade: ['boolean', 'true: cancel running instances first instead of refusing'],
  skipCustomListeners: ['boolean', 'Accepted; there are no custom listeners to skip'],
  skipIoMappings: ['boolean', 'Accepted; there are no IO mappings to skip'],
});
