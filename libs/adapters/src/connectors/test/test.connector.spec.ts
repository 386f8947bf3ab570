import { describe, expect, it } from '@jest/globals';
import {
  connectorTestContext,
  describeConnectorConformance,
} from '../../conformance/connector-conformance.js';
import { ConnectorRegistry } from '../../registry/connector-registry.js';
import { runConnector } from '../../run/run-connector.js';
import { DEFAULT_TEST_ERROR_CODE, TestConnector } from './test.connector.js';

describe('test connector', () => {
  const run = (test: TestConnector, input: unknown, idempotencyKey = 'instance-1.1') =>
    runConnector(new ConnectorRegistry([test]), 'test', input, connectorTestContext({ idempotencyKey }));

  it('fails the first failTimes calls with one key retryably, then completes; every call has the same key', async () => {
    const test = new TestConnector();
    const input = { outcome: 'ok', failTimes: 2, echo: 'done' };
    const results = [await run(test, input), await run(test, input), await run(test, input)];
    expect(
      results.map((result) => (result.status === 'failed' ? result.failure.toJSON().kind : result.status)),
    ).toEqual(['retryable', 'retryable', 'completed']);
    expect(results[2]).toEqual({ status: 'completed', output: { echo: 'done', attempt: 3 } });
    expect(test.callsWith('instance-1.1').map((call) => [call.attempt, call.result])).toEqual([
      [1, 'retryable'],
      [2, 'retryable'],
      [3, 'completed'],
    ]);
    // Another job's key starts over.
    expect((await run(test, input, 'instance-2.1')).status).toBe('failed');
  });

  it('ends as the input says', async () => {
    const test = new TestConnector();
    const failureOf = async (input: unknown) => {
      const result = await run(test, input);
      return result.status === 'failed' ? result.failure.toJSON() : result;
    };
    expect(await failureOf({ outcome: 'retryable' })).toMatchObject({ kind: 'retryable' });
    expect(await failureOf({ outcome: 'permanent' })).toEqual({
      kind: 'permanent',
      message: 'Test connector: asked to fail permanently',
      details: { attempt: 2 },
    });
    expect(await failureOf({ outcome: 'bpmn-error' })).toMatchObject({
      bpmnErrorCode: DEFAULT_TEST_ERROR_CODE,
    });
    expect(await failureOf({ outcome: 'bpmn-error', errorCode: 'REJECTED' })).toMatchObject({
      bpmnErrorCode: 'REJECTED',
    });
  });

  it('keeps its call log to itself and can clear it', async () => {
    const test = new TestConnector();
    await run(test, { outcome: 'ok' });
    const calls = test.calls as unknown[];
    calls.length = 0;
    expect(test.calls).toHaveLength(1);
    test.clear();
    expect(test.calls).toHaveLength(0);
  });

  describeConnectorConformance(() => new TestConnector(), {
    valid: [
      { name: 'ok', input: { outcome: 'ok' } },
      { name: 'ok with echo', input: { outcome: 'ok', echo: { caseNumber: 'A-1', parts: [1, 2] } } },
    ],
    invalid: [
      { name: 'no outcome', input: {}, paths: ['$.outcome'] },
      {
        name: 'everything wrong',
        input: { outcome: 'maybe', errorCode: '', failTimes: 1.5, delayMs: -1, extra: 1 },
        paths: ['$.outcome', '$.errorCode', '$.failTimes', '$.delayMs', '$.extra'],
      },
      { name: 'not an object', input: null, paths: ['$'] },
    ],
    failures: [
      { name: 'retryable', input: { outcome: 'retryable' }, expect: 'retryable' },
      { name: 'permanent', input: { outcome: 'permanent' }, expect: 'permanent' },
      {
        name: 'a BPMN error',
        input: { outcome: 'bpmn-error', errorCode: 'E1' },
        expect: { bpmnErrorCode: 'E1' },
      },
      { name: 'failTimes', input: { outcome: 'ok', failTimes: 1 }, expect: 'retryable' },
    ],
    slow: { outcome: 'ok', delayMs: 10_000 },
    idempotencyKeysSeen: (test) => test.calls.map((call) => call.idempotencyKey),
  });
});
