import { invalidRequest, kindOf, readableTenants, type Caller } from '#camunda-rest';
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
  const fields = objectOf(body, 'the request body');
  const workerId = requiredText(fields.workerId, 'workerId');
  const maxTasks = wholeNumber(fields.maxTasks, 'maxTasks', 0, MAX_TASKS_PER_FETCH);
  if (maxTasks === undefined)
    throw invalidRequest(`Expected 'maxTasks', the most tasks to lock, but it is missing`);
  const timeout = wholeNumber(
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
    usePriority: flag(fields.usePriority, 'usePriority') ?? false,
    asyncResponseTimeoutMs: timeout ?? 0,
    topics: topics.map((topic: unknown, index) => topicOf(topic, `topics[${index}]`, caller)),
  };
}

function topicOf(input: unknown, where: string, caller: Caller): FetchTopic {
  const fields = objectOf(input, `'${where}'`);
  const lockDurationMs = wholeNumber(
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
  const withoutTenantId = flag(fields.withoutTenantId, `${where}.withoutTenantId`);
  const processDefinitionIds = [
    ...(optionalText(fields.processDefinitionId, `${where}.processDefinitionId`) ?? []),
    ...(textList(fields.processDefinitionIdIn, `${where}.processDefinitionIdIn`) ?? []),
  ];
  const processDefinitionKeys = [
    ...(optionalText(fields.processDefinitionKey, `${where}.processDefinitionKey`) ?? []),
    ...(textList(fields.processDefinitionKeyIn, `${where}.processDefinitionKeyIn`) ?? []),
  ];
  const variables = textList(fields.variables, `${where}.variables`);
  const businessKey = optionalText(fields.businessKey, `${where}.businessKey`);
  const versionTag = optionalText(fields.processDefinitionVersionTag, `${where}.processDefinitionVersionTag`);
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
    topicName: requiredText(fields.topicName, `${where}.topicName`),
    lockDurationMs,
    // The same scope rules as a list query's tenantIdIn/withoutTenantId, given as JSON instead of query text.
    tenantIds: readableTenants(caller, {
      ...(tenantIdIn ? { tenantIdIn: tenantIdIn.join(',') } : {}),
      ...(withoutTenantId !== undefined ? { withoutTenantId: String(withoutTenantId) } : {}),
    }),
    ...(variables ? { variables } : {}),
    ...(flag(fields.localVariables, `${where}.localVariables`) ? { localVariables: true } : {}),
    ...(businessKey !== undefined ? { businessKey: businessKey[0] } : {}),
    ...(processDefinitionIds.length > 0 ? { processDefinitionIds } : {}),
    ...(processDefinitionKeys.length > 0 ? { processDefinitionKeys } : {}),
    ...(versionTag !== undefined ? { processDefinitionVersionTag: versionTag[0] } : {}),
    ...(processVariables && Object.keys(processVariables).length > 0
      ? { processVariables: processVariables as Record<string, unknown> }
      : {}),
    deserializeValues: flag(fields.deserializeValues, `${where}.deserializeValues`) ?? false,
    includeExtensionProperties:
      flag(fields.includeExtensionProperties, `${where}.includeExtensionProperties`) ?? false,
  };
}

/** The JSON object a request body (or a part of it) must be; `what` names it in the message. */
export function objectOf(value: unknown, what: string): Record<string, unknown> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw invalidRequest(`Expected ${what} to be a JSON object, but found ${kindOf(value)}`);
  }
  return value as Record<string, unknown>;
}

export function requiredText(value: unknown, field: string): string {
  if (typeof value === 'string' && value !== '') return value;
  if (value === undefined || value === null) throw invalidRequest(`Expected '${field}', but it is missing`);
  throw invalidRequest(`Expected '${field}' to be a non-empty string, but found ${kindOf(value)}`);
}

/** A string field that may be absent; as a one-element list, so `undefined` stays distinguishable from ''. */
function optionalText(value: unknown, field: string): [string] | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string')
    throw invalidRequest(`Expected '${field}' to be a string, but found ${kindOf(value)}`);
  return [value];
}

function textList(value: unknown, field: string): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
    throw invalidRequest(`Expected '${field}' to be a list of strings, but found ${kindOf(value)}`);
  }
  return value as string[];
}

export function flag(value: unknown, field: string): boolean | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') {
    throw invalidRequest(`Expected '${field}' to be true or false, but found ${kindOf(value)}`);
  }
  return value;
}

/** A whole number from `minimum` to `maximum`, or undefined when absent. */
export function wholeNumber(
  value: unknown,
  field: string,
  minimum: number,
  maximum: number,
): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < minimum || value > maximum) {
    throw invalidRequest(
      `Expected '${field}' to be a whole number from ${minimum} to ${maximum}, but found ${
        typeof value === 'number' ? String(value) : kindOf(value)
      }`,
    );
  }
  return value;
}
