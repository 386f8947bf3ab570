import { PermanentConnectorError } from '../contract/connector-errors.js';

/** What the STS answered: the token (a SAML assertion or a JWT, opaque here) and when it expires. */
export interface StsToken {
  readonly token: string;
  readonly expiresAt: Date;
}

/** SF1514's REST variant writes `Lifetime` as `MM/DD/YYYY HH:MM:SS` in UTC; ISO 8601 is accepted too. */
const US_DATE_TIME = /^(\d{2})\/(\d{2})\/(\d{4}) (\d{2}):(\d{2}):(\d{2})$/;

function expiryOf(lifetime: unknown): Date | undefined {
  const text =
    typeof lifetime === 'string'
      ? lifetime
      : typeof lifetime === 'object' && lifetime !== null
        ? (lifetime as { Expires?: unknown }).Expires
        : undefined;
  if (typeof text !== 'string') return undefined;
  const us = US_DATE_TIME.exec(text.trim());
  const date = us
    ? new Date(
        Date.UTC(
          Number(us[3]),
          Number(us[1]) - 1,
          Number(us[2]),
          Number(us[4]),
          Number(us[5]),
          Number(us[6]),
        ),
      )
    : /^\d{4}-\d{2}-\d{2}T/.test(text)
      ? new Date(text)
      : undefined;
  return date && !Number.isNaN(date.getTime()) ? date : undefined;
}

/**
 * Reads the issue answer: `RequestedSecurityToken.Assertion` (or `RequestedSecurityToken.Token` for a JWT) and
 * `Lifetime`. An answer without either cannot be used and retrying will not change it: a permanent failure.
 */
export function stsTokenOf(body: unknown, host: string): StsToken {
  const requested = (body as { RequestedSecurityToken?: unknown } | null)?.RequestedSecurityToken;
  const token =
    typeof requested === 'object' && requested !== null
      ? ((requested as { Assertion?: unknown; Token?: unknown }).Assertion ??
        (requested as { Token?: unknown }).Token)
      : undefined;
  if (typeof token !== 'string' || token === '') {
    throw new PermanentConnectorError(`The STS at ${host} answered no RequestedSecurityToken.Assertion`);
  }
  const expiresAt = expiryOf((body as { Lifetime?: unknown }).Lifetime);
  if (!expiresAt) {
    throw new PermanentConnectorError(
      `The STS at ${host} answered no usable Lifetime (expected MM/DD/YYYY HH:MM:SS or ISO 8601)`,
    );
  }
  return { token, expiresAt };
}
