import type {
  OpenAPIObject,
  OperationObject,
  ParameterObject,
  ReferenceObject,
  ResponsesObject,
} from '@nestjs/swagger';
import { CAMUNDA_OPERATIONS, type Answer, type OperationDescription } from './camunda-operations.js';
import { CAMUNDA_SCHEMAS } from './camunda-schemas.js';
import { ref } from './schema-shorthand.js';

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

/** The paths that answer in Camunda's error body `{ type, message }` (the LoRA API and webhooks have their own). */
const CAMUNDA_ERROR_PATHS = /^\/(engine-rest|api)\//;

/**
 * Adds to the document Nest generated from the controllers what it cannot see there — the controllers read their
 * query and body with the `#camunda-rest` readers, not with DTO classes: query and header parameters, request
 * bodies, the shapes of the answers, and Camunda's error body for 4xx. Operations the catalogue does not know keep
 * what Nest found. Returns the same document.
 */
export function describeCamundaOperations(document: OpenAPIObject): OpenAPIObject {
  document.components = {
    ...document.components,
    schemas: { ...document.components?.schemas, ...CAMUNDA_SCHEMAS },
  };
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const description = CAMUNDA_OPERATIONS[`${method.toUpperCase()} ${path}`];
      if (description) describe(operation, description);
      if (CAMUNDA_ERROR_PATHS.test(path)) addCamundaErrors(operation, path);
    }
  }
  return document;
}

/** The operations of a document that the catalogue has nothing for, as `METHOD path`. */
export function undescribedOperations(document: OpenAPIObject, pathPattern = CAMUNDA_ERROR_PATHS): string[] {
  const missing: string[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    if (!pathPattern.test(path)) continue;
    for (const method of METHODS) {
      const key = `${method.toUpperCase()} ${path}`;
      if (item[method] && !CAMUNDA_OPERATIONS[key]) missing.push(key);
    }
  }
  return missing;
}

/** What the path parameters of Camunda's API name. */
const PATH_PARAMETERS: Record<string, string> = {
  id: 'The id of the resource',
  key: 'The process definition key (the BPMN process id)',
  tenantId: 'The tenant id',
  name: 'The variable name',
  resourceId: 'The id of the deployment resource',
};

function describe(operation: OperationObject, description: OperationDescription): void {
  operation.summary = description.summary;
  for (const parameter of operation.parameters ?? []) {
    if (!('$ref' in parameter) && parameter.in === 'path' && !parameter.description) {
      parameter.description = PATH_PARAMETERS[parameter.name];
    }
  }
  operation.parameters = mergedParameters(operation.parameters ?? [], description.parameters ?? []);
  if (description.body) operation.requestBody = description.body;
  const responses: ResponsesObject = {};
  // Nest's guess at the success status (201 for every POST) is replaced by what the endpoint answers.
  for (const [status, response] of Object.entries(operation.responses ?? {})) {
    if (!/^2/.test(status)) responses[status] = response;
  }
  for (const answer of description.answers) responses[String(answer.status)] = responseOf(answer);
  operation.responses = responses;
}

function responseOf(answer: Answer): ResponsesObject[string] {
  if (!answer.schema) return { description: answer.description };
  return {
    description: answer.description,
    content: { [answer.contentType ?? 'application/json']: { schema: answer.schema } },
  };
}

/** Nest's path parameters, then the catalogue's, each name and place once (the catalogue's wins). */
function mergedParameters(
  found: Array<ParameterObject | ReferenceObject>,
  described: ParameterObject[],
): Array<ParameterObject | ReferenceObject> {
  const key = (parameter: ParameterObject | ReferenceObject) =>
    '$ref' in parameter ? parameter.$ref : `${parameter.in}:${parameter.name}`;
  const describedKeys = new Set(described.map(key));
  return [...found.filter((parameter) => !describedKeys.has(key(parameter))), ...described];
}

function addCamundaErrors(operation: OperationObject, path: string): void {
  const error = (description: string) => ({
    description,
    content: { 'application/json': { schema: ref('CamundaError') } },
  });
  operation.responses = {
    ...operation.responses,
    '400': error('Invalid request: the message names the parameter or field'),
    '401': error('No or unknown credentials'),
    '403': error('The credential lacks the role, or is bound to another tenant'),
    ...(path.includes('{') ? { '404': error('Not found (or of a tenant the caller may not see)') } : {}),
  };
}
