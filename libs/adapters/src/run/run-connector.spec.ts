import { describe, expect, it } from '@jest/globals';
import { connectorTestContext } from '../conformance/connector-conformance.js';
import { TestConnector } from '../connectors/test/test.connector.js';
import { defineConnector, type ConnectorContext } from '../contract/connector.js';
import { PermanentConnectorError, RetryableConnectorError } from '../contract/connector-errors.js';
import { RecordingConnectorLogger } from '../contract/connector-logger.js';
import { ConnectorRegistry } from '../registry/connector-registry.js';
import { schema } from '../schema/schema.js';
import { EnvFileSecretResolver } from '../tenant/secret-resolver.js';
import { runConnector } from './run-connector.js';

function hanging(onCall: (context: ConnectorContext) => void = () => {}) {
  return defineConnector({
    id: 'hanging',
    description: 'Never finishes and ignores its signal.',
    input: schema.object({}),
    output: schema.object({}),
    timeoutMs: 40,
    execute: (_input, context) => {
      onCall(context);
      return new Promise<Record<string, never>>(() => {});
    },
  });
}

const failingWith = (error: unknown) =>
  defineConnector({
    id: 'failing',
    description: 'Throws what it is told to.',
    input: schema.object({}),
    output: schema.object({}),
    execute: async () => {
      throw error;
    },
  });

describe('runConnector', () => {
  it('completes with the validated output, handing the connector its key, tenant and clock', async () => {
    const test = new TestConnector();
    const registry = new ConnectorRegistry([test]);
    const result = await runConnector(
      registry,
      'test',
      { outcome: 'ok', echo: { caseNumber: 'A-1' } },
      connectorTestContext({ idempotencyKey: 'instance-1.4', tenantId: 'aarhus' }),
    );
    expect(result).toEqual({ status: 'completed', output: { echo: { caseNumber: 'A-1' }, attempt: 1 } });
    expect(test.calls).toEqual([
      {
        idempotencyKey: 'instance-1.4',
        tenantId: 'aarhus',
        input: { outcome: 'ok', echo: { caseNumber: 'A-1' } },
        attempt: 1,
        at: new Date('2025-01-15T09:30:00.000Z'),
        result: 'completed',
      },
    ]);
  });

  it('fails permanently for an unknown connector, naming the known ones', async () => {
    const result = await runConnector(
      new ConnectorRegistry([new TestConnector()]),
      'sbsys',
      {},
      connectorTestContext(),
    );
    expect(result.status === 'failed' && result.failure.toJSON()).toEqual({
      kind: 'permanent',
      message: "No connector 'sbsys' is registered; known connectors: test",
    });
  });

  it('fails permanently for invalid input, listing every path, without calling the connector', async () => {
    const test = new TestConnector();
    const result = await runConnector(
      new ConnectorRegistry([test]),
      'test',
      { outcome: 'maybe', failTimes: -1, extra: true },
      connectorTestContext(),
    );
    expect(result.status).toBe('failed');
    if (result.status !== 'failed') return;
    expect(result.failure).toBeInstanceOf(PermanentConnectorError);
    expect(result.failure.message).toBe(
      "Connector 'test' cannot take this input (check the task's input mappings): " +
        "$.outcome — expected one of 'ok', 'retryable', 'permanent', 'bpmn-error', found a string of 5 characters that is none of them; " +
        '$.failTimes — expected an integer ≥ 0, found an integer; ' +
        '$.extra is not a known field (expected only outcome, errorCode, echo, failTimes, delayMs)',
    );
    expect((result.failure as PermanentConnectorError).details?.['issues']).toHaveLength(3);
    expect(test.calls).toHaveLength(0);
  });

  it('fails permanently when the connector returns output its schema does not allow', async () => {
    const broken = defineConnector({
      id: 'broken',
      description: 'Returns the wrong output.',
      input: schema.object({}),
      output: schema.object({ count: schema.integer() }),
      execute: async () => ({ count: 'three' }) as unknown as { count: number },
    });
    const result = await runConnector(new ConnectorRegistry([broken]), 'broken', {}, connectorTestContext());
    expect(result.status === 'failed' && result.failure.toJSON()).toEqual({
      kind: 'permanent',
      message:
        "Connector 'broken' returned output that does not match its output schema (a bug in the connector): $.count — expected an integer, found a string of 5 characters",
      details: {
        issues: [{ path: '$.count', message: 'expected an integer, found a string of 5 characters' }],
      },
    });
  });

  it('passes a BPMN error on and classifies anything unexpected as retryable, masking CPR numbers', async () => {
    const bpmn = await runConnector(
      new ConnectorRegistry([new TestConnector()]),
      'test',
      { outcome: 'bpmn-error', errorCode: 'CPR_NOT_FOUND' },
      connectorTestContext(),
    );
    expect(bpmn.status === 'failed' && bpmn.failure.toJSON()).toMatchObject({
      kind: 'permanent',
      bpmnErrorCode: 'CPR_NOT_FOUND',
    });
    const log = new RecordingConnectorLogger();
    const unexpected = await runConnector(
      new ConnectorRegistry([failingWith(new TypeError('no person 010190-1234'))]),
      'failing',
      {},
      connectorTestContext({ log }),
    );
    expect(unexpected.status === 'failed' && unexpected.failure).toBeInstanceOf(RetryableConnectorError);
    expect(unexpected.status === 'failed' && unexpected.failure.message).toBe(
      'Unexpected TypeError: no person [CPR]',
    );
    expect(log.text()).toContain(
      "Connector 'failing' failed (retryable): Unexpected TypeError: no person [CPR]",
    );
    expect(log.text()).not.toContain('1234');
  });

  it('masks the secrets the call resolved in its failure and its log lines', async () => {
    const leaky = defineConnector({
      id: 'leaky',
      description: 'Puts its password in an error.',
      input: schema.object({}),
      output: schema.object({}),
      async execute(_input, context) {
        const password = await context.tenant.config.secret('password');
        context.log.info(`logging in with ${password}`, { password });
        throw new Error(`login refused for ${password}`);
      },
    });
    const log = new RecordingConnectorLogger();
    const result = await runConnector(
      new ConnectorRegistry([leaky]),
      'leaky',
      {},
      connectorTestContext({
        connectorId: 'leaky',
        settings: { password: { secretRef: 'env:PW' } },
        secrets: new EnvFileSecretResolver({ env: { PW: 'p4ssw0rd-x' } }),
        log,
      }),
    );
    expect(result.status === 'failed' && result.failure.message).toBe(
      'Unexpected Error: login refused for [secret]',
    );
    expect(log.entries[0]).toEqual({
      level: 'info',
      message: 'logging in with [secret]',
      fields: { password: '[secret]' },
    });
    expect(log.text()).not.toContain('p4ssw0rd-x');
  });

  it('does not call the connector when the signal is already aborted', async () => {
    const test = new TestConnector();
    const controller = new AbortController();
    controller.abort(new Error('engine shutting down'));
    const result = await runConnector(
      new ConnectorRegistry([test]),
      'test',
      { outcome: 'ok' },
      connectorTestContext({ signal: controller.signal }),
    );
    expect(result.status === 'failed' && result.failure.toJSON()).toEqual({
      kind: 'retryable',
      message:
        "Connector 'test' was not called: the call was aborted before it started (engine shutting down)",
    });
    expect(test.calls).toHaveLength(0);
  });

  it('returns at once when the caller aborts, even if the connector ignores its signal', async () => {
    let seen: AbortSignal | undefined;
    const controller = new AbortController();
    const running = runConnector(
      new ConnectorRegistry([hanging((context) => (seen = context.signal))]),
      'hanging',
      {},
      connectorTestContext({ signal: controller.signal }),
      { timeoutMs: 60_000 },
    );
    await new Promise((resolve) => setTimeout(resolve, 10));
    controller.abort(new Error('engine shutting down'));
    const result = await running;
    expect(result.status === 'failed' && result.failure.toJSON()).toEqual({
      kind: 'retryable',
      message: "Connector 'hanging' was aborted before it finished (engine shutting down)",
    });
    expect(seen?.aborted).toBe(true);
  });

  it("times out after the connector's own timeout, or the caller's", async () => {
    const own = await runConnector(new ConnectorRegistry([hanging()]), 'hanging', {}, connectorTestContext());
    expect(own.status === 'failed' && own.failure.message).toBe(
      "Connector 'hanging' did not finish within 40 ms and was aborted; a retry uses the same idempotency key",
    );
    expect(own.status === 'failed' && own.failure.retryable).toBe(true);
    const test = new TestConnector();
    const callers = await runConnector(
      new ConnectorRegistry([test]),
      'test',
      { outcome: 'ok', delayMs: 5_000 },
      connectorTestContext(),
      { timeoutMs: 20 },
    );
    expect(callers.status === 'failed' && callers.failure.message).toContain('did not finish within 20 ms');
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(test.calls.map((call) => call.result)).toEqual(['aborted']);
  });

  it("throws for a caller's bug: an empty idempotency key or a timeout that is no positive number", async () => {
    const registry = new ConnectorRegistry([new TestConnector()]);
    await expect(
      runConnector(registry, 'test', { outcome: 'ok' }, connectorTestContext({ idempotencyKey: '' })),
    ).rejects.toThrow('non-empty idempotency key');
    await expect(
      runConnector(registry, 'test', { outcome: 'ok' }, connectorTestContext(), { timeoutMs: 0 }),
    ).rejects.toThrow("The timeout for connector 'test' must be a number of milliseconds > 0, got 0");
  });
});
