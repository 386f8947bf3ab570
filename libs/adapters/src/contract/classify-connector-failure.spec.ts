import { describe, expect, it } from '@jest/globals';
import { classifyConnectorFailure } from './classify-connector-failure.js';
import { PermanentConnectorError, RetryableConnectorError } from './connector-errors.js';

describe('classifyConnectorFailure', () => {
  it('keeps a permanent error permanent, with its BPMN error code and masked details', () => {
    const failure = classifyConnectorFailure(
      new PermanentConnectorError('No person 010190-1234', {
        bpmnErrorCode: 'CPR_NOT_FOUND',
        details: { cpr: '0101901234', status: 404 },
      }),
    );
    expect(failure).toBeInstanceOf(PermanentConnectorError);
    expect(failure.toJSON()).toEqual({
      kind: 'permanent',
      message: 'No person [CPR]',
      bpmnErrorCode: 'CPR_NOT_FOUND',
      details: { cpr: '[CPR]', status: 404 },
    });
  });

  it('keeps a retryable error retryable, with its wait', () => {
    const failure = classifyConnectorFailure(new RetryableConnectorError('busy', { retryAfterMs: 5 }));
    expect(failure).toBeInstanceOf(RetryableConnectorError);
    expect(failure.toJSON()).toEqual({ kind: 'retryable', message: 'busy', retryAfterMs: 5 });
  });

  it('takes an unknown error as retryable, naming its kind and masking CPR numbers and secrets', () => {
    const failure = classifyConnectorFailure(new TypeError('cannot read 0101901234 with hunter22'), {
      secrets: ['hunter22'],
    });
    expect(failure).toBeInstanceOf(RetryableConnectorError);
    expect(failure.message).toBe('Unexpected TypeError: cannot read [CPR] with [secret]');
  });

  it('takes an abort as retryable', () => {
    const abort = new DOMException('This operation was aborted', 'AbortError');
    expect(classifyConnectorFailure(abort).message).toBe('The call was aborted (This operation was aborted)');
    expect(classifyConnectorFailure(abort)).toBeInstanceOf(RetryableConnectorError);
  });

  it('takes a thrown non-error as retryable', () => {
    expect(classifyConnectorFailure('boom').message).toBe('Unexpected failure: boom');
    expect(classifyConnectorFailure({ cpr: '0101901234' }).message).toBe(
      'Unexpected failure: {"cpr":"[CPR]"}',
    );
    expect(classifyConnectorFailure(undefined).message).toBe('Unexpected failure: undefined');
  });

  it('drops the cause: its chain may hold personal data', () => {
    const failure = classifyConnectorFailure(
      new RetryableConnectorError('x', { cause: new Error('request for 0101901234') }),
    );
    expect(failure.cause).toBeUndefined();
  });
});
