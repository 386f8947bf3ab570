import { readFileSync } from 'node:fs';
import { findMalformedSecretRefs, type ConnectorSettings } from '#adapters';

/** Each tenant's settings per connector: tenant id (`""` for no tenant), then connector id. */
export type TenantConnectorSettings = Record<string, Record<string, ConnectorSettings>>;

/** The setting naming the file. */
export const CONNECTOR_SETTINGS_FILE = 'CONNECTOR_SETTINGS_FILE';

interface Problem {
  setting: string;
  found: string;
  expected: string;
}

const EXPECTED =
  'a JSON file of { "<tenant id>": { "<connector id>": { …settings… } } }, secrets only as { "secretRef": "env:…" } or { "secretRef": "file:…" }';

/**
 * Reads CONNECTOR_SETTINGS_FILE: the connectors' settings per tenant (endpoints, agreement ids, secret references),
 * which the engine serves to its connectors. Undefined when the setting is absent; every problem is added to
 * `problems` naming the setting, never a value (the file may name people's systems, not secrets — those stay out).
 */
export function connectorSettingsFromEnvironment(
  env: Record<string, string | undefined>,
  problems: Problem[],
): TenantConnectorSettings | undefined {
  const path = env[CONNECTOR_SETTINGS_FILE]?.trim();
  if (path === undefined || path === '') return undefined;
  return readConnectorSettingsFile(path, problems);
}

/**
 * Reads and checks the connector settings file at `path` — at start-up and on every reload alike. Undefined when
 * it is unusable; each problem is added to `problems` naming the setting and the place, never a value.
 */
export function readConnectorSettingsFile(
  path: string,
  problems: Problem[],
): TenantConnectorSettings | undefined {
  const setting = CONNECTOR_SETTINGS_FILE;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8')) as unknown;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    problems.push({
      setting,
      found: typeof code === 'string' ? `a file that cannot be read (${code})` : 'a file that is not JSON',
      expected: EXPECTED,
    });
    return undefined;
  }
  const isObject = (value: unknown): value is Record<string, unknown> =>
    typeof value === 'object' && value !== null && !Array.isArray(value);
  if (
    !isObject(parsed) ||
    !Object.values(parsed).every(
      (byConnector) => isObject(byConnector) && Object.values(byConnector).every(isObject),
    )
  ) {
    problems.push({ setting, found: 'JSON of another shape', expected: EXPECTED });
    return undefined;
  }
  const malformed = findMalformedSecretRefs(parsed);
  if (malformed.length > 0) {
    problems.push({
      setting,
      found: `malformed secret references at ${malformed.map((problem) => problem.path).join(', ')}`,
      expected: EXPECTED,
    });
    return undefined;
  }
  return parsed as TenantConnectorSettings;
}
