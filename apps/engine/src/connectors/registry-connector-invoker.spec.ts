import { describe, expect, it } from '@jest/globals';
import {
  ConnectorRegistry,
  defineConnector,
  EnvFileSecretResolver,
  InMemoryTenantConfigurationStore,
  noopConnector,
  schema,
  silentConnectorLogger,
  TestConnector,
} from '#adapters';
import { RegistryConnectorInvoker } from './registry-connector-invoker.js';

function invokerWith(test = new TestConnector()) {
  const invoker = new RegistryConnectorInvoker(new ConnectorRegistry([noopConnector, test]), {
    tenantConfigurations: new InMemoryTenantConfigurationStore(),
    secrets: new EnvFileSecretResolver({ env: {} }),
    log: silentConnectorLogger,
  });
  return { invoker, test };
}

const call = (jobType: string, input: Record<string, unknown>) => ({
  jobId: 'instance-1.7',
  jobType,
  tenantId: 'aarhus',
  input,
});

describe('RegistryConnectorInvoker: the runtime’s connector port over libs/adapters', () => {
  it('claims connector:<id> job types and leaves every other one to external workers', () => {
    const { invoker } = invokerWith();
    expect(invoker.isConnector('connector:noop')).toBe(true);
    expect(invoker.isConnector('connector:unknown')).toBe(true);
    expect(invoker.isConnector('send-letter')).toBe(false);
  });

  it('runs the connector with the job id as idempotency key and the calling tenant', async () => {
    const { invoker, test } = invokerWith();
    expect(await invoker.invoke(call('connector:test', { outcome: 'ok', echo: 'hi' }))).toEqual({
      ok: true,
      output: { echo: 'hi', attempt: 1 },
    });
    expect(await invoker.invoke(call('connector:noop', { anything: 1 }))).toEqual({ ok: true, output: {} });
    expect(test.calls).toEqual([
      expect.objectContaining({ idempotencyKey: 'instance-1.7', tenantId: 'aarhus', attempt: 1 }),
    ]);
  });

  it('classifies failures the way the job runner applies them', async () => {
    const { invoker } = invokerWith();
    expect(await invoker.invoke(call('connector:test', { outcome: 'retryable' }))).toEqual({
      ok: false,
      retryable: true,
      message: 'Test connector: asked to fail retryably',
    });
    expect(
      await invoker.invoke(call('connector:test', { outcome: 'bpmn-error', errorCode: 'NOT_FOUND' })),
    ).toEqual({
      ok: false,
      retryable: false,
      message: 'Test connector: asked to throw a BPMN error',
      bpmnErrorCode: 'NOT_FOUND',
    });
    expect(await invoker.invoke(call('connector:test', {}))).toMatchObject({
      ok: false,
      retryable: false,
      message: expect.stringContaining("Connector 'test' cannot take this input") as unknown as string,
    });
    expect(await invoker.invoke(call('connector:gone', {}))).toMatchObject({
      ok: false,
      retryable: false,
      message: "No connector 'gone' is registered; known connectors: noop, test",
    });
  });

  it('hands a connector the tenant settings its settingsId names, else its own', async () => {
    const settingsSeen = (id: string, settingsId?: string) =>
      defineConnector({
        id,
        ...(settingsId === undefined ? {} : { settingsId }),
        description: 'Answers the connector id of the settings it received.',
        input: schema.object({}),
        output: schema.object({ settingsOf: schema.string(), url: schema.string() }),
        async execute(_input, context) {
          return {
            settingsOf: context.tenant.config.connectorId,
            url: String(context.tenant.config.settings['url']),
          };
        },
      });
    const invoker = new RegistryConnectorInvoker(
      new ConnectorRegistry([settingsSeen('shared-a', 'shared'), settingsSeen('own')]),
      {
        tenantConfigurations: new InMemoryTenantConfigurationStore({
          aarhus: { shared: { url: 'https://shared.example' }, own: { url: 'https://own.example' } },
        }),
        secrets: new EnvFileSecretResolver({ env: {} }),
        log: silentConnectorLogger,
      },
    );
    expect(await invoker.invoke(call('connector:shared-a', {}))).toEqual({
      ok: true,
      output: { settingsOf: 'shared', url: 'https://shared.example' },
    });
    expect(await invoker.invoke(call('connector:own', {}))).toEqual({
      ok: true,
      output: { settingsOf: 'own', url: 'https://own.example' },
    });
  });
});
