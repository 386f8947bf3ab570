import { readFile } from 'node:fs/promises';
import { isAbsolute, normalize, sep } from 'node:path';
import { PermanentConnectorError } from '../contract/connector-errors.js';

/**
 * Where a tenant configuration points to a secret instead of holding it: `{ "secretRef": "env:SBSYS_PASSWORD" }`
 * or `{ "secretRef": "file:/run/secrets/sbsys-password" }`. Configuration is stored and shown; secrets are not.
 */
export interface SecretRef {
  readonly secretRef: string;
}

/** Whether `value` is a secret reference: an object with the one field `secretRef`, a string. */
export function isSecretRef(value: unknown): value is SecretRef {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && keys[0] === 'secretRef' && typeof (value as SecretRef).secretRef === 'string';
}

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The form of a secret reference, or why it has none. */
export type ParsedSecretRef =
  | { readonly ok: true; readonly scheme: 'env'; readonly name: string }
  | { readonly ok: true; readonly scheme: 'file'; readonly path: string }
  | { readonly ok: false; readonly message: string };

/** Reads `env:NAME` or `file:/absolute/path`. */
export function parseSecretRef(reference: string): ParsedSecretRef {
  if (reference.startsWith('env:')) {
    const name = reference.slice('env:'.length);
    return ENV_NAME.test(name)
      ? { ok: true, scheme: 'env', name }
      : {
          ok: false,
          message: `Secret reference '${reference}' names no environment variable: write env:NAME`,
        };
  }
  if (reference.startsWith('file:')) {
    const path = reference.slice('file:'.length);
    return isAbsolute(path)
      ? { ok: true, scheme: 'file', path: normalize(path) }
      : {
          ok: false,
          message: `Secret reference '${reference}' needs an absolute path: write file:/path/to/secret`,
        };
  }
  return {
    ok: false,
    message: `Secret reference '${reference}' has an unknown scheme: expected env:NAME or file:/path/to/secret`,
  };
}

/**
 * Resolves secret references to their values. An implementation throws a {@link PermanentConnectorError} naming the
 * reference — never a value — when it cannot: a missing secret is a configuration error for an operator, which
 * retrying does not fix.
 */
export interface SecretResolver {
  resolve(reference: string): Promise<string>;
}

export interface EnvFileSecretResolverOptions {
  /** The environment to read `env:` references from (default: `process.env`). */
  env?: Readonly<Record<string, string | undefined>>;
  /** Reads a `file:` reference (default: the file system, as UTF-8). */
  readTextFile?: (path: string) => Promise<string>;
  /** When given, only environment variables starting with one of these prefixes may be referenced. */
  allowedEnvPrefixes?: readonly string[];
  /** When given, only files inside one of these directories may be referenced. */
  allowedDirectories?: readonly string[];
}

/**
 * Resolves `env:NAME` from the environment and `file:/path` from a file (a Kubernetes or Docker secret; one trailing
 * newline is dropped). Tenant configuration can name any variable or file the engine can read, so a deployment
 * where tenants edit their own configuration should set `allowedEnvPrefixes` and `allowedDirectories`.
 *
 * @example
 * const secrets = new EnvFileSecretResolver({ allowedEnvPrefixes: ['KF_SECRET_'], allowedDirectories: ['/run/secrets'] });
 * await secrets.resolve('file:/run/secrets/sbsys-password');
 */
export class EnvFileSecretResolver implements SecretResolver {
  private readonly env: Readonly<Record<string, string | undefined>>;
  private readonly readTextFile: (path: string) => Promise<string>;

  constructor(private readonly options: EnvFileSecretResolverOptions = {}) {
    this.env = options.env ?? process.env;
    this.readTextFile = options.readTextFile ?? ((path) => readFile(path, 'utf8'));
  }

  async resolve(reference: string): Promise<string> {
    const parsed = parseSecretRef(reference);
    if (!parsed.ok) throw new PermanentConnectorError(parsed.message);
    return parsed.scheme === 'env'
      ? this.fromEnv(reference, parsed.name)
      : this.fromFile(reference, parsed.path);
  }

  private fromEnv(reference: string, name: string): string {
    const prefixes = this.options.allowedEnvPrefixes;
    if (prefixes && !prefixes.some((prefix) => name.startsWith(prefix))) {
      throw new PermanentConnectorError(
        `Secret reference '${reference}' is not allowed here: environment variables must start with ${prefixes.join(' or ')}`,
      );
    }
    const value = this.env[name];
    if (value === undefined || value === '') {
      throw new PermanentConnectorError(
        `Secret reference '${reference}': the environment variable ${name} is ${value === undefined ? 'not set' : 'empty'} — set it where the engine runs`,
      );
    }
    return value;
  }

  private async fromFile(reference: string, path: string): Promise<string> {
    const directories = this.options.allowedDirectories;
    const inside = (directory: string): boolean =>
      path.startsWith(normalize(directory).replace(/[\\/]?$/, sep));
    if (directories && !directories.some(inside)) {
      throw new PermanentConnectorError(
        `Secret reference '${reference}' is not allowed here: secret files must lie in ${directories.join(' or ')}`,
      );
    }
    let text: string;
    try {
      text = await this.readTextFile(path);
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      throw new PermanentConnectorError(
        `Secret reference '${reference}': the file cannot be read (${typeof code === 'string' ? code : 'error'}) — check that it exists and the engine may read it`,
      );
    }
    const value = text.replace(/\r?\n$/, '');
    if (value === '') throw new PermanentConnectorError(`Secret reference '${reference}': the file is empty`);
    return value;
  }
}
