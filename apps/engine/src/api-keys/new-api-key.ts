import { parseArgs } from 'node:util';
import { apiKeyEntriesOf, hashApiKey, newApiKey, ROLES } from '#camunda-rest';

export const NEW_API_KEY_USAGE = `Usage: npm run api-key -- --name <name> --tenant <tenant id | none> --roles <role,role…>
  Prints a new random API key (give it to its holder; it is not stored anywhere) and the entry for API_KEYS or
  API_KEYS_FILE, which holds only the key's SHA-256.
  --tenant none: the key acts for the rows without a tenant.
  Roles: ${ROLES.join(', ')}
  Example: npm run api-key -- --name aarhus-portal --tenant 0751 --roles process-starter,caseworker`;

/** A new key and its configuration entry (`"tenant": null` for `--tenant none`), checked as the configuration checks it. */
export function newApiKeyEntry(argv: string[]): { key: string; entry: Record<string, unknown> } {
  const { values } = parseArgs({
    args: argv,
    options: { name: { type: 'string' }, tenant: { type: 'string' }, roles: { type: 'string' } },
    strict: true,
  });
  if (values.name === undefined || values.tenant === undefined || values.roles === undefined) {
    throw new Error(`Expected --name, --tenant and --roles.\n${NEW_API_KEY_USAGE}`);
  }
  const key = newApiKey();
  const entry = {
    name: values.name,
    tenant: values.tenant === 'none' ? null : values.tenant,
    roles: values.roles.split(',').map((role) => role.trim()),
    keySha256: hashApiKey(key),
  };
  const { problems } = apiKeyEntriesOf([entry]);
  if (problems.length > 0) throw new Error(`Expected ${problems.join('; ')}.\n${NEW_API_KEY_USAGE}`);
  return { key, entry };
}
