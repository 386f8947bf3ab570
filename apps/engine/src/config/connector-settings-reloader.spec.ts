import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { InMemoryTenantConfigurationStore } from '#adapters';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TenantConnectorSettings } from './connector-settings-file.js';
import { ConnectorSettingsReloader } from './connector-settings-reloader.js';

const initial: TenantConnectorSettings = {
  aarhus: { rest: { baseUrl: 'https://old.example', auth: { secretRef: 'env:KF_SECRET_OLD' } } },
};
const changed: TenantConnectorSettings = {
  aarhus: { rest: { baseUrl: 'https://new.example', auth: { secretRef: 'env:KF_SECRET_NEW' } } },
  odense: { rest: { baseUrl: 'https://odense.example' } },
};

let directory: string;
let path: string;
let store: InMemoryTenantConfigurationStore;
let logged: { info: string[]; errors: string[] };
let reloader: ConnectorSettingsReloader;

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'kf-settings-reload-'));
  path = join(directory, 'connector-settings.json');
  writeFileSync(path, JSON.stringify(initial));
  store = new InMemoryTenantConfigurationStore();
  logged = { info: [], errors: [] };
  reloader = new ConnectorSettingsReloader(path, store, initial, {
    log: (message) => logged.info.push(message),
    error: (message) => logged.errors.push(message),
  });
});

afterEach(() => rmSync(directory, { recursive: true, force: true }));

describe('ConnectorSettingsReloader', () => {
  it('serves the start-up settings until the file changes, then the new ones', async () => {
    expect(await store.get('aarhus', 'rest')).toEqual(initial['aarhus']!['rest']);
    const inFlight = await store.get('aarhus', 'rest');

    writeFileSync(path, JSON.stringify(changed));
    expect(await reloader.reload()).toEqual({ outcome: 'applied' });

    expect(await store.get('aarhus', 'rest')).toEqual(changed['aarhus']!['rest']);
    expect(await store.get('odense', 'rest')).toEqual(changed['odense']!['rest']);
    expect(inFlight).toEqual(initial['aarhus']!['rest']);
    expect(reloader.settings).toEqual(changed);
    expect(logged.info).toEqual(['CONNECTOR_SETTINGS_FILE reloaded: settings of 2 tenant(s) in use']);
  });

  it('drops a tenant the new file no longer has', async () => {
    writeFileSync(path, JSON.stringify({ odense: changed['odense'] }));
    await reloader.reload();
    expect(await store.get('aarhus', 'rest')).toBeUndefined();
  });

  it('does nothing when the file holds the settings in use', async () => {
    let told = 0;
    reloader.onChange(async () => {
      told += 1;
    });
    writeFileSync(path, JSON.stringify(initial, null, 2));
    expect(await reloader.reload()).toEqual({ outcome: 'unchanged' });
    expect(told).toBe(0);
    expect(logged.info).toEqual([]);
  });

  it.each([
    ['{ "aarhus": { "rest": { "baseUrl": "https://new.example"', 'a file that is not JSON'],
    ['{ "aarhus": ["rest"] }', 'JSON of another shape'],
    [
      '{ "aarhus": { "rest": { "password": { "secretRef": "vault:kv/aarhus" } } } }',
      'malformed secret references at aarhus.rest.password',
    ],
  ])('keeps the previous settings when the file is wrong (%s), and logs why', async (content, found) => {
    writeFileSync(path, content);
    const outcome = await reloader.reload();
    expect(outcome).toMatchObject({ outcome: 'refused', problems: [{ found }] });
    expect(await store.get('aarhus', 'rest')).toEqual(initial['aarhus']!['rest']);
    expect(logged.errors).toEqual([expect.stringContaining(found)]);
    expect(logged.errors[0]).toContain('the previous ones stay');
    expect(logged.errors[0]).not.toContain('kv/aarhus');
  });

  it('keeps the previous settings when the file is gone', async () => {
    rmSync(path);
    expect(await reloader.reload()).toMatchObject({ outcome: 'refused' });
    expect(logged.errors[0]).toContain('a file that cannot be read (ENOENT)');
    expect(await store.get('aarhus', 'rest')).toEqual(initial['aarhus']!['rest']);
  });

  it('refuses a file a registered check finds wrong, naming the problem', async () => {
    reloader.addCheck((settings) =>
      Object.keys(settings).includes('odense')
        ? [
            {
              setting: 'CONNECTOR_SETTINGS_FILE',
              found: "tenant 'odense' without a queue",
              expected: 'a queue',
            },
          ]
        : [],
    );
    writeFileSync(path, JSON.stringify(changed));
    expect(await reloader.reload()).toMatchObject({ outcome: 'refused' });
    expect(logged.errors[0]).toContain("expected a queue, but found tenant 'odense' without a queue");
    expect(await store.get('odense', 'rest')).toBeUndefined();
  });

  it('tells its listeners, one reload after the other, and survives a listener that fails', async () => {
    const seen: string[] = [];
    reloader.onChange(async () => {
      throw new Error('the broker is down');
    });
    reloader.onChange(async (settings) => {
      seen.push(Object.keys(settings).join(','));
    });
    writeFileSync(path, JSON.stringify(changed));
    const first = reloader.reload();
    const second = reloader.reload();
    expect(await first).toEqual({ outcome: 'applied' });
    expect(await second).toEqual({ outcome: 'unchanged' });
    expect(seen).toEqual(['aarhus,odense']);
    expect(logged.errors).toEqual(['After reloading CONNECTOR_SETTINGS_FILE: the broker is down']);
  });

  it('finds nothing to reload without a file', async () => {
    const withoutFile = new ConnectorSettingsReloader(undefined, store, {}, console);
    expect(await withoutFile.reload()).toEqual({ outcome: 'unchanged' });
  });
});
