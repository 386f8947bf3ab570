import { createHash } from 'node:crypto';
import type { AgentOptions } from 'node:https';
import { PermanentConnectorError } from '../contract/connector-errors.js';
import type { TenantConnectorConfig } from '../tenant/tenant-connector-config.js';
import type { TlsSettings } from './http-settings.js';

/** What an https agent needs to present a function certificate (and trust a private CA). */
export interface TlsCredentials {
  readonly options: Pick<AgentOptions, 'cert' | 'key' | 'pfx' | 'passphrase' | 'ca'>;
  /** A digest of the credentials, so agents are shared while the certificate stays the same and replaced when it changes. */
  readonly fingerprint: string;
}

const PEM_BLOCK = /-----BEGIN [A-Z ]+-----/;

/**
 * Resolves the tenant's certificate settings through its secret references: a PEM certificate and private key
 * (optionally encrypted, with `passphrase`), or a PKCS#12 bundle as base64 — the function certificate (FOCES/OCES3)
 * a municipality holds for KOMBIT's and other systems — and optionally a CA to trust instead of the public ones.
 * Secrets are read per call (cheap: the configuration caches them), so a rotated certificate is picked up.
 */
export async function resolveTlsCredentials(
  config: TenantConnectorConfig,
  tls: TlsSettings,
  settingsPath = 'tls',
): Promise<TlsCredentials> {
  const options: TlsCredentials['options'] & Record<string, unknown> = {};
  const digest = createHash('sha256');
  const read = async (field: string): Promise<string> => {
    const value = await config.secret(`${settingsPath}.${field}`);
    digest.update(field).update('\0').update(value).update('\0');
    return value;
  };
  if ('pkcs12' in tls) {
    const base64 = (await read('pkcs12')).replace(/\s+/g, '');
    if (!/^[A-Za-z0-9+/]+=*$/.test(base64)) {
      throw new PermanentConnectorError(
        `Tenant '${config.tenantId}', connector '${config.connectorId}': ${settingsPath}.pkcs12 must hold the PKCS#12 file as base64 (openssl base64 -A -in certificate.p12)`,
      );
    }
    options.pfx = Buffer.from(base64, 'base64');
  } else if ('certificate' in tls) {
    options.cert = await read('certificate');
    options.key = await read('privateKey');
    for (const field of ['certificate', 'privateKey'] as const) {
      if (!PEM_BLOCK.test(field === 'certificate' ? String(options.cert) : String(options.key))) {
        throw new PermanentConnectorError(
          `Tenant '${config.tenantId}', connector '${config.connectorId}': ${settingsPath}.${field} must hold PEM text (-----BEGIN …-----)`,
        );
      }
    }
  }
  if ('passphrase' in tls && tls.passphrase !== undefined) options.passphrase = await read('passphrase');
  if (tls.ca !== undefined) options.ca = await read('ca');
  return { options, fingerprint: digest.digest('hex') };
}
