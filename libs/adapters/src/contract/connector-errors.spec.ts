import { describe, expect, it } from '@jest/globals';
import { ConnectorError, PermanentConnectorError, RetryableConnectorError } from './connector-errors.js';

describe('connector errors', () => {
  it('a retryable error carries how long to wait and serialises to a plain record', () => {
    const error = new RetryableConnectorError('rate limited', { retryAfterMs: 30_000 });
    expect(error).toBeInstanceOf(ConnectorError);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('RetryableConnectorError');
    expect(error.retryable).toBe(true);
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      kind: 'retryable',
      message: 'rate limited',
      retryAfterMs: 30_000,
    });
  });

  it('a permanent error carries the BPMN error code the model catches and its details', () => {
    const error = new PermanentConnectorError('No such person', {
      bpmnErrorCode: 'CPR_NOT_FOUND',
      details: { status: 404 },
    });
    expect(error.retryable).toBe(false);
    expect(error.name).toBe('PermanentConnectorError');
    expect(error.toJSON()).toEqual({
      kind: 'permanent',
      message: 'No such person',
      bpmnErrorCode: 'CPR_NOT_FOUND',
      details: { status: 404 },
    });
    expect(new PermanentConnectorError('x').toJSON()).toEqual({ kind: 'permanent', message: 'x' });
  });

  it('refuses a negative wait and an empty BPMN error code', () => {
    expect(() => new RetryableConnectorError('x', { retryAfterMs: -1 })).toThrow('retryAfterMs');
    expect(() => new PermanentConnectorError('x', { bpmnErrorCode: ' ' })).toThrow('bpmnErrorCode');
  });

  it('keeps the cause for whoever threw it', () => {
    const cause = new Error('socket hang up');
    expect(new RetryableConnectorError('x', { cause }).cause).toBe(cause);
  });
});
