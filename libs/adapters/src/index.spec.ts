import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import {
  checkConnectorReferences,
  ConnectorRegistry,
  connectorIdOf,
  createTenantConnectorConfig,
  InMemoryTenantConfigurationStore,
  EnvFileSecretResolver,
  loadTenantConnectorConfig,
  noopConnector,
  RecordingConnectorLogger,
  runConnector,
  TestConnector,
} from '#adapters';

describe('#adapters: a service task done by a built-in connector', () => {
  it('from the job type in the model to the result the runtime applies, and a retry with the same key', async () => {
    const test = new TestConnector();
    const registry = new ConnectorRegistry([noopConnector, test]);
    // Deploy time: the model's job types are checked.
    const jobTypes = [
      { elementId: 'Archive', jobType: 'connector:noop' },
      { elementId: 'Notify', jobType: 'connector:test' },
      { elementId: 'Journalise', jobType: 'journalise' },
    ];
    expect(checkConnectorReferences(jobTypes, registry)).toEqual([]);
    expect(jobTypes.map((job) => connectorIdOf(job.jobType))).toEqual(['noop', 'test', undefined]);

    // Run time: the job for 'Notify' fails once, then completes on the retry with the same key.
    const store = new InMemoryTenantConfigurationStore({ aarhus: { test: { mode: 'demo' } } });
    const config = await loadTenantConnectorConfig(
      store,
      new EnvFileSecretResolver({ env: {} }),
      'aarhus',
      'test',
    );
    const context = {
      idempotencyKey: 'instance-9.2',
      tenant: { id: 'aarhus', config },
      signal: new AbortController().signal,
      now: () => new Date('2025-03-01T08:00:00Z'),
      log: new RecordingConnectorLogger(),
    };
    const input = { outcome: 'ok', failTimes: 1 };
    const first = await runConnector(registry, connectorIdOf('connector:test')!, input, context);
    expect(first.status === 'failed' && first.failure.retryable).toBe(true);
    const retry = await runConnector(registry, 'test', input, context);
    expect(retry).toEqual({ status: 'completed', output: { attempt: 2 } });
    expect(test.calls.map((call) => call.idempotencyKey)).toEqual(['instance-9.2', 'instance-9.2']);

    const noop = await runConnector(
      registry,
      'noop',
      { anything: 1 },
      {
        ...context,
        tenant: {
          id: 'aarhus',
          config: createTenantConnectorConfig({ tenantId: 'aarhus', connectorId: 'noop' }),
        },
      },
    );
    expect(noop).toEqual({ status: 'completed', output: {} });
  });
});

describe('libs/adapters boundaries', () => {
  // #lora: the LoRA connectors run on its typed client (#lora imports nothing from here; `npm run cycles` guards it).
  it('imports nothing from apps/, libs/store or another library but #bpmn and #lora', async () => {
    const root = dirname(fileURLToPath(import.meta.url));
    const files = (await readdir(root, { recursive: true })).filter((file) => file.endsWith('.ts'));
    const offending: string[] = [];
    for (const file of files) {
      const source = await readFile(join(root, file), 'utf8');
      for (const [, specifier] of source.matchAll(/from\s+'([^']+)'/g)) {
        const external =
          specifier!.startsWith('#') &&
          specifier !== '#bpmn' &&
          specifier !== '#lora' &&
          specifier !== '#adapters';
        // './…' stays below src/ (e.g. ./connectors/backbone/): only paths that climb out can escape.
        const escapes =
          (!specifier!.startsWith('./') && /(^|\/)(apps|store|lora|bpmn)\//.test(specifier!)) ||
          specifier!.startsWith('../../../');
        // Specs may use the repository's shared test support (fake servers, test certificates), as libs/bpmn's do.
        const testSupport = file.endsWith('.spec.ts') && /^(\.\.\/)+test\/support\//.test(specifier!);
        if ((external || escapes) && !testSupport) offending.push(`${file}: ${specifier}`);
      }
    }
    expect(offending).toEqual([]);
  });
});
