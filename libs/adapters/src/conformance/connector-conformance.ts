/**
 * The conformance suite every connector passes, and a context for connector tests. Test support: import it from a
 * `*.spec.ts` file (it registers Jest tests), never from production code — it is not part of `#adapters`.
 *
 * @example
 * // libs/adapters/src/connectors/sbsys/sbsys.connector.spec.ts
 * describeConnectorConformance(() => new SbsysConnector(fakeSbsys.url), {
 *   valid: [{ name: 'a case', input: { caseNumber: '27.00.00-A00-1-24' } }],
 *   invalid: [{ name: 'no case number', input: {}, paths: ['$.caseNumber'] }],
 *   failures: [{ name: 'unknown case', input: { caseNumber: 'missing' }, expect: { bpmnErrorCode: 'CASE_NOT_FOUND' } }],
 *   slow: { caseNumber: 'slow' },
 *   idempotencyKeysSeen: () => fakeSbsys.idempotencyKeys,
 * });
 */
import { describe, expect, it } from '@jest/globals';
import type { AnyConnector, Connector, ConnectorContext } from '../contract/connector.js';
import { CONNECTOR_ID_PATTERN } from '../contract/connector.js';
import { PermanentConnectorError, RetryableConnectorError } from '../contract/connector-errors.js';
import { RecordingConnectorLogger, type ConnectorLogger } from '../contract/connector-logger.js';
import { CPR_PATTERN } from '../contract/sensitive-text.js';
import { ConnectorRegistry } from '../registry/connector-registry.js';
import { runConnector, type ConnectorRunResult } from '../run/run-connector.js';
import type { SecretResolver } from '../tenant/secret-resolver.js';
import type { ConnectorSettings } from '../tenant/tenant-configuration-store.js';
import { createTenantConnectorConfig } from '../tenant/tenant-connector-config.js';

/** The fixed time a test context's clock shows. */
export const TEST_NOW = new Date('2025-01-15T09:30:00.000Z');

export interface ConnectorTestContextInit {
  connectorId?: string;
  idempotencyKey?: string;
  tenantId?: string;
  /** The tenant's settings for the connector; leave out for an unconfigured tenant. */
  settings?: ConnectorSettings;
  secrets?: SecretResolver;
  signal?: AbortSignal;
  now?: () => Date;
  log?: ConnectorLogger;
}

/** A {@link ConnectorContext} for tests: tenant `tenant-a`, a fixed clock, a recording logger, a live signal. */
export function connectorTestContext(init: ConnectorTestContextInit = {}): ConnectorContext {
  const tenantId = init.tenantId ?? 'tenant-a';
  return {
    idempotencyKey: init.idempotencyKey ?? 'instance-1.1',
    tenant: {
      id: tenantId,
      config: createTenantConnectorConfig({
        tenantId,
        connectorId: init.connectorId ?? 'test',
        ...(init.settings === undefined ? {} : { settings: init.settings }),
        ...(init.secrets === undefined ? {} : { secrets: init.secrets }),
      }),
    },
    signal: init.signal ?? new AbortController().signal,
    now: init.now ?? (() => new Date(TEST_NOW)),
    log: init.log ?? new RecordingConnectorLogger(),
  };
}

type InputOf<C> = C extends Connector<infer Input, unknown> ? Input : never;

/** How a failure sample must be classified. */
export type ExpectedClassification = 'retryable' | 'permanent' | { readonly bpmnErrorCode: string };

/** What the conformance suite runs a connector with. */
export interface ConnectorConformanceSamples<C extends AnyConnector> {
  /** Inputs the connector completes with. At least one; the first is also used for the idempotency check. */
  readonly valid: ReadonlyArray<{ readonly name: string; readonly input: InputOf<C> }>;
  /** Inputs its input schema must reject, each with every path the failure must name. At least one. */
  readonly invalid: ReadonlyArray<{
    readonly name: string;
    readonly input: unknown;
    readonly paths: readonly string[];
  }>;
  /** Inputs that make the call fail, and how the failure must be classified. */
  readonly failures?: ReadonlyArray<{
    readonly name: string;
    readonly input: InputOf<C>;
    readonly expect: ExpectedClassification;
  }>;
  /** An input whose call runs for seconds unless aborted: checks that abort and timeout stop the connector. */
  readonly slow?: InputOf<C>;
  /** The tenant the calls are made for. */
  readonly tenant?: {
    readonly id?: string;
    readonly settings?: ConnectorSettings;
    readonly secrets?: SecretResolver;
    /**
     * The values the tenant's secret references resolve to (passwords, tokens, keys): the suite checks that none
     * of them appears in a log line, a failure message or a failure's details of any sample.
     */
    readonly secretValues?: readonly string[];
  };
  /**
   * The idempotency keys the other side received (e.g. the `Idempotency-Key` headers a fake server saw). Without
   * it the suite checks that the connector reads `context.idempotencyKey` on every call.
   */
  readonly idempotencyKeysSeen?: (connector: C) => readonly string[];
  /** Why the connector needs no idempotency key (only for one with no effect outside the engine). */
  readonly ignoresIdempotencyKey?: string;
}

/** A connector wrapped to observe what the suite cannot see from outside. */
interface Probe {
  readonly connector: AnyConnector;
  /** Per call: how often `context.idempotencyKey` was read. */
  readonly keyReads: number[];
  readonly signals: AbortSignal[];
  /** Per call: when the connector's own promise settled. */
  readonly settled: Array<Promise<'resolved' | 'rejected'>>;
}

function probe(connector: AnyConnector): Probe {
  const keyReads: number[] = [];
  const signals: AbortSignal[] = [];
  const settled: Array<Promise<'resolved' | 'rejected'>> = [];
  const wrapped: AnyConnector = {
    id: connector.id,
    description: connector.description,
    input: connector.input,
    output: connector.output,
    ...(connector.timeoutMs === undefined ? {} : { timeoutMs: connector.timeoutMs }),
    execute(input, context) {
      const call = keyReads.push(0) - 1;
      signals.push(context.signal);
      const observed: ConnectorContext = {
        get idempotencyKey() {
          keyReads[call] = (keyReads[call] ?? 0) + 1;
          return context.idempotencyKey;
        },
        tenant: context.tenant,
        signal: context.signal,
        now: () => context.now(),
        log: context.log,
      };
      const result = Promise.resolve().then(() => connector.execute(input, observed));
      settled.push(
        result.then(
          () => 'resolved' as const,
          () => 'rejected' as const,
        ),
      );
      return result;
    },
  };
  return { connector: wrapped, keyReads, signals, settled };
}

function expectClassification(result: ConnectorRunResult, expected: ExpectedClassification): void {
  expect(result.status).toBe('failed');
  if (result.status !== 'failed') return;
  const { failure } = result;
  if (expected === 'retryable') {
    expect(failure).toBeInstanceOf(RetryableConnectorError);
  } else if (expected === 'permanent') {
    expect(failure).toBeInstanceOf(PermanentConnectorError);
    expect((failure as PermanentConnectorError).bpmnErrorCode).toBeUndefined();
  } else {
    expect(failure).toBeInstanceOf(PermanentConnectorError);
    expect((failure as PermanentConnectorError).bpmnErrorCode).toBe(expected.bpmnErrorCode);
  }
  expect(failure.message).not.toMatch(CPR_PATTERN);
}

function within<T>(ms: number, promise: Promise<T>, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Expected ${what} within ${ms} ms, but it had not`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** One conformance check: a test to run, or one that does not apply, with the reason. */
export type ConformanceCheck =
  | { readonly title: string; readonly run: () => Promise<void> }
  | { readonly title: string; readonly skipped: string };

/**
 * The checks every connector must pass, as plain functions that throw on failure (Jest's `expect`):
 * {@link describeConnectorConformance} registers them as tests. `connectorFactory` is called for every check (and
 * every sample), so each gets a fresh connector.
 */
export function connectorConformanceChecks<C extends AnyConnector>(
  connectorFactory: () => C | Promise<C>,
  samples: ConnectorConformanceSamples<C>,
): ConformanceCheck[] {
  const tenant = samples.tenant ?? {};

  async function setUp(): Promise<{ connector: C; probe: Probe; registry: ConnectorRegistry }> {
    const connector = await connectorFactory();
    const probed = probe(connector);
    return { connector, probe: probed, registry: new ConnectorRegistry([probed.connector]) };
  }

  function context(connectorId: string, init: ConnectorTestContextInit = {}): ConnectorContext {
    return connectorTestContext({
      connectorId,
      ...(tenant.id === undefined ? {} : { tenantId: tenant.id }),
      ...(tenant.settings === undefined ? {} : { settings: tenant.settings }),
      ...(tenant.secrets === undefined ? {} : { secrets: tenant.secrets }),
      ...init,
    });
  }

  const checks: ConformanceCheck[] = [];
  const check = (title: string, run: () => Promise<void>): void => void checks.push({ title, run });

  check('has a valid id, a description, and input and output schemas', async () => {
    const connector = await connectorFactory();
    expect(connector.id).toMatch(CONNECTOR_ID_PATTERN);
    expect(connector.description.trim().length).toBeGreaterThan(10);
    expect(connector.input.toJsonSchema()).toEqual(expect.any(Object));
    expect(connector.output.toJsonSchema()).toEqual(expect.any(Object));
    expect(samples.valid.length).toBeGreaterThan(0);
    expect(samples.invalid.length).toBeGreaterThan(0);
  });

  check(
    'rejects invalid input as a permanent failure naming every path, without calling the connector',
    async () => {
      for (const sample of samples.invalid) {
        const { connector, probe: probed, registry } = await setUp();
        const result = await runConnector(registry, connector.id, sample.input, context(connector.id));
        expect({ sample: sample.name, status: result.status }).toEqual({
          sample: sample.name,
          status: 'failed',
        });
        if (result.status !== 'failed') continue;
        expect(result.failure).toBeInstanceOf(PermanentConnectorError);
        const failure = result.failure as PermanentConnectorError;
        expect(failure.bpmnErrorCode).toBeUndefined();
        const issues = (failure.details?.['issues'] ?? []) as Array<{ path: string }>;
        expect({
          sample: sample.name,
          paths: [...new Set(issues.map((issue) => issue.path))].sort(),
        }).toEqual({
          sample: sample.name,
          paths: [...new Set(sample.paths)].sort(),
        });
        for (const path of sample.paths) expect(failure.message).toContain(path);
        expect(probed.keyReads).toHaveLength(0);
      }
    },
  );

  check(
    'completes valid input with output that matches its output schema and is a plain JSON object',
    async () => {
      for (const sample of samples.valid) {
        const { connector, registry } = await setUp();
        const result = await runConnector(registry, connector.id, sample.input, context(connector.id));
        expect({ sample: sample.name, result }).toEqual({
          sample: sample.name,
          result: { status: 'completed', output: expect.anything() },
        });
        if (result.status !== 'completed') continue;
        expect(connector.output.validate(result.output)).toEqual({ ok: true, value: result.output });
        expect(result.output).toEqual(expect.any(Object));
        expect(Array.isArray(result.output)).toBe(false);
        expect(JSON.parse(JSON.stringify(result.output))).toEqual(result.output);
      }
    },
  );

  const failures = samples.failures ?? [];
  const failuresTitle =
    'classifies its failures as retryable, permanent or a BPMN error, leaking no CPR number';
  if (failures.length === 0) checks.push({ title: failuresTitle, skipped: 'no failure samples given' });
  else {
    check(failuresTitle, async () => {
      for (const sample of failures) {
        const { connector, registry } = await setUp();
        const result = await runConnector(registry, connector.id, sample.input, context(connector.id));
        expectClassification(result, sample.expect);
      }
    });
  }

  const secretTitle = 'keeps the tenant’s secrets out of its log lines and failures';
  const secretValues = tenant.secretValues ?? [];
  if (secretValues.length === 0) checks.push({ title: secretTitle, skipped: 'no secret values given' });
  else {
    check(secretTitle, async () => {
      const samplesToRun = [...samples.valid, ...failures];
      for (const sample of samplesToRun) {
        const { connector, registry } = await setUp();
        const log = new RecordingConnectorLogger();
        const result = await runConnector(
          registry,
          connector.id,
          sample.input,
          context(connector.id, { log }),
        );
        const seen = [
          log.text(),
          result.status === 'failed'
            ? `${result.failure.message} ${JSON.stringify(result.failure.toJSON())}`
            : '',
        ].join('\n');
        for (const secret of secretValues) {
          expect({ sample: sample.name, leaks: seen.includes(secret) }).toEqual({
            sample: sample.name,
            leaks: false,
          });
        }
      }
    });
  }

  const keyTitle = 'hands the idempotency key to the connector, the same key on every attempt at one job';
  if (samples.ignoresIdempotencyKey !== undefined && samples.idempotencyKeysSeen === undefined) {
    checks.push({ title: keyTitle, skipped: samples.ignoresIdempotencyKey });
  } else {
    check(keyTitle, async () => {
      const { connector, probe: probed, registry } = await setUp();
      const input = samples.valid[0]!.input;
      for (const key of ['instance-7.3', 'instance-7.3', 'instance-8.1']) {
        const result = await runConnector(
          registry,
          connector.id,
          input,
          context(connector.id, { idempotencyKey: key }),
        );
        expect(result.status).toBe('completed');
      }
      if (samples.idempotencyKeysSeen) {
        const seen = samples.idempotencyKeysSeen(connector);
        expect(seen.filter((key) => key === 'instance-7.3')).toHaveLength(2);
        expect(seen).toContain('instance-8.1');
      } else {
        expect(probed.keyReads.every((reads) => reads > 0)).toBe(true);
      }
    });
  }

  check('is not called when the call is aborted before it starts', async () => {
    const { connector, probe: probed, registry } = await setUp();
    const controller = new AbortController();
    controller.abort(new Error('engine shutting down'));
    const result = await runConnector(
      registry,
      connector.id,
      samples.valid[0]!.input,
      context(connector.id, { signal: controller.signal }),
    );
    expectClassification(result, 'retryable');
    expect(probed.keyReads).toHaveLength(0);
  });

  const slow = samples.slow;
  const abortTitle =
    'stops when the call is aborted: the result is retryable at once and the connector gives up';
  const timeoutTitle = 'stops when the call times out: the result is retryable and says so';
  if (slow === undefined) {
    checks.push({ title: abortTitle, skipped: 'no slow sample given' });
    checks.push({ title: timeoutTitle, skipped: 'no slow sample given' });
  } else {
    check(abortTitle, async () => {
      const { connector, probe: probed, registry } = await setUp();
      const controller = new AbortController();
      const running = runConnector(
        registry,
        connector.id,
        slow,
        context(connector.id, { signal: controller.signal }),
      );
      await new Promise((resolve) => setTimeout(resolve, 20));
      controller.abort(new Error('engine shutting down'));
      expectClassification(await within(500, running, 'the aborted call to return'), 'retryable');
      expect(probed.signals[0]?.aborted).toBe(true);
      await within(1000, probed.settled[0]!, 'the connector to stop after the abort');
    });

    check(timeoutTitle, async () => {
      const { connector, probe: probed, registry } = await setUp();
      const result = await within(
        1000,
        runConnector(registry, connector.id, slow, context(connector.id), { timeoutMs: 50 }),
        'the call to time out',
      );
      expectClassification(result, 'retryable');
      expect(result.status === 'failed' && result.failure.message).toContain('did not finish within 50 ms');
      await within(1000, probed.settled[0]!, 'the connector to stop after the timeout');
    });
  }
  return checks;
}

/**
 * Registers the tests every connector must pass (see {@link connectorConformanceChecks}): its id and schemas are
 * well-formed, invalid input is rejected with every path (and never reaches the connector), output matches the
 * output schema and is plain JSON, failures are classified as expected and leak no CPR number, the idempotency key
 * reaches the connector (the same key on a retry), and an abort or a timeout stops the call. A check that does not
 * apply (no failure samples, no slow sample, a connector that needs no key) is not registered; the suite's title
 * names it and why, so nothing pretends to be checked.
 */
export function describeConnectorConformance<C extends AnyConnector>(
  connectorFactory: () => C | Promise<C>,
  samples: ConnectorConformanceSamples<C>,
): void {
  const checks = connectorConformanceChecks(connectorFactory, samples);
  const notApplicable = checks.flatMap((check) =>
    'run' in check ? [] : [`${check.title}: ${check.skipped}`],
  );
  const title =
    notApplicable.length > 0
      ? `connector conformance (not applicable — ${notApplicable.join('; ')})`
      : 'connector conformance';
  describe(title, () => {
    for (const check of checks) if ('run' in check) it(check.title, check.run);
  });
}
