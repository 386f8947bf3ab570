import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { bpmnDocument, chain, flow } from '../support/bpmn-xml.js';
import {
  deployLikeModeler,
  startByKey,
  startTestApps,
  type Http,
  type TestApps,
} from './camunda-rest-client.js';

/**
 * The OpenAPI document both apps publish, as a client generator or Swagger UI's "Try it out" reads it: valid
 * OpenAPI 3, every Camunda operation with its parameters, body and answer, the answers' shapes the ones the API
 * really sends, and Swagger UI serving it.
 */

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let apps: TestApps;
let engineDocument: Json;
let designerDocument: Json;
let instanceId: string;

beforeAll(async () => {
  apps = await startTestApps();
  const model = bpmnDocument(
    `<bpmn:startEvent id="start" />
     <bpmn:userTask id="review" name="Review" camunda:candidateGroups="social" />
     <bpmn:serviceTask id="send" camunda:type="external" camunda:topic="openapi-letters" />
     <bpmn:endEvent id="end" />
     ${chain('start', 'review', 'send', 'end')}`,
    { id: 'openapi_letter' },
  );
  const waiting = bpmnDocument(
    `<bpmn:startEvent id="start" />
     <bpmn:intermediateCatchEvent id="wait">
       <bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition>
     </bpmn:intermediateCatchEvent>
     <bpmn:endEvent id="end" />
     ${chain('start', 'wait', 'end')}`,
    { id: 'openapi_waiting' },
  );
  const stuck = bpmnDocument(
    `<bpmn:startEvent id="start" /><bpmn:exclusiveGateway id="which" /><bpmn:endEvent id="end" />
     ${chain('start', 'which')}${flow('never', 'which', 'end', '${false}')}`,
    { id: 'openapi_stuck' },
  );
  for (const [name, xml] of [
    ['openapi-letter.bpmn', model],
    ['openapi-waiting.bpmn', waiting],
    ['openapi-stuck.bpmn', stuck],
  ] as const) {
    expect((await deployLikeModeler(apps.designer, name, xml)).status).toBe(200);
  }
  await startByKey(apps.engine, 'openapi_waiting');
  await startByKey(apps.engine, 'openapi_stuck');
  instanceId = await startByKey(apps.engine, 'openapi_letter', {
    businessKey: 'sag-1',
    variables: { amount: { value: 5000, type: 'Integer' } },
  });
  engineDocument = (await apps.engine.get('/engine-rest/openapi.json')).body as Json;
  designerDocument = (await apps.designer.get('/engine-rest/openapi.json')).body as Json;
}, 60_000);

afterAll(() => apps?.stop(), 30_000);

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];
const TYPES = ['string', 'number', 'integer', 'boolean', 'array', 'object'];

function* operationsOf(document: Json): Generator<[string, string, Json]> {
  for (const [path, item] of Object.entries(document.paths as Json)) {
    for (const method of METHODS) if (item[method]) yield [path, method, item[method] as Json];
  }
}

/** What makes a document invalid OpenAPI 3 (the structure a generator or Swagger UI relies on), as messages. */
function openApiProblems(document: Json): string[] {
  const problems: string[] = [];
  if (!/^3\.\d+\.\d+$/.test(String(document.openapi))) problems.push(`openapi is '${document.openapi}'`);
  if (typeof document.info?.title !== 'string' || typeof document.info?.version !== 'string') {
    problems.push('info needs a title and a version');
  }
  const schemas = (document.components?.schemas ?? {}) as Json;
  const operationIds = new Set<string>();
  for (const [path, method, operation] of operationsOf(document)) {
    const where = `${method.toUpperCase()} ${path}`;
    if (!path.startsWith('/')) problems.push(`${where}: a path starts with /`);
    if (operation.operationId) {
      if (operationIds.has(operation.operationId)) problems.push(`${where}: operationId repeats`);
      operationIds.add(operation.operationId);
    }
    const parameters = (operation.parameters ?? []) as Json[];
    const seen = new Set<string>();
    for (const parameter of parameters) {
      const key = `${parameter.in}:${parameter.name}`;
      if (seen.has(key)) problems.push(`${where}: parameter ${key} twice`);
      seen.add(key);
      if (typeof parameter.name !== 'string') problems.push(`${where}: a parameter without a name`);
      if (!['query', 'header', 'path', 'cookie'].includes(parameter.in))
        problems.push(`${where}: ${key} in?`);
      if (!parameter.schema) problems.push(`${where}: ${key} has no schema`);
      if (parameter.in === 'path' && parameter.required !== true)
        problems.push(`${where}: ${key} not required`);
    }
    const templated = [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]).sort();
    const pathParameters = parameters
      .filter((each) => each.in === 'path')
      .map((each) => each.name)
      .sort();
    if (templated.join() !== pathParameters.join())
      problems.push(`${where}: path parameters ${pathParameters}`);
    if (operation.requestBody && Object.keys(operation.requestBody.content ?? {}).length === 0) {
      problems.push(`${where}: a request body without content`);
    }
    const responses = Object.entries((operation.responses ?? {}) as Json);
    if (responses.length === 0) problems.push(`${where}: no responses`);
    for (const [status, response] of responses) {
      if (!/^([1-5]\d\d|default)$/.test(status)) problems.push(`${where}: status ${status}`);
      if (typeof response.description !== 'string') problems.push(`${where}: ${status} without description`);
      for (const [type, media] of Object.entries((response.content ?? {}) as Json)) {
        if (!media.schema) problems.push(`${where}: ${status} ${type} without schema`);
      }
    }
  }
  walk(document, (node, at) => {
    if (typeof node.$ref === 'string') {
      const name = /^#\/components\/schemas\/(.+)$/.exec(node.$ref)?.[1];
      if (!name || !schemas[name]) problems.push(`${at}: $ref ${node.$ref} resolves to nothing`);
    }
    if (at.includes('schema') || at.startsWith('components.schemas')) {
      if (typeof node.type === 'string' && !TYPES.includes(node.type))
        problems.push(`${at}: type ${node.type}`);
      if (Array.isArray(node.required) && node.properties) {
        for (const name of node.required as string[]) {
          if (!(name in node.properties)) problems.push(`${at}: required '${name}' is not a property`);
        }
      }
    }
  });
  return problems;
}

function walk(node: unknown, visit: (node: Json, at: string) => void, at = ''): void {
  if (Array.isArray(node)) node.forEach((item, index) => walk(item, visit, `${at}[${index}]`));
  else if (node && typeof node === 'object') {
    visit(node as Json, at);
    for (const [key, value] of Object.entries(node)) {
      if (key !== 'example') walk(value, visit, at ? `${at}.${key}` : key);
    }
  }
}

/** A schema with its `$ref` and `allOf` followed: its property names, sorted. */
function propertiesOf(document: Json, schema: Json): string[] {
  if (schema.$ref) return propertiesOf(document, document.components.schemas[schema.$ref.split('/').pop()]);
  const own = Object.keys((schema.properties ?? {}) as Json);
  const inherited = ((schema.allOf ?? []) as Json[]).flatMap((part) => propertiesOf(document, part));
  return [...new Set([...own, ...inherited])].sort();
}

const operation = (document: Json, method: string, path: string): Json => {
  const found = document.paths[path]?.[method];
  if (!found) throw new Error(`The document has no ${method.toUpperCase()} ${path}`);
  return found as Json;
};
const parameterNames = (found: Json): string[] =>
  ((found.parameters ?? []) as Json[]).map((each) => each.name);
const jsonBodyOf = (found: Json): Json => found.requestBody.content['application/json'].schema as Json;
const answerOf = (found: Json, status = '200'): Json =>
  found.responses[status].content['application/json'].schema;

describe('the OpenAPI document', () => {
  it('is valid OpenAPI 3 on both apps', () => {
    expect(openApiProblems(engineDocument)).toEqual([]);
    expect(openApiProblems(designerDocument)).toEqual([]);
  });

  it('describes every Camunda operation of both apps (a summary, and Camunda’s error body for 4xx)', () => {
    for (const document of [engineDocument, designerDocument]) {
      for (const [path, method, found] of operationsOf(document)) {
        if (!/^\/(engine-rest|api)\//.test(path) || path.endsWith('/openapi.json')) continue;
        expect([method, path, typeof found.summary]).toEqual([method, path, 'string']);
        expect(found.responses['400'].content['application/json'].schema).toEqual({
          $ref: '#/components/schemas/CamundaError',
        });
      }
    }
    expect(propertiesOf(engineDocument, { $ref: '#/components/schemas/CamundaError' })).toEqual([
      'message',
      'type',
    ]);
  });

  it('names the query parameters of the lists: paging, filters, variables, tenants, sorting', () => {
    const list = operation(engineDocument, 'get', '/engine-rest/process-instance');
    expect(parameterNames(list)).toEqual(
      expect.arrayContaining([
        'firstResult',
        'maxResults',
        'processDefinitionKey',
        'businessKey',
        'variables',
        'tenantIdIn',
        'sortBy',
        'sortOrder',
      ]),
    );
    const maxResults = (list.parameters as Json[]).find((each) => each.name === 'maxResults') as Json;
    expect(maxResults).toMatchObject({
      in: 'query',
      required: false,
      schema: { type: 'integer', maximum: 1000 },
    });
    expect(typeof maxResults.description).toBe('string');
    expect(parameterNames(operation(engineDocument, 'get', '/engine-rest/task'))).toEqual(
      expect.arrayContaining(['candidateGroup', 'assignee', 'dueBefore', 'processInstanceBusinessKey']),
    );
    expect(
      parameterNames(operation(engineDocument, 'get', '/engine-rest/process-instance/count')),
    ).not.toContain('maxResults');
  });

  it('names the request bodies of starts, messages, tasks and workers', () => {
    const body = (method: string, path: string) => jsonBodyOf(operation(engineDocument, method, path));
    const start = operation(engineDocument, 'post', '/engine-rest/process-definition/key/{key}/start');
    expect(propertiesOf(engineDocument, jsonBodyOf(start))).toEqual(
      expect.arrayContaining(['businessKey', 'variables', 'withVariablesInReturn']),
    );
    expect(parameterNames(start)).toEqual(['key', 'Idempotency-Key']);
    expect(propertiesOf(engineDocument, answerOf(start))).toEqual(
      expect.arrayContaining(['id', 'definitionId', 'businessKey', 'variables']),
    );
    const schemaOf = (ref: Json): Json => engineDocument.components.schemas[ref.$ref.split('/').pop()];
    expect(schemaOf(body('post', '/engine-rest/message')).required).toEqual(['messageName']);
    expect(propertiesOf(engineDocument, body('post', '/engine-rest/message'))).toEqual(
      expect.arrayContaining([
        'messageName',
        'businessKey',
        'correlationKeys',
        'processVariables',
        'resultEnabled',
      ]),
    );
    expect(propertiesOf(engineDocument, body('post', '/engine-rest/task/{id}/complete'))).toEqual([
      'variables',
      'withVariablesInReturn',
    ]);
    expect(schemaOf(body('post', '/engine-rest/external-task/fetchAndLock')).required).toEqual([
      'workerId',
      'maxTasks',
    ]);
    expect(schemaOf(body('post', '/engine-rest/external-task/{id}/complete')).required).toEqual(['workerId']);
    expect(propertiesOf(engineDocument, body('post', '/engine-rest/external-task/{id}/failure'))).toEqual(
      expect.arrayContaining(['workerId', 'errorMessage', 'errorDetails', 'retries', 'retryTimeout']),
    );
    expect(schemaOf(body('post', '/engine-rest/external-task/{id}/bpmnError')).required).toEqual([
      'workerId',
      'errorCode',
    ]);
    const deploy = operation(designerDocument, 'post', '/engine-rest/deployment/create');
    expect(Object.keys(deploy.requestBody.content)).toEqual(['multipart/form-data']);
    expect(propertiesOf(designerDocument, deploy.requestBody.content['multipart/form-data'].schema)).toEqual(
      expect.arrayContaining(['deployment-name', 'deploy-changed-only', 'tenant-id']),
    );
  });

  it('says 204 where an endpoint answers no content, not Nest’s 201 for a POST', () => {
    const complete = operation(engineDocument, 'post', '/engine-rest/external-task/{id}/complete');
    expect(Object.keys(complete.responses).filter((status) => status.startsWith('2'))).toEqual(['204']);
  });
});

/** The list at `path` once it has an entry (job workers run in the background). */
async function until(http: Http, path: string): Promise<Json[]> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const found = (await http.get(path)).body as Json[];
    if (found.length > 0 || Date.now() > deadline) return found;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('the documented answers', () => {
  /** The keys of an answer equal the documented properties of its schema. */
  function expectShape(document: Json, schema: string, answer: Json): void {
    expect([schema, Object.keys(answer).sort()]).toEqual([
      schema,
      propertiesOf(document, { $ref: `#/components/schemas/${schema}` }),
    ]);
  }

  it('are the shapes the API sends', async () => {
    const engine = apps.engine;
    expectShape(
      engineDocument,
      'ProcessInstance',
      (await engine.get(`/engine-rest/process-instance/${instanceId}`)).body,
    );
    expectShape(
      engineDocument,
      'ProcessDefinition',
      (await engine.get('/engine-rest/process-definition')).body[0],
    );
    expectShape(
      engineDocument,
      'HistoricProcessInstance',
      (await engine.get(`/engine-rest/history/process-instance/${instanceId}`)).body,
    );
    expectShape(
      engineDocument,
      'HistoricActivityInstance',
      (await engine.get(`/engine-rest/history/activity-instance?processInstanceId=${instanceId}`)).body[0],
    );
    expectShape(
      engineDocument,
      'HistoricVariableInstance',
      (await engine.get(`/engine-rest/history/variable-instance?processInstanceId=${instanceId}`)).body[0],
    );
    expectShape(
      engineDocument,
      'ActivityInstance',
      (await engine.get(`/engine-rest/process-instance/${instanceId}/activity-instances`)).body,
    );
    expectShape(
      engineDocument,
      'CamundaError',
      (await engine.get('/engine-rest/process-instance?maxResults=x')).body,
    );
    const [task] = (await engine.get(`/engine-rest/task?processInstanceId=${instanceId}`)).body as Json[];
    expectShape(engineDocument, 'Task', task as Json);
    expect((await engine.post(`/engine-rest/task/${task?.id}/complete`).send({})).status).toBe(204);
    const locked = await engine.post('/engine-rest/external-task/fetchAndLock').send({
      workerId: 'w1',
      maxTasks: 1,
      topics: [{ topicName: 'openapi-letters', lockDuration: 10_000 }],
    });
    expectShape(engineDocument, 'LockedExternalTask', locked.body[0]);
    expectShape(
      engineDocument,
      'ExternalTask',
      (await engine.get(`/engine-rest/external-task/${locked.body[0].id}`)).body,
    );
    expectShape(engineDocument, 'Job', (await engine.get('/engine-rest/job?timers=true')).body[0]);
    const [incident] = (await until(engine, '/engine-rest/incident')) as Json[];
    expectShape(engineDocument, 'Incident', incident as Json);
    expectShape(
      engineDocument,
      'HistoricIncident',
      (await engine.get('/engine-rest/history/incident')).body[0],
    );
    expectShape(
      engineDocument,
      'UserOperation',
      (await engine.get('/engine-rest/history/user-operation')).body[0],
    );
    const deployments = (await apps.designer.get('/engine-rest/deployment')).body as Json[];
    expectShape(designerDocument, 'Deployment', deployments[0] as Json);
  });

  it.each([
    ['engine', '/engine-rest/process-instance'],
    ['engine', '/engine-rest/process-definition'],
    ['engine', '/engine-rest/task'],
    ['engine', '/engine-rest/external-task'],
    ['engine', '/engine-rest/job'],
    ['engine', '/engine-rest/incident'],
    ['engine', '/engine-rest/history/process-instance'],
    ['engine', '/engine-rest/history/activity-instance'],
    ['engine', '/engine-rest/history/variable-instance'],
    ['engine', '/engine-rest/history/incident'],
    ['engine', '/engine-rest/history/user-operation'],
    ['designer', '/engine-rest/deployment'],
    ['designer', '/engine-rest/decision-definition'],
  ])('of %s %s: every documented sortBy is accepted', async (app, path) => {
    const [document, http]: [Json, Http] =
      app === 'engine' ? [engineDocument, apps.engine] : [designerDocument, apps.designer];
    const sortBy = (operation(document, 'get', path).parameters as Json[]).find(
      (each) => each.name === 'sortBy',
    );
    const statuses: Array<[string, number]> = [];
    for (const column of sortBy?.schema.enum as string[]) {
      statuses.push([column, (await http.get(`${path}?sortBy=${column}&sortOrder=desc`)).status]);
    }
    expect(statuses.filter(([, status]) => status !== 200)).toEqual([]);
  });
});

describe('Swagger UI', () => {
  it('loads at /docs with the document', async () => {
    const page = await apps.engine.get('/docs');
    expect(page.status).toBe(200);
    expect(page.text).toContain('swagger-ui');
    const init = await apps.engine.get('/docs/swagger-ui-init.js');
    expect(init.status).toBe(200);
    expect(init.text).toContain('/engine-rest/process-definition/key/{key}/start');
    expect(init.text).toContain('StartProcessInstance');
    expect((await apps.engine.get('/docs/swagger-ui-bundle.js')).status).toBe(200);
  });
});
