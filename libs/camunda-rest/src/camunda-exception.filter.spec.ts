import { describe, expect, it } from '@jest/globals';
import { BadRequestException, NotFoundException, PayloadTooLargeException } from '@nestjs/common';
import { CommandRejectedError } from '#bpmn';
import { camundaErrorOf } from './camunda-exception.filter.js';
import { invalidRequest, notFound } from './camunda-rest.exception.js';

describe("camundaErrorOf: every error in Camunda's shape", () => {
  it("keeps the caller's mistakes as 4xx with their message", () => {
    expect(camundaErrorOf(invalidRequest("Variable 'a' is wrong"))).toEqual({
      status: 400,
      body: { type: 'InvalidRequestException', message: "Variable 'a' is wrong" },
    });
    expect(camundaErrorOf(notFound('No such key', 'RestException'))).toEqual({
      status: 404,
      body: { type: 'RestException', message: 'No such key' },
    });
    expect(camundaErrorOf(new CommandRejectedError('not-found', "No process instance 'x'"))).toEqual({
      status: 404,
      body: { type: 'InvalidRequestException', message: "No process instance 'x'" },
    });
    expect(camundaErrorOf(new CommandRejectedError('conflict', 'Suspended')).status).toBe(409);
    expect(camundaErrorOf(new NotFoundException('Cannot GET /engine-rest/nothing'))).toEqual({
      status: 404,
      body: { type: 'InvalidRequestException', message: 'Cannot GET /engine-rest/nothing' },
    });
    expect(camundaErrorOf(new PayloadTooLargeException('File too large')).status).toBe(413);
  });

  it("says so when the body is not JSON (body-parser's error, as Nest wraps it)", () => {
    const parseError = Object.assign(new SyntaxError('Unexpected end of JSON input'), {
      status: 400,
      type: 'entity.parse.failed',
    });
    expect(camundaErrorOf(new BadRequestException(parseError.message, { cause: parseError }))).toEqual({
      status: 400,
      body: {
        type: 'InvalidRequestException',
        message:
          'The request body is not valid JSON (Unexpected end of JSON input); send a JSON object with content-type application/json',
      },
    });
  });

  it('answers anything else with a 500 that keeps its details for the log', () => {
    expect(camundaErrorOf(new Error('relation "jobs" does not exist'))).toEqual({
      status: 500,
      body: {
        type: 'ProcessEngineException',
        message: 'The engine failed while handling this request; the cause is in the server log',
      },
    });
  });
});
