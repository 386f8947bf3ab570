import { describe, expect, it } from '@jest/globals';
import { findMalformedSecretRefs, InMemoryTenantConfigurationStore } from './tenant-configuration-store.js';

describe('InMemoryTenantConfigurationStore', () => {
  it('keeps settings per tenant and connector', async () => {
    const store = new InMemoryTenantConfigurationStore({
      aarhus: {
        sbsys: { baseUrl: 'https://sbsys.aarhus.example', password: { secretRef: 'env:AARHUS_SBSYS' } },
      },
    });
    store.set('odense', 'sbsys', { baseUrl: 'https://sbsys.odense.example' });
    await expect(store.get('aarhus', 'sbsys')).resolves.toEqual({
      baseUrl: 'https://sbsys.aarhus.example',
      password: { secretRef: 'env:AARHUS_SBSYS' },
    });
    await expect(store.get('odense', 'sbsys')).resolves.toEqual({ baseUrl: 'https://sbsys.odense.example' });
    await expect(store.get('aarhus', 'noop')).resolves.toBeUndefined();
    store.delete('odense', 'sbsys');
    await expect(store.get('odense', 'sbsys')).resolves.toBeUndefined();
  });

  it('replaces every setting at once, and keeps the old ones when the new are refused', async () => {
    const store = new InMemoryTenantConfigurationStore({
      aarhus: { sbsys: { baseUrl: 'https://old.example' } },
      odense: { sbsys: { baseUrl: 'https://odense.example' } },
    });
    store.replaceAll({ aarhus: { sbsys: { baseUrl: 'https://new.example' } } });
    await expect(store.get('aarhus', 'sbsys')).resolves.toEqual({ baseUrl: 'https://new.example' });
    await expect(store.get('odense', 'sbsys')).resolves.toBeUndefined();
    expect(() =>
      store.replaceAll({
        aarhus: { sbsys: { baseUrl: 'https://newer.example' } },
        odense: { sbsys: { password: { secretRef: 'vault:x' } } },
      }),
    ).toThrow("Settings of tenant 'odense' for connector 'sbsys' have malformed secret references");
    await expect(store.get('aarhus', 'sbsys')).resolves.toEqual({ baseUrl: 'https://new.example' });
  });

  it('hands out copies, so no caller changes what another reads', async () => {
    const store = new InMemoryTenantConfigurationStore();
    const settings = { nested: { a: 1 } };
    store.set('t', 'c', settings);
    settings.nested.a = 2;
    const first = await store.get('t', 'c');
    (first!['nested'] as { a: number }).a = 3;
    await expect(store.get('t', 'c')).resolves.toEqual({ nested: { a: 1 } });
  });

  it('refuses malformed secret references, naming where they are', () => {
    const store = new InMemoryTenantConfigurationStore();
    expect(() =>
      store.set('aarhus', 'rest', {
        auth: { password: { secretRef: 'vault:x' } },
        keys: [{ secretRef: 'env:' }],
      }),
    ).toThrow(
      "Settings of tenant 'aarhus' for connector 'rest' have malformed secret references: auth.password: Secret reference 'vault:x' has an unknown scheme",
    );
    expect(findMalformedSecretRefs({ keys: [{ secretRef: 'env:' }] })).toEqual([
      { path: 'keys[0]', message: expect.stringContaining('names no environment variable') },
    ]);
  });
});
