import type { ReferenceObject, SchemaObject } from '@nestjs/swagger';
import { CAMUNDA_REQUEST_SCHEMAS } from './camunda-request-schemas.js';
import { CAMUNDA_RESPONSE_SCHEMAS } from './camunda-response-schemas.js';
import { objectSchema, ref } from './schema-shorthand.js';

/**
 * The JSON shapes of Camunda 7's REST API as this engine reads and answers them: `components.schemas` of the OpenAPI
 * document. The shared ones are here; the request bodies and the resources' answers have a file each.
 */

const variableValue = objectSchema(
  {
    value: [{}, 'The value, of the kind `type` says; null is allowed'],
    type: [
      {
        type: 'string',
        enum: ['String', 'Boolean', 'Integer', 'Short', 'Long', 'Double', 'Date', 'Json', 'Object', 'Null'],
      },
      'The value type; absent, it is read from the JSON value',
    ],
    valueInfo: [
      { type: 'object', additionalProperties: true },
      'For Object: `objectTypeName` and `serializationDataFormat`',
    ],
  },
  { example: { value: 5000, type: 'Integer' } },
);

const variableMap: SchemaObject = {
  type: 'object',
  description: 'Variables by name, each a typed value',
  additionalProperties: ref('VariableValue'),
  example: { amount: { value: 5000, type: 'Integer' }, approved: { value: true, type: 'Boolean' } },
};

const link = objectSchema({ method: 'string', href: 'string', rel: 'string' });

/** Every schema the catalogue refers to, by name. */
export const CAMUNDA_SCHEMAS: Record<string, SchemaObject | ReferenceObject> = {
  CamundaError: objectSchema(
    {
      type: [
        'string',
        "The exception's kind, e.g. InvalidRequestException, RestException, AuthorizationException",
      ],
      message: ['string', 'What went wrong, naming the field or parameter'],
    },
    {
      required: ['type', 'message'],
      description: "Camunda's error body",
      example: { type: 'InvalidRequestException', message: "Expected 'workerId', but it is missing" },
    },
  ),
  Count: objectSchema({ count: 'integer' }, { required: ['count'] }),
  Link: link,
  VariableValue: variableValue,
  VariableMap: variableMap,
  ...CAMUNDA_REQUEST_SCHEMAS,
  ...CAMUNDA_RESPONSE_SCHEMAS,
};
