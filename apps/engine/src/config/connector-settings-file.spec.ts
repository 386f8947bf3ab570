import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigurationError, loadEngineConfig } from './engine-config.js';

function withFile(content: string, run: (path: string) => void): void {
  const directory = mkdtempSync(join(tmpdir(), 'kf-connector-settings-'));
  try {
    const path = join(directory, 'settings.json');
    writeFileSync(path, content);
    run(path);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

describe('CONNECTOR_SETTINGS_FILE', () => {
  it("gives the connectors each tenant's settings, secrets as references", () => {
    const settings = {
      aarhus: {
        cpr: { endpoint: 'https://sp.example', tls: { certificate: { secretRef: 'env:KF_SECRET_X' } } },
      },
    };
    withFile(JSON.stringify(settings), (path) => {
      expect(loadEngineConfig({ CONNECTOR_SETTINGS_FILE: path }).connectorSettings).toEqual(settings);
    });
    expect(loadEngineConfig({}).connectorSettings).toBeUndefined();
  });

  it.each([
    ['{ not json', 'a file that is not JSON'],
    ['{ "aarhus": ["cpr"] }', 'JSON of another shape'],
    [
      '{ "aarhus": { "cpr": { "key": { "secretRef": "vault:x" } } } }',
      'malformed secret references at aarhus.cpr.key',
    ],
  ])('stops start-up naming the setting for %s', (content, found) => {
    withFile(content, (path) => {
      expect(() => loadEngineConfig({ CONNECTOR_SETTINGS_FILE: path })).toThrow(ConfigurationError);
      expect(() => loadEngineConfig({ CONNECTOR_SETTINGS_FILE: path })).toThrow(
        `CONNECTOR_SETTINGS_FILE: expected a JSON file of { "<tenant id>"`,
      );
      expect(() => loadEngineConfig({ CONNECTOR_SETTINGS_FILE: path })).toThrow(found);
    });
  });

  it('stops start-up when the file is missing', () => {
    expect(() => loadEngineConfig({ CONNECTOR_SETTINGS_FILE: '/nonexistent/settings.json' })).toThrow(
      'a file that cannot be read (ENOENT)',
    );
  });
});
