import {
  bodyObjectOf,
  booleanField,
  invalidRequest,
  kindOf,
  readableTenants,
  requiredTextField,
  textField,
  wholeNumberField,
  type Caller,
} from '#camunda-rest';
import type { TopicRequest } from '../../runtime/external-tasks.js';

/** Camunda's upper bound for long polling: 30 minutes. */
export const MAX_ASYNC_RESPONSE_TIMEOUT_MS = 1_800_000;

/** Tasks one fetch may lock at most: a worker asking for more gets a 400 rather than a slow, huge answer. */
export const MAX_TASKS_PER_FETCH = 1000;

/** A topic of a fetch, checked, with the tenants the caller may fetch from for it. */
export interface FetchTopic extends TopicRequest {
  tenantIds: string[];
  deserializeValues: boolean;
  includeExtensionProperties: boolean;
}

/** Camunda's `FetchExternalTasksDto`, checked. */
export interface FetchAndLockRequest {
  workerId: string;
  maxTasks: number;
  usePriority: boolean;
  /** Long polling: how long to wait for work when there is none (0: answer at once). */
  asyncResponseTimeoutMs: number;
  topics: FetchTopic[];
}

/**
 * Reads the body of `POST /external-task/fetchAndLock`. A malformed field is a 400 naming it (`topics[1].lockDuration`);
 * fields this engine does not know are ignored, as Camunda ignores them. Each topic's tenants are the caller's:
 * `tenantIdIn`/`withoutTenantId` narrow them, as the query parameters of the same names do on list endpoints.
 */
export function fetchAndLockRequestOf(body: unknown, caller: Caller): FetchAndLockRequest {
  const fields = bodyObjectOf(body);
  const workerId = requiredTextField(fields.workerId, 'workerId');
  const maxTasks = wholeNumberField(fields.maxTasks, 'maxTasks', 0, MAX_TASKS_PER_FETCH);
  if (maxTasks === undefined)
    throw invalidRequest(`Expected 'maxTasks', the most tasks to lock, but it is missing`);
  const timeout = wholeNumberField(
    fields.asyncResponseTimeout,
    'asyncResponseTimeout',
    0,
    MAX_ASYNC_RESPONSE_TIMEOUT_MS,
  );
  const topics = fields.topics ?? [];
  if (!Array.isArray(topics)) {
    throw invalidRequest(`Expected 'topics' to be a list of topics, but found ${kindOf(topics)}`);
  }
  return {
    workerId,
    maxTasks,
    usePriority: booleanField(fields.usePriority, 'usePriority') ?? false,
    asyncResponseTimeoutMs: timeout ?? 0,
    topics: topics.map((topic: unknown, index) => topicOf(topic, `topics[${index}]`, caller)),
  };
}

function topicOf(input: unknown, where: string, caller: Caller): FetchTopic {
  const fields = bodyObjectOf(input, `'${where}'`);
  const lockDurationMs = wholeNumberField(
    fields.lockDuration,
    `${where}.lockDuration`,
    1,
    Number.MAX_SAFE_INTEGER,
  );
  if (lockDurationMs === undefined) {
    throw invalidRequest(
      `Expected '${where}.lockDuration', the lock's length in milliseconds, but it is missing`,
    );
  }
  const tenantIdIn = textList(fields.tenantIdIn, `${where}.tenantIdIn`);
  const withoutTenantId = booleanField(fields.withoutTenantId, `${where}.withoutTenantId`);
  const processDefinitionIds = oneAndList(
    textField(fields.processDefinitionId, `${where}.processDefinitionId`),
    textList(fields.processDefinitionIdIn, `${where}.processDefinitionIdIn`),
  );
  const processDefinitionKeys = oneAndList(
    textField(fields.processDefinitionKey, `${where}.processDefinitionKey`),
    textList(fields.processDefinitionKeyIn, `${where}.processDefinitionKeyIn`),
  );
  const variables = textList(fields.variables, `${where}.variables`);
  const businessKey = textField(fields.businessKey, `${where}.businessKey`);
  const versionTag = textField(fields.processDefinitionVersionTag, `${where}.processDefinitionVersionTag`);
  const processVariables = fields.processVariables ?? undefined;
  if (
    processVariables !== undefined &&
    (typeof processVariables !== 'object' || Array.isArray(processVariables))
  ) {
    throw invalidRequest(
      `Expected '${where}.processVariables' to be an object of variable names and values, but found ${kindOf(processVariables)}`,
    );
  }
  return {
    topicName: requiredTextField(fields.topicName, `${where}.topicName`),
    lockDurationMs,
    // The same scope rules as a list query's tenantIdIn/withoutTenantId, given as JSON instead of query text.
    tenantIds: readableTenants(caller, {
      ...(tenantIdIn ? { tenantIdIn: tenantIdIn.join(',') } : {}),
      ...(withoutTenantId !== undefined ? { withoutTenantId: String(withoutTenantId) } : {}),
    }),
    ...(variables ? { variables } : {}),
    ...(booleanField(fields.localVariables, `${where}.localVariables`) ? { localVariables: true } : {}),
    ...(businessKey !== undefined ? { businessKey } : {}),
    ...(processDefinitionIds.length > 0 ? { processDefinitionIds } : {}),
    ...(processDefinitionKeys.length > 0 ? { processDefinitionKeys } : {}),
    ...(versionTag !== undefined ? { processDefinitionVersionTag: versionTag } : {}),
    ...(processVariables && Object.keys(processVariables).length > 0
      ? { processVariables: processVariables as Record<string, unknown> }
      : {}),
    deserializeValues: booleanField(fields.deserializeValues, `${where}.deserializeValues`) ?? false,
    includeExtensionProperties:
      booleanField(fields.includeExtensionProperties, `${where}.includeExtensionProperties`) ?? false,
  };
}

/** One value and its list form as one list (`processDefinitionId` and `processDefinitionIdIn`), the value first. */
function oneAndList(one: string | undefined, list: string[] | undefined): string[] {
  return one === undefined ? (list ?? []) : [one, ...(list ?? [])];
}

function textList(value: unknown, field: string): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
    throw invalidRequest(`Expected '${field}' to be a list of strings, but found ${kindOf(value)}`);
  }
  return value as string[];
}
