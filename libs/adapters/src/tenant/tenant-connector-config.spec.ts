import { describe, expect, it } from '@jest/globals';
import { PermanentConnectorError, RetryableConnectorError } from '../contract/connector-errors.js';
import { EnvFileSecretResolver, type SecretResolver } from './secret-resolver.js';
import {
  createTenantConnectorConfig,
  loadTenantConnectorConfig,
  secretsRevealedBy,
} from './tenant-connector-config.js';
import { InMemoryTenantConfigurationStore } from './tenant-configuration-store.js';

const secrets = new EnvFileSecretResolver({
  env: { AARHUS_SBSYS: 'hunter22', AARHUS_CLIENT: 'client-secret' },
});

describe('TenantConnectorConfig', () => {
  it('is loaded from the store with the tenant settings, read-only', async () => {
    const store = new InMemoryTenantConfigurationStore({
      aarhus: { sbsys: { baseUrl: 'https://sbsys.example', password: { secretRef: 'env:AARHUS_SBSYS' } } },
    });
    const config = await loadTenantConnectorConfig(store, secrets, 'aarhus', 'sbsys');
    expect(config).toMatchObject({ tenantId: 'aarhus', connectorId: 'sbsys', configured: true });
    expect(config.settings).toEqual({
      baseUrl: 'https://sbsys.example',
      password: { secretRef: 'env:AARHUS_SBSYS' },
    });
    expect(() => {
      (config.settings as Record<string, unknown>)['baseUrl'] = 'x';
    }).toThrow();
    const missing = await loadTenantConnectorConfig(store, secrets, 'odense', 'sbsys');
    expect(missing).toMatchObject({ configured: false, settings: {} });
  });

  it('resolves secrets by field or dotted path, and remembers them for masking', async () => {
    const config = createTenantConnectorConfig({
      tenantId: 'aarhus',
      connectorId: 'sbsys',
      settings: {
        password: { secretRef: 'env:AARHUS_SBSYS' },
        auth: { client: { secretRef: 'env:AARHUS_CLIENT' } },
      },
      secrets,
    });
    expect(secretsRevealedBy(config)).toEqual([]);
    await expect(config.secret('password')).resolves.toBe('hunter22');
    await expect(config.secret('auth.client')).resolves.toBe('client-secret');
    expect(secretsRevealedBy(config)).toEqual(['hunter22', 'client-secret']);
    // The settings themselves never hold the value.
    expect(JSON.stringify(config.settings)).not.toContain('hunter22');
  });

  it('says what to configure when a secret is missing, plain, or cannot be resolved', async () => {
    const config = createTenantConnectorConfig({
      tenantId: 'aarhus',
      connectorId: 'sbsys',
      settings: { plain: 'hunter22', broken: { secretRef: 'env:NOT_SET' } },
      secrets,
    });
    await expect(config.secret('password')).rejects.toThrow(
      "Tenant 'aarhus', connector 'sbsys': the configuration has no secret at 'password'; add { \"secretRef\": \"env:NAME\" }",
    );
    await expect(config.secret('plain')).rejects.toThrow(
      'holds a plain value where a secret reference is expected',
    );
    const broken = await config.secret('broken').catch((error: unknown) => error);
    expect(broken).toBeInstanceOf(PermanentConnectorError);
    expect((broken as Error).message).toBe(
      "Tenant 'aarhus', connector 'sbsys', secret 'broken': Secret reference 'env:NOT_SET': the environment variable NOT_SET is not set — set it where the engine runs",
    );
    const unconfigured = createTenantConnectorConfig({ tenantId: 'odense', connectorId: 'sbsys', secrets });
    await expect(unconfigured.secret('password')).rejects.toThrow(
      "Tenant 'odense', connector 'sbsys': the tenant has no configuration for this connector",
    );
    await expect(
      createTenantConnectorConfig({
        tenantId: 't',
        connectorId: 'c',
        settings: { p: { secretRef: 'env:X' } },
      }).secret('p'),
    ).rejects.toThrow('no secret resolver is set up');
  });

  it('keeps a resolver failure that may pass retryable, and tries again next time', async () => {
    let calls = 0;
    const flaky: SecretResolver = {
      resolve: async () => {
        calls += 1;
        if (calls === 1) throw new Error('vault unreachable');
        return 'finally';
      },
    };
    const config = createTenantConnectorConfig({
      tenantId: 't',
      connectorId: 'c',
      settings: { p: { secretRef: 'env:X' } },
      secrets: flaky,
    });
    const first = await config.secret('p').catch((error: unknown) => error);
    expect(first).toBeInstanceOf(RetryableConnectorError);
    expect((first as Error).message).toBe(
      "Tenant 't', connector 'c', secret 'p': Unexpected Error: vault unreachable",
    );
    await expect(config.secret('p')).resolves.toBe('finally');
    await expect(config.secret('p')).resolves.toBe('finally');
    expect(calls).toBe(2);
  });
});
