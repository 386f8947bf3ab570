import type { ParameterObject, ReferenceObject, RequestBodyObject, SchemaObject } from '@nestjs/swagger';
import {
  countParameters,
  DECISION_DEFINITION_FILTERS,
  DECISION_DEFINITION_SORT,
  DECISION_REQUIREMENTS_DEFINITION_FILTERS,
  DECISION_REQUIREMENTS_DEFINITION_SORT,
  DELETE_OPTIONS,
  DEPLOYMENT_FILTERS,
  DEPLOYMENT_SORT,
  DESERIALIZE_VALUES,
  EXTERNAL_TASK_FILTERS,
  EXTERNAL_TASK_SORT,
  filters,
  HISTORIC_ACTIVITY_INSTANCE_FILTERS,
  HISTORIC_ACTIVITY_INSTANCE_SORT,
  HISTORIC_INCIDENT_FILTERS,
  HISTORIC_INCIDENT_SORT,
  HISTORIC_PROCESS_INSTANCE_FILTERS,
  HISTORIC_PROCESS_INSTANCE_SORT,
  HISTORIC_VARIABLE_INSTANCE_FILTERS,
  HISTORIC_VARIABLE_INSTANCE_SORT,
  INCIDENT_FILTERS,
  INCIDENT_SORT,
  JOB_FILTERS,
  JOB_SORT,
  listParameters,
  PAGING,
  PROCESS_DEFINITION_FILTERS,
  PROCESS_DEFINITION_SORT,
  PROCESS_INSTANCE_FILTERS,
  PROCESS_INSTANCE_SORT,
  STATISTICS_OPTIONS,
  TASK_FILTERS,
  TASK_SORT,
  tenantScope,
  USER_OPERATION_FILTERS,
} from './camunda-query-parameters.js';
import { listOf, ref } from './schema-shorthand.js';

/** A successful answer of an operation: its status and, unless it is 204, what it carries. */
export interface Answer {
  status: 200 | 202 | 204;
  description: string;
  schema?: SchemaObject | ReferenceObject;
  contentType?: string;
}

/** What the OpenAPI document says about one operation beyond its path, which Nest finds in the controllers. */
export interface OperationDescription {
  summary: string;
  parameters?: ParameterObject[];
  body?: RequestBodyObject;
  answers: Answer[];
}

const json = (schema: SchemaObject | ReferenceObject, description = 'OK'): Answer => ({
  status: 200,
  description,
  schema,
});
const list = (name: string): Answer => json(listOf(ref(name)), `A page of ${name} entries`);
const one = (name: string): Answer => json(ref(name));
const COUNT = json(ref('Count'), 'How many match');
const NO_CONTENT: Answer = { status: 204, description: 'Done' };

const jsonBody = (name: string, required = true): RequestBodyObject => ({
  required,
  content: { 'application/json': { schema: ref(name) } },
});

const IDEMPOTENCY_KEY: ParameterObject = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description:
    'Retrying with the same key answers the instance the first request started instead of starting another (1-255 printable ASCII characters)',
  schema: { type: 'string', maxLength: 255 },
};

const START: OperationDescription = {
  summary: 'Start an instance of the latest version of the definition',
  parameters: [IDEMPOTENCY_KEY],
  body: jsonBody('StartProcessInstance', false),
  answers: [json(ref('ProcessInstanceWithVariables'), 'The started instance')],
};

/**
 * Everything a variables resource (`/process-instance/{id}/variables`, `/task/{id}/variables`) answers: all, one,
 * set one, remove one, modify several.
 */
function variableOperations(base: string, owner: string): Record<string, OperationDescription> {
  return {
    [`GET ${base}`]: {
      summary: `The ${owner}'s variables`,
      parameters: [...DESERIALIZE_VALUES, ...tenantScope()],
      answers: [one('VariableMap')],
    },
    [`POST ${base}`]: {
      summary: `Set and remove several of the ${owner}'s variables at once`,
      parameters: tenantScope(),
      body: jsonBody('VariableModifications'),
      answers: [NO_CONTENT],
    },
    [`GET ${base}/{name}`]: {
      summary: `One of the ${owner}'s variables`,
      parameters: [...DESERIALIZE_VALUES, ...tenantScope()],
      answers: [one('VariableValue')],
    },
    [`PUT ${base}/{name}`]: {
      summary: `Set one of the ${owner}'s variables`,
      parameters: tenantScope(),
      body: jsonBody('VariableValue'),
      answers: [NO_CONTENT],
    },
    [`DELETE ${base}/{name}`]: {
      summary: `Remove one of the ${owner}'s variables`,
      parameters: tenantScope(),
      answers: [NO_CONTENT],
    },
  };
}

/** A list, its `/count` and one by id, the way nearly every Camunda resource has them. */
function readOperations(
  base: string,
  what: string,
  schema: string,
  own: ParameterObject[],
  sortColumns: readonly string[] | undefined,
  options: { byId?: boolean; withoutTenantIdName?: string } = {},
): Record<string, OperationDescription> {
  return {
    [`GET ${base}`]: {
      summary: `List ${what}`,
      parameters: listParameters(own, sortColumns, options.withoutTenantIdName),
      answers: [list(schema)],
    },
    [`GET ${base}/count`]: {
      summary: `Count ${what}`,
      parameters: countParameters(own, options.withoutTenantIdName),
      answers: [COUNT],
    },
    ...(options.byId === false
      ? {}
      : {
          [`GET ${base}/{id}`]: {
            summary: `One of the ${what}, by id`,
            parameters: tenantScope(options.withoutTenantIdName),
            answers: [one(schema)],
          },
        }),
  };
}

const E = '/engine-rest';

/** What a worker's report on a locked external task takes: its body, and 204. */
const workerReport = (summary: string, body: string): OperationDescription => ({
  summary,
  parameters: tenantScope(),
  body: jsonBody(body),
  answers: [NO_CONTENT],
});

/**
 * Every operation of the engine's and the designer-api's Camunda REST API, by `METHOD path` as Nest names the path.
 * test/api/openapi.spec.ts checks that each `/engine-rest` operation of both apps is here.
 */
export const CAMUNDA_OPERATIONS: Record<string, OperationDescription> = {
  // Process definitions: the engine's reads and starts, the designer-api's management.
  ...readOperations(
    `${E}/process-definition`,
    'process definitions',
    'ProcessDefinition',
    PROCESS_DEFINITION_FILTERS,
    PROCESS_DEFINITION_SORT,
    { withoutTenantIdName: 'includeProcessDefinitionsWithoutTenantId' },
  ),
  [`GET ${E}/process-definition/key/{key}`]: {
    summary:
      'The latest version of the definition with this key (of the caller’s tenant, or without a tenant)',
    answers: [one('ProcessDefinition')],
  },
  [`GET ${E}/process-definition/key/{key}/tenant-id/{tenantId}`]: {
    summary: 'The latest version of the definition with this key of the tenant',
    answers: [one('ProcessDefinition')],
  },
  [`POST ${E}/process-definition/key/{key}/start`]: START,
  [`POST ${E}/process-definition/key/{key}/tenant-id/{tenantId}/start`]: {
    ...START,
    summary: "Start an instance of the latest version of the tenant's definition",
  },
  [`POST ${E}/process-definition/{id}/start`]: {
    ...START,
    summary: 'Start an instance of this definition version',
  },
  [`GET ${E}/process-definition/statistics`]: {
    summary: 'Running instances, failed jobs and incidents of each definition',
    parameters: [...STATISTICS_OPTIONS, ...tenantScope('includeProcessDefinitionsWithoutTenantId')],
    answers: [list('ProcessDefinitionStatistics')],
  },
  [`GET ${E}/process-definition/{id}/statistics`]: {
    summary: 'Running instances, failed jobs and incidents of each activity of the definition',
    parameters: [...STATISTICS_OPTIONS, ...tenantScope('includeProcessDefinitionsWithoutTenantId')],
    answers: [list('ActivityStatistics')],
  },
  [`GET ${E}/process-definition/{id}/xml`]: {
    summary: 'The BPMN XML of the definition',
    parameters: tenantScope('includeProcessDefinitionsWithoutTenantId'),
    answers: [one('ProcessDefinitionXml')],
  },
  [`PUT ${E}/process-definition/{id}/suspended`]: {
    summary: 'Suspend (no new instances) or activate the definition, and optionally its instances',
    parameters: tenantScope('includeProcessDefinitionsWithoutTenantId'),
    body: jsonBody('DefinitionSuspended'),
    answers: [NO_CONTENT],
  },
  [`PUT ${E}/process-definition/key/{key}/suspended`]: {
    summary: 'Suspend or activate every version of the key, and optionally their instances',
    parameters: tenantScope('includeProcessDefinitionsWithoutTenantId'),
    body: jsonBody('DefinitionSuspended'),
    answers: [NO_CONTENT],
  },
  [`DELETE ${E}/process-definition/{id}`]: {
    summary: 'Delete the definition; refused while instances run unless cascade=true',
    parameters: [...DELETE_OPTIONS, ...tenantScope('includeProcessDefinitionsWithoutTenantId')],
    answers: [NO_CONTENT],
  },

  // Running process instances.
  ...readOperations(
    `${E}/process-instance`,
    'running process instances',
    'ProcessInstance',
    PROCESS_INSTANCE_FILTERS,
    PROCESS_INSTANCE_SORT,
  ),
  [`GET ${E}/process-instance/{id}/activity-instances`]: {
    summary: "The instance's activity instance tree: where it waits",
    parameters: tenantScope(),
    answers: [one('ActivityInstance')],
  },
  [`DELETE ${E}/process-instance/{id}`]: {
    summary: 'Cancel the instance (and the instances it called)',
    parameters: [
      ...filters({
        failIfNotExists: ['boolean', 'false: answer 204 for an unknown instance instead of 404'],
        skipSubprocesses: ['boolean', 'Only false is supported'],
      }),
      ...tenantScope(),
    ],
    answers: [NO_CONTENT],
  },
  [`PUT ${E}/process-instance/{id}/suspended`]: {
    summary: 'Suspend or activate the instance',
    parameters: tenantScope(),
    body: jsonBody('Suspended'),
    answers: [NO_CONTENT],
  },
  ...variableOperations(`${E}/process-instance/{id}/variables`, 'process instance'),

  // Messages, signals, Digital Post receipts.
  [`POST ${E}/message`]: {
    summary: 'Correlate a message to a waiting instance, or start one with a message start event',
    body: jsonBody('CorrelationMessage'),
    answers: [
      { ...json(listOf(ref('MessageCorrelationResult'))), description: 'With resultEnabled: true' },
      { ...NO_CONTENT, description: 'Correlated (without resultEnabled)' },
    ],
  },
  [`POST ${E}/signal`]: {
    summary: 'Throw a signal to every subscription of the tenant',
    body: jsonBody('Signal'),
    answers: [NO_CONTENT],
  },
  [`POST ${E}/digital-post/receipt`]: {
    summary: 'Deliver a Digital Post delivery receipt to the instance waiting for it',
    body: jsonBody('DigitalPostReceipt'),
    answers: [one('DigitalPostReceiptOutcome')],
  },

  // User tasks.
  ...readOperations(`${E}/task`, 'user tasks', 'Task', TASK_FILTERS, TASK_SORT),
  [`POST ${E}/task`]: {
    summary: 'List user tasks, with the filters as a JSON body',
    parameters: PAGING,
    body: jsonBody('TaskQuery', false),
    answers: [list('Task')],
  },
  [`POST ${E}/task/count`]: {
    summary: 'Count user tasks, with the filters as a JSON body',
    body: jsonBody('TaskQuery', false),
    answers: [COUNT],
  },
  [`POST ${E}/task/{id}/claim`]: {
    summary: 'Claim the task for a user',
    parameters: tenantScope(),
    body: jsonBody('UserId'),
    answers: [NO_CONTENT],
  },
  [`POST ${E}/task/{id}/unclaim`]: {
    summary: 'Release the task',
    parameters: tenantScope(),
    answers: [NO_CONTENT],
  },
  [`POST ${E}/task/{id}/assignee`]: {
    summary: 'Assign the task to a user (null: unassign)',
    parameters: tenantScope(),
    body: jsonBody('UserId'),
    answers: [NO_CONTENT],
  },
  [`POST ${E}/task/{id}/complete`]: {
    summary: 'Complete the task, setting variables',
    parameters: tenantScope(),
    body: jsonBody('CompleteTask', false),
    answers: [
      { ...one('VariableMap'), description: "With withVariablesInReturn: the instance's variables" },
      NO_CONTENT,
    ],
  },
  [`POST ${E}/task/{id}/bpmnError`]: {
    summary: 'Throw a BPMN error from the task, caught by a boundary event',
    parameters: tenantScope(),
    body: jsonBody('TaskBpmnError'),
    answers: [NO_CONTENT],
  },
  ...variableOperations(`${E}/task/{id}/variables`, 'task'),

  // External tasks, for workers.
  [`POST ${E}/external-task/fetchAndLock`]: {
    summary: 'Lock tasks of the given topics for a worker, waiting up to asyncResponseTimeout for work',
    body: jsonBody('FetchExternalTasks'),
    answers: [list('LockedExternalTask')],
  },
  ...readOperations(
    `${E}/external-task`,
    'external tasks',
    'ExternalTask',
    EXTERNAL_TASK_FILTERS,
    EXTERNAL_TASK_SORT,
  ),
  [`GET ${E}/external-task/{id}/errorDetails`]: {
    summary: 'The full details of the last failure',
    parameters: tenantScope(),
    answers: [
      {
        status: 200,
        description: 'The details, as text',
        schema: { type: 'string' },
        contentType: 'text/plain',
      },
    ],
  },
  [`POST ${E}/external-task/{id}/complete`]: workerReport('Complete the locked task', 'CompleteExternalTask'),
  [`POST ${E}/external-task/{id}/failure`]: workerReport(
    'Report a failure: retry later, or an incident when no retries are left',
    'ExternalTaskFailure',
  ),
  [`POST ${E}/external-task/{id}/bpmnError`]: workerReport(
    'Throw a BPMN error from the task, caught by a boundary event',
    'ExternalTaskBpmnError',
  ),
  [`POST ${E}/external-task/{id}/extendLock`]: workerReport('Extend the lock of the worker', 'ExtendLock'),
  [`POST ${E}/external-task/{id}/lock`]: workerReport('Lock the task for a worker', 'Lock'),
  [`POST ${E}/external-task/{id}/unlock`]: {
    summary: 'Release the lock',
    parameters: tenantScope(),
    answers: [NO_CONTENT],
  },
  [`PUT ${E}/external-task/{id}/retries`]: {
    summary: "Set the task's retries; from zero, this resolves its incident",
    parameters: tenantScope(),
    body: jsonBody('Retries'),
    answers: [NO_CONTENT],
  },

  // Incidents and jobs, for operators.
  ...readOperations(`${E}/incident`, 'open incidents', 'Incident', INCIDENT_FILTERS, INCIDENT_SORT),
  [`DELETE ${E}/incident/{id}`]: {
    summary: 'Resolve the incident',
    parameters: tenantScope(),
    answers: [NO_CONTENT],
  },
  ...readOperations(`${E}/job`, 'jobs (timers and asynchronous continuations)', 'Job', JOB_FILTERS, JOB_SORT),
  [`PUT ${E}/job/{id}/retries`]: {
    summary: "Set the job's retries; from zero, this resolves its incident",
    parameters: tenantScope(),
    body: jsonBody('Retries'),
    answers: [NO_CONTENT],
  },
  [`POST ${E}/job/{id}/execute`]: {
    summary: 'Run the job now',
    parameters: tenantScope(),
    answers: [NO_CONTENT],
  },
  [`PUT ${E}/job/{id}/duedate`]: {
    summary: "Change the job's due date",
    parameters: tenantScope(),
    body: jsonBody('JobDueDate'),
    answers: [NO_CONTENT],
  },

  // History.
  ...readOperations(
    `${E}/history/process-instance`,
    'process instances, running and ended',
    'HistoricProcessInstance',
    HISTORIC_PROCESS_INSTANCE_FILTERS,
    HISTORIC_PROCESS_INSTANCE_SORT,
  ),
  ...readOperations(
    `${E}/history/activity-instance`,
    'activity instances, running and ended',
    'HistoricActivityInstance',
    HISTORIC_ACTIVITY_INSTANCE_FILTERS,
    HISTORIC_ACTIVITY_INSTANCE_SORT,
    { byId: false },
  ),
  ...readOperations(
    `${E}/history/incident`,
    'incidents, open, resolved and deleted',
    'HistoricIncident',
    HISTORIC_INCIDENT_FILTERS,
    HISTORIC_INCIDENT_SORT,
    { byId: false },
  ),
  ...readOperations(
    `${E}/history/variable-instance`,
    'variables, current and deleted',
    'HistoricVariableInstance',
    [...HISTORIC_VARIABLE_INSTANCE_FILTERS, ...DESERIALIZE_VALUES],
    HISTORIC_VARIABLE_INSTANCE_SORT,
  ),
  ...readOperations(
    `${E}/history/user-operation`,
    'logged user operations (who cancelled, suspended, changed, claimed, completed what)',
    'UserOperation',
    USER_OPERATION_FILTERS,
    ['timestamp'],
    { byId: false },
  ),

  // Deployments and decision definitions (designer-api).
  [`POST ${E}/deployment/create`]: {
    summary: 'Deploy models, as Camunda Modeler does: validated first, refused with the problems found',
    body: {
      required: true,
      content: { 'multipart/form-data': { schema: ref('DeploymentCreate') } },
    },
    answers: [json(ref('DeploymentWithDefinitions'), 'The deployment and the definitions it created')],
  },
  ...readOperations(`${E}/deployment`, 'deployments', 'Deployment', DEPLOYMENT_FILTERS, DEPLOYMENT_SORT),
  [`DELETE ${E}/deployment/{id}`]: {
    summary: 'Delete the deployment and its definitions; refused while instances run unless cascade=true',
    parameters: [...DELETE_OPTIONS, ...tenantScope()],
    answers: [NO_CONTENT],
  },
  [`GET ${E}/deployment/{id}/resources`]: {
    summary: "The deployment's resources",
    parameters: tenantScope(),
    answers: [list('DeploymentResource')],
  },
  [`GET ${E}/deployment/{id}/resources/{resourceId}`]: {
    summary: 'One resource of the deployment',
    parameters: tenantScope(),
    answers: [one('DeploymentResource')],
  },
  [`GET ${E}/deployment/{id}/resources/{resourceId}/data`]: {
    summary: "The resource's content (BPMN or DMN XML, a form)",
    parameters: tenantScope(),
    answers: [
      {
        status: 200,
        description: 'The file',
        schema: { type: 'string', format: 'binary' },
        contentType: 'application/octet-stream',
      },
    ],
  },
  ...readOperations(
    `${E}/decision-definition`,
    'decision definitions',
    'DecisionDefinition',
    DECISION_DEFINITION_FILTERS,
    DECISION_DEFINITION_SORT,
    { withoutTenantIdName: 'includeDecisionDefinitionsWithoutTenantId' },
  ),
  [`GET ${E}/decision-definition/{id}/xml`]: {
    summary: 'The DMN XML of the definition',
    parameters: tenantScope('includeDecisionDefinitionsWithoutTenantId'),
    answers: [one('DecisionDefinitionXml')],
  },
  ...readOperations(
    `${E}/decision-requirements-definition`,
    'decision requirements definitions (DMN documents with several decisions)',
    'DecisionRequirementsDefinition',
    DECISION_REQUIREMENTS_DEFINITION_FILTERS,
    DECISION_REQUIREMENTS_DEFINITION_SORT,
    { withoutTenantIdName: 'includeDecisionRequirementsDefinitionsWithoutTenantId' },
  ),
  [`GET ${E}/decision-requirements-definition/key/{key}`]: {
    summary: 'The latest version of the decision requirements definition with this key',
    parameters: tenantScope('includeDecisionRequirementsDefinitionsWithoutTenantId'),
    answers: [one('DecisionRequirementsDefinition')],
  },
  [`GET ${E}/decision-requirements-definition/{id}/xml`]: {
    summary: 'The DMN XML of the decision requirements definition',
    parameters: tenantScope('includeDecisionRequirementsDefinitionsWithoutTenantId'),
    answers: [one('DecisionRequirementsDefinitionXml')],
  },
  [`GET ${E}/decision-requirements-definition/key/{key}/xml`]: {
    summary: 'The DMN XML of the latest version of the key',
    parameters: tenantScope('includeDecisionRequirementsDefinitionsWithoutTenantId'),
    answers: [one('DecisionRequirementsDefinitionXml')],
  },

  // The designer-api's own endpoints.
  'POST /api/validate': {
    summary: 'Validate models as a deployment would, without deploying them',
    parameters: filters({
      resourceName: ['text', 'With an application/xml body: the file name of the model'],
    }),
    body: {
      required: true,
      content: {
        'multipart/form-data': { schema: ref('DeploymentCreate') },
        'application/xml': { schema: { type: 'string' } },
      },
    },
    answers: [one('ValidationReport')],
  },
  'GET /api/process-definition/{id}/diagram': {
    summary:
      'The definition for a bpmn-js viewer: its BPMN XML and what runs, fails or waits in each activity',
    parameters: tenantScope('includeProcessDefinitionsWithoutTenantId'),
    answers: [one('ProcessDefinitionDiagram')],
  },
};
