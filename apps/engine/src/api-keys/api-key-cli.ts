/** `npm run api-key -- --name <name> --tenant <tenant | none> --roles <roles>`: a new API key and its configuration entry. */
import { newApiKeyEntry } from './new-api-key.js';

try {
  const { key, entry } = newApiKeyEntry(process.argv.slice(2));
  console.log(
    `API key for '${String(entry.name)}' (shown once: hand it to its holder, keep no copy):\n  ${key}`,
  );
  console.log(`Entry for API_KEYS or API_KEYS_FILE (the key's SHA-256 only):\n  ${JSON.stringify(entry)}`);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 2;
}
