import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { InMemoryTenantConfigurationStore } from '#adapters';
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConnectorSettingsReloader } from './connector-settings-reloader.js';
import { ConnectorSettingsWatch } from './connector-settings-watch.service.js';

let directory: string;
let path: string;
let store: InMemoryTenantConfigurationStore;
let reloads: number;
let watch: ConnectorSettingsWatch;

const settingsWith = (baseUrl: string) => JSON.stringify({ aarhus: { rest: { baseUrl } } });

/** Waits until the store serves `baseUrl` for aarhus (or gives up after 5 s). */
async function untilServed(baseUrl: string): Promise<void> {
  for (let look = 0; look < 100; look += 1) {
    if ((await store.get('aarhus', 'rest'))?.['baseUrl'] === baseUrl) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`The store never served ${baseUrl}`);
}

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'kf-settings-watch-'));
  path = join(directory, 'connector-settings.json');
  writeFileSync(path, settingsWith('https://old.example'));
  store = new InMemoryTenantConfigurationStore();
  reloads = 0;
  const reloader = new ConnectorSettingsReloader(
    path,
    store,
    { aarhus: { rest: { baseUrl: 'https://old.example' } } },
    { log: () => undefined, error: () => undefined },
  );
  reloader.onChange(async () => {
    reloads += 1;
  });
  watch = new ConnectorSettingsWatch(reloader);
});

afterEach(() => {
  watch.onApplicationShutdown();
  rmSync(directory, { recursive: true, force: true });
});

describe('ConnectorSettingsWatch', () => {
  it('reloads once after the file is written, however many writes it takes', async () => {
    watch.onApplicationBootstrap();
    writeFileSync(path, settingsWith('https://half.example'));
    writeFileSync(path, settingsWith('https://new.example'));
    await untilServed('https://new.example');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(reloads).toBe(1);
  });

  it('reloads a file replaced by a rename', async () => {
    watch.onApplicationBootstrap();
    const staged = join(directory, '.connector-settings.json.tmp');
    writeFileSync(staged, settingsWith('https://renamed.example'));
    renameSync(staged, path);
    await untilServed('https://renamed.example');
  });

  it('reloads on SIGHUP, and stops listening for it at shutdown', async () => {
    // Written before the watch starts, so only the signal can tell the engine.
    writeFileSync(path, settingsWith('https://signalled.example'));
    const before = process.listenerCount('SIGHUP');
    watch.onApplicationBootstrap();
    expect(process.listenerCount('SIGHUP')).toBe(before + 1);
    // Emitted rather than sent: a real signal would end the test runner, should the listener be missing.
    process.emit('SIGHUP', 'SIGHUP');
    await untilServed('https://signalled.example');
    watch.onApplicationShutdown();
    expect(process.listenerCount('SIGHUP')).toBe(before);
  });
});
