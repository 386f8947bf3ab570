import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PermanentConnectorError } from '../contract/connector-errors.js';
import { EnvFileSecretResolver, isSecretRef, parseSecretRef } from './secret-resolver.js';

describe('secret references', () => {
  it('recognises { secretRef } and nothing else', () => {
    expect(isSecretRef({ secretRef: 'env:A' })).toBe(true);
    expect(isSecretRef({ secretRef: 'env:A', extra: 1 })).toBe(false);
    expect(isSecretRef({ secretRef: 1 })).toBe(false);
    expect(isSecretRef('env:A')).toBe(false);
    expect(isSecretRef(null)).toBe(false);
  });

  it('parses env:NAME and file:/absolute/path, and says what is wrong with anything else', () => {
    expect(parseSecretRef('env:SBSYS_PASSWORD')).toEqual({ ok: true, scheme: 'env', name: 'SBSYS_PASSWORD' });
    expect(parseSecretRef('file:/run/secrets/../secrets/x')).toEqual({
      ok: true,
      scheme: 'file',
      path: '/run/secrets/x',
    });
    expect(parseSecretRef('env:1BAD')).toMatchObject({
      ok: false,
      message: expect.stringContaining('env:NAME'),
    });
    expect(parseSecretRef('file:relative')).toMatchObject({
      ok: false,
      message: expect.stringContaining('absolute'),
    });
    expect(parseSecretRef('vault:x')).toMatchObject({
      ok: false,
      message: expect.stringContaining('unknown scheme'),
    });
  });
});

describe('EnvFileSecretResolver', () => {
  let directory: string;
  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'kf-secrets-'));
    await writeFile(join(directory, 'sbsys'), 'hunter22\n');
    await writeFile(join(directory, 'empty'), '');
  });
  afterAll(() => rm(directory, { recursive: true, force: true }));

  it('resolves from the environment', async () => {
    const secrets = new EnvFileSecretResolver({ env: { SBSYS_PASSWORD: 'hunter22', EMPTY: '' } });
    await expect(secrets.resolve('env:SBSYS_PASSWORD')).resolves.toBe('hunter22');
    await expect(secrets.resolve('env:MISSING')).rejects.toThrow(
      "Secret reference 'env:MISSING': the environment variable MISSING is not set — set it where the engine runs",
    );
    await expect(secrets.resolve('env:EMPTY')).rejects.toThrow('is empty');
  });

  it('resolves from a file, dropping one trailing newline', async () => {
    const secrets = new EnvFileSecretResolver();
    await expect(secrets.resolve(`file:${join(directory, 'sbsys')}`)).resolves.toBe('hunter22');
    await expect(secrets.resolve(`file:${join(directory, 'missing')}`)).rejects.toThrow(
      'cannot be read (ENOENT)',
    );
    await expect(secrets.resolve(`file:${join(directory, 'empty')}`)).rejects.toThrow('the file is empty');
  });

  it('fails permanently for a malformed reference, without showing any value', async () => {
    const secrets = new EnvFileSecretResolver({ env: {} });
    const failure = await secrets.resolve('vault:x').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(PermanentConnectorError);
  });

  it('keeps references inside the allowed prefixes and directories', async () => {
    const secrets = new EnvFileSecretResolver({
      env: { KF_SECRET_A: 'a-secret', DATABASE_PASSWORD: 'db' },
      allowedEnvPrefixes: ['KF_SECRET_'],
      allowedDirectories: [directory],
    });
    await expect(secrets.resolve('env:KF_SECRET_A')).resolves.toBe('a-secret');
    await expect(secrets.resolve('env:DATABASE_PASSWORD')).rejects.toThrow('must start with KF_SECRET_');
    await expect(secrets.resolve(`file:${join(directory, 'sbsys')}`)).resolves.toBe('hunter22');
    await expect(secrets.resolve(`file:${join(directory, '..', 'etc-passwd')}`)).rejects.toThrow(
      'secret files must lie in',
    );
    await expect(secrets.resolve(`file:${directory}-sibling/x`)).rejects.toThrow('secret files must lie in');
  });
});
