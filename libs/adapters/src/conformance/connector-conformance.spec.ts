import { describe, expect, it } from '@jest/globals';
import { noopConnector } from '../connectors/noop/noop.connector.js';
import { TestConnector } from '../connectors/test/test.connector.js';
import { defineConnector } from '../contract/connector.js';
import { RecordingConnectorLogger } from '../contract/connector-logger.js';
import { schema } from '../schema/schema.js';
import { EnvFileSecretResolver } from '../tenant/secret-resolver.js';
import { connectorConformanceChecks, connectorTestContext, TEST_NOW } from './connector-conformance.js';

/** Runs the check with this title and says whether it passed. */
async function outcome(
  checks: ReturnType<typeof connectorConformanceChecks>,
  title: string,
): Promise<string> {
  const check = checks.find((candidate) => candidate.title.startsWith(title));
  if (!check) throw new Error(`no check '${title}'`);
  if (!('run' in check)) return `skipped: ${check.skipped}`;
  return check.run().then(
    () => 'passed',
    () => 'failed',
  );
}

/** A connector that breaks the contract in every way the suite checks. */
const careless = defineConnector({
  id: 'careless',
  description: 'Ignores its key and its signal, and returns what it likes.',
  input: schema.object({ mode: schema.enum(['ok', 'slow', 'crash']) }),
  output: schema.object({ done: schema.boolean() }),
  async execute(input) {
    if (input.mode === 'slow') await new Promise((resolve) => setTimeout(resolve, 3_000).unref());
    if (input.mode === 'crash') throw new Error('person 0101901234 not found');
    return { done: true };
  },
});

describe('the conformance suite', () => {
  it('passes a connector that keeps the contract', async () => {
    const checks = connectorConformanceChecks(() => new TestConnector(), {
      valid: [{ name: 'ok', input: { outcome: 'ok' } }],
      invalid: [{ name: 'empty', input: {}, paths: ['$.outcome'] }],
      failures: [{ name: 'bpmn', input: { outcome: 'bpmn-error' }, expect: { bpmnErrorCode: 'TEST_ERROR' } }],
      slow: { outcome: 'ok', delayMs: 5_000 },
      idempotencyKeysSeen: (test) => test.calls.map((call) => call.idempotencyKey),
      tenant: {
        settings: { password: { secretRef: 'env:PASSWORD' } },
        secrets: new EnvFileSecretResolver({ env: { PASSWORD: 'hunter22' } }),
        secretValues: ['hunter22'],
      },
    });
    for (const check of checks)
      expect(['run' in check ? await check.run().then(() => 'passed') : 'skipped']).toEqual(['passed']);
  });

  it('fails a connector that ignores its idempotency key, its signal, or the classification it promises', async () => {
    const checks = connectorConformanceChecks(() => careless, {
      valid: [{ name: 'ok', input: { mode: 'ok' } }],
      invalid: [{ name: 'wrong paths claimed', input: { mode: 'x', other: 1 }, paths: ['$.mode'] }],
      failures: [{ name: 'crash claimed permanent', input: { mode: 'crash' }, expect: 'permanent' }],
      slow: { mode: 'slow' },
    });
    expect(await outcome(checks, 'rejects invalid input')).toBe('failed');
    expect(await outcome(checks, 'classifies its failures')).toBe('failed');
    expect(await outcome(checks, 'hands the idempotency key')).toBe('failed');
    expect(await outcome(checks, 'stops when the call is aborted')).toBe('failed');
    expect(await outcome(checks, 'completes valid input')).toBe('passed');
  }, 10_000);

  it('fails a connector that puts a secret where the masking cannot see it', async () => {
    const leaky = defineConnector({
      id: 'leaky',
      description: 'Writes its password, reversed, into its log and its failure.',
      input: schema.object({ fail: schema.boolean() }),
      output: schema.object({}),
      async execute(input, context) {
        const password = await context.tenant.config.secret('password');
        const disguised = [...password].reverse().join('');
        context.log.info(`using ${disguised}`);
        if (input.fail) throw new Error(`refused ${disguised}`);
        return {};
      },
    });
    const checks = connectorConformanceChecks(() => leaky, {
      valid: [{ name: 'ok', input: { fail: false } }],
      invalid: [{ name: 'empty', input: {}, paths: ['$.fail'] }],
      failures: [{ name: 'fails', input: { fail: true }, expect: 'retryable' }],
      ignoresIdempotencyKey: 'a test',
      tenant: {
        settings: { password: { secretRef: 'env:PASSWORD' } },
        secrets: new EnvFileSecretResolver({ env: { PASSWORD: 'hunter22' } }),
        secretValues: ['hunter22', '22retnuh'],
      },
    });
    expect(await outcome(checks, 'keeps the tenant’s secrets out')).toBe('failed');
  });

  it('fails a connector whose output does not match its schema', async () => {
    const checks = connectorConformanceChecks(
      () => ({ ...noopConnector, execute: async () => ({ unexpected: new Date() }) }),
      { valid: [{ name: 'any', input: {} }], invalid: [{ name: 'string', input: 'x', paths: ['$'] }] },
    );
    expect(await outcome(checks, 'completes valid input')).toBe('failed');
  });

  it('shows a check that does not apply as skipped, with the reason', async () => {
    const checks = connectorConformanceChecks(() => noopConnector, {
      valid: [{ name: 'any', input: {} }],
      invalid: [{ name: 'string', input: 'x', paths: ['$'] }],
      ignoresIdempotencyKey: 'no effect outside the engine',
    });
    expect(await outcome(checks, 'hands the idempotency key')).toBe('skipped: no effect outside the engine');
    expect(await outcome(checks, 'stops when the call times out')).toBe('skipped: no slow sample given');
  });
});

describe('connectorTestContext', () => {
  it('gives a tenant, a fixed clock, a recording logger and a live signal', () => {
    const context = connectorTestContext({ settings: { baseUrl: 'https://x.example' } });
    expect(context.idempotencyKey).toBe('instance-1.1');
    expect(context.tenant.id).toBe('tenant-a');
    expect(context.tenant.config.settings).toEqual({ baseUrl: 'https://x.example' });
    expect(context.now()).toEqual(TEST_NOW);
    expect(context.log).toBeInstanceOf(RecordingConnectorLogger);
    expect(context.signal.aborted).toBe(false);
  });
});
