import type { Connector, ConnectorContext } from '../../contract/connector.js';
import { PermanentConnectorError, RetryableConnectorError } from '../../contract/connector-errors.js';
import { schema, type Infer } from '../../schema/schema.js';

const testInput = schema.object({
  outcome: schema.enum(['ok', 'retryable', 'permanent', 'bpmn-error'], {
    description: 'How the call ends: completed, a retryable failure, a permanent failure, or a BPMN error.',
  }),
  errorCode: schema.optional(
    schema.string({
      minLength: 1,
      description: "The BPMN error code for 'bpmn-error' (default TEST_ERROR).",
    }),
  ),
  echo: schema.optional(schema.json({ description: 'Returned as the output field `echo`.' })),
  failTimes: schema.optional(
    schema.integer({
      minimum: 0,
      description: 'The first N calls with one idempotency key fail retryably before the outcome applies.',
    }),
  ),
  delayMs: schema.optional(
    schema.integer({
      minimum: 0,
      description: 'Waits this long first (until aborted), to exercise timeouts.',
    }),
  ),
});

const testOutput = schema.object({
  echo: schema.optional(schema.json()),
  attempt: schema.integer({
    minimum: 1,
    description: 'Which call with this idempotency key this was (1 = first).',
  }),
});

export type TestConnectorInput = Infer<typeof testInput>;
export type TestConnectorOutput = Infer<typeof testOutput>;

/** One call the test connector received. */
export interface TestConnectorCall {
  readonly idempotencyKey: string;
  readonly tenantId: string;
  readonly input: TestConnectorInput;
  /** 1 for the first call with this idempotency key, 2 for its first retry, … */
  readonly attempt: number;
  /** `context.now()` when the call came in. */
  readonly at: Date;
  readonly result: 'completed' | 'retryable' | 'permanent' | 'bpmn-error' | 'aborted';
}

export const DEFAULT_TEST_ERROR_CODE = 'TEST_ERROR';

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * A connector for tests of the runtime: the input says how the call ends, and every call is recorded with its
 * idempotency key, so a test can check that a retry carried the same key. Make a fresh one per test.
 *
 * @example
 * const test = new TestConnector();
 * // a service task with zeebe:taskDefinition type="connector:test" and input { outcome: 'ok', failTimes: 2 }:
 * // the first two calls fail retryably, the third completes — all three with the same idempotency key.
 * expect(test.callsWith(key).map((call) => call.result)).toEqual(['retryable', 'retryable', 'completed']);
 */
export class TestConnector implements Connector<TestConnectorInput, TestConnectorOutput> {
  readonly id = 'test';
  readonly description =
    'For tests: ends as the input says (ok, retryable, permanent, bpmn-error), optionally after failTimes retryable failures, and records every call.';
  readonly input = testInput;
  readonly output = testOutput;
  private readonly log: TestConnectorCall[] = [];

  /** Every call so far, oldest first. */
  get calls(): readonly TestConnectorCall[] {
    return [...this.log];
  }

  /** The calls made with one idempotency key, oldest first. */
  callsWith(idempotencyKey: string): TestConnectorCall[] {
    return this.log.filter((call) => call.idempotencyKey === idempotencyKey);
  }

  clear(): void {
    this.log.length = 0;
  }

  async execute(input: TestConnectorInput, context: ConnectorContext): Promise<TestConnectorOutput> {
    const attempt = this.callsWith(context.idempotencyKey).length + 1;
    const record = (result: TestConnectorCall['result']): void => {
      this.log.push({
        idempotencyKey: context.idempotencyKey,
        tenantId: context.tenant.id,
        input: structuredClone(input),
        attempt,
        at: context.now(),
        result,
      });
    };
    if (input.delayMs) {
      try {
        await sleep(input.delayMs, context.signal);
      } catch (reason) {
        record('aborted');
        throw reason;
      }
    }
    if (attempt <= (input.failTimes ?? 0)) {
      record('retryable');
      throw new RetryableConnectorError(
        `Test connector: call ${attempt} of ${input.failTimes} planned failures`,
      );
    }
    switch (input.outcome) {
      case 'ok':
        record('completed');
        return input.echo === undefined ? { attempt } : { echo: input.echo, attempt };
      case 'retryable':
        record('retryable');
        throw new RetryableConnectorError('Test connector: asked to fail retryably');
      case 'permanent':
        record('permanent');
        throw new PermanentConnectorError('Test connector: asked to fail permanently', {
          details: { attempt },
        });
      case 'bpmn-error':
        record('bpmn-error');
        throw new PermanentConnectorError('Test connector: asked to throw a BPMN error', {
          bpmnErrorCode: input.errorCode ?? DEFAULT_TEST_ERROR_CODE,
          details: { attempt },
        });
    }
  }
}
