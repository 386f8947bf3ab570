import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { NO_TENANT, TENANT_ID_PATTERN } from '../tenant-scope.js';
import { ROLES, type Caller, type Role } from './caller.js';

/**
 * One API key as the configuration lists it (`API_KEYS`, `API_KEYS_FILE`): only the SHA-256 of the key is stored,
 * so the configuration is no secret worth stealing.
 *
 * @example
 * { "name": "aarhus-portal", "tenant": "0751", "roles": ["process-starter"], "keySha256": "9f86d0…" }
 */
export interface ApiKeyEntry {
  /** Who holds the key: named in logs and as the caller; never secret. */
  name: string;
  /** The tenant the key acts for; {@link NO_TENANT} for a key written with `"tenant": null` (rows without a tenant). */
  tenantId: string;
  roles: Role[];
  /** Hex SHA-256 of the key (64 characters). */
  keySha256: string;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;
const KEY_NAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,99}$/;

/** The SHA-256 (hex) of a key, as `keySha256` stores it. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** A new random key (256 bits, base64url, prefixed `kf_` so a leaked one is easy to search for). */
export function newApiKey(): string {
  return `kf_${randomBytes(32).toString('base64url')}`;
}

/**
 * Reads the list of API keys from parsed JSON, checking every entry. Problems are returned, not thrown, so the
 * configuration can report them all with the setting they came from.
 */
export function apiKeyEntriesOf(value: unknown): { entries: ApiKeyEntry[]; problems: string[] } {
  if (!Array.isArray(value)) {
    return {
      entries: [],
      problems: [
        'a JSON array of {"name", "tenant", "roles", "keySha256"} entries, e.g. [{"name":"aarhus-portal","tenant":"0751","roles":["process-starter"],"keySha256":"<64 hex digits>"}]',
      ],
    };
  }
  const entries: ApiKeyEntry[] = [];
  const problems: string[] = [];
  value.forEach((item: unknown, index) => {
    const entry = apiKeyEntryOf(item, `entry ${index}`, problems);
    if (entry) entries.push(entry);
  });
  return { entries, problems };
}

function apiKeyEntryOf(item: unknown, where: string, problems: string[]): ApiKeyEntry | undefined {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) {
    problems.push(`${where} to be an object with name, tenant, roles and keySha256`);
    return undefined;
  }
  const { name, tenant, roles, keySha256 } = item as Record<string, unknown>;
  const before = problems.length;
  if (typeof name !== 'string' || !KEY_NAME.test(name)) {
    problems.push(`${where}: "name" to be 1-100 letters, digits, '.', '_', '@' or '-'`);
  }
  const label = typeof name === 'string' ? `${where} ('${name}')` : where;
  if (tenant === undefined) {
    // Explicit, so a key is never tenant-less by omission.
    problems.push(`${label}: "tenant" to be a tenant id, or null for a key that acts without a tenant`);
  } else if (tenant !== null && (typeof tenant !== 'string' || !TENANT_ID_PATTERN.test(tenant))) {
    problems.push(`${label}: "tenant" to be a tenant id (1-64 letters, digits, '.', '_', '-') or null`);
  }
  const known = ROLES as readonly string[];
  if (
    !Array.isArray(roles) ||
    roles.length === 0 ||
    !roles.every((role) => typeof role === 'string' && known.includes(role))
  ) {
    problems.push(`${label}: "roles" to be a non-empty list of ${ROLES.join(', ')}`);
  }
  if (typeof keySha256 !== 'string' || !SHA256_HEX.test(keySha256.toLowerCase())) {
    problems.push(
      `${label}: "keySha256" to be the key's SHA-256 as 64 hex digits (npm run api-key makes a key and its entry)`,
    );
  }
  if (problems.length > before) return undefined;
  return {
    name: name as string,
    tenantId: (tenant as string | null) ?? NO_TENANT,
    roles: [...new Set(roles as Role[])],
    keySha256: (keySha256 as string).toLowerCase(),
  };
}

/**
 * Finds the caller an API key belongs to. The presented key is hashed and compared with every entry's hash in
 * constant time, without stopping at a match, so neither the time nor the answer tells anything about a near miss.
 */
export class ApiKeyRegistry {
  private readonly hashes: Array<{ hash: Buffer; caller: Caller }>;

  constructor(entries: readonly ApiKeyEntry[]) {
    this.hashes = entries.map((entry) => ({
      hash: Buffer.from(entry.keySha256, 'hex'),
      caller: Object.freeze({
        name: entry.name,
        tenantId: entry.tenantId,
        roles: new Set(entry.roles),
      }),
    }));
  }

  get size(): number {
    return this.hashes.length;
  }

  callerOf(key: string): Caller | undefined {
    const presented = createHash('sha256').update(key, 'utf8').digest();
    let found: Caller | undefined;
    for (const { hash, caller } of this.hashes) {
      if (timingSafeEqual(hash, presented) && found === undefined) found = caller;
    }
    return found;
  }
}
