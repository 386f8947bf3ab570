import type { ReferenceObject, SchemaObject } from '@nestjs/swagger';
import { listOf, objectSchema, ref } from './schema-shorthand.js';

/**
 * The JSON bodies of Camunda's REST API as this engine's readers (`startRequestOf`, `fetchAndLockRequestOf`, …) take
 * them: `required` names what a reader refuses to go without, and each `example` is one the reader accepts
 * (test/api/openapi-catalogue.spec.ts holds them to the readers).
 */

const fetchTopic = objectSchema(
  {
    topicName: 'string',
    lockDuration: ['integer', 'How long the tasks stay locked, in milliseconds'],
    variables: ['strings', 'The variables to fetch; absent, all'],
    localVariables: 'boolean',
    businessKey: 'string',
    processDefinitionId: 'string',
    processDefinitionIdIn: 'strings',
    processDefinitionKey: 'string',
    processDefinitionKeyIn: 'strings',
    processDefinitionVersionTag: 'string',
    processVariables: [
      { type: 'object', additionalProperties: true },
      'Only tasks whose instance has these values',
    ],
    tenantIdIn: 'strings',
    withoutTenantId: 'boolean',
    deserializeValues: 'boolean',
    includeExtensionProperties: 'boolean',
  },
  { required: ['topicName', 'lockDuration'], example: { topicName: 'send-letter', lockDuration: 60000 } },
);

export const CAMUNDA_REQUEST_SCHEMAS: Record<string, SchemaObject | ReferenceObject> = {
  VariableModifications: objectSchema(
    { modifications: ref('VariableMap'), deletions: ['strings', 'Names of variables to remove'] },
    { example: { modifications: { status: { value: 'approved', type: 'String' } }, deletions: ['draft'] } },
  ),
  StartProcessInstance: objectSchema(
    {
      businessKey: ['string', 'At most 255 characters'],
      variables: ref('VariableMap'),
      withVariablesInReturn: ['boolean', "Answer with the instance's variables"],
    },
    {
      description: "Camunda's StartProcessInstanceDto (startInstructions are not supported)",
      example: { businessKey: 'sag-2026-0042', variables: { amount: { value: 5000, type: 'Integer' } } },
    },
  ),
  DefinitionSuspended: objectSchema(
    {
      suspended: 'boolean',
      includeProcessInstances: ['boolean', 'Suspend or activate its running instances too'],
      executionDate: ['date?', 'When to make the change (a job due then); absent, null or past: at once'],
    },
    { required: ['suspended'], example: { suspended: true, includeProcessInstances: true } },
  ),
  Suspended: objectSchema(
    { suspended: 'boolean' },
    { required: ['suspended'], example: { suspended: true } },
  ),
  CorrelationMessage: objectSchema(
    {
      messageName: 'string',
      businessKey: 'string',
      processInstanceId: 'string',
      tenantId: 'string',
      withoutTenantId: 'boolean',
      correlationKeys: [
        { type: 'object', additionalProperties: ref('VariableValue') },
        'Process variables that must match',
      ],
      localCorrelationKeys: { type: 'object', additionalProperties: ref('VariableValue') },
      processVariables: ref('VariableMap'),
      processVariablesLocal: ref('VariableMap'),
      all: ['boolean', 'Correlate to every waiting instance, not exactly one'],
      resultEnabled: ['boolean', 'Answer 200 with the correlation results instead of 204'],
      variablesInResultEnabled: 'boolean',
      timeToLive: ['string', 'Keep an uncorrelated message this long (ISO 8601 duration, e.g. PT1H)'],
    },
    {
      required: ['messageName'],
      description: "Camunda's CorrelationMessageDto",
      example: { messageName: 'DocumentReceived', businessKey: 'sag-2026-0042' },
    },
  ),
  Signal: objectSchema(
    { name: 'string', variables: ref('VariableMap'), tenantId: 'string', withoutTenantId: 'boolean' },
    { required: ['name'], example: { name: 'BudgetFrozen' } },
  ),
  DigitalPostReceipt: objectSchema(
    {
      messageUuid: ['string', 'The MeMo message the receipt is about'],
      status: { type: 'string', enum: ['delivered', 'failed'] },
      statusTime: ['string', 'When Digital Post recorded the status (ISO 8601)'],
      reason: ['string', 'Why delivery failed, as Digital Post said it'],
      tenantId: 'string',
    },
    {
      required: ['messageUuid', 'status'],
      example: { messageUuid: '0d5c8c4e-6f0a-4a36-9b6e-6d1f0c1d2e3f', status: 'delivered' },
    },
  ),
  TaskQuery: {
    type: 'object',
    description:
      'The filters of GET /task as JSON (lists as arrays), with `sorting: [{ sortBy, sortOrder }]`',
    additionalProperties: true,
    example: { candidateGroup: 'social', sorting: [{ sortBy: 'created', sortOrder: 'desc' }] },
  },
  UserId: objectSchema({ userId: 'string?' }, { example: { userId: 'jdoe' } }),
  CompleteTask: objectSchema(
    { variables: ref('VariableMap'), withVariablesInReturn: 'boolean' },
    { example: { variables: { approved: { value: true, type: 'Boolean' } } } },
  ),
  TaskBpmnError: objectSchema(
    { errorCode: 'string', errorMessage: 'string', variables: ref('VariableMap') },
    { required: ['errorCode'], example: { errorCode: 'REJECTED' } },
  ),
  FetchExternalTasks: objectSchema(
    {
      workerId: 'string',
      maxTasks: ['integer', 'At most 1000'],
      usePriority: 'boolean',
      asyncResponseTimeout: [
        'integer',
        'Long polling: wait this many milliseconds for work (at most 1800000)',
      ],
      topics: listOf(ref('FetchExternalTaskTopic')),
    },
    {
      required: ['workerId', 'maxTasks'],
      description: "Camunda's FetchExternalTasksDto",
      example: {
        workerId: 'worker-1',
        maxTasks: 10,
        asyncResponseTimeout: 20000,
        topics: [{ topicName: 'send-letter', lockDuration: 60000 }],
      },
    },
  ),
  FetchExternalTaskTopic: fetchTopic,
  CompleteExternalTask: objectSchema(
    { workerId: 'string', variables: ref('VariableMap'), localVariables: ref('VariableMap') },
    { required: ['workerId'], example: { workerId: 'worker-1', variables: { sent: { value: true } } } },
  ),
  ExternalTaskFailure: objectSchema(
    {
      workerId: 'string',
      errorMessage: 'string',
      errorDetails: 'string',
      retries: ['integer', 'Retries left after this failure; 0 (or absent) raises an incident'],
      retryTimeout: ['integer', 'Milliseconds until the next try'],
    },
    {
      required: ['workerId'],
      example: { workerId: 'worker-1', errorMessage: 'Timeout', retries: 2, retryTimeout: 60000 },
    },
  ),
  ExternalTaskBpmnError: objectSchema(
    { workerId: 'string', errorCode: 'string', errorMessage: 'string', variables: ref('VariableMap') },
    { required: ['workerId', 'errorCode'], example: { workerId: 'worker-1', errorCode: 'CPR_UNKNOWN' } },
  ),
  ExtendLock: objectSchema(
    { workerId: 'string', newDuration: ['integer', 'Milliseconds from now'] },
    { required: ['workerId', 'newDuration'], example: { workerId: 'worker-1', newDuration: 60000 } },
  ),
  Lock: objectSchema(
    { workerId: 'string', lockDuration: ['integer', 'Milliseconds from now'] },
    { required: ['workerId', 'lockDuration'], example: { workerId: 'worker-1', lockDuration: 60000 } },
  ),
  Retries: objectSchema({ retries: 'integer' }, { required: ['retries'], example: { retries: 3 } }),
  JobDueDate: objectSchema(
    { duedate: ['date?', 'null means now'], cascade: ['boolean', 'Only false is supported'] },
    { required: ['duedate'], example: { duedate: '2026-01-05T08:00:00.000+0100' } },
  ),
  DeploymentCreate: objectSchema(
    {
      'deployment-name': 'string',
      'deployment-source': 'string',
      'enable-duplicate-filtering': { type: 'string', enum: ['true', 'false'] },
      'deploy-changed-only': { type: 'string', enum: ['true', 'false'] },
      'tenant-id': 'string',
      data: [
        { type: 'string', format: 'binary' },
        'A resource (.bpmn, .dmn, .form): any part name, with a filename',
      ],
    },
    { description: "Camunda Modeler's multipart form: text parts, and one file part per resource" },
  ),
};
