import { describe, expect, it } from '@jest/globals';
import type { ParameterObject, ReferenceObject, SchemaObject } from '@nestjs/swagger';
import {
  CamundaRestException,
  processDefinitionQueryOf,
  UNAUTHENTICATED_CALLER,
  variableModificationsOf,
  type QueryParameters,
} from '#camunda-rest';
import { decisionDefinitionQueryOf } from '../../apps/designer-api/src/decision-definitions/decision-definition-query.service.js';
import { deploymentQueryOf } from '../../apps/designer-api/src/deployments/deployment-query.service.js';
import { statisticsOptionsOf } from '../../apps/designer-api/src/process-definitions/process-definition.controller.js';
import { digitalPostReceiptOf } from '../../apps/engine/src/api/digital-post/digital-post-receipt-request.js';
import { ExternalTaskQueryService } from '../../apps/engine/src/api/external-tasks/external-task-query.service.js';
import { fetchAndLockRequestOf } from '../../apps/engine/src/api/external-tasks/fetch-and-lock-request.js';
import * as workerReports from '../../apps/engine/src/api/external-tasks/worker-report-requests.js';
import { HistoricProcessInstanceQueryService } from '../../apps/engine/src/api/history/historic-process-instance-query.service.js';
import { HistoricVariableInstanceQueryService } from '../../apps/engine/src/api/history/historic-variable-instance-query.service.js';
import { incidentQueryOf } from '../../apps/engine/src/api/incidents/incident-query.service.js';
import { dueDateRequestOf, retriesRequestOf } from '../../apps/engine/src/api/jobs/job-requests.js';
import { messageRequestOf } from '../../apps/engine/src/api/messages/message-request.js';
import { startRequestOf } from '../../apps/engine/src/api/process-definitions/start-request.js';
import { processInstanceQueryOf } from '../../apps/engine/src/api/process-instances/process-instance-query.service.js';
import { signalRequestOf } from '../../apps/engine/src/api/signals/signal-request.js';
import { taskFiltersOfQuery } from '../../apps/engine/src/api/tasks/task-query.js';
import * as taskRequests from '../../apps/engine/src/api/tasks/task-requests.js';
import { jobQueryOf } from '../../apps/engine/src/api/jobs/job-query.service.js';
import { CAMUNDA_OPERATIONS } from '../../apps/engine/src/operations/openapi/camunda-operations.js';
import { CAMUNDA_SCHEMAS } from '../../apps/engine/src/operations/openapi/camunda-schemas.js';

/**
 * The OpenAPI catalogue is written beside the readers that check requests (`…QueryOf`, `…RequestOf`), not derived
 * from them: they are code, not schemas. These specs hold the two together — every documented parameter and field
 * is one the reader reads, every parameter a reader reads is documented (or refused as unsupported), every
 * documented example is accepted, and leaving out a required field is a 400.
 */

/** Parameters every list shares, read outside the resource's own reader (paging, sorting, tenant scope). */
const SHARED =
  /^(firstResult|maxResults|sortBy|sortOrder|tenantIdIn|withoutTenantId|include\w+WithoutTenantId)$/;

/** The query parameter names `read` asks for. */
function parametersReadBy(read: (query: QueryParameters) => unknown): string[] {
  const names = new Set<string>();
  const query = new Proxy(
    {},
    {
      get: (_target, name) => {
        if (typeof name === 'string') names.add(name);
        return undefined;
      },
    },
  );
  read(query);
  return [...names].filter((name) => !SHARED.test(name)).sort();
}

function documentedParameters(operation: string): string[] {
  const described = CAMUNDA_OPERATIONS[operation];
  if (!described) throw new Error(`The catalogue has no '${operation}'`);
  return (described.parameters ?? [])
    .filter((parameter: ParameterObject) => parameter.in === 'query' && !SHARED.test(parameter.name))
    .map((parameter) => parameter.name)
    .sort();
}

/** The message of the 400 a reader throws for `input`, or undefined when it accepts it. */
function refusal<Input>(read: (input: Input) => unknown, input: Input): string | undefined {
  try {
    read(input);
    return undefined;
  } catch (error) {
    if (error instanceof CamundaRestException) return error.message;
    throw error;
  }
}

const withoutDatabase = undefined as never;
const QUERY_READERS: Array<[string, (query: QueryParameters) => unknown]> = [
  ['GET /engine-rest/process-instance', (query) => processInstanceQueryOf(query, [])],
  ['GET /engine-rest/process-definition', (query) => processDefinitionQueryOf(query, [])],
  ['GET /engine-rest/task', (query) => taskFiltersOfQuery(query)],
  ['GET /engine-rest/job', (query) => jobQueryOf(query, [])],
  ['GET /engine-rest/incident', (query) => incidentQueryOf(query, [], 'open')],
  ['GET /engine-rest/history/incident', (query) => incidentQueryOf(query, [], 'history')],
  [
    'GET /engine-rest/external-task',
    (query) => new ExternalTaskQueryService(withoutDatabase).queryOf(query, []),
  ],
  [
    'GET /engine-rest/history/process-instance',
    (query) => new HistoricProcessInstanceQueryService(withoutDatabase).queryOf(query, []),
  ],
  [
    'GET /engine-rest/history/variable-instance',
    (query) => {
      // The controller reads deserializeValues itself, before the service's filters.
      void query.deserializeValues;
      return new HistoricVariableInstanceQueryService(withoutDatabase).queryOf(query, []);
    },
  ],
  ['GET /engine-rest/deployment', (query) => deploymentQueryOf(query, [])],
  ['GET /engine-rest/decision-definition', (query) => decisionDefinitionQueryOf(query, [])],
  ['GET /engine-rest/process-definition/statistics', (query) => statisticsOptionsOf(query)],
];

describe('the documented query parameters', () => {
  it.each(QUERY_READERS)('of %s are the ones its reader reads', (operation, read) => {
    const readNames = parametersReadBy(read);
    const documented = documentedParameters(operation);
    expect(documented.filter((name) => !readNames.includes(name))).toEqual([]);
    // What the reader reads without it being documented must be a parameter it refuses as unsupported.
    const undocumented = readNames
      .filter((name) => !documented.includes(name))
      .filter((name) => !/not supported/.test(refusal(read, { [name]: 'x' }) ?? ''));
    expect(undocumented).toEqual([]);
  });

  it('are the same on a list and its count', () => {
    for (const operation of Object.keys(CAMUNDA_OPERATIONS).filter((key) => key.endsWith('/count'))) {
      const list = operation.replace(/\/count$/, '');
      if (!CAMUNDA_OPERATIONS[list] || operation.startsWith('POST')) continue;
      expect([operation, documentedParameters(operation)]).toEqual([operation, documentedParameters(list)]);
    }
  });
});

function schemaNamed(name: string): SchemaObject {
  const schema = CAMUNDA_SCHEMAS[name] as SchemaObject | undefined;
  if (!schema?.properties) throw new Error(`No object schema '${name}'`);
  return schema;
}

/** A value of no kind any field takes: a list holding a list. */
const WRONG_KIND = [[1]];

const BODY_READERS: Array<[string, (body: unknown) => unknown, (field: string) => string]> = [
  ['StartProcessInstance', startRequestOf, (field) => field],
  ['FetchExternalTasks', (body) => fetchAndLockRequestOf(body, UNAUTHENTICATED_CALLER), (field) => field],
  [
    'FetchExternalTaskTopic',
    (topic) => fetchAndLockRequestOf({ workerId: 'w', maxTasks: 1, topics: [topic] }, UNAUTHENTICATED_CALLER),
    (field) => `topics[0].${field}`,
  ],
  ['CompleteExternalTask', workerReports.completeRequestOf, (field) => field],
  ['ExternalTaskFailure', workerReports.failureRequestOf, (field) => field],
  ['ExternalTaskBpmnError', workerReports.bpmnErrorRequestOf, (field) => field],
  ['ExtendLock', (body) => workerReports.lockRequestOf(body, 'newDuration'), (field) => field],
  ['Lock', (body) => workerReports.lockRequestOf(body, 'lockDuration'), (field) => field],
  ['Retries', workerReports.retriesOf, (field) => field],
  ['Retries', retriesRequestOf, (field) => field],
  ['JobDueDate', (body) => dueDateRequestOf(body, new Date()), (field) => field],
  ['CorrelationMessage', messageRequestOf, (field) => field],
  ['Signal', signalRequestOf, (field) => field],
  ['DigitalPostReceipt', digitalPostReceiptOf, (field) => field],
  ['CompleteTask', taskRequests.completeRequestOf, (field) => field],
  ['TaskBpmnError', taskRequests.bpmnErrorRequestOf, (field) => field],
  ['UserId', (body) => taskRequests.userIdOf(body, true), (field) => field],
  ['VariableModifications', variableModificationsOf, (field) => field],
];

describe('the documented request bodies', () => {
  it.each(BODY_READERS)('%s: its example is accepted by the reader', (name, read) => {
    const example = schemaNamed(name).example;
    expect(example).toBeDefined();
    expect(() => read(example)).not.toThrow();
  });

  it.each(BODY_READERS)('%s: leaving out a required field is refused', (name, read) => {
    const schema = schemaNamed(name);
    for (const field of schema.required ?? []) {
      const without = Object.fromEntries(
        Object.entries(schema.example as Record<string, unknown>).filter(([key]) => key !== field),
      );
      expect([field, refusal(read, without)]).toEqual([field, expect.any(String)]);
    }
  });

  it.each(BODY_READERS)(
    '%s: every documented field is read (a wrong kind is a 400 naming it)',
    (name, read, where) => {
      const schema = schemaNamed(name);
      for (const field of Object.keys(schema.properties as Record<string, SchemaObject | ReferenceObject>)) {
        const body = { ...(schema.example as Record<string, unknown>), [field]: WRONG_KIND };
        expect([field, refusal(read, body)]).toEqual([field, expect.stringContaining(where(field))]);
      }
    },
  );
});
