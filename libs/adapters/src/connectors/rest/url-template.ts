import { PermanentConnectorError } from '../../contract/connector-errors.js';

const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/**
 * Fills the `{name}` placeholders of a URL template with `parameters`, each percent-encoded as one path segment or
 * query value (`/` and `?` in a value cannot change where the request goes). A placeholder without a parameter is a
 * permanent failure naming it — never the values, which may be personal data.
 *
 * @example
 * expandUrlTemplate('/cases/{caseId}/parties?role={role}', { caseId: 'A/1', role: 'part' });
 * // '/cases/A%2F1/parties?role=part'
 */
export function expandUrlTemplate(
  template: string,
  parameters: Readonly<Record<string, string | number | boolean>>,
): string {
  const missing = new Set<string>();
  const expanded = template.replace(PLACEHOLDER, (_match, name: string) => {
    if (!Object.hasOwn(parameters, name)) {
      missing.add(name);
      return '';
    }
    return encodeURIComponent(String(parameters[name]));
  });
  if (missing.size > 0) {
    throw new PermanentConnectorError(
      `The URL template names ${[...missing].map((name) => `{${name}}`).join(', ')}, but the input's parameters have no such field`,
    );
  }
  return expanded;
}
