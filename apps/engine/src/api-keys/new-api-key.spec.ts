import { describe, expect, it } from '@jest/globals';
import { hashApiKey } from '#camunda-rest';
import { newApiKeyEntry } from './new-api-key.js';

describe('npm run api-key', () => {
  it('makes a random key and an entry holding only its SHA-256', () => {
    const { key, entry } = newApiKeyEntry([
      '--name',
      'aarhus-portal',
      '--tenant',
      '0751',
      '--roles',
      'process-starter,caseworker',
    ]);
    expect(key).toMatch(/^kf_[A-Za-z0-9_-]{43}$/);
    expect(entry).toEqual({
      name: 'aarhus-portal',
      tenant: '0751',
      roles: ['process-starter', 'caseworker'],
      keySha256: hashApiKey(key),
    });
    expect(JSON.stringify(entry)).not.toContain(key);
    expect(newApiKeyEntry(['--name', 'x', '--tenant', 'none', '--roles', 'worker']).entry.tenant).toBeNull();
    expect(newApiKeyEntry(['--name', 'x', '--tenant', 'none', '--roles', 'worker']).key).not.toBe(key);
  });

  it('refuses what the configuration would refuse', () => {
    expect(() => newApiKeyEntry(['--name', 'x', '--tenant', '0751', '--roles', 'admin'])).toThrow(
      '"roles" to be a non-empty list of process-starter',
    );
    expect(() => newApiKeyEntry(['--name', 'x'])).toThrow('Expected --name, --tenant and --roles');
  });
});
