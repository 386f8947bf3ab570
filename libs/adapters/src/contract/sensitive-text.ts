/**
 * Masks what must never leave a connector in an error message, a log line or an incident: CPR numbers, credentials
 * and the secrets a connector resolved. Applied to every message a connector failure carries and every line a
 * connector logs through {@link runConnector}.
 */

/** A Danish CPR number, `DDMMYY-SSSS` or `DDMMYYSSSS`. Any ten-digit run matches: a false positive costs nothing. */
export const CPR_PATTERN = /\b\d{6}-?\d{4}\b/;
const CPR_EVERYWHERE = new RegExp(CPR_PATTERN.source, 'g');

export const MASKED_CPR = '[CPR]';
export const MASKED_SECRET = '[secret]';

/** Secrets shorter than this are not searched for: masking every `a1` in a message would make it unreadable. */
export const MIN_MASKED_SECRET_LENGTH = 4;

/** The longest message kept; the rest is cut (a response body pasted into an error can be megabytes). */
export const MAX_MESSAGE_LENGTH = 2000;

const credentialPatterns: ReadonlyArray<[RegExp, string]> = [
  // Authorization header values.
  [/\b(Bearer|Basic|Digest)\s+[A-Za-z0-9._~+/-]+=*/gi, `$1 ${MASKED_SECRET}`],
  // user:password@ in a URL.
  [/(\/\/)[^\s/?#@:]+:[^\s/?#@]+@/g, `$1${MASKED_SECRET}@`],
  // password=…, "apiKey": "…", client_secret: …
  [
    /\b(password|passwd|pwd|secret|client[-_]?secret|token|access[-_]?token|api[-_]?key)(["']?\s*[:=]\s*["']?)[^\s"'&,;}]+/gi,
    `$1$2${MASKED_SECRET}`,
  ],
];

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Masks CPR numbers, credential-looking values and each of `secrets` in `text`, and cuts it to
 * {@link MAX_MESSAGE_LENGTH} characters.
 *
 * @example
 * maskSensitiveText('No person 010190-1234 (token=abc123)'); // 'No person [CPR] (token=[secret])'
 */
export function maskSensitiveText(text: string, secrets: Iterable<string> = []): string {
  let masked = text;
  const longestFirst = [...secrets]
    .filter((secret) => secret.length >= MIN_MASKED_SECRET_LENGTH)
    .sort((a, b) => b.length - a.length);
  for (const secret of longestFirst) {
    masked = masked.replace(new RegExp(escapeRegExp(secret), 'g'), MASKED_SECRET);
  }
  for (const [pattern, replacement] of credentialPatterns) masked = masked.replace(pattern, replacement);
  masked = masked.replace(CPR_EVERYWHERE, MASKED_CPR);
  return masked.length > MAX_MESSAGE_LENGTH ? `${masked.slice(0, MAX_MESSAGE_LENGTH)}… (cut)` : masked;
}

const MAX_MASKED_DEPTH = 16;

/**
 * Masks every string inside a JSON-like value (object keys too), for error details. Functions, class instances
 * and anything nested deeper than 16 levels are dropped rather than passed on.
 */
export function maskSensitiveValue(value: unknown, secrets: readonly string[] = [], depth = 0): unknown {
  if (typeof value === 'string') return maskSensitiveText(value, secrets);
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return value;
  if (depth >= MAX_MASKED_DEPTH) return undefined;
  if (Array.isArray(value)) return value.map((item) => maskSensitiveValue(item, secrets, depth + 1) ?? null);
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const entries = Object.entries(value as Record<string, unknown>)
      .map(
        ([key, field]) =>
          [maskSensitiveText(key, secrets), maskSensitiveValue(field, secrets, depth + 1)] as const,
      )
      .filter(([, field]) => field !== undefined);
    return Object.fromEntries(entries);
  }
  return undefined;
}
